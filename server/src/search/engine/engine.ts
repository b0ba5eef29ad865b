import { parseQuery, type ParsedQuery } from '../query'
import { containsWithinOneEdit } from '../text'
import { Bitset } from './bitset'
import { contains } from './sorted'
import { trigrams, type SearchIndex, type Segment } from './search-index'

export interface EngineRequest {
  q: string
  category?: number
  /** key → accepted values (normalised), any of them. */
  enums?: Record<string, string[]>
  /** key → [min, max] in base units; a product matches a value its span covers or a span it overlaps. */
  ranges?: Record<string, { min: number; max: number }>
  regions?: string[]
  inStock?: boolean
  /** Unit price ceiling in fen at `qty` (1 when absent). */
  priceMax?: number
  qty?: number
  sort?: 'relevance' | 'price' | 'fresh'
  offset: number
  limit: number
}

export interface EngineResult {
  ids: number[]
  total: number
  parsed: ParsedQuery
  /** Model fragments matched only with one character mistyped. */
  fuzzyModels: string[]
  /** The set that matched, for facet counts. */
  match: Bitset
  /** Filters by name, each as a bitset, so a facet can be counted without its own filter. */
  filters: Map<string, Bitset>
}

/** How many of the best-ranked matches are scored for relevance; deeper pages widen it. */
const CANDIDATES = 500

/** The documents matching a request (words, parameters and filters), each filter's set kept for facet counts. */
export function matchSet(
  index: SearchIndex,
  req: Omit<EngineRequest, 'offset' | 'limit' | 'sort'>,
  segment: Segment,
): Pick<EngineResult, 'parsed' | 'fuzzyModels' | 'match' | 'filters'> {
  const parsed = parseQuery(req.q, index, segment)
  const filters = new Map<string, Bitset>()
  const fuzzyModels: string[] = []

  const implied = impliedGroups(parsed.groups)
  parsed.groups.forEach((group, i) => {
    if (implied.has(group)) return
    const set = groupSet(index, group.alternatives)
    if (group.modelFragment) set.or(modelSet(index, group.modelFragment, false).set)
    filters.set(`q:${i}`, set)
  })
  for (const model of parsed.models) {
    const { set, fuzzy } = modelSet(index, model)
    if (fuzzy) fuzzyModels.push(model)
    filters.set(`m:${model}`, set)
  }
  parsed.quantities.forEach((quantity, i) => {
    const set = new Bitset(index.size)
    for (const key of index.keysByDimension.get(quantity.dimension) ?? []) {
      set.or(index.spanMatches(key, quantity.min, quantity.max))
    }
    if (quantity.model) set.or(modelSet(index, quantity.model, false).set)
    filters.set(`qty:${i}`, set)
  })
  for (const value of parsed.enums) {
    const set = new Bitset(index.size)
    for (const key of index.enumKeys.get(value) ?? []) set.or(index.bitset(`e:${key}=${value}`))
    filters.set(`qe:${value}`, set)
  }
  if (parsed.ipAtLeast !== null) filters.set('ip', ipSet(index, parsed.ipAtLeast))

  if (req.category !== undefined) filters.set('category', index.bitset(`c:${req.category}`))
  for (const [key, values] of Object.entries(req.enums ?? {})) {
    if (!values.length) continue
    const set = new Bitset(index.size)
    for (const value of values) set.or(index.bitset(`e:${key}=${value}`))
    filters.set(`enum:${key}`, set)
  }
  for (const [key, span] of Object.entries(req.ranges ?? {})) {
    filters.set(`range:${key}`, index.spanMatches(key, span.min, span.max))
  }
  if (req.regions?.length) {
    const set = new Bitset(index.size)
    for (const region of req.regions) set.or(index.bitset(`r:${region}`))
    filters.set('region', set)
  }
  if (req.inStock) filters.set('stock', index.bitset('s:in'))
  if (req.priceMax !== undefined) {
    const qty = req.qty ?? 1
    filters.set(
      'price',
      scan(index, (o) => index.priceAt(o, qty) <= req.priceMax!),
    )
  }

  const match = Bitset.full(index.size)
  for (const set of filters.values()) match.and(set)
  return { parsed, fuzzyModels, match, filters }
}

