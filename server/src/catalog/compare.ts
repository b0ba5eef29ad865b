import { fromBase, type Comparison, type CompareCell, type CompareRow, type ProductDetail } from '@chuangan/shared'
import type { StoredParamDef } from './taxonomy.service'

/** A number as a row shows it: at most 6 significant digits, no trailing zeros, thousands not grouped. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  return String(Number(value.toPrecision(6)))
}

/** A cell's identity for "do these differ": numbers rounded so that unit conversions do not invent a difference. */
function sameness(cell: CompareCell): string {
  if (!cell) return '∅'
  if (cell.min !== null && cell.max !== null) return `${cell.min.toPrecision(9)}:${cell.max.toPrecision(9)}`
  return cell.text
}

/**
 * Products side by side: one row per parameter key any of them has (the first product's order, then keys only later
 * ones have), each row in its definition's display unit (a key means one thing everywhere, so one definition per
 * key), numbers converted from the stored base units; `differs` when not every product has the same value.
 */
export function compareProducts(
  products: ProductDetail[],
  defs: (key: string) => StoredParamDef | undefined,
): Comparison {
  const keys: string[] = []
  for (const product of products) for (const p of product.params) if (!keys.includes(p.key)) keys.push(p.key)
  const rows: CompareRow[] = keys.map((key) => {
    const def = defs(key)
    const first = products.flatMap((p) => p.params).find((p) => p.key === key)!
    const kind = def?.kind ?? first.kind
    const dimension = (def?.dimension ?? first.dimension ?? null) as CompareRow['dimension']
    const numeric = kind === 'number' || kind === 'range'
    const unit = numeric ? (def?.unit ?? null) : null
    const cells: CompareCell[] = products.map((product) => {
      const param = product.params.find((p) => p.key === key)
      if (!param) return null
      if (numeric && param.min !== null && param.max !== null) {
        const convert = (v: number) => (dimension && unit ? (fromBase(v, unit, dimension) ?? v) : v)
        const min = convert(param.min)
        const max = convert(param.max)
        const span = min === max ? formatNumber(min) : `${formatNumber(min)}~${formatNumber(max)}`
        return { display: param.display, text: unit ? `${span} ${unit}` : span, min, max }
      }
      const text = param.values.length ? param.values.join(' / ') : param.display
      return { display: param.display, text, min: null, max: null }
    })
    const differs = new Set(cells.map(sameness)).size > 1
    return { key, kind, dimension, unit, cells, differs }
  })
  return {
    products: products.map(
      ({ description: _d, datasheetUrl: _u, images: _i, priceBreaks: _b, params: _p, supplier, ...card }) => ({
        ...card,
        supplier: { id: supplier.id, name: supplier.name, region: supplier.region, verified: supplier.verified },
      }),
    ),
    rows,
  }
}
