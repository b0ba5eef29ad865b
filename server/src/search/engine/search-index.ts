import { COMPOUNDS } from '../dictionary'
import { facetBound } from '../search-engine'
import { bigrams, hanRuns, latinTokens, looksLikeModel, modelKeyOf, normalize } from '../text'
import { Bitset } from './bitset'
import { contains, lowerBound, partitionPoint, upperBound } from './sorted'

/** Arrays smaller than this are copied with the message rather than transferred (a transfer has its own cost). */
const TRANSFER_FROM = 4096

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

/** A numeric or span parameter across all documents: one entry per (document, value), in ordinal order. */
interface SpanColumn {
  ordinals: Int32Array
  /**
   * Values in single precision (most are exact in it: 0–1.6 MPa is 0–1600 kPa). Values that are not (3.3 V) are
   * rounded to the nearest single, and so are a query's bounds before they are compared: rounding keeps order, so
   * nothing that matches is missed; two values closer than one part in 2^24 compare equal. Stored as 16-bit codes
   * into `values` (the key's distinct values, ascending, so codes compare as their values do) when the key has at
   * most 65,536 distinct values — a catalogue's parameters repeat a few standard values — else as the values.
   */
  min: Uint16Array | Float32Array
  max: Uint16Array | Float32Array
  values: Float32Array | null
  /**
   * Entries by category lineage, then by `min` ascending (`byMin`) or `max` descending (`byMax`); `lineageStart[l]`
   * is where lineage l's run starts in both. A facet's bounds are, per lineage holding matches, the first entries of
   * its runs that are in the set: a few steps each, since a category's matches are usually a good share of it.
   * Only for keys whose bounds are faceted (the builder's `boundKeys`); others are never asked for bounds, and
   * answer by binary search or one walk if they are.
   */
  byMin: Uint32Array | null
  byMax: Uint32Array | null
  lineageStart: Int32Array
}

/**
 * A term's documents: ascending ordinals while the term is sparse, a bitset once it matches at least one document
 * in 32 (then the bitset is the smaller of the two). Dense terms — 传感器's bigrams, categories, regions, common
 * enum values — are therefore bitsets held for the life of the index: no query ever rebuilds one.
 */
export type Postings = Uint32Array | Bitset

/** Strings of one kind for every ordinal, packed in one buffer (1,000,000 model numbers: ≈ 12 MB, not ≈ 40 MB). */
class PackedStrings {
  constructor(
    private readonly buffer: Buffer,
    private readonly offsets: Uint32Array,
    private readonly encoding: 'latin1' | 'utf8',
  ) {}

  static of(values: string[], encoding: 'latin1' | 'utf8'): PackedStrings {
    const offsets = new Uint32Array(values.length + 1)
    let bytes = 0
    values.forEach((v, i) => {
      offsets[i] = bytes
      bytes += Buffer.byteLength(v, encoding)
    })
    offsets[values.length] = bytes
    const buffer = Buffer.allocUnsafe(bytes)
    values.forEach((v, i) => buffer.write(v, offsets[i], encoding))
    return new PackedStrings(buffer, offsets, encoding)
  }

  at(i: number): string {
    return this.buffer.toString(this.encoding, this.offsets[i], this.offsets[i + 1])
  }

  get byteLength(): number {
    return this.buffer.byteLength + this.offsets.byteLength
  }

  /** After a structured clone (the index worker's answer) the fields arrive as a plain object, the Buffer as bytes. */
  static revive(plain: PackedStrings): PackedStrings {
    const bytes = plain.buffer as Uint8Array
    return new PackedStrings(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      plain.offsets,
      plain.encoding,
    )
  }
}

/** What a built index holds (SearchIndexBuilder.data()): typed arrays, strings, maps — all structured-cloneable. */
export interface IndexData {
  size: number
  ids: Int32Array
  lineageOf: Uint16Array
  lineages: number[][]
  regionOf: Uint16Array
  regions: string[]
  /** Per ordinal: its supplier (an index into `suppliers`, the supplier ids). */
  supplierOf: Uint32Array
  suppliers: Int32Array
  breakStart: Int32Array
  breakQty: Int32Array
  breakPrice: Int32Array
  byPrice: Int32Array
  byFresh: Int32Array
  byModelKey: Int32Array
  modelKeyText: PackedStrings
  modelText: PackedStrings
  /**
   * Term → its slot. A slot's documents are `termCount[slot]` ascending ordinals at `termAt[slot]` in `listPool`,
   * or, when `termDense[slot]`, a bitset of the index's size at word `termAt[slot]` in `bitPool`: two buffers for
   * every term, not one typed array a term (tens of thousands of small buffers, each with its own allocation).
   */
  terms: Map<string, number>
  termAt: Uint32Array
  termCount: Uint32Array
  termDense: Uint8Array
  listPool: Uint32Array
  bitPool: Uint32Array
  spans: Map<string, SpanColumn>
  keysByDimension: Map<string, string[]>
  enumKeys: Map<string, Set<string>>
  enumTermsByKey: Map<string, string[]>
}

