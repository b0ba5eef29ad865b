import { COMPOUNDS } from '../dictionary'
import { bigrams, hanRuns, latinTokens, modelKeyOf, normalize } from '../text'
import { Bitset } from './bitset'

/** One typed parameter of a product: a number or span in base units, or one enum/text value. */
export interface DocParam {
  key: string
  dimension?: string | null
  min?: number | null
  max?: number | null
  value?: string | null
}

/** What the engine knows of a product. */
export interface SearchDoc {
  id: number
  model: string
  name: string
  brand: string
  /** The product's category and its ancestors, root first. */
  categoryIds: number[]
  categoryNames: string[]
  params: DocParam[]
  /** Price breaks, ascending quantity, prices in fen. */
  priceBreaks: Array<{ qty: number; price: number }>
  stock: number
  supplierId: number
  region: string
  verified: boolean
  updatedAt: number
}

/** Words of a segmenter (jieba in production; tests may pass a simpler one). */
export type Segment = (text: string) => string[]

/** A numeric or span parameter across all documents: one entry per (document, value). */
interface SpanColumn {
  ordinals: Int32Array
  min: Float64Array
  max: Float64Array
}

/**
 * The embedded engine's index, immutable once built. Documents get ordinals in static-rank order (verified
 * supplier, in stock, priced, parameter-rich, fresh first), so any walk over a posting list or a bitset in ordinal
 * order meets the best documents first and can stop after enough (early-terminating top-k). Terms:
 * `h:` Chinese bigrams of name, brand and category path (recall); `w:` whole words from the segmenter and Latin
 * tokens (scoring, and recall for Latin); `m:` trigrams of the model key (model fragments anywhere in the model);
 * `c:` category and ancestors; `e:key=VALUE` enum values; `r:` supplier region; `s:in` in stock.
 */
export class SearchIndex {
  readonly size: number
  readonly ids: Int32Array
  readonly modelKeys: string[]
  /** Model numbers as listed, for display (suggestions). */
  readonly models: string[]
  readonly names: string[]
  readonly stock: Int32Array
  readonly priceFrom: Float64Array
  readonly updatedAt: Float64Array
  readonly leafCategory: Int32Array
  readonly breakStart: Int32Array
  readonly breakQty: Int32Array
  readonly breakPrice: Int32Array
  /** Ordinals by price ascending (no price last), and by update newest first. */
  readonly byPrice: Int32Array
  readonly byFresh: Int32Array
  private readonly postings = new Map<string, Uint32Array>()
  private readonly spans = new Map<string, SpanColumn>()
  /** Dimension → span parameter keys of that dimension. */
  readonly keysByDimension = new Map<string, string[]>()
  /** Normalised enum value → the keys that have it (`4-20ma` → [输出信号]). */
  readonly enumKeys = new Map<string, Set<string>>()
  readonly modelOrdinal = new Map<string, number[]>()
  private readonly bitsets = new Map<string, Bitset>()

  constructor(docs: SearchDoc[], segment: Segment) {
    const ranked = [...docs].sort((a, b) => staticRank(b) - staticRank(a) || a.id - b.id)
    const n = ranked.length
    this.size = n
    this.ids = new Int32Array(n)
    this.modelKeys = new Array<string>(n)
    this.models = new Array<string>(n)
    this.names = new Array<string>(n)
    this.stock = new Int32Array(n)
    this.priceFrom = new Float64Array(n)
    this.updatedAt = new Float64Array(n)
    this.leafCategory = new Int32Array(n)
    this.breakStart = new Int32Array(n + 1)
    const breakQty: number[] = []
    const breakPrice: number[] = []
    const terms = new Map<string, number[]>()
    const spanLists = new Map<string, { ordinals: number[]; min: number[]; max: number[] }>()
    const post = (term: string, ordinal: number) => {
      const list = terms.get(term)
      if (!list) terms.set(term, [ordinal])
      else if (list[list.length - 1] !== ordinal) list.push(ordinal)
    }

    ranked.forEach((doc, o) => {
      const modelKey = modelKeyOf(doc.model)
      this.ids[o] = doc.id
      this.modelKeys[o] = modelKey
      this.models[o] = doc.model
      this.names[o] = doc.name
      this.stock[o] = doc.stock
      this.updatedAt[o] = doc.updatedAt
      this.leafCategory[o] = doc.categoryIds[doc.categoryIds.length - 1] ?? 0
      this.breakStart[o] = breakQty.length
      let lowest = Infinity
      for (const b of doc.priceBreaks) {
        breakQty.push(b.qty)
        breakPrice.push(b.price)
        lowest = Math.min(lowest, b.price)
      }
      this.priceFrom[o] = Number.isFinite(lowest) ? lowest : NaN
      this.modelOrdinal.set(modelKey, [...(this.modelOrdinal.get(modelKey) ?? []), o])

      const text = [doc.name, doc.brand, ...doc.categoryNames].join(' ')
      for (const term of textTerms(text, segment)) post(term, o)
      for (const term of latinTokens(doc.model)) post(`w:${term}`, o)
      for (const gram of trigrams(modelKey)) post(`m:${gram}`, o)
      for (const id of doc.categoryIds) post(`c:${id}`, o)
      post(`r:${doc.region}`, o)
      if (doc.stock > 0) post('s:in', o)
      for (const p of doc.params) {
        if (p.value != null && p.min == null) {
          const value = normalizeEnum(p.value)
          post(`e:${p.key}=${value}`, o)
          const keys = this.enumKeys.get(value) ?? new Set<string>()
          keys.add(p.key)
          this.enumKeys.set(value, keys)
        } else if (p.min != null || p.max != null) {
          const list = spanLists.get(p.key) ?? { ordinals: [], min: [], max: [] }
          list.ordinals.push(o)
          list.min.push(p.min ?? p.max!)
          list.max.push(p.max ?? p.min!)
          spanLists.set(p.key, list)
          if (p.dimension) {
            const keys = this.keysByDimension.get(p.dimension) ?? []
            if (!keys.includes(p.key)) keys.push(p.key)
            this.keysByDimension.set(p.dimension, keys)
          }
        }
      }
    })
    this.breakStart[n] = breakQty.length
    this.breakQty = Int32Array.from(breakQty)
    this.breakPrice = Int32Array.from(breakPrice)
    for (const [term, list] of terms) this.postings.set(term, Uint32Array.from(list))
    for (const [key, list] of spanLists) {
      this.spans.set(key, {
        ordinals: Int32Array.from(list.ordinals),
        min: Float64Array.from(list.min),
        max: Float64Array.from(list.max),
      })
    }
    const ordinals = Array.from({ length: n }, (_, i) => i)
    this.byPrice = Int32Array.from([...ordinals].sort((a, b) => nanLast(this.priceFrom[a], this.priceFrom[b]) || a - b))
    this.byFresh = Int32Array.from([...ordinals].sort((a, b) => this.updatedAt[b] - this.updatedAt[a] || a - b))
  }

