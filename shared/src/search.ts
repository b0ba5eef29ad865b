import { z } from 'zod'
import { type CategoryNode, CategoryRef, ParamDefinition, ProductCard, ProductDetail } from './catalog'
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, PRODUCT_LIMITS, SEARCH_LIMITS as L } from './limits'
import { DIMENSIONS } from './units'

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

// ---- Product page, supplier page, compare (传感搜 2; docs/search.md "Products, suppliers, compare") ----

/** `GET /products/:id/alternatives`: how many (at most PRODUCT_LIMITS.alternatives). */
export const AlternativesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(PRODUCT_LIMITS.alternatives).default(PRODUCT_LIMITS.alternatives),
})
export type AlternativesQuery = z.infer<typeof AlternativesQuery>

/** An alternative: a product card and how far its parameters are from the product's (0: the same). */
export const Alternative = ProductCard.extend({ distance: z.number() })
export type Alternative = z.infer<typeof Alternative>

export const Alternatives = z.object({
  /** Closest first. */
  items: z.array(Alternative),
  /** What an alternative had to match: the category, the spans it must cover and the output values it must share. */
  basis: z.object({
    category: CategoryRef,
    spans: z.array(z.object({ key: z.string(), display: z.string() })),
    outputs: z.array(z.object({ key: z.string(), values: z.array(z.string()) })),
  }),
})
export type Alternatives = z.infer<typeof Alternatives>

/** `ids=1,2,3`: 1 to PRODUCT_LIMITS.compare distinct product ids, in the order to show them. */
export const CompareQuery = z.object({
  ids: z
    .string()
    .trim()
    .max(100)
    .regex(/^\d{1,10}(,\d{1,10})*$/, '写作 ids=1,2,3')
    .transform((v) => v.split(',').map(Number))
    .refine((ids) => ids.length <= PRODUCT_LIMITS.compare, `最多对比 ${PRODUCT_LIMITS.compare} 个产品`)
    .refine((ids) => new Set(ids).size === ids.length, '产品重复')
    .refine((ids) => ids.every((id) => id > 0 && id <= 2_147_483_647), '产品编号无效'),
})
export type CompareQuery = z.infer<typeof CompareQuery>

/** One cell of a compare row: the product's value as shown and converted into the row's unit; null when it has none. */
export const CompareCell = z
  .object({
    /** As the product lists it (`0-1.6MPa`). */
    display: z.string(),
    /** In the row's unit (`0~1,600 kPa` when the row is in kPa), or the enum/text values joined. */
    text: z.string(),
    /** In the row's unit; a single value has min = max; null for enum and text. */
    min: z.number().nullable(),
    max: z.number().nullable(),
  })
  .nullable()
export type CompareCell = z.infer<typeof CompareCell>

export const CompareRow = z.object({
  /** The parameter definition's key: rows are aligned by key, never by label text. */
  key: z.string(),
  kind: z.enum(['number', 'range', 'enum', 'text']),
  dimension: z.enum(DIMENSIONS).nullable(),
  /** The one unit of the row (the definition's display unit), null for enum and text. */
  unit: z.string().nullable(),
  /** One cell per product, in the products' order. */
  cells: z.array(CompareCell),
  /** Not every product has the same value (a missing value differs from any value). */
  differs: z.boolean(),
})
export type CompareRow = z.infer<typeof CompareRow>

export const Comparison = z.object({
  products: z.array(ProductCard),
  rows: z.array(CompareRow),
})
export type Comparison = z.infer<typeof Comparison>

export const SupplierParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) })
export type SupplierParams = z.infer<typeof SupplierParams>

export const SupplierProfile = z.object({
  id: z.number().int(),
  name: z.string(),
  region: z.string(),
  verified: z.boolean(),
  contact: z.string().nullable(),
  /** Products listed. */
  productCount: z.number().int(),
  /** Categories of its products, most products first. */
  categories: z.array(CategoryRef.extend({ count: z.number().int() })),
  /** Filled by the inquiries feature; null while unknown. */
  responseRate: z.number().nullable(),
  medianAnswerMinutes: z.number().nullable(),
  since: z.string().describe('ISO 8601 date-time: listed since'),
})
export type SupplierProfile = z.infer<typeof SupplierProfile>

/** `GET /suppliers/:id/products`: keyset-paged by id; `q` narrows to models or names containing it. */
export const SupplierProductsQuery = z.object({
  q: z.string().trim().max(L.query).default(''),
  category: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  cursor: z.string().max(L.cursor).optional(),
})
export type SupplierProductsQuery = z.infer<typeof SupplierProductsQuery>

export const SupplierProducts = z.object({ items: z.array(ProductCard), nextCursor: z.string().nullable() })
export type SupplierProducts = z.infer<typeof SupplierProducts>

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