/**
 * The embedded engine's index, immutable once built. Documents get ordinals in static-rank order (verified
 * supplier, in stock, priced, parameter-rich, fresh first), so any walk over a posting list or a bitset in ordinal
 * order meets the best documents first and can stop after enough (early-terminating top-k). Terms:
 * `h:` Chinese bigrams of name, brand and category path (recall); `w:` whole words from the segmenter and Latin
 * tokens (scoring, and recall for Latin); `m:` trigrams of the model key (model fragments anywhere in the model);
 * `c:` category and ancestors; `e:key=VALUE` enum values; `r:` supplier region; `s:in` in stock.
 *
 * Memory is typed arrays: per-document columns, postings as sorted Uint32Arrays or bitsets (see Postings), model
 * numbers packed in buffers; 1,000,000 products take ≈ 250 MB. Built from a stream of documents
 * (SearchIndexBuilder), so the catalogue is never held as objects.
 */
export class SearchIndex {
  declare readonly size: number
  declare readonly ids: Int32Array
  /** Per ordinal: its category lineage (an index into `lineages`) and its supplier region (into `regions`). */
  declare readonly lineageOf: Uint16Array
  declare readonly lineages: number[][]
  declare readonly regionOf: Uint16Array
  declare readonly regions: string[]
  /** Per ordinal: its supplier, an index into `suppliers` (supplier ids; demands ask which suppliers match). */
  declare readonly supplierOf: Uint32Array
  declare readonly suppliers: Int32Array
  declare readonly breakStart: Int32Array
  declare readonly breakQty: Int32Array
  declare readonly breakPrice: Int32Array
  /** Ordinals by price ascending (no price last), by update newest first, by model key (then ordinal). */
  declare readonly byPrice: Int32Array
  declare readonly byFresh: Int32Array
  declare readonly byModelKey: Int32Array
  /** Dimension → span parameter keys of that dimension. */
  declare readonly keysByDimension: Map<string, string[]>
  /** Normalised enum value → the keys that have it (`4-20ma` → [输出信号]). */
  declare readonly enumKeys: Map<string, Set<string>>
  declare private readonly modelKeyText: PackedStrings
  declare private readonly modelText: PackedStrings
  declare private readonly terms: Map<string, number>
  declare private readonly termAt: Uint32Array
  declare private readonly termCount: Uint32Array
  declare private readonly termDense: Uint8Array
  declare private readonly listPool: Uint32Array
  declare private readonly bitPool: Uint32Array
  declare private readonly spans: Map<string, SpanColumn>
  declare private readonly enumTermsByKey: Map<string, string[]>
  /** Category counts over every document (facets of a query with no words and no filters). */
  private allLineageCounts: Int32Array | null = null
  /** The dense terms' bitsets (views into `bitPool`), by slot. */
  private readonly bitsets: Array<Bitset | undefined> = []

  constructor(docs: Iterable<SearchDoc> | IndexData, segment?: Segment) {
    let data: IndexData
    if (Symbol.iterator in docs) {
      const builder = new SearchIndexBuilder(segment!)
      for (const doc of docs) builder.add(doc)
      data = builder.data()
    } else data = docs
    Object.assign(this, data)
    const words = (data.size + 31) >>> 5
    for (let slot = 0; slot < data.termDense.length; slot++) {
      if (data.termDense[slot]) {
        const at = data.termAt[slot]
        this.bitsets[slot] = new Bitset(data.size, data.bitPool.subarray(at, at + words))
      }
    }
  }

  /** An index from what a builder gathered. */
  static from(builder: SearchIndexBuilder): SearchIndex {
    return new SearchIndex(builder.data())
  }

  /**
   * An index from a builder's data after a structured clone (posted by the index worker, search/index-worker.ts):
   * class instances arrive as plain objects — bitsets and packed strings are made whole again, in place.
   */
  static revive(data: IndexData): SearchIndex {
    data.modelKeyText = PackedStrings.revive(data.modelKeyText)
    data.modelText = PackedStrings.revive(data.modelText)
    return new SearchIndex(data)
  }

  /** The distinct buffers under the data's typed arrays: handed over, not copied, when the worker posts them. */
  static transferables(data: IndexData): ArrayBuffer[] {
    const buffers = new Set<ArrayBuffer>()
    const take = (a: ArrayBufferView | null | undefined) => {
      // A tag test, not instanceof: the arrays may come from another realm (a worker, a test's context).
      if (a && a.byteLength >= TRANSFER_FROM && Object.prototype.toString.call(a.buffer) === '[object ArrayBuffer]') {
        buffers.add(a.buffer as ArrayBuffer)
      }
    }
    for (const a of [
      data.ids,
      data.lineageOf,
      data.regionOf,
      data.supplierOf,
      data.suppliers,
      data.breakStart,
      data.breakQty,
      data.breakPrice,
      data.byPrice,
      data.byFresh,
      data.byModelKey,
      data.termAt,
      data.termCount,
      data.termDense,
      data.listPool,
      data.bitPool,
    ])
      take(a)
    for (const text of [data.modelKeyText, data.modelText]) {
      const plain = text as unknown as { buffer: Buffer; offsets: Uint32Array }
      take(plain.offsets)
      // Buffer.allocUnsafe may slice a shared pool; only a buffer of its own is handed over whole.
      if (plain.buffer.byteOffset === 0 && plain.buffer.byteLength === plain.buffer.buffer.byteLength)
        take(plain.buffer)
    }
    for (const c of data.spans.values())
      for (const a of [c.ordinals, c.min, c.max, c.values, c.byMin, c.byMax, c.lineageStart]) take(a)
    return [...buffers]
  }

