import { z } from 'zod'
import { CATALOG_LIMITS as L } from './limits'
import { DIMENSIONS } from './units'

/**
 * The sensor catalogue (传感搜): one import record (JSON, JSON Lines and CSV all become this shape), and the wire
 * types of categories and products that search and the mini-program show. docs/search.md describes every field.
 */

export const PARAM_KINDS = ['number', 'range', 'enum', 'text'] as const
export type ParamKind = (typeof PARAM_KINDS)[number]

/** A model number as compared: letters and digits only, upper case (`LJ12A3-4-Z/BX` → `LJ12A34ZBX`). */
export function modelKeyOf(model: string): string {
  return model
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase()
}

/**
 * A parameter as a record writes it: `"0-1.6MPa"`, `"10bar"`, `"IP67"`, a bare number (in the parameter's display
 * unit), `{ min, max, unit }`, `{ value, unit }`, or a list of enum values. The unit is optional in the objects (the
 * display unit then); an enum string may list values separated by `|`.
 */
export const ParamValue = z.union(
  [
    z.string().trim().min(1),
    z.number(),
    z.strictObject({ min: z.number(), max: z.number(), unit: z.string().trim().min(1).optional() }),
    z.strictObject({ value: z.number(), unit: z.string().trim().min(1).optional() }),
    z.array(z.string().trim().min(1)).min(1),
  ],
  { error: 'must be a string, a number, {min, max, unit}, {value, unit} or a list of strings' },
)
export type ParamValue = z.infer<typeof ParamValue>

/** One quantity break: from `qty` pieces on, `price` yuan a piece (kept to the fen). */
export const PriceBreak = z.strictObject({
  qty: z.number().int().min(1).max(L.quantity),
  price: z.number().min(0).max(L.price),
})
export type PriceBreak = z.infer<typeof PriceBreak>

const HttpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(L.url)
const text = (max: number) => z.string().trim().min(1).max(max)

/** One product of an import file. (supplier, model) is its identity: importing it again updates it. */
export const ImportRecord = z.strictObject({
  supplier: text(L.supplierName),
  supplierRegion: text(L.supplierRegion),
  /** Absent: a new supplier is not verified, an existing one keeps its badge. */
  supplierVerified: z.boolean().optional(),
  supplierContact: z.string().trim().max(L.supplierContact).optional(),
  model: text(L.model).refine((m) => modelKeyOf(m).length > 0, 'must hold a letter or a digit'),
  name: text(L.productName),
  brand: z.string().trim().max(L.brand).default(''),
  /** A category path of the taxonomy, names joined by `/`: `压力传感器/压力变送器`. */
  category: text(L.categoryPath),
  params: z.record(text(L.paramKey), ParamValue).default({}),
  priceBreaks: z
    .array(PriceBreak)
    .max(L.priceBreaks)
    .default([])
    .refine((breaks) => new Set(breaks.map((b) => b.qty)).size === breaks.length, 'two breaks have the same qty'),
  moq: z.number().int().min(1).max(L.quantity).default(1),
  stock: z.number().int().min(0).max(L.quantity).default(0),
  leadTimeDays: z.number().int().min(0).max(L.leadTimeDays).nullable().default(null),
  description: z.string().trim().max(L.description).default(''),
  datasheetUrl: HttpUrl.nullable().default(null),
  images: z.array(HttpUrl).max(L.images).default([]),
})
/** A record as written (defaults optional) and as validated. */
export type ImportRecordInput = z.input<typeof ImportRecord>
export type ImportRecord = z.output<typeof ImportRecord>

export const IMPORT_FORMATS = ['json', 'jsonl', 'csv'] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

/** A record that did not import: its line in the file (1-based; a CSV row's first line) and why. */
export const ImportFailure = z.object({ line: z.number().int(), reason: z.string() })
export type ImportFailure = z.infer<typeof ImportFailure>

export const ImportSummary = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  failed: z.array(ImportFailure),
})
export type ImportSummary = z.infer<typeof ImportSummary>

// ---- Wire types (the search side answers with these) ----

export const ParamDefinition = z.object({
  key: z.string(),
  kind: z.enum(PARAM_KINDS),
  /** The unit dimension of a number or range (values in its base unit), null for dimensionless ones. */
  dimension: z.enum(DIMENSIONS).nullable(),
  /** The unit values are shown in (`MPa`, `%FS`), null for enum and text. */
  unit: z.string().nullable(),
  facetable: z.boolean(),
})
export type ParamDefinition = z.infer<typeof ParamDefinition>

export const CategoryRef = z.object({ id: z.number().int(), name: z.string(), path: z.string() })
export type CategoryRef = z.infer<typeof CategoryRef>

/** A node of the category tree with its own parameter definitions (a product also has its ancestors'). */
export type CategoryNode = CategoryRef & { params: ParamDefinition[]; children: CategoryNode[] }
export const CategoryNode: z.ZodType<CategoryNode> = z.lazy(() =>
  CategoryRef.extend({ params: z.array(ParamDefinition), children: z.array(CategoryNode) }),
)

export const SupplierRef = z.object({
  id: z.number().int(),
  name: z.string(),
  region: z.string(),
  verified: z.boolean(),
})
export type SupplierRef = z.infer<typeof SupplierRef>

/** A product in a list. */
export const ProductCard = z.object({
  id: z.number().int(),
  model: z.string(),
  name: z.string(),
  brand: z.string(),
  category: CategoryRef,
  /** A few parameters to show on the card, as display strings (`0-1.6MPa`, `4-20mA`, `IP67`). */
  keyParams: z.array(z.string()),
  /** The lowest unit price of any break, in yuan; null when the supplier gives no price (询价). */
  priceFrom: z.number().nullable(),
  stock: z.number().int(),
  moq: z.number().int(),
  leadTimeDays: z.number().int().nullable(),
  supplier: SupplierRef,
  updatedAt: z.string().describe('ISO 8601 date-time'),
})
export type ProductCard = z.infer<typeof ProductCard>

/** One parameter of a product: as shown, and normalised (base units, or the enum/text values). */
export const ProductParamView = z.object({
  key: z.string(),
  kind: z.enum(PARAM_KINDS),
  display: z.string(),
  dimension: z.enum(DIMENSIONS).nullable(),
  /** In the dimension's base unit (shared/src/units.ts BASE_UNIT); a single value has min = max. */
  min: z.number().nullable(),
  max: z.number().nullable(),
  values: z.array(z.string()),
})
export type ProductParamView = z.infer<typeof ProductParamView>

export const ProductDetail = ProductCard.extend({
  description: z.string(),
  datasheetUrl: z.string().nullable(),
  images: z.array(z.string()),
  /** Ascending quantity; price in yuan. */
  priceBreaks: z.array(z.object({ qty: z.number().int(), price: z.number() })),
  params: z.array(ProductParamView),
  supplier: SupplierRef.extend({
    contact: z.string().nullable(),
    /** Share of inquiries answered (0–1): filled by the inquiries feature; null while unknown (shown as nothing). */
    responseRate: z.number().nullable(),
    /** Median time to a first answer, in minutes; null while unknown. */
    medianAnswerMinutes: z.number().nullable(),
  }),
})
export type ProductDetail = z.infer<typeof ProductDetail>