/** The distinct suppliers (ids, ascending) having at least one product that matches the request (求购 demands). */
export function matchingSuppliers(
  index: SearchIndex,
  req: Omit<EngineRequest, 'offset' | 'limit' | 'sort'>,
  segment: Segment,
): number[] {
  return index.suppliersIn(matchSet(index, req, segment).match)
}

export function runSearch(index: SearchIndex, req: EngineRequest, segment: Segment): EngineResult {
  const { parsed, fuzzyModels, match, filters } = matchSet(index, req, segment)
  const total = match.count()
  const want = req.offset + req.limit
  let ordinals: number[]
  if (req.sort === 'price' || req.sort === 'fresh') {
    ordinals = walk(req.sort === 'price' ? index.byPrice : index.byFresh, match, want)
  } else {
    ordinals = rank(index, parsed, match, Math.max(CANDIDATES, want * 2)).slice(0, want)
  }
  return {
    ids: ordinals.slice(req.offset, want).map((o) => index.ids[o]),
    total,
    parsed,
    fuzzyModels,
    match,
    filters,
  }
}

/**
 * Groups whose matches another group's already contain, so they filter nothing: the segmenter's search mode gives
 * 传感器 and also 传感 and 感器, whose bigrams are among 传感器's. Group B is implied by group A (no model fragment)
 * when every alternative of A holds all the terms of some alternative of B. Of two equal groups one is kept.
 */
function impliedGroups(groups: ParsedQuery['groups']): Set<ParsedQuery['groups'][number]> {
  const implied = new Set<ParsedQuery['groups'][number]>()
  const covers = (a: string[], b: string[]) => b.every((t) => a.includes(t))
  for (const b of groups) {
    for (const a of groups) {
      if (a === b || a.modelFragment || implied.has(a) || !a.alternatives.length) continue
      if (a.alternatives.every((alt) => b.alternatives.some((other) => other.length && covers(alt, other)))) {
        implied.add(b)
        break
      }
    }
  }
  return implied
}

/** OR over alternatives of (AND over terms), starting from the rarest term. */
function groupSet(index: SearchIndex, alternatives: string[][]): Bitset {
  const set = new Bitset(index.size)
  for (const terms of alternatives) {
    if (!terms.length || terms.some((t) => !index.has(t))) continue
    const [rarest, ...rest] = [...terms].sort((a, b) => index.count(a) - index.count(b))
    andInto(index, set, rarest, rest)
  }
  return set
}

/**
 * Adds to `set` the documents holding `first` and every term of `rest`. A sparse first term is walked and each
 * document tested (bit test or binary search), so no bitset is built for it; a dense one is intersected word-wise.
 */
function andInto(index: SearchIndex, set: Bitset, first: string, rest: string[]): void {
  const postings = index.postingsOf(first)!
  if (postings instanceof Bitset) {
    const alt = postings.clone()
    for (const term of rest) alt.and(index.bitset(term))
    set.or(alt)
    return
  }
  const others = rest.map((t) => index.postingsOf(t)!)
  next: for (let i = 0; i < postings.length; i++) {
    const o = postings[i]
    for (const p of others) if (!(p instanceof Bitset ? p.has(o) : contains(p, o))) continue next
    set.add(o)
  }
}

/** At most this many documents are checked for a model number within one edit. */
const FUZZY_CHECKS = 50_000

/**
 * Products whose model key holds the fragment anywhere (`5010` in `MPX5010DP`): the fragment's trigrams narrow the
 * candidates, the key confirms. Nothing found: the same with one character mistyped, missing or extra — one edit
 * breaks at most 3 of the fragment's distinct trigrams, so only documents holding all but 3 of them are checked.
 */