  /** What this index is made of, as `SearchIndex.revive` takes it back (stored elsewhere: engine/index-codec.ts). */
  data(): IndexData {
    const { size, ids, lineageOf, lineages, regionOf, regions, supplierOf, suppliers } = this
    const { breakStart, breakQty, breakPrice, byPrice, byFresh, byModelKey, modelKeyText, modelText } = this
    const { terms, termAt, termCount, termDense, listPool, bitPool, spans, keysByDimension } = this
    const { enumKeys, enumTermsByKey } = this
    return {
      size,
      ids,
      lineageOf,
      lineages,
      regionOf,
      regions,
      supplierOf,
      suppliers,
      breakStart,
      breakQty,
      breakPrice,
      byPrice,
      byFresh,
      byModelKey,
      modelKeyText,
      modelText,
      terms,
      termAt,
      termCount,
      termDense,
      listPool,
      bitPool,
      spans,
      keysByDimension,
      enumKeys,
      enumTermsByKey,
    }
  }

  /** Bytes of typed arrays by part (logged after each build: what the index costs). */
  bytes(): { postings: number; spans: number; columns: number; models: number } {
    const sum = (arrays: Array<ArrayBufferView | null>) => arrays.reduce((n, a) => n + (a?.byteLength ?? 0), 0)
    let spans = 0
    for (const c of this.spans.values()) {
      spans += sum([c.ordinals, c.min, c.max, c.values, c.byMin, c.byMax, c.lineageStart])
    }
    const text = (t: PackedStrings) => t.byteLength
    return {
      postings: sum([this.termAt, this.termCount, this.termDense, this.listPool, this.bitPool]),
      spans,
      columns: sum([
        this.ids,
        this.lineageOf,
        this.regionOf,
        this.supplierOf,
        this.suppliers,
        this.breakStart,
        this.breakQty,
        this.breakPrice,
        this.byPrice,
        this.byFresh,
      ]),
      models: sum([this.byModelKey]) + text(this.modelKeyText) + text(this.modelText),
    }
  }

  /** The model key (`LJ12A34ZBX`) and the model as listed (`LJ12A3-4-Z/BX`) of an ordinal. */
  modelKey(ordinal: number): string {
    return this.modelKeyText.at(ordinal)
  }

  model(ordinal: number): string {
    // Stored only where it differs from the key (`FTQ-655A`); most models are written as their key (`DYN850A`).
    return this.modelText.at(ordinal) || this.modelKey(ordinal)
  }

  /** Ordinals whose model key is exactly `key`, ascending. */
  withModelKey(key: string): number[] {
    const order = this.byModelKey
    const out: number[] = []
    for (let i = this.modelKeyLowerBound(key); i < order.length && this.modelKey(order[i]) === key; i++)
      out.push(order[i])
    return out
  }

  /** Position in `byModelKey` of the first key ≥ `prefix` (suggestions). */
  modelKeyLowerBound(prefix: string): number {
    return partitionPoint(this.byModelKey.length, (at) => this.modelKey(this.byModelKey[at]) < prefix)
  }

  /** A term's documents: the index's own bitset (read it, never change it) or a view of its ordinals. */
  postingsOf(term: string): Postings | undefined {
    const slot = this.terms.get(term)
    if (slot === undefined) return undefined
    const at = this.termAt[slot]
    return this.bitsets[slot] ?? this.listPool.subarray(at, at + this.termCount[slot])
  }

  has(term: string): boolean {
    return this.terms.has(term)
  }

  /** How many documents hold `term` (counted when built). */
  count(term: string): number {
    const slot = this.terms.get(term)
    return slot === undefined ? 0 : this.termCount[slot]
  }

  /** Whether document `ordinal` holds `term` (bit test, or binary search in a sparse posting list). */
  holds(term: string, ordinal: number): boolean {
    const p = this.postingsOf(term)
    if (p === undefined) return false
    return p instanceof Bitset ? p.has(ordinal) : contains(p, ordinal)
  }

  /** |term ∩ base| without building a set: word-wise for a dense term, a walk of the list for a sparse one. */
  countIn(term: string, base: Bitset): number {
    const p = this.postingsOf(term)
    if (p === undefined) return 0
    if (p instanceof Bitset) return p.andCount(base)
    let n = 0
    for (let i = 0; i < p.length; i++) if (base.has(p[i])) n++
    return n
  }

