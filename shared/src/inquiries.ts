import { z } from 'zod'
import { Id } from './content'
import { MyListQuery } from './engagement'
import { contactKind, INQUIRY_LIMITS as L } from './limits'

const IsoDate = z.string().describe('ISO 8601 date-time')

/**
 * submitted (the buyer sent it) → answered (the supplier gave a price and lead time) → accepted (the buyer took it);
 * closed: either side ended it while it was submitted or answered. Accepted and closed are final.
 */
export const INQUIRY_STATUSES = ['submitted', 'answered', 'accepted', 'closed'] as const
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number]

/** Who closed an inquiry: its buyer, its supplier, or nobody (the buyer's account was deleted). */
export const INQUIRY_CLOSERS = ['buyer', 'supplier', 'system'] as const
export type InquiryCloser = (typeof INQUIRY_CLOSERS)[number]

/** Today in China (the calendar a deadline is written in), as YYYY-MM-DD. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

const twoDecimals = (v: number) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6

/** A unit price in yuan: positive, at most two decimals. */
const Yuan = z
  .number()
  .positive('价格须大于 0')
  .max(L.priceMax, `价格不能超过 ${L.priceMax} 元`)
  .refine(twoDecimals, '价格最多两位小数')

const Note = z.string().trim().max(L.note, `备注最多 ${L.note} 字`)

/** What a buyer sends from a product page. */
export const InquiryInput = z
  .object({
    quantity: z.number().int('数量须为整数').min(1, '数量至少为 1').max(L.quantityMax, '数量过大'),
    /** The unit price the buyer hopes for, in yuan. */
    targetPrice: Yuan.nullable().optional(),
    /** Answer wanted by this day (YYYY-MM-DD, China time): today at the earliest, at most a year ahead. */
    deadline: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
      .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && addDays(d, 0) === d, '日期无效')
      .refine((d) => d >= chinaToday(), '截止日期不能早于今天')
      .refine((d) => d <= addDays(chinaToday(), L.deadlineDaysMax), '截止日期最多在一年之内')
      .nullable()
      .optional(),
    note: Note.optional(),
    /** A phone number or a WeChat id: shown to the product's supplier only. */
    contact: z
      .string()
      .trim()
      .max(L.contact, '联系方式过长')
      .refine((c) => contactKind(c) !== null, '请填写手机号、座机号或微信号'),
  })
  .strict()
export type InquiryInput = z.infer<typeof InquiryInput>

/** The supplier's answer: unit price (yuan), lead time in days, an optional note. */
export const InquiryAnswerInput = z
  .object({
    price: Yuan,
    leadTimeDays: z.number().int('交期须为整数天').min(0).max(L.leadTimeDaysMax, `交期最多 ${L.leadTimeDaysMax} 天`),
    note: Note.optional(),
  })
  .strict()
export type InquiryAnswerInput = z.infer<typeof InquiryAnswerInput>

export const InquiryParams = z.object({ id: Id })
export type InquiryParams = z.infer<typeof InquiryParams>

export const InquiryListQuery = MyListQuery.extend({
  status: z.enum(INQUIRY_STATUSES).optional(),
})
export type InquiryListQuery = z.infer<typeof InquiryListQuery>

/**
 * One inquiry as one of its two parties sees it (nobody else sees it at all). `contact` is null once the buyer's
 * account is deleted.
 */
export const InquiryView = z.object({
  id: z.number().int(),
  status: z.enum(INQUIRY_STATUSES),
  product: z.object({
    id: z.number().int(),
    model: z.string(),
    name: z.string(),
    brand: z.string(),
  }),
  supplier: z.object({ id: z.number().int(), name: z.string() }),
  /** The buyer's display name (已注销用户 once deleted). */
  buyer: z.object({ name: z.string(), deleted: z.boolean() }),
  quantity: z.number().int(),
  targetPrice: z.number().nullable(),
  deadline: z.string().nullable(),
  note: z.string(),
  contact: z.string().nullable(),
  answer: z
    .object({
      price: z.number(),
      leadTimeDays: z.number().int(),
      note: z.string(),
      answeredAt: IsoDate,
    })
    .nullable(),
  closedBy: z.enum(INQUIRY_CLOSERS).nullable(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
})
export type InquiryView = z.infer<typeof InquiryView>

/** Newest first. */
export const InquiryPage = z.object({
  items: z.array(InquiryView),
  nextCursor: z.string().nullable(),
})
export type InquiryPage = z.infer<typeof InquiryPage>