  posting(term: string): Uint32Array | undefined {
    return this.postings.get(term)
  }

  has(term: string): boolean {
    return this.postings.has(term)
  }

  /** Terms starting with a prefix (for suggestions and one-character queries). */
  termsWithPrefix(prefix: string, limit = 200): string[] {
    const out: string[] = []
    for (const term of this.postings.keys()) {
      if (term.startsWith(prefix)) out.push(term)
      if (out.length >= limit) break
    }
    return out
  }

  /** The documents of a term as a bitset; cached, since facets and filters ask for the same ones again. */
  bitset(term: string): Bitset {
    let set = this.bitsets.get(term)
    if (!set) {
      set = Bitset.of(this.size, this.postings.get(term) ?? [])
      if (this.bitsets.size > 2000) this.bitsets.clear()
      this.bitsets.set(term, set)
    }
    return set
  }

  /** Documents with a value of `key` inside or overlapping [min, max] (base units). */
  spanMatches(key: string, min: number, max: number): Bitset {
    const set = new Bitset(this.size)
    const column = this.spans.get(key)
    if (!column) return set
    for (let i = 0; i < column.ordinals.length; i++) {
      if (column.min[i] <= max && min <= column.max[i]) set.add(column.ordinals[i])
    }
    return set
  }

  /** The lowest and highest value of `key` among a set of documents. */
  spanBounds(key: string, within: Bitset): { min: number; max: number } | null {
    const column = this.spans.get(key)
    if (!column) return null
    let min = Infinity
    let max = -Infinity
    for (let i = 0; i < column.ordinals.length; i++) {
      if (!within.has(column.ordinals[i])) continue
      min = Math.min(min, column.min[i])
      max = Math.max(max, column.max[i])
    }
    return Number.isFinite(min) ? { min, max } : null
  }

  /** Unit price in fen when buying `qty` (the break with the largest quantity ≤ qty); NaN without a price. */
  priceAt(ordinal: number, qty: number): number {
    let price = NaN
    for (let i = this.breakStart[ordinal]; i < this.breakStart[ordinal + 1]; i++) {
      if (this.breakQty[i] <= qty || Number.isNaN(price)) price = this.breakPrice[i]
    }
    return price
  }

  enumTerms(key: string): string[] {
    return this.termsWithPrefix(`e:${key}=`, 500)
  }
}

/** Verified, in stock, priced, parameter-rich and recently updated products first. */
export function staticRank(doc: SearchDoc): number {
  const ageDays = Math.max(0, (Date.now() - doc.updatedAt) / 86_400_000)
  return (
    (doc.verified ? 4 : 0) +
    (doc.stock > 0 ? 3 : 0) +
    (doc.priceBreaks.length ? 2 : 0) +
    Math.min(doc.params.length, 8) / 4 +
    1 / (1 + ageDays / 30)
  )
}

const nanLast = (a: number, b: number) => (Number.isNaN(a) ? 1 : 0) - (Number.isNaN(b) ? 1 : 0) || a - b || 0

/** Enum values compared without case, spaces or full-width forms (`4-20MA`, `rs485`, `ip67`). */
export function normalizeEnum(value: string): string {
  return normalize(value).replace(/\s+/g, '').toUpperCase()
}

export function trigrams(key: string): string[] {
  const out = new Set<string>()
  for (let i = 0; i + 3 <= key.length; i++) out.add(key.slice(i, i + 3))
  return [...out]
}

/** Index terms of a text: Chinese bigrams (+ those of the words a compound holds), whole words, Latin tokens. */
export function textTerms(text: string, segment: Segment): Set<string> {
  const terms = new Set<string>()
  for (const run of hanRuns(text)) {
    for (const gram of bigrams(run)) terms.add(`h:${gram}`)
    for (const [compound, parts] of Object.entries(COMPOUNDS)) {
      if (run.includes(compound)) for (const part of parts) for (const g of bigrams(part)) terms.add(`h:${g}`)
    }
  }
  for (const word of segment(text)) {
    const w = normalize(word)
    if (w.length >= 2 && /[\p{Script=Han}a-z0-9]/u.test(w)) terms.add(`w:${w}`)
  }
  for (const token of latinTokens(text)) terms.add(`w:${token}`)
  return terms
}