  /** Every term of a kind (`w:` for suggestions); walks the whole dictionary, so not for queries. */
  termsWithPrefix(prefix: string, limit = 200): string[] {
    const out: string[] = []
    for (const term of this.terms.keys()) {
      if (term.startsWith(prefix)) out.push(term)
      if (out.length >= limit) break
    }
    return out
  }

  /**
   * The documents of a term as a bitset. A dense term's is the index's own (read it, never change it); a sparse
   * term's is made for the caller (at most size / 32 bits to set).
   */
  bitset(term: string): Bitset {
    const p = this.postingsOf(term)
    if (p instanceof Bitset) return p
    return Bitset.of(this.size, p ?? [])
  }

  /** Documents with a value of `key` inside or overlapping [min, max] (base units). */
  spanMatches(key: string, min: number, max: number): Bitset {
    const set = new Bitset(this.size)
    const column = this.spans.get(key)
    if (!column) return set
    const { ordinals, min: lo, max: hi, values } = column
    let below = Math.fround(max)
    let above = Math.fround(min)
    if (values) {
      // In codes: the highest code whose value is ≤ below, the lowest whose value is ≥ above.
      below = upperBound(values, below) - 1
      above = lowerBound(values, above)
    }
    for (let i = 0; i < ordinals.length; i++) {
      if (lo[i] <= below && above <= hi[i]) set.add(ordinals[i])
    }
    return set
  }

  /**
   * The lowest and highest value of `key` among a set of documents (`members`: its size, when known; `perLineage`:
   * its members per category lineage, as lineageCounts gives them).
   */
  spanBounds(key: string, within: Bitset, members = -1, perLineage?: Int32Array): { min: number; max: number } | null {
    const column = this.spans.get(key)
    if (!column) return null
    // Codes compare as their values do: bounds are found among codes and decoded at the end.
    const { ordinals, min: lo, max: hi, values, byMin, byMax, lineageStart } = column
    let min = Infinity
    let max = -Infinity
    // Two ways; the cheaper by estimate. Walking a lineage's run until a member takes about (its entries / its
    // members) steps, twice; finding each member's entries by binary search, log2(entries) steps a member.
    let walkSteps = Infinity
    if (perLineage) {
      walkSteps = 0
      for (let l = 0; l + 1 < lineageStart.length; l++) {
        if (perLineage[l]) walkSteps += (2 * (lineageStart[l + 1] - lineageStart[l])) / perLineage[l]
      }
    }
    const searchSteps = members < 0 ? Infinity : members * (2 + Math.log2(ordinals.length + 1))
    if (!byMin || !byMax) {
      if (searchSteps > ordinals.length) {
        // No bound orders for this key: one walk over its entries.
        for (let i = 0; i < ordinals.length; i++) {
          if (!within.has(ordinals[i])) continue
          if (lo[i] < min) min = lo[i]
          if (hi[i] > max) max = hi[i]
        }
        return Number.isFinite(min)
          ? { min: facetBound(decode(values, min)), max: facetBound(decode(values, max)) }
          : null
      }
      walkSteps = Infinity
    }
    if (searchSteps < walkSteps || (!perLineage && members >= 0 && members * 24 < ordinals.length)) {
      // A few documents: find each one's entries by binary search rather than walk the whole column.
      within.forEach((o) => {
        for (let i = lowerBound(ordinals, o); i < ordinals.length && ordinals[i] === o; i++) {
          if (lo[i] < min) min = lo[i]
          if (hi[i] > max) max = hi[i]
        }
      })
    } else {
      // Many documents: in each lineage's run (only those with members), walk the entries from the lowest `min`
      // (and from the highest `max`) and stop at the first one in the set, or once it cannot improve the bound.
      const lineages = lineageStart.length - 1
      for (let l = 0; l < lineages; l++) {
        if (perLineage && perLineage[l] === 0) continue
        const end = lineageStart[l + 1]
        for (let k = lineageStart[l]; k < end; k++) {
          const e = byMin![k]
          if (lo[e] >= min) break
          if (within.has(ordinals[e])) {
            min = lo[e]
            break
          }
        }
        for (let k = lineageStart[l]; k < end; k++) {
          const e = byMax![k]
          if (hi[e] <= max) break
          if (within.has(ordinals[e])) {
            max = hi[e]
            break
          }
        }
      }
    }
    return Number.isFinite(min) ? { min: facetBound(decode(values, min)), max: facetBound(decode(values, max)) } : null
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
    return this.enumTermsByKey.get(key) ?? []
  }

  /**
   * Documents per category lineage among `base` (index `lineages`): one walk over its members, or, for every
   * document, counts made once.
   */
  lineageCounts(base: Bitset, members: number): Int32Array {
    if (members === this.size) {
      this.allLineageCounts ??= countColumn(Bitset.full(this.size), this.lineageOf, this.lineages.length)
      return this.allLineageCounts
    }
    return countColumn(base, this.lineageOf, this.lineages.length)
  }

