import { Injectable } from '@nestjs/common'
import {
  BASE_UNIT,
  PRODUCT_LIMITS,
  formatRangeFilter,
  type Alternative,
  type Alternatives,
  type ProductDetail,
  type ProductParamView,
  type SearchQuery,
} from '@chuangan/shared'
import type { ProductParam } from '../catalog/catalog.entity'
import { ProductsService } from '../catalog/products.service'
import { SearchService } from './search.service'

/** A range parameter that is a rating rather than a measuring span: an alternative need not cover it. */
const NOT_A_SPAN = new Set(['供电电压'])
/** Weights of the closeness score (0: the same parameters). */
const WEIGHT = { span: 1, output: 0.5, other: 0.25, missing: 0.25 }
/** How many results a search page gives (the API's maximum). */
const PAGE = 50

/** A number as a range filter writes it (no exponent, which the filter grammar does not read). */
const plain = (value: number) => String(Number(value.toFixed(6)))
const upper = (values: string[]) => new Set(values.map((v) => v.toUpperCase()))

interface Requirements {
  spans: ProductParamView[]
  outputs: ProductParamView[]
}

/** What an alternative must match: spans (range parameters with a unit that are facets) and output values. */
function requirements(product: ProductDetail, defs: Map<string, { kind: string; facetable: boolean }>): Requirements {
  const spans = product.params.filter(
    (p) =>
      p.kind === 'range' &&
      p.dimension !== null &&
      p.min !== null &&
      p.max !== null &&
      defs.get(p.key)?.facetable === true &&
      !NOT_A_SPAN.has(p.key),
  )
  const outputs = product.params.filter((p) => p.kind === 'enum' && p.key.startsWith('输出') && p.values.length)
  return { spans, outputs }
}

/** Whether a candidate's typed rows cover every span and share an output value of each output parameter. */
function compatible(rows: ProductParam[], need: Requirements): boolean {
  const eps = (v: number) => Math.max(Math.abs(v) * 1e-9, 1e-9)
  for (const span of need.spans) {
    const row = rows.find((r) => r.key === span.key && r.min !== null && r.max !== null)
    if (!row) return false
    if (Number(row.min) > span.min! + eps(span.min!) || Number(row.max) < span.max! - eps(span.max!)) return false
  }
  for (const output of need.outputs) {
    const wanted = upper(output.values)
    if (!rows.some((r) => r.key === output.key && r.value !== null && wanted.has(r.value.toUpperCase()))) return false
  }
  return true
}

const jaccard = (a: Set<string>, b: Set<string>) => {
  const union = new Set([...a, ...b])
  return union.size ? [...a].filter((v) => b.has(v)).length / union.size : 1
}

/**
 * How far a compatible candidate is from the product: the excess of each span over the product's (relative to its
 * width), how many output values differ, and for the other parameters the product has, the relative difference of
 * numbers, the share of enum values not in common, and a flat cost for one the candidate lacks.
 */
function distance(product: ProductDetail, rows: ProductParam[], need: Requirements): number {
  let d = 0
  const spanKeys = new Set(need.spans.map((s) => s.key))
  for (const span of need.spans) {
    const row = rows.find((r) => r.key === span.key && r.min !== null)!
    const width = Math.max(span.max! - span.min!, Math.abs(span.max!), 1e-9)
    d += (WEIGHT.span * (Math.max(0, span.min! - Number(row.min)) + Math.max(0, Number(row.max) - span.max!))) / width
  }
  for (const output of need.outputs) {
    const theirs = upper(rows.filter((r) => r.key === output.key && r.value !== null).map((r) => r.value!))
    d += WEIGHT.output * (1 - jaccard(upper(output.values), theirs))
  }
  const outputKeys = new Set(need.outputs.map((o) => o.key))
  for (const param of product.params) {
    if (spanKeys.has(param.key) || outputKeys.has(param.key) || param.kind === 'text') continue
    const own = rows.filter((r) => r.key === param.key)
    if (!own.length) {
      d += WEIGHT.missing
      continue
    }
    if (param.min !== null && param.max !== null) {
      const row = own.find((r) => r.min !== null && r.max !== null)
      if (!row) {
        d += WEIGHT.missing
        continue
      }
      const [a, b, c, e] = [param.min, param.max, Number(row.min), Number(row.max)]
      const scale = Math.max(Math.abs(a), Math.abs(b), Math.abs(c), Math.abs(e), 1e-9)
      d += (WEIGHT.other * (Math.abs(a - c) + Math.abs(b - e))) / (2 * scale)
    } else if (param.values.length) {
      const theirs = upper(own.filter((r) => r.value !== null).map((r) => r.value!))
      d += WEIGHT.other * (1 - jaccard(upper(param.values), theirs))
    }
  }
  return Math.round(d * 10_000) / 10_000
}

/**
 * Alternatives to a product (docs/search.md, "Alternatives"): candidates from the search service — the product's
 * category, its spans as range filters (overlap), its output values as enum filters — then kept when their spans
 * cover the product's and ranked by closeness of all parameters.
 */
@Injectable()
export class AlternativesService {
  constructor(
    private readonly search: SearchService,
    private readonly products: ProductsService,
  ) {}

  async of(id: number, limit: number): Promise<Alternatives> {
    const product = await this.products.detail(id)
    const categories = await this.products.categoriesById()
    const defs = new Map((categories.get(product.category.id)?.params ?? []).map((d) => [d.key, d]))
    const need = requirements(product, defs)

    const candidates: Array<{ card: Alternative; order: number }> = []
    let cursor: string | undefined
    const ids: number[] = []
    const cards = new Map<number, Omit<Alternative, 'distance'>>()
    do {
      const query: SearchQuery = {
        q: '',
        category: product.category.id,
        enum: need.outputs.flatMap((o) => o.values.map((v) => `${o.key}:${v}`)),
        range: need.spans.map((s) =>
          formatRangeFilter(s.key, Number(plain(s.min!)), Number(plain(s.max!)), BASE_UNIT[s.dimension!]),
        ),
        region: [],
        sort: 'relevance',
        facets: false,
        limit: PAGE,
        cursor,
      }
      const page = await this.search.search(query)
      for (const card of page.items) {
        if (card.id === id || cards.has(card.id)) continue
        cards.set(card.id, card)
        ids.push(card.id)
      }
      cursor = page.nextCursor ?? undefined
    } while (cursor && ids.length < PRODUCT_LIMITS.alternativeCandidates)

    const rows = await this.products.paramRows(ids)
    ids.forEach((candidate, order) => {
      const own = rows.get(candidate) ?? []
      if (!compatible(own, need)) return
      candidates.push({ card: { ...cards.get(candidate)!, distance: distance(product, own, need) }, order })
    })
    candidates.sort((a, b) => a.card.distance - b.card.distance || a.order - b.order)
    return {
      items: candidates.slice(0, limit).map((c) => c.card),
      basis: {
        category: product.category,
        spans: need.spans.map((s) => ({ key: s.key, display: s.display })),
        outputs: need.outputs.map((o) => ({ key: o.key, values: o.values })),
      },
    }
  }
}
