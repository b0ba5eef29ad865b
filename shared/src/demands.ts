import { z } from 'zod'
import { CategoryRef, ProductCard, SupplierRef } from './catalog'
import { contactKind, CURSOR_MAX_LENGTH, DEMAND_LIMITS as L, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from './limits'
import { SearchQuery } from './search'

/**
 * 求购: a buyer states a need (a category and parameter constraints written exactly as search filters); it is sent
 * once to every supplier having at least one matching product, who may answer it once. docs/demands.md.
 */

/** The constraints of a demand: search's own filter shapes (`enum` key:value, `range` key:min~max unit, region). */
export const DemandFilters = SearchQuery.pick({ q: true, enum: true, range: true, region: true }).extend({
  category: z.number().int().positive().max(2_147_483_647),
  inStock: z.boolean().default(false),
})
export type DemandFilters = z.infer<typeof DemandFilters>

export const DemandInput = DemandFilters.extend({
  quantity: z.number().int().min(1).max(L.quantity),
  /** ISO 8601 date-time, after now and at most DEMAND_LIMITS.maxDays ahead. */
  deadline: z.iso.datetime({ offset: true }),
  note: z.string().trim().max(L.note).default(''),
  /** Phone or WeChat id: shown to the buyer and to the suppliers the demand was sent to, nobody else. */
  contact: z
    .string()
    .trim()
    .min(1, '请填写联系方式')
    .max(L.contact, '联系方式过长')
    .refine((c) => contactKind(c) !== null, '请填写手机号、座机号或微信号'),
})
export type DemandInput = z.input<typeof DemandInput>

export const DEMAND_STATUSES = ['open', 'closed', 'expired'] as const
export type DemandStatus = (typeof DEMAND_STATUSES)[number]

export const DemandParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) })
export type DemandParams = z.infer<typeof DemandParams>

export const DemandListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  cursor: z.string().max(CURSOR_MAX_LENGTH).optional(),
})
export type DemandListQuery = z.infer<typeof DemandListQuery>

/** What both sides see of a demand. */
export const DemandSummary = z.object({
  id: z.number().int(),
  category: CategoryRef,
  filters: DemandFilters,
  quantity: z.number().int(),
  deadline: z.string(),
  note: z.string(),
  /** open until the deadline or the buyer closes it (expired: the deadline passed). */
  status: z.enum(DEMAND_STATUSES),
  createdAt: z.string(),
})
export type DemandSummary = z.infer<typeof DemandSummary>

/** A supplier's answer. */
export const DemandAnswer = z.object({
  supplier: SupplierRef,
  /** Unit price in yuan; null: not quoted. */
  price: z.number().nullable(),
  note: z.string(),
  at: z.string(),
})
export type DemandAnswer = z.infer<typeof DemandAnswer>

/** The buyer's view: the contact, how many suppliers it was sent to, and the answers. */
export const BuyerDemand = DemandSummary.extend({
  contact: z.string().nullable(),
  matchedSuppliers: z.number().int(),
  answers: z.array(DemandAnswer),
})
export type BuyerDemand = z.infer<typeof BuyerDemand>

export const BuyerDemandPage = z.object({ items: z.array(BuyerDemand), nextCursor: z.string().nullable() })
export type BuyerDemandPage = z.infer<typeof BuyerDemandPage>

export const DemandProductsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  cursor: z.string().max(CURSOR_MAX_LENGTH).optional(),
})
export type DemandProductsQuery = z.infer<typeof DemandProductsQuery>

/** The products matching a demand now, ranked as search ranks them. */
export const DemandProducts = z.object({
  items: z.array(ProductCard),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
})
export type DemandProducts = z.infer<typeof DemandProducts>

/** A matched supplier's view: the buyer's contact and its own answer (never another supplier's). */
export const SupplierDemand = DemandSummary.extend({
  contact: z.string().nullable(),
  sentAt: z.string(),
  answer: DemandAnswer.omit({ supplier: true }).nullable(),
})
export type SupplierDemand = z.infer<typeof SupplierDemand>

export const SupplierDemandPage = z.object({ items: z.array(SupplierDemand), nextCursor: z.string().nullable() })
export type SupplierDemandPage = z.infer<typeof SupplierDemandPage>

export const DemandAnswerInput = z.object({
  note: z.string().trim().min(1).max(L.note),
  /** Unit price in yuan, optional. */
  price: z.number().min(0).max(L.price).optional(),
})
export type DemandAnswerInput = z.infer<typeof DemandAnswerInput>