  /** Documents per supplier region among `base` (index `regions`). */
  regionCounts(base: Bitset): Int32Array {
    return countColumn(base, this.regionOf, this.regions.length)
  }

  /**
   * The distinct suppliers (ids, ascending) of the members of `base`: one walk over its set bits, each marking its
   * supplier's slot; stops early once every supplier is seen.
   */
  suppliersIn(base: Bitset): number[] {
    const seen = new Uint8Array(this.suppliers.length)
    let left = this.suppliers.length
    base.forEach((o) => {
      const s = this.supplierOf[o]
      if (!seen[s]) {
        seen[s] = 1
        left--
      }
      return left > 0
    })
    const out: number[] = []
    for (let s = 0; s < seen.length; s++) if (seen[s]) out.push(this.suppliers[s])
    return out.sort((a, b) => a - b)
  }
}

/** Counts of a per-document column's values among the members of a set. */
function countColumn(base: Bitset, column: Uint16Array, values: number): Int32Array {
  const counts = new Int32Array(values)
  const words = base.words
  for (let i = 0; i < words.length; i++) {
    let w = words[i]
    if (w === 0) continue
    const start = i << 5
    if (w === -1 || w === 0xffffffff) {
      const end = Math.min(start + 32, column.length)
      for (let o = start; o < end; o++) counts[column[o]]++
      continue
    }
    while (w) {
      const bit = w & -w
      counts[column[start + 31 - Math.clz32(bit)]]++
      w ^= bit
    }
  }
  return counts
}

/** A span column's value: its code decoded, or the value itself when the column holds values. */
const decode = (values: Float32Array | null, v: number): number => (values ? values[v] : v)

/** Texts whose index terms a builder remembers. */
const MEMO_LIMIT = 200_000

/** A term's documents while building, in arrival order: a growing list, or a bitset once it is dense. */
interface Gathering {
  list: Uint32Array | null
  length: number
  bits: Bitset | null
}

/**
 * Builds a SearchIndex from documents added one at a time (a stream from the database), holding only typed arrays:
 * each document gets an arrival number; `data()` orders the arrivals by static rank and rewrites every list in
 * that order. `expected` (the catalogue's size, when known) lets dense terms turn into bitsets while gathering.
 */
export class SearchIndexBuilder {
  private n = 0
  private readonly now = Date.now()
  private readonly rank = new Growing(Float64Array)
  private readonly ids = new Growing(Int32Array)
  private readonly priceFrom = new Growing(Float64Array)
  private readonly updatedAt = new Growing(Float64Array)
  private readonly lineage = new Growing(Uint16Array)
  private readonly region = new Growing(Uint16Array)
  private readonly supplier = new Growing(Uint32Array)
  private readonly breakStart = new Growing(Int32Array)
  private readonly breakQty = new Growing(Int32Array)
  private readonly breakPrice = new Growing(Int32Array)
  private readonly modelKeys: string[] = []
  private readonly models: string[] = []
  private readonly lineageIds = new Map<string, number>()
  private readonly lineages: number[][] = []
  private readonly regionIds = new Map<string, number>()
  private readonly regions: string[] = []
  private readonly supplierSlots = new Map<number, number>()
  private readonly suppliers: number[] = []
  private readonly terms = new Map<string, Gathering>()
  private readonly spanLists = new Map<
    string,
    { arrivals: Growing<Uint32Array>; min: Growing<Float64Array>; max: Growing<Float64Array> }
  >()
  private readonly keysByDimension = new Map<string, string[]>()
  private readonly enumKeys = new Map<string, Set<string>>()
  private readonly enumTermsByKey = new Map<string, Set<string>>()
  private readonly denseAt: number
  private readonly textTerms: TextTermMemo
  private readonly enumMemo = new Map<string, string>()

  /**
   * `expected`: the catalogue's size when known. `boundKeys`: the span keys whose bounds are faceted (facetable in
   * some category); only they get the bound orders (byMin/byMax, 8 bytes an entry). Default: every key.
   */
  constructor(
    segment: Segment,
    expected = 0,
    private readonly boundKeys?: ReadonlySet<string>,
  ) {
    this.denseAt = expected > 64 * 32 ? Math.ceil(expected / 32) : Infinity
    this.textTerms = new TextTermMemo(segment, MEMO_LIMIT)
  }

  get size(): number {
    return this.n
  }

