import { contactKind, INQUIRY_LIMITS as L } from '@chuangan/shared/limits'

/** What the 询价 form holds, as typed. */
export interface InquiryForm {
  quantity: string
  targetPrice: string
  deadline: string
  note: string
  contact: string
}

export type FormErrors = Partial<Record<keyof InquiryForm, string>>

/** Today in China as YYYY-MM-DD (the calendar the deadline is written in). */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
}

/**
 * Checks the form with the contract's limits before asking (the server checks again): each field's message, in
 * Chinese, or nothing. Answers the body to send when the form is fine.
 */
export function validate(
  form: InquiryForm,
  now = new Date(),
): {
  errors: FormErrors
  body: { quantity: number; targetPrice?: number; deadline?: string; note?: string; contact: string } | null
} {
  const errors: FormErrors = {}
  const quantity = Number(form.quantity)
  if (!/^\d+$/.test(form.quantity.trim()) || quantity < 1) errors.quantity = '请填写采购数量（正整数）'
  else if (quantity > L.quantityMax) errors.quantity = '数量过大'
  const price = form.targetPrice.trim()
  if (price && (!/^\d+(\.\d{1,2})?$/.test(price) || Number(price) <= 0)) {
    errors.targetPrice = '目标单价须大于 0，最多两位小数'
  } else if (price && Number(price) > L.priceMax) errors.targetPrice = `目标单价不能超过 ${L.priceMax} 元`
  if (form.deadline && form.deadline < chinaToday(now)) errors.deadline = '截止日期不能早于今天'
  if (form.note.trim().length > L.note) errors.note = `备注最多 ${L.note} 字`
  const contact = form.contact.replace(/\s+/g, '')
  if (!contact) errors.contact = '请填写联系方式'
  else if (contact.length > L.contact || contactKind(contact) === null) errors.contact = '请填写手机号、座机号或微信号'
  if (Object.keys(errors).length) return { errors, body: null }
  return {
    errors,
    body: {
      quantity,
      ...(price ? { targetPrice: Number(price) } : {}),
      ...(form.deadline ? { deadline: form.deadline } : {}),
      ...(form.note.trim() ? { note: form.note.trim() } : {}),
      contact,
    },
  }
}
