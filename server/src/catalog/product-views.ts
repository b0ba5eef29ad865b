import type { CategoryRef, ProductCard, ProductDetail, ProductParamView } from '@chuangan/shared'
import type { Product, ProductParam, Supplier } from './catalog.entity'
import type { StoredParamDef } from './taxonomy.service'

/** How many parameters a card shows. */
const KEY_PARAMS = 3

/** A category as the views need it: its ref and every parameter definition it has, ancestors' first. */
export interface CategoryForView extends CategoryRef {
  params: StoredParamDef[]
}

const yuan = (fen: number | null): number | null => (fen === null ? null : fen / 100)

/** A JSON column's value, or the fallback when it does not parse. */
function parsed<T>(json: string, fallback: T): T {
  try {
    return JSON.parse(json) as T
  } catch {
    return fallback
  }
}

const displayed = (product: Product) => parsed<Record<string, string>>(product.params, {})

/** A product in a list: the first facetable parameters it has, in the category's order, as shown. */
export function productCard(product: Product, category: CategoryForView, supplier: Supplier): ProductCard {
  const shown = displayed(product)
  const keyParams = category.params
    .filter((def) => def.facetable && shown[def.key] !== undefined)
    .slice(0, KEY_PARAMS)
    .map((def) => shown[def.key])
  return {
    id: product.id,
    model: product.model,
    name: product.name,
    brand: product.brand,
    category: { id: category.id, name: category.name, path: category.path },
    keyParams,
    priceFrom: yuan(product.priceFrom),
    stock: product.stock,
    moq: product.moq,
    leadTimeDays: product.leadTimeDays,
    supplier: { id: supplier.id, name: supplier.name, region: supplier.region, verified: Boolean(supplier.verified) },
    updatedAt: product.updatedAt.toISOString(),
  }
}

/** A product's page: everything, each parameter as shown and normalised (defined ones first, in order). */
export function productDetail(
  product: Product,
  category: CategoryForView,
  supplier: Supplier,
  rows: ProductParam[],
): ProductDetail {
  const shown = displayed(product)
  const defs = new Map(category.params.map((d) => [d.key, d]))
  const keys = [
    ...category.params.map((d) => d.key).filter((k) => shown[k] !== undefined),
    ...Object.keys(shown).filter((k) => !defs.has(k)),
  ]
  const params: ProductParamView[] = keys.map((key) => {
    const def = defs.get(key)
    const own = rows.filter((r) => r.key === key).sort((a, b) => a.seq - b.seq)
    const span = own.find((r) => r.min !== null || r.max !== null)
    return {
      key,
      kind: def?.kind ?? 'text',
      display: shown[key],
      dimension: def?.dimension ?? null,
      min: span ? Number(span.min) : null,
      max: span ? Number(span.max) : null,
      values: own.filter((r) => r.value !== null).map((r) => r.value!),
    }
  })
  const breaks = parsed<Array<{ qty: number; price: number }>>(product.priceBreaks, []).map((b) => ({
    qty: b.qty,
    price: b.price / 100,
  }))
  const images = parsed<string[]>(product.images, [])
  return {
    ...productCard(product, category, supplier),
    description: product.description,
    datasheetUrl: product.datasheetUrl,
    images,
    priceBreaks: breaks,
    params,
    supplier: {
      id: supplier.id,
      name: supplier.name,
      region: supplier.region,
      verified: Boolean(supplier.verified),
      contact: supplier.contact,
      ...responseFigures(supplier),
    },
  }
}

/**
 * A supplier's 询价 figures for its card: the share of inquiries received that were answered, and the median minutes
 * to an answer (kept on the supplier row by inquiries/). Null while no inquiry has been received (or answered).
 */
export function responseFigures(supplier: Pick<Supplier, 'inquiryCount' | 'answeredCount' | 'medianAnswerMinutes'>): {
  responseRate: number | null
  medianAnswerMinutes: number | null
} {
  const received = Number(supplier.inquiryCount ?? 0)
  return {
    responseRate: received > 0 ? Math.min(1, Number(supplier.answeredCount ?? 0) / received) : null,
    medianAnswerMinutes: supplier.medianAnswerMinutes == null ? null : Number(supplier.medianAnswerMinutes),
  }
}