  add(doc: SearchDoc): void {
    const a = this.n++
    this.rank.push(staticRank(doc, this.now))
    this.ids.push(doc.id)
    this.updatedAt.push(doc.updatedAt)
    const lineageKey = doc.categoryIds.join(',')
    let lineage = this.lineageIds.get(lineageKey)
    if (lineage === undefined) {
      lineage = this.lineages.length
      this.lineageIds.set(lineageKey, lineage)
      this.lineages.push([...doc.categoryIds])
    }
    this.lineage.push(lineage)
    let region = this.regionIds.get(doc.region)
    if (region === undefined) {
      region = this.regions.length
      this.regionIds.set(doc.region, region)
      this.regions.push(doc.region)
    }
    this.region.push(region)
    let supplier = this.supplierSlots.get(doc.supplierId)
    if (supplier === undefined) {
      supplier = this.suppliers.length
      this.supplierSlots.set(doc.supplierId, supplier)
      this.suppliers.push(doc.supplierId)
    }
    this.supplier.push(supplier)
    this.breakStart.push(this.breakQty.length)
    let lowest = Infinity
    for (const b of doc.priceBreaks) {
      this.breakQty.push(b.qty)
      this.breakPrice.push(b.price)
      lowest = Math.min(lowest, b.price)
    }
    this.priceFrom.push(Number.isFinite(lowest) ? lowest : NaN)
    const modelKey = modelKeyOf(doc.model)
    this.modelKeys.push(modelKey)
    this.models.push(doc.model)

    // The terms of name, brand and category path, each text on its own (no term spans the space that joins them:
    // bigrams, the segmenter's words and Latin tokens all stop there). Catalogues repeat these texts — one name,
    // brand and category for many models — so each is analysed once.
    for (const text of [doc.name, doc.brand, ...doc.categoryNames]) {
      for (const term of this.textTerms.of(text)) this.post(term, a)
    }
    // A model's tokens that read as model numbers are only ever searched as model fragments (query.ts), never as
    // words: leave them out of the dictionary (a million of them, one per product).
    for (const term of latinTokens(doc.model)) if (!looksLikeModel(term)) this.post(`w:${term}`, a)
    for (const gram of trigrams(modelKey)) this.post(`m:${gram}`, a)
    for (const id of doc.categoryIds) this.post(`c:${id}`, a)
    this.post(`r:${doc.region}`, a)
    if (doc.stock > 0) this.post('s:in', a)
    for (const p of doc.params) {
      if (p.value != null && p.min == null) {
        let value = this.enumMemo.get(p.value)
        if (value === undefined) {
          value = normalizeEnum(p.value)
          if (this.enumMemo.size < MEMO_LIMIT) this.enumMemo.set(p.value, value)
        }
        const term = `e:${p.key}=${value}`
        this.post(term, a)
        const keys = this.enumKeys.get(value) ?? new Set<string>()
        keys.add(p.key)
        this.enumKeys.set(value, keys)
        const terms = this.enumTermsByKey.get(p.key) ?? new Set<string>()
        terms.add(term)
        this.enumTermsByKey.set(p.key, terms)
      } else if (p.min != null || p.max != null) {
        let list = this.spanLists.get(p.key)
        if (!list) {
          list = { arrivals: new Growing(Uint32Array), min: new Growing(Float64Array), max: new Growing(Float64Array) }
          this.spanLists.set(p.key, list)
        }
        list.arrivals.push(a)
        list.min.push(p.min ?? p.max!)
        list.max.push(p.max ?? p.min!)
        if (p.dimension) {
          const keys = this.keysByDimension.get(p.dimension) ?? []
          if (!keys.includes(p.key)) keys.push(p.key)
          this.keysByDimension.set(p.dimension, keys)
        }
      }
    }
  }

  private post(term: string, a: number): void {
    let g = this.terms.get(term)
    if (!g) this.terms.set(term, (g = { list: new Uint32Array(4), length: 0, bits: null }))
    if (g.bits) {
      if (a >= g.bits.size) g.bits = grow(g.bits, a)
      g.bits.add(a)
      return
    }
    const list = g.list!
    if (g.length > 0 && list[g.length - 1] === a) return
    if (g.length >= this.denseAt) {
      // Dense: a bitset (in arrival numbers) is smaller than the list from here on.
      const bits = new Bitset(Math.max(this.denseAt * 32, a + 1))
      for (let i = 0; i < g.length; i++) bits.add(list[i])
      bits.add(a)
      g.bits = bits
      g.list = null
      return
    }
    if (g.length === list.length) {
      const bigger = new Uint32Array(list.length * 2)
      bigger.set(list)
      g.list = bigger
    }
    g.list![g.length++] = a
  }

  /** Orders the documents by static rank and lays every list out in that order. */
  data(): IndexData {
    const n = this.n
    const rank = this.rank.values()
    const ids = this.ids.values()
    const breakStarts = this.breakStart.values()
    const qtys = this.breakQty.values()
    const prices = this.breakPrice.values()
    const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => rank[b] - rank[a] || ids[a] - ids[b])
    const ordinalOf = new Uint32Array(n)
    for (let o = 0; o < n; o++) ordinalOf[order[o]] = o

