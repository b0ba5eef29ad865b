import type { InquiryStatus, InquiryView } from '@chuangan/shared'

/** The badge of each state, as the buyer reads it. */
export const INQUIRY_STATUS_LABEL: Record<InquiryStatus, string> = {
  submitted: '待报价',
  answered: '已报价',
  accepted: '已接受',
  closed: '已关闭',
}

/** Yuan with two decimals (¥12.50). */
export const yuan = (value: number) => `¥${value.toFixed(2)}`

/** Where a finished inquiry ended (who closed it), for the detail page; null while it is open. */
export function closedLine(inquiry: Pick<InquiryView, 'status' | 'closedBy'>): string | null {
  if (inquiry.status === 'accepted') return '你已接受该报价，请与供应商联系下单'
  if (inquiry.status !== 'closed') return null
  if (inquiry.closedBy === 'buyer') return '你已关闭该询价'
  if (inquiry.closedBy === 'supplier') return '供应商已关闭该询价'
  return '该询价已关闭'
}
