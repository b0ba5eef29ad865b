import { defineErrors } from './define'

/** 询价: a buyer's inquiry about a product and its supplier's answer (docs/inquiries.md). */
export const InquiryErrors = defineErrors({
  /** No such inquiry, or the caller is neither its buyer nor its supplier (the same answer either way). */
  INQUIRY_NOT_FOUND: { status: 404, message: '询价不存在' },
  /** A supplier's staff asking their own supplier. */
  INQUIRY_OWN_SUPPLIER: { status: 409, message: '不能向自己所在的供应商询价' },
  /** Accepted or closed: nothing more can happen to it. */
  INQUIRY_FINISHED: { status: 409, message: '该询价已结束' },
  /** Accepting before the supplier answered. */
  INQUIRY_NOT_ANSWERED: { status: 409, message: '供应商尚未报价，暂不能接受' },
  /** Answering twice. */
  INQUIRY_ALREADY_ANSWERED: { status: 409, message: '该询价已报价' },
})