    const column = <T extends Int32Array | Uint32Array | Float64Array | Uint16Array>(
      make: (n: number) => T,
      from: ArrayLike<number>,
    ) => {
      const out = make(n)
      for (let o = 0; o < n; o++) out[o] = from[order[o]]
      return out
    }
    const breakStart = new Int32Array(n + 1)
    const breakQty = new Int32Array(qtys.length)
    const breakPrice = new Int32Array(prices.length)
    let at = 0
    for (let o = 0; o < n; o++) {
      const a = order[o]
      breakStart[o] = at
      const end = a + 1 < n ? breakStarts[a + 1] : qtys.length
      for (let i = breakStarts[a]; i < end; i++) {
        breakQty[at] = qtys[i]
        breakPrice[at++] = prices[i]
      }
    }
    breakStart[n] = at
    const modelKeys = Array.from({ length: n }, (_, o) => this.modelKeys[order[o]])
    const models = Array.from({ length: n }, (_, o) => {
      const model = this.models[order[o]]
      return model === modelKeys[o] ? '' : model
    })

    // Every term's documents in two pools: first the counts (and so each term's place), then the ordinals.
    const dense = Math.max(1, Math.ceil(n / 32))
    const termCount = new Uint32Array(this.terms.size)
    const termDense = new Uint8Array(this.terms.size)
    const termAt = new Uint32Array(this.terms.size)
    const terms = new Map<string, number>()
    const wordsPerSet = (n + 31) >>> 5
    let listLength = 0
    let bitsLength = 0
    let slot = 0
    for (const [term, g] of this.terms) {
      const count = g.bits ? g.bits.count() : g.length
      termCount[slot] = count
      if (count >= dense && n > 64 * 32) {
        termDense[slot] = 1
        termAt[slot] = bitsLength
        bitsLength += wordsPerSet
      } else {
        termAt[slot] = listLength
        listLength += count
      }
      terms.set(term, slot++)
    }
    const listPool = new Uint32Array(listLength)
    const bitPool = new Uint32Array(bitsLength)
    slot = 0
    for (const g of this.terms.values()) {
      const at = termAt[slot]
      if (termDense[slot]) {
        const bits = new Bitset(n, bitPool.subarray(at, at + wordsPerSet))
        if (g.bits) g.bits.forEach((a) => void bits.add(ordinalOf[a]))
        else for (let i = 0; i < g.length; i++) bits.add(ordinalOf[g.list![i]])
      } else {
        const ordinals = listPool.subarray(at, at + termCount[slot])
        if (g.bits) {
          let i = 0
          g.bits.forEach((a) => void (ordinals[i++] = ordinalOf[a]))
        } else for (let i = 0; i < g.length; i++) ordinals[i] = ordinalOf[g.list![i]]
        ordinals.sort()
      }
      slot++
    }
    this.terms.clear()
    this.textTerms.clear()

    const lineageOf = column((k) => new Uint16Array(k), this.lineage.values())
    const lineageCount = this.lineages.length
    const spans = new Map<string, SpanColumn>()
    for (const [key, gathered] of this.spanLists) {
      const list = { arrivals: gathered.arrivals.values(), min: gathered.min.values(), max: gathered.max.values() }
      // Counting sort by ordinal (stable: a document's values keep their order).
      const m = list.arrivals.length
      const starts = new Int32Array(n + 1)
      for (let i = 0; i < m; i++) starts[ordinalOf[list.arrivals[i]] + 1]++
      for (let o = 0; o < n; o++) starts[o + 1] += starts[o]
      const ordinals = new Int32Array(m)
      let min: Uint16Array | Float32Array = new Float32Array(m)
      let max: Uint16Array | Float32Array = new Float32Array(m)
      for (let i = 0; i < m; i++) {
        const o = ordinalOf[list.arrivals[i]]
        const j = starts[o]++
        ordinals[j] = o
        min[j] = list.min[i]
        max[j] = list.max[i]
      }
      const values = distinctValues(min, max)
      if (values) {
        min = encode(min, values)
        max = encode(max, values)
      }
      const lineageStart = new Int32Array(lineageCount + 1)
      for (let i = 0; i < m; i++) lineageStart[lineageOf[ordinals[i]] + 1]++
      for (let l = 0; l < lineageCount; l++) lineageStart[l + 1] += lineageStart[l]
      const entries = new Uint32Array(m)
      const next = lineageStart.slice(0, lineageCount)
      for (let i = 0; i < m; i++) entries[next[lineageOf[ordinals[i]]]++] = i
      let byMin: Uint32Array | null = null
      let byMax: Uint32Array | null = null
      if (!this.boundKeys || this.boundKeys.has(key)) {
        byMin = entries.slice()
        byMax = entries
        for (let l = 0; l < lineageCount; l++) {
          byMin.subarray(lineageStart[l], lineageStart[l + 1]).sort((a, b) => min[a] - min[b] || a - b)
          byMax.subarray(lineageStart[l], lineageStart[l + 1]).sort((a, b) => max[b] - max[a] || a - b)
        }
      }
      spans.set(key, { ordinals, min, max, values, byMin, byMax, lineageStart })
    }

