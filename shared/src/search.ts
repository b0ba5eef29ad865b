import { z } from 'zod'
import { type CategoryNode, CategoryRef, ParamDefinition, ProductCard, ProductDetail } from './catalog'
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, SEARCH_LIMITS as L } from './limits'

/**
 * 传感搜's API contract: one results shape whichever engine answers (embedded or PostgreSQL). docs/search.md tells
 * how a query is understood; docs/architecture.md why search pages by offset rather than by keyset.
 */

/** A query-string value that may be given once or repeated (`enum=a&enum=b`). */
const many = (item: z.ZodString) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(L.filters)).default([])

const flag = z
  .enum(['1', '0', 'true', 'false'])
  .transform((v) => v === '1' || v === 'true')
  .optional()

export const SEARCH_SORTS = ['relevance', 'price', 'fresh'] as const
export type SearchSort = (typeof SEARCH_SORTS)[number]

/**
 * `GET /search`. Filters beside the words:
 * - `category`: a category id, with its descendants;
 * - `enum`: `key:value`, repeatable; values of one key are alternatives (`enum=输出信号:4-20mA&enum=输出信号:RS485`);
 * - `range`: `key:min~max unit`, either end may be left out (`量程:0~10bar`, `量程:~1.6MPa`, `测温范围:-40~℃`); without a
 *   unit the parameter's own display unit. A product matches a value its range covers, and a range it overlaps;
 * - `region`: supplier region, repeatable; `inStock=1`; `priceMax` (yuan, a piece) at `qty` pieces (1 by default).
 */
export const SearchQuery = z.object({
  q: z.string().trim().max(L.query).default(''),
  category: z.coerce.number().int().positive().optional(),
  enum: many(
    z
      .string()
      .trim()
      .min(3)
      .max(L.filter)
      .regex(/^[^:]+:.+$/, '写作 参数:取值'),
  ),
  range: many(
    z
      .string()
      .trim()
      .min(3)
      .max(L.filter)
      .regex(/^[^:]+:.*~.*$/, '写作 参数:最小~最大 单位'),
  ),
  region: many(z.string().trim().min(1).max(L.filter)),
  inStock: flag,
  priceMax: z.coerce.number().min(0).max(10_000_000).optional(),
  qty: z.coerce.number().int().min(1).max(1_000_000_000).optional(),
  sort: z.enum(SEARCH_SORTS).default('relevance'),
  /** Leave out facet counts (the next pages of a list need none). */
  facets: flag,
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  cursor: z.string().max(L.cursor).optional(),
})
export type SearchQuery = z.infer<typeof SearchQuery>
export type SearchQueryInput = z.input<typeof SearchQuery>

/** A facet of enum values (counted without its own filter, with every other). */
export const EnumFacet = z.object({
  key: z.string(),
  kind: z.literal('enum'),
  values: z.array(z.object({ value: z.string(), count: z.number().int() })),
})
/** The span of a numeric parameter among the matches, in its display unit. */
export const RangeFacet = z.object({
  key: z.string(),
  kind: z.literal('range'),
  unit: z.string().nullable(),
  min: z.number(),
  max: z.number(),
})
export const SearchFacets = z.object({
  categories: z.array(CategoryRef.extend({ count: z.number().int() })),
  params: z.array(z.discriminatedUnion('kind', [EnumFacet, RangeFacet])),
  regions: z.array(z.object({ value: z.string(), count: z.number().int() })),
  inStock: z.number().int(),
})
export type SearchFacets = z.infer<typeof SearchFacets>

/** One thing the query was understood to ask for, shown as a chip (`量程 覆盖 10bar`, `型号含 5010`). */
export const Understood = z.object({
  kind: z.enum(['word', 'model', 'fuzzyModel', 'quantity', 'enum', 'ip']),
  text: z.string(),
  label: z.string(),
})
export type Understood = z.infer<typeof Understood>

export const SearchResult = z.object({
  items: z.array(ProductCard),
  /** Every match, not only this page. */
  total: z.number().int(),
  nextCursor: z.string().nullable(),
  understood: z.array(Understood),
  /** Null when asked without (`facets=0`). */
  facets: SearchFacets.nullable(),
  /** With no match: a broader query (the words alone, without the parameters written in it) and the nearest category. */
  hint: z.object({ broaderQuery: z.string().nullable(), category: CategoryRef.nullable() }).nullable(),
  engine: z.enum(['embedded', 'postgres']),
})
export type SearchResult = z.infer<typeof SearchResult>

export const SuggestQuery = z.object({ q: z.string().trim().max(L.query).default('') })
export type SuggestQuery = z.infer<typeof SuggestQuery>
export const Suggestion = z.object({
  kind: z.enum(['model', 'word', 'category']),
  text: z.string(),
  /** A category's id. */
  id: z.number().int().optional(),
})
export type Suggestion = z.infer<typeof Suggestion>
export const Suggestions = z.object({ items: z.array(Suggestion).max(L.suggestions) })
export type Suggestions = z.infer<typeof Suggestions>

export const HotSearches = z.object({ items: z.array(z.string()) })
export type HotSearches = z.infer<typeof HotSearches>

/** The category tree with each category's products (its descendants' included). */
export type CategoryTreeNode = Omit<CategoryNode, 'children'> & { count: number; children: CategoryTreeNode[] }
export const CategoryTreeNode: z.ZodType<CategoryTreeNode> = z.lazy(() =>
  CategoryRef.extend({
    params: z.array(ParamDefinition),
    count: z.number().int(),
    children: z.array(CategoryTreeNode),
  }),
)
export const CategoryTree = z.object({ items: z.array(CategoryTreeNode) })
export type CategoryTree = z.infer<typeof CategoryTree>

export const ProductParams = z.object({ id: z.coerce.number().int().positive() })
export type ProductParams = z.infer<typeof ProductParams>
export { ProductDetail }

/** `key:min~max unit` of a range filter, parsed (no unit: the parameter's display unit). */
export function parseRangeFilter(
  text: string,
): { key: string; min: number | null; max: number | null; unit: string | null } | null {
  const m = /^([^:]+):\s*(-?\d+(?:\.\d+)?)?\s*~\s*(-?\d+(?:\.\d+)?)?\s*(\S.*)?$/.exec(text.trim())
  if (!m || (m[2] === undefined && m[3] === undefined)) return null
  return {
    key: m[1].trim(),
    min: m[2] === undefined ? null : Number(m[2]),
    max: m[3] === undefined ? null : Number(m[3]),
    unit: m[4]?.trim() || null,
  }
}

/** A range filter as the query string writes it. */
export function formatRangeFilter(key: string, min: number | null, max: number | null, unit: string | null): string {
  return `${key}:${min ?? ''}~${max ?? ''}${unit ?? ''}`
}