function modelSet(index: SearchIndex, fragment: string, typos = true): { set: Bitset; fuzzy: boolean } {
  const exact = new Bitset(index.size)
  for (const o of index.withModelKey(fragment)) exact.add(o)
  const grams = trigrams(fragment)
  if (grams.length === 0) return { set: exact, fuzzy: false }
  if (grams.every((g) => index.has(`m:${g}`))) {
    const terms = grams.map((g) => `m:${g}`).sort((a, b) => index.count(a) - index.count(b))
    const candidates = new Bitset(index.size)
    andInto(index, candidates, terms[0], terms.slice(1))
    candidates.forEach((o) => {
      if (index.modelKey(o).includes(fragment)) exact.add(o)
    })
  }
  if (!typos || exact.count() > 0 || fragment.length < 4) return { set: exact, fuzzy: false }
  const near = new Bitset(index.size)
  const need = Math.max(1, grams.length - 3)
  const hits = new Uint8Array(index.size)
  for (const gram of grams) {
    const postings = index.postingsOf(`m:${gram}`)
    if (postings instanceof Bitset) postings.forEach((o) => void hits[o]++)
    else if (postings) for (let i = 0; i < postings.length; i++) hits[postings[i]]++
  }
  let checked = 0
  for (let o = 0; o < index.size && checked < FUZZY_CHECKS; o++) {
    if (hits[o] < need) continue
    checked++
    if (containsWithinOneEdit(index.modelKey(o), fragment)) near.add(o)
  }
  return { set: near, fuzzy: near.count() > 0 }
}

/** Protection at least IPxy: every IP value on any key whose two digits are both at least as high. */
function ipSet(index: SearchIndex, atLeast: number): Bitset {
  const set = new Bitset(index.size)
  const [solid, liquid] = [Math.floor(atLeast / 10), atLeast % 10]
  for (const [value, keys] of index.enumKeys) {
    const ip = /^IP(\d)(\d)/.exec(value)
    if (!ip || Number(ip[1]) < solid || Number(ip[2]) < liquid) continue
    for (const key of keys) set.or(index.bitset(`e:${key}=${value}`))
  }
  return set
}

function scan(index: SearchIndex, test: (ordinal: number) => boolean): Bitset {
  const set = new Bitset(index.size)
  for (let o = 0; o < index.size; o++) if (test(o)) set.add(o)
  return set
}

/** The first `want` members of `match` in a precomputed order (price, freshness). */
function walk(order: Int32Array, match: Bitset, want: number): number[] {
  const out: number[] = []
  for (let i = 0; i < order.length && out.length < want; i++) if (match.has(order[i])) out.push(order[i])
  return out
}

/**
 * Relevance among the first `candidates` matches in static-rank order (early termination: a term matching 400,000
 * products costs the same as one matching 400): model matches first (whole key, then prefix, then anywhere), then
 * whole-word matches of the query's words, then static rank. Exact model matches are always candidates.
 */
function rank(index: SearchIndex, parsed: ParsedQuery, match: Bitset, candidates: number): number[] {
  const pool = new Set<number>()
  for (const model of parsed.models) for (const o of index.withModelKey(model)) pool.add(o)
  match.forEach((o) => {
    pool.add(o)
    return pool.size < candidates
  })
  const fragments = [
    ...parsed.models,
    ...parsed.groups.flatMap((g) => (g.modelFragment ? [g.modelFragment] : [])),
    ...parsed.quantities.flatMap((q) => (q.model ? [q.model] : [])),
  ]
  const words = parsed.groups.flatMap((g) => g.words.filter((w) => index.has(w)))
  const postings = words.map((w) => index.postingsOf(w)!)
  const score = (o: number): number => {
    let s = 0
    if (fragments.length) {
      const key = index.modelKey(o)
      for (const model of fragments) {
        if (key === model) s += 100
        else if (key.startsWith(model)) s += 60
        else if (key.includes(model)) s += 40
      }
    }
    for (const p of postings) if (p instanceof Bitset ? p.has(o) : contains(p, o)) s += 10
    return s + (1 - o / Math.max(1, index.size)) * 5
  }
  return [...pool]
    .filter((o) => match.has(o))
    .map((o) => ({ o, s: score(o) }))
    .sort((a, b) => b.s - a.s || a.o - b.o)
    .map((x) => x.o)
}