    const priceFrom = column((k) => new Float64Array(k), this.priceFrom.values())
    const updatedAt = column((k) => new Float64Array(k), this.updatedAt.values())
    const firstOf = (term: string): number => {
      const at = termAt[terms.get(term)!]
      if (!termDense[terms.get(term)!]) return listPool[at]
      let first = n
      new Bitset(n, bitPool.subarray(at, at + wordsPerSet)).forEach((o) => {
        first = o
        return false
      })
      return first
    }
    const all = Array.from({ length: n }, (_, i) => i)
    const byModelKey = Int32Array.from(
      [...all].sort((a, b) => (modelKeys[a] < modelKeys[b] ? -1 : modelKeys[a] > modelKeys[b] ? 1 : a - b)),
    )
    return {
      size: n,
      ids: column((k) => new Int32Array(k), ids),
      lineageOf,
      lineages: this.lineages,
      regionOf: column((k) => new Uint16Array(k), this.region.values()),
      regions: this.regions,
      supplierOf: column((k) => new Uint32Array(k), this.supplier.values()),
      suppliers: Int32Array.from(this.suppliers),
      breakStart,
      breakQty,
      breakPrice,
      byPrice: Int32Array.from([...all].sort((a, b) => nanLast(priceFrom[a], priceFrom[b]) || a - b)),
      byFresh: Int32Array.from([...all].sort((a, b) => updatedAt[b] - updatedAt[a] || a - b)),
      byModelKey,
      modelKeyText: PackedStrings.of(modelKeys, 'latin1'),
      modelText: PackedStrings.of(models, 'utf8'),
      terms,
      termAt,
      termCount,
      termDense,
      listPool,
      bitPool,
      spans,
      keysByDimension: this.keysByDimension,
      enumKeys: this.enumKeys,
      // Each key's values in the order of their best-ranked product (facet values with equal counts keep it).
      enumTermsByKey: new Map(
        [...this.enumTermsByKey].map(([key, terms]) => [key, [...terms].sort((a, b) => firstOf(a) - firstOf(b))]),
      ),
    }
  }
}

type TypedArray = Int32Array | Uint32Array | Uint16Array | Float64Array

/** A typed array that grows as values are pushed (a builder's columns: no boxed numbers, no arrays of slack). */
class Growing<T extends TypedArray> {
  private data: T
  length = 0

  constructor(private readonly make: new (length: number) => T) {
    this.data = new make(1024)
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new this.make(this.data.length * 2)
      bigger.set(this.data as never)
      this.data = bigger
    }
    this.data[this.length++] = value
  }

  /** The values pushed so far (a view, not a copy). */
  values(): T {
    return this.data.subarray(0, this.length) as T
  }
}

/**
 * A span column's distinct values, ascending, when there are at most 65,536 of them and none is NaN (then the
 * column is stored as 16-bit codes into them); else null.
 */
function distinctValues(min: Float32Array, max: Float32Array): Float32Array | null {
  const seen = new Set<number>()
  for (const column of [min, max]) {
    for (let i = 0; i < column.length; i++) {
      const v = column[i]
      if (Number.isNaN(v)) return null
      if (!seen.has(v)) {
        seen.add(v)
        if (seen.size > 65_536) return null
      }
    }
  }
  // -0 and 0 are one value here, as they are in every comparison.
  return Float32Array.from(seen).sort()
}

/** A column's values as codes into `values` (each value's position there). */
function encode(column: Float32Array, values: Float32Array): Uint16Array {
  const codes = new Uint16Array(column.length)
  for (let i = 0; i < column.length; i++) codes[i] = lowerBound(values, column[i])
  return codes
}

function grow(bits: Bitset, a: number): Bitset {
  const bigger = new Bitset(Math.max(bits.size * 2, a + 1))
  bigger.words.set(bits.words)
  return bigger
}

/** Verified, in stock, priced, parameter-rich and recently updated products first. */
export function staticRank(doc: SearchDoc, now = Date.now()): number {
  const ageDays = Math.max(0, (now - doc.updatedAt) / 86_400_000)
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

const COMPOUND_PARTS = Object.entries(COMPOUNDS)

/**
 * `textTerms` of texts that repeat — catalogues give one name, brand and category to many models — each analysed
 * once. Holds at most `limit` texts: when full, it starts over (a bulk load's texts come back soon enough).
 */
export class TextTermMemo {
  private readonly memo = new Map<string, readonly string[]>()

  constructor(
    private readonly segment: Segment,
    private readonly limit = 20_000,
  ) {}

  of(text: string): readonly string[] {
    let terms = this.memo.get(text)
    if (!terms) {
      terms = [...textTerms(text, this.segment)]
      if (this.memo.size >= this.limit) this.memo.clear()
      this.memo.set(text, terms)
    }
    return terms
  }

  clear(): void {
    this.memo.clear()
  }
}

/** Index terms of a text: Chinese bigrams (+ those of the words a compound holds), whole words, Latin tokens. */
export function textTerms(text: string, segment: Segment): Set<string> {
  const terms = new Set<string>()
  for (const run of hanRuns(text)) {
    for (const gram of bigrams(run)) terms.add(`h:${gram}`)
    for (const [compound, parts] of COMPOUND_PARTS) {
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
