import { createHash } from 'node:crypto'
import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common'
import type { DataSource } from 'typeorm'
import type { CatalogEvents, WrittenProduct } from '../../catalog/catalog-events'
import { bulkSearchWords, searchWords } from '../../infra/jieba'
import { loadCategories, type CategoryInfo } from '../catalog-source'
import type { FacetParam } from '../engine/facets'
import { ENGLISH_WORDS, TRADE_SYNONYMS } from '../dictionary'
import { TextTermMemo, trigrams, type Segment } from '../engine/search-index'
import { parseQuery, understood, type ParsedQuery, type Vocabulary } from '../query'
import {
  engineQuery,
  facetBound,
  dominantCategory,
  type EngineAnswer,
  type EngineFacets,
  type EngineQuery,
  type EngineSuggestion,
  type FacetScope,
  type SearchEngine,
} from '../search-engine'
import { searchSnapshot, snapshotSuppliers, type Snapshot } from '../snapshot'
import { containsWithinOneEdit, modelKeyOf, normalize } from '../text'
import { staleProductIds, writeSearchDocs } from './search-docs'
import { SharedIndex } from './shared-index'
import { and, likeEscape, never, or, Params, type Condition } from './sql'

/** How many of the best-ranked matches are scored for relevance (as the embedded engine); deeper pages widen it. */
const CANDIDATES = 500
/** How long the parser's vocabulary and the category tree are kept (other processes' imports show within this). */
const VOCABULARY_TTL_MS = 5000
/** Model keys checked for a one-character typo at most (as the embedded engine). */
const FUZZY_CHECKED = 50_000
/** Facet counts and totals kept per process (each a statement's answer), dropped when `search_state` moves. */
const COUNTS_CACHED = 2000
/** How often the catalogue's version is read (a change elsewhere shows in cached counts within this). */
const VERSION_CHECK_MS = 1000
/** Matches up to this many are found first and then ordered (see page). */
const SMALL_MATCH = 20_000
/** Parameter spans matched by at most this many rows become an id list (see spanCondition). */
const SPAN_IDS = 20_000
/** Products written per catch-up round. */
const CATCH_UP_CHUNK = 4000
/** Products as written kept for their search rows at most (≈ 1 KB each); more are read back when their turn comes. */
const MAX_WRITTEN = 50_000
/** Words held by at least this share of products have their counts computed ahead (search_count, see warmCounts). */
const FREQUENT_SHARE = 0.01
/** At most this many frequent words (the most frequent first). */
const FREQUENT_WORDS = 150
/** How often a process looks whether the counts ahead are stale (and the catalogue still since the last look). */
const WARM_CHECK_MS = 5000
/** Advisory lock key: one process computes the counts ahead at a time. */
const WARM_LOCK = 1_764_596_000

interface Catalogue {
  categories: Map<number, CategoryInfo>
  /** Dimension → the number and range parameter keys of that dimension. */
  keysByDimension: Map<string, string[]>
}

/** Parameter words of a group that may also be a model fragment (see query.ts). */
type Group = ParsedQuery['groups'][number] & { modelFragment?: string }
type Quantity = ParsedQuery['quantities'][number] & { model?: string }

/**
 * 传感搜 answered by PostgreSQL (docs/search.md): every server process asks the database, none builds an index.
 * `search_doc` holds each product's index terms (the embedded engine's, search-docs.ts) under a GIN index, its model
 * key under a trigram index, its filter columns and a static rank. A query is parsed by the shared parser
 * (query.ts) against the vocabulary in `search_vocab`, then becomes one condition per part (word groups, model
 * fragments, parameters, filters), named as the embedded engine names its bitsets, so a facet is counted without its
 * own filter and with every other.
 *
 * Freshness: the importer announces each committed chunk (CatalogEvents); this process writes those products' rows
 * right after, in the background (`refresh()` waits for them). At start and on `refresh()` it also writes any row
 * that is missing or older than its product, so a process that stopped between a commit and its rows heals.
 */
export class PostgresSearch implements SearchEngine, OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly name = 'postgres' as const
  /** Matches up to this many are found first, then ordered (see page); tests lower it to try the other plan. */
  smallMatch = SMALL_MATCH
  private readonly logger = new Logger(PostgresSearch.name)
  /**
   * Products whose search rows are due, in the order announced, each with the product as an import wrote it when that
   * was kept (see writeSearchDocs; at most MAX_WRITTEN kept, counted in `kept`), else null (read back).
   */
  private readonly pending = new Map<number, WrittenProduct | null>()
  private kept = 0
  private writing: Promise<void> = Promise.resolve()
  private scheduled = false
  private unsubscribe: (() => void) | null = null
  private vocab: { at: number; value: Promise<Vocabulary> } | null = null
  private catalogue: { at: number; value: Promise<Catalogue> } | null = null
  private readonly counts = new Map<string, Promise<unknown>>()
  private version: { at: number; value: string | null; counts: string | null; stored: string | null } = {
    at: 0,
    value: null,
    counts: null,
    stored: null,
  }
  private warmTimer: NodeJS.Timeout | null = null
  private warming: Promise<void> = Promise.resolve()
  private lastSeenVersion: string | null = null
  /** Words held by at least this share of products get their counts computed ahead; tests raise or lower it. */
  frequentShare = FREQUENT_SHARE
  /**
   * Whether searches are answered from the shared index while it is current (config SEARCH_SHARED_INDEX, see
   * shared-index.ts); off, every search is answered in SQL and the counts ahead are kept instead. Tests switch it.
   */
  sharedIndex = true
  /** From how many products the shared index is built in a worker thread (config SEARCH_INDEX_WORKER_FROM). */
  workerFrom = 20_000
  /** Whether this process serves HTTP (search.module.ts passes Nest's adapter host; none in the CLI). */
  serving: () => boolean = () => true
  private readonly store: SharedIndex
  /** The shared index in this process (dropped as soon as the catalogue's version moves past it). */
  private shared: Snapshot | null = null
  /** A load of the stored index in flight. */
  private loading: Promise<void> | null = null
  /** A version of the shared index that failed to load or to answer here: not tried again. */
  private failedShared: string | null = null

  /** The terms of search documents' texts (name, brand, category names), each analysed once. */
  private readonly docTerms: TextTermMemo

  constructor(
    private readonly db: DataSource,
    private readonly events: CatalogEvents,
    /** Query text's words (jieba's, without its full dictionary in memory). */
    private readonly segment: Segment = searchWords,
    /** Search documents' words: the same cut, by the full segmenter (fast for many products). */
    segmentDocs: Segment = bulkSearchWords,
  ) {
    this.store = new SharedIndex(db, this.logger)
    this.docTerms = new TextTermMemo(segmentDocs)
  }

  async onApplicationBootstrap(): Promise<void> {
    this.unsubscribe = this.events.onProductsChanged((change) => {
      // A product announced again drops what was kept of it: only this change's payload (if any) describes it.
      for (const id of change.created) this.due(id, null)
      for (const id of change.updated) this.due(id, null)
      for (const product of change.written ?? []) this.due(product.id, product)
      this.schedule()
    })
    // In the background, after the announced writes: at 1,000,000 products finding stale rows takes seconds, and
    // the rows that exist answer meanwhile.
    this.enqueue(() => this.catchUp())
    // A process that serves no HTTP (the CLI: an import, the delivery worker) leaves the counts ahead and the shared
    // index to the servers: it would only keep itself busy (and its exit waiting) for minutes at 1,000,000 products.
    if (!this.serving()) return
    // At once (a stored shared index is loaded), then every WARM_CHECK_MS.
    this.warming = this.warming.then(() => this.warmIfStill())
    this.warmTimer = setInterval(() => {
      this.warming = this.warming.then(() => this.warmIfStill())
    }, WARM_CHECK_MS)
    this.warmTimer.unref()
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe?.()
    if (this.warmTimer) clearInterval(this.warmTimer)
    await this.writing
    await this.warming
  }

  async refresh(): Promise<void> {
    this.vocab = null
    this.catalogue = null
    this.counts.clear()
    this.version = { at: 0, value: null, counts: null, stored: null }
    this.schedule()
    await this.enqueue(() => this.catchUp())
    this.vocab = null
    await (this.warming = this.warming.then(() => (this.sharedIndex ? this.publishShared() : this.warmCounts())))
    this.version.at = 0
  }

  async settled(): Promise<void> {
    await this.writing
  }

  /** Runs a write after those already queued (one at a time in this process); a failure is logged. */
  private enqueue(write: () => Promise<void>): Promise<void> {
    this.writing = this.writing.then(write).catch((error) => this.logger.warn(`search rows: ${String(error)}`))
    return this.writing
  }

  async search(query: EngineQuery, scope: FacetScope): Promise<EngineAnswer> {
    await this.checkVersion()
    const answer = this.fromShared((snapshot) => searchSnapshot(snapshot, query, scope, this.segment))
    if (answer) return answer
    const [vocab, catalogue] = await Promise.all([this.vocabulary(), this.loadCatalogue()])
    const parsed = parseQuery(query.q, vocab, this.segment)
    const { filters, fuzzyModels } = await this.conditions(query, parsed, vocab, catalogue)
    const match = and([...filters.values()])
    const without = (name: string): Condition =>
      filters.has(name) ? and([...filters].filter(([n]) => n !== name).map(([, c]) => c)) : match

    // The counts over the whole match (total, and every facet whose own filter is not set) in one pass.
    const shared = query.facets ? this.sharedCounts(match) : null
    const [total, categoryCounts] = await Promise.all([
      shared ? shared.then((s) => s.total) : this.count(match),
      !shared
        ? Promise.resolve(null)
        : filters.has('category')
          ? this.categoryCounts(without('category'), scope.categoryIds)
          : shared.then((s) => byCount(scope.categoryIds.map((id) => ({ id, count: s.categories.get(id) ?? 0 })))),
    ])
    const page = this.page(query, parsed, match, total)
    page.catch(() => undefined) // awaited below; not unhandled if the facets fail first
    let facets: EngineFacets | null = null
    if (shared && categoryCounts) {
      const counts = await shared
      const dominant = dominantCategory(
        query.category,
        categoryCounts,
        total,
        (id) => catalogue.categories.get(id)?.lineage.length ?? 0,
      )
      const [params, regions, inStock] = await Promise.all([
        this.paramFacets(scope.paramsFor(dominant), match, without, filters, counts.enums),
        filters.has('region')
          ? this.regionCounts(without('region'), scope.regions)
          : byCount(scope.regions.map((value) => ({ value, count: counts.regions.get(value) ?? 0 }))),
        filters.has('stock') ? this.inStockCount(without('stock')) : counts.inStock,
      ])
      facets = { categories: categoryCounts, params, regions, inStock }
    }
    return { ids: await page, total, understood: understood(parsed, fuzzyModels), facets }
  }

  async matching(queries: EngineQuery[], ids: number[]): Promise<number[][]> {
    if (!ids.length || !queries.length) return queries.map(() => [])
    // The rows of the announced products are written in the queue this waits for (the importer's event queued them).
    await this.settled()
    this.vocab = null
    this.catalogue = null
    const [vocab, catalogue] = await Promise.all([this.vocabulary(), this.loadCatalogue(), this.checkVersion()])
    const out: number[][] = []
    for (const query of queries) {
      const parsed = parseQuery(query.q, vocab, this.segment)
      const { filters } = await this.conditions(query, parsed, vocab, catalogue)
      const p = new Params()
      const rows = (await this.db.query(
        `SELECT d.product_id FROM search_doc d WHERE d.product_id = ANY(${p.add(ids, 'int[]')})
           AND ${and([...filters.values()])(p)}`,
        p.values,
      )) as Array<{ product_id: number }>
      const found = new Set(rows.map((r) => Number(r.product_id)))
      out.push(ids.filter((id) => found.has(id)))
    }
    return out
  }

  /** SELECT DISTINCT supplier over the same conditions as a search (no ranking, no counts). */
  async matchingSuppliers(query: EngineQuery): Promise<number[]> {
    await this.checkVersion()
    const suppliers = this.fromShared((snapshot) => snapshotSuppliers(snapshot, query, this.segment))
    if (suppliers) return suppliers
    const [vocab, catalogue] = await Promise.all([this.vocabulary(), this.loadCatalogue()])
    const parsed = parseQuery(query.q, vocab, this.segment)
    const { filters } = await this.conditions(query, parsed, vocab, catalogue)
    const p = new Params()
    const where = and([...filters.values()])(p)
    const rows = (await this.db.query(
      `SELECT DISTINCT pr."supplierId" AS id FROM search_doc d JOIN product pr ON pr.id = d.product_id
       WHERE ${where} ORDER BY 1`,
      p.values,
    )) as Array<{ id: number | string }>
    return rows.map((r) => Number(r.id))
  }

  async suggest(input: string, limit: number): Promise<EngineSuggestion[]> {
    await this.checkVersion()
    const suggestions = this.fromShared((snapshot) => snapshot.suggester.suggest(input, limit))
    if (suggestions) return suggestions
    const text = normalize(input)
    if (!text) return []
    const out: EngineSuggestion[] = []
    const seen = new Set<string>()
    const push = (s: EngineSuggestion) => {
      if (out.length < limit && !seen.has(`${s.kind}:${s.text}`)) {
        seen.add(`${s.kind}:${s.text}`)
        out.push(s)
      }
    }
    const key = modelKeyOf(text)
    const [models, words, { categories }] = await Promise.all([
      key.length >= 2 && /[A-Z0-9]/.test(key)
        ? (this.db.query(
            // Byte order (~<~), as IDX_search_doc_model_suggest holds the keys: the first 500 keys of the prefix
            // are one index-only range read, not every row of the prefix read and sorted.
            `SELECT model FROM (
               SELECT DISTINCT ON (model_key) model_key, model, rank, product_id FROM search_doc
               WHERE model_key LIKE $1 ORDER BY model_key USING ~<~, rank DESC, product_id LIMIT 500
             ) m ORDER BY rank DESC, product_id LIMIT 6`,
            [`${likeEscape(key)}%`],
          ) as Promise<Array<{ model: string }>>)
        : Promise.resolve([]),
      this.db.query(
        `SELECT substr(term, 3) AS word FROM search_vocab WHERE term LIKE $1 AND term <> $2
         ORDER BY df DESC, term LIMIT $3`,
        [`w:${likeEscape(text)}%`, `w:${text}`, limit],
      ) as Promise<Array<{ word: string }>>,
      this.loadCatalogue(),
    ])
    for (const m of models) push({ kind: 'model', text: m.model })
    for (const c of categories.values()) if (c.name.includes(text)) push({ kind: 'category', text: c.path, id: c.id })
    for (const w of words) if (/\p{Script=Han}/u.test(w.word)) push({ kind: 'word', text: w.word })
    return out
  }

  /** The query's parts and filters as named conditions (the embedded engine's names, see engine/engine.ts). */
  private async conditions(
    query: EngineQuery,
    parsed: ParsedQuery,
    vocab: Vocabulary,
    catalogue: Catalogue,
  ): Promise<{ filters: Map<string, Condition>; fuzzyModels: string[] }> {
    const filters = new Map<string, Condition>()
    const fuzzyModels: string[] = []
    parsed.groups.forEach((g, i) => {
      const group = g as Group
      const alternatives: Condition[] = group.alternatives
        .filter((terms) => terms.length > 0)
        .map((terms) => (p) => `d.terms @> ${p.add(terms, 'text[]')}`)
      if (group.modelFragment) alternatives.push(modelContains(group.modelFragment))
      filters.set(`q:${i}`, or(alternatives))
    })
    const models = await Promise.all(parsed.models.map((m) => this.modelCondition(m)))
    parsed.models.forEach((model, i) => {
      if (models[i].fuzzy) fuzzyModels.push(model)
      filters.set(`m:${model}`, models[i].condition)
    })
    const quantities = await Promise.all(
      parsed.quantities.map((q) => {
        const keys = catalogue.keysByDimension.get(q.dimension) ?? []
        return keys.length ? this.spanCondition(keys, q.min, q.max) : Promise.resolve(null)
      }),
    )
    parsed.quantities.forEach((q, i) => {
      const quantity = q as Quantity
      const alternatives = quantities[i] ? [quantities[i]] : []
      if (quantity.model) alternatives.push(modelContains(quantity.model))
      filters.set(`qty:${i}`, or(alternatives))
    })
    for (const value of parsed.enums) {
      filters.set(`qe:${value}`, anyTerm([...(vocab.enumKeys.get(value) ?? [])].map((key) => `e:${key}=${value}`)))
    }
    if (parsed.ipAtLeast !== null) {
      const [solid, liquid] = [Math.floor(parsed.ipAtLeast / 10), parsed.ipAtLeast % 10]
      const terms: string[] = []
      for (const [value, keys] of vocab.enumKeys) {
        const ip = /^IP(\d)(\d)/.exec(value)
        if (!ip || Number(ip[1]) < solid || Number(ip[2]) < liquid) continue
        for (const key of keys) terms.push(`e:${key}=${value}`)
      }
      filters.set('ip', anyTerm(terms))
    }

    if (query.category !== undefined) {
      const term = `c:${query.category}`
      filters.set('category', (p) => `d.terms @> ARRAY[${p.add(term, 'text')}]`)
    }
    for (const [key, values] of Object.entries(query.enums)) {
      if (values.length) filters.set(`enum:${key}`, anyTerm(values.map((v) => `e:${key}=${v}`)))
    }
    for (const [key, span] of Object.entries(query.ranges)) {
      filters.set(`range:${key}`, await this.spanCondition([key], span.min, span.max))
    }
    if (query.regions.length) filters.set('region', (p) => `d.region = ANY(${p.add(query.regions, 'text[]')})`)
    if (query.inStock) filters.set('stock', () => 'd.stock > 0')
    if (query.priceMax !== undefined) {
      const { qty, priceMax } = query
      filters.set(
        'price',
        (p) => `search_price_at(d.break_qty, d.break_price, ${p.add(qty, 'int')}) <= ${p.add(priceMax, 'float8')}`,
      )
    }
    return { filters, fuzzyModels }
  }

  /**
   * Products whose model key holds the fragment; none: those holding it with one character mistyped, missing or
   * extra, among the keys that share a trigram with it.
   */
  private async modelCondition(fragment: string): Promise<{ condition: Condition; fuzzy: boolean }> {
    const exact = modelContains(fragment)
    if (fragment.length < 4) return { condition: exact, fuzzy: false }
    const p = new Params()
    const found = (await this.db.query(`SELECT 1 FROM search_doc d WHERE ${exact(p)} LIMIT 1`, p.values)) as unknown[]
    if (found.length) return { condition: exact, fuzzy: false }
    // As the embedded engine: keys sharing a trigram with the fragment are the candidates (trigram index).
    const q = new Params()
    const shared = trigrams(fragment).map((gram) => `model_key LIKE ${q.add(`%${likeEscape(gram)}%`, 'text')}`)
    const rows = (await this.db.query(
      `SELECT product_id, model_key FROM search_doc WHERE ${shared.join(' OR ')} LIMIT ${q.add(FUZZY_CHECKED, 'int')}`,
      q.values,
    )) as Array<{ product_id: number; model_key: string }>
    const near = rows.filter((r) => containsWithinOneEdit(r.model_key, fragment)).map((r) => Number(r.product_id))
    if (!near.length) return { condition: never, fuzzy: false }
    return { condition: (q) => `d.product_id = ANY(${q.add(near, 'int[]')})`, fuzzy: true }
  }

  /**
   * Products with a value of one of `keys` covering or overlapping [min, max]. When few products have one (up to
   * SPAN_IDS), their ids are read first through the parameter index and the condition is an id list the planner can
   * combine with the GIN and trigram indexes; otherwise a correlated EXISTS on product_param.
   */
  private async spanCondition(keys: string[], min: number, max: number): Promise<Condition> {
    const p = new Params()
    const rows = (await this.countQuery(
      `SELECT DISTINCT pp."productId" AS id FROM (
         SELECT pp."productId" FROM product_param pp WHERE ${spanRow(p, keys, min, max)}
         LIMIT ${p.add(SPAN_IDS + 1, 'int')}) pp`,
      p.values,
    )) as Array<{ id: number }>
    if (rows.length > SPAN_IDS) return spanMatches(keys, min, max)
    const ids = rows.map((r) => Number(r.id))
    if (!ids.length) return never
    return (q) => `d.product_id = ANY(${q.add(ids, 'int[]')})`
  }

  /** The page: by price or freshness in index order, or by relevance among the best-ranked candidates. */
  private async page(query: EngineQuery, parsed: ParsedQuery, match: Condition, total: number): Promise<number[]> {
    const want = query.offset + query.limit
    const p = new Params()
    // A small match is found first with the best index for the condition alone, then ordered; a large one is walked
    // in rank (or price, freshness) order until the page is full. Left to itself the planner walks the rank index
    // for a rare model fragment too (a pattern's selectivity is a guess), reading the whole table.
    const small = total <= this.smallMatch
    const found = small
      ? `WITH m AS MATERIALIZED (SELECT d.product_id, d.rank, d.model_key, d.terms, d.price_from, d.updated_at
           FROM search_doc d WHERE ${match(p)}) `
      : ''
    const from = small ? 'm d' : 'search_doc d'
    const where = small ? 'TRUE' : match(p)
    let sql: string
    if (query.sort === 'price' || query.sort === 'fresh') {
      const order =
        query.sort === 'price'
          ? 'd.price_from ASC NULLS LAST, d.rank DESC, d.product_id'
          : 'd.updated_at DESC, d.rank DESC, d.product_id'
      sql = `${found}SELECT d.product_id FROM ${from} WHERE ${where} ORDER BY ${order}
             LIMIT ${p.add(query.limit, 'int')} OFFSET ${p.add(query.offset, 'int')}`
    } else {
      const fragments = [
        ...parsed.models,
        ...parsed.groups.flatMap((g) => ((g as Group).modelFragment ? [(g as Group).modelFragment!] : [])),
        ...parsed.quantities.flatMap((q) => ((q as Quantity).model ? [(q as Quantity).model!] : [])),
      ]
      const words = parsed.groups.flatMap((g) => g.words)
      const modelScore = fragments.map((f) => {
        const exact = p.add(f, 'text')
        const prefix = p.add(`${likeEscape(f)}%`, 'text')
        const inside = p.add(`%${likeEscape(f)}%`, 'text')
        return `CASE WHEN c.model_key = ${exact} THEN 100 WHEN c.model_key LIKE ${prefix} THEN 60
                WHEN c.model_key LIKE ${inside} THEN 40 ELSE 0 END`
      })
      const wordScore = words.length
        ? `10 * (SELECT count(*) FROM unnest(${p.add(words, 'text[]')}) w WHERE w = ANY(c.terms))`
        : '0'
      const exactModels = parsed.models.length
        ? `UNION SELECT d.product_id, d.rank, d.model_key, d.terms FROM ${from}
           WHERE d.model_key = ANY(${p.add(parsed.models, 'text[]')}) AND ${where}`
        : ''
      sql = `${found ? `${found}, ` : 'WITH '}c AS (
               (SELECT d.product_id, d.rank, d.model_key, d.terms FROM ${from} WHERE ${where}
                ORDER BY d.rank DESC, d.product_id LIMIT ${p.add(Math.max(CANDIDATES, want * 2), 'int')})
               ${exactModels}
             )
             SELECT c.product_id, ${[wordScore, ...modelScore].join(' + ')} AS score FROM c
             ORDER BY score DESC, c.rank DESC, c.product_id
             LIMIT ${p.add(query.limit, 'int')} OFFSET ${p.add(query.offset, 'int')}`
    }
    const rows = (await this.db.query(sql, p.values)) as Array<{ product_id: number }>
    return rows.map((r) => Number(r.product_id))
  }

  /**
   * In one pass over the match: how many, how many in stock, and the counts per region, per category (a product
   * counts in its category and every ancestor) and per enum value.
   */
  private async sharedCounts(match: Condition): Promise<{
    total: number
    inStock: number
    regions: Map<string, number>
    categories: Map<number, number>
    enums: Map<string, Array<{ value: string; count: number }>>
  }> {
    const statement = sharedCountsStatement(match)
    const rows = (await this.countQuery(statement.sql, statement.values)) as Array<{
      k: string
      v: string | null
      n: string
    }>
    const out = {
      total: 0,
      inStock: 0,
      regions: new Map<string, number>(),
      categories: new Map<number, number>(),
      enums: new Map<string, Array<{ value: string; count: number }>>(),
    }
    for (const { k, v, n } of rows) {
      const count = Number(n)
      if (k === 'n') out.total = count
      else if (k === 's') out.inStock = count
      else if (k === 'r') out.regions.set(v!, count)
      else if (k === 'c') out.categories.set(Number(v), count)
      else {
        const at = v!.indexOf('=')
        const key = v!.slice(0, at)
        out.enums.set(key, [...(out.enums.get(key) ?? []), { value: v!.slice(at + 1), count }])
      }
    }
    return out
  }

  private async count(match: Condition): Promise<number> {
    const statement = countStatement(match)
    const rows = (await this.countQuery(statement.sql, statement.values)) as Array<{ n: string }>
    return Number(rows[0]?.n ?? 0)
  }

  private async categoryCounts(within: Condition, ids: number[]): Promise<Array<{ id: number; count: number }>> {
    const p = new Params()
    const rows = (await this.countQuery(
      `SELECT c AS id, count(*) AS n FROM search_doc d, unnest(d.category_ids) c WHERE ${within(p)} GROUP BY c`,
      p.values,
    )) as Array<{ id: number; n: string }>
    const counts = new Map(rows.map((r) => [Number(r.id), Number(r.n)]))
    return byCount(ids.map((id) => ({ id, count: counts.get(id) ?? 0 })))
  }

  private async regionCounts(within: Condition, regions: string[]): Promise<Array<{ value: string; count: number }>> {
    if (!regions.length) return []
    const p = new Params()
    const rows = (await this.countQuery(
      `SELECT d.region, count(*) AS n FROM search_doc d WHERE ${within(p)} GROUP BY d.region`,
      p.values,
    )) as Array<{ region: string; n: string }>
    const counts = new Map(rows.map((r) => [r.region, Number(r.n)]))
    return byCount(regions.map((value) => ({ value, count: counts.get(value) ?? 0 })))
  }

  private async inStockCount(within: Condition): Promise<number> {
    return this.count(and([within, () => 'd.stock > 0']))
  }

  /**
   * Enum values with counts and range bounds of the facet parameters. A parameter filtered on is counted without
   * its own filter (one statement each); the others share one statement per kind over the whole match.
   */
  private async paramFacets(
    params: FacetParam[],
    match: Condition,
    without: (name: string) => Condition,
    filters: Map<string, Condition>,
    sharedEnums: Map<string, Array<{ value: string; count: number }>>,
  ): Promise<EngineFacets['params']> {
    const enums = params.filter((f) => f.kind === 'enum')
    const spans = params.filter((f) => f.kind === 'range' || f.kind === 'number')
    const enumGroups = groupByCondition(enums, (f) => `enum:${f.key}`, filters, match, without)
    const spanGroups = groupByCondition(spans, (f) => `range:${f.key}`, filters, match, without)
    const enumValues = new Map<string, Array<{ value: string; count: number }>>()
    for (const group of enumGroups) {
      if (group.within === match) for (const key of group.keys) enumValues.set(key, [...(sharedEnums.get(key) ?? [])])
    }
    const bounds = new Map<string, { min: number; max: number }>()
    await Promise.all([
      ...enumGroups
        .filter((group) => group.within !== match)
        .map(async ({ keys, within }) => {
          const p = new Params()
          const rows = (await this.countQuery(
            `SELECT e, count(*) AS n FROM search_doc d, unnest(d.enums) e
           WHERE ${within(p)} AND split_part(e, '=', 1) = ANY(${p.add(keys, 'text[]')}) GROUP BY e`,
            p.values,
          )) as Array<{ e: string; n: string }>
          for (const row of rows) {
            const at = row.e.indexOf('=')
            const key = row.e.slice(0, at)
            const list = enumValues.get(key) ?? []
            list.push({ value: row.e.slice(at + 1), count: Number(row.n) })
            enumValues.set(key, list)
          }
        }),
      ...spanGroups.map(async ({ keys, within }) => {
        // Counted ahead for a frequent word alone: every span key's bounds over its matches.
        const ahead = within === match ? await this.ahead(boundsStatement(match)) : null
        if (ahead) {
          for (const row of ahead as Array<{ key: string; lo: string; hi: string }>) {
            if (keys.includes(row.key))
              bounds.set(row.key, { min: facetBound(Number(row.lo)), max: facetBound(Number(row.hi)) })
          }
          return
        }
        const p = new Params()
        const rows = (await this.countQuery(
          `SELECT pp.key, min(COALESCE(pp.min, pp.max)) AS lo, max(COALESCE(pp.max, pp.min)) AS hi
           FROM product_param pp JOIN search_doc d ON d.product_id = pp."productId"
           WHERE pp.key = ANY(${p.add(keys, 'text[]')})
             AND (pp.min IS NOT NULL OR (pp.max IS NOT NULL AND pp.value IS NULL)) AND ${within(p)}
           GROUP BY pp.key`,
          p.values,
        )) as Array<{ key: string; lo: number | null; hi: number | null }>
        for (const row of rows) {
          if (row.lo !== null && row.hi !== null)
            bounds.set(row.key, { min: facetBound(Number(row.lo)), max: facetBound(Number(row.hi)) })
        }
      }),
    ])
    const out: EngineFacets['params'] = []
    for (const param of params) {
      if (param.kind === 'enum') {
        const values = byCount((enumValues.get(param.key) ?? []).sort((a, b) => (a.value < b.value ? -1 : 1)))
        if (values.length) out.push({ key: param.key, kind: 'enum', values })
      } else if (param.kind === 'range' || param.kind === 'number') {
        const span = bounds.get(param.key)
        if (span) out.push({ key: param.key, kind: 'range', unit: param.unit, ...span })
      }
    }
    return out
  }

  /**
   * A count statement's rows, from this process's cache when the same statement was answered since the catalogue
   * last changed: a common word's facet counts are computed once per change, not once per search.
   */
  private countQuery(sql: string, values: unknown[]): Promise<unknown> {
    return this.cached(`${this.version.value}\u0000${sql}\u0000${JSON.stringify(values)}`, () =>
      this.readAhead(sql, values).then((rows) => rows ?? this.db.query(sql, values)),
    )
  }

  /** A statement's answer counted ahead (warmCounts) at the current version, if it was; never run here. */
  private ahead(statement: { sql: string; values: unknown[] }): Promise<unknown[] | null> {
    const { sql, values } = statement
    return this.cached(`${this.version.value}\u0000ahead\u0000${sql}\u0000${JSON.stringify(values)}`, () =>
      this.readAhead(sql, values),
    ) as Promise<unknown[] | null>
  }

  /**
   * The answer `warmCounts` kept for a statement, when the counts ahead are current for the version this process last
   * read (one primary-key read); null when they are not or the statement is not among them.
   */
  private readAhead(sql: string, values: unknown[]): Promise<unknown[] | null> {
    if (this.version.value === null || this.version.counts !== this.version.value) return Promise.resolve(null)
    return (
      this.db.query('SELECT rows FROM search_count WHERE key = $1', [countKey(sql, values)]) as Promise<
        Array<{ rows: unknown[] }>
      >
    ).then((found) => (found.length ? found[0].rows : null))
  }

  /**
   * The process's answers (at most COUNTS_CACHED, least recently used dropped first), keyed by the version read
   * before the statement runs: an answer never outlives the version it was asked under. A failed load is forgotten.
   */
  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    let rows = this.counts.get(key) as Promise<T> | undefined
    if (rows) {
      this.counts.delete(key) // most recently used last
    } else {
      rows = load()
      rows.catch(() => this.counts.delete(key))
      if (this.counts.size >= COUNTS_CACHED) this.counts.delete(this.counts.keys().next().value!)
    }
    this.counts.set(key, rows)
    return rows
  }

  /**
   * Reads the catalogue's version (at most every VERSION_CHECK_MS): drops the cached counts and the shared index when
   * it moved, and starts loading the stored shared index when one of this version is there.
   */
  private async checkVersion(): Promise<void> {
    if (Date.now() - this.version.at < VERSION_CHECK_MS) return
    this.version.at = Date.now()
    const rows = (await this.db.query(
      'SELECT version, counts_version, snapshot_version FROM search_state WHERE id = 1',
    )) as Array<{ version: string; counts_version: string | null; snapshot_version: string | null }>
    const value = String(rows[0]?.version ?? '')
    const optional = (v: string | null | undefined) => (v == null ? null : String(v))
    if (value !== this.version.value) this.counts.clear()
    this.version.value = value
    this.version.counts = optional(rows[0]?.counts_version)
    this.version.stored = optional(rows[0]?.snapshot_version)
    if (this.shared && this.shared.version !== value) this.shared = null // stale: its memory goes
    if (
      this.sharedIndex &&
      this.version.stored === value &&
      !this.shared &&
      !this.loading &&
      this.failedShared !== value
    ) {
      this.loading = this.loadShared(value).finally(() => (this.loading = null))
    }
  }

  /** The shared index, when it is on and built at the catalogue's version as last read. */
  private currentShared(): Snapshot | null {
    return this.sharedIndex && this.shared?.version === this.version.value ? this.shared : null
  }

  /**
   * An answer from the shared index while it is current, else null (answer in SQL). An index that fails to answer
   * is dropped and its version not loaded again in this process: searches go on in SQL, never fail for it.
   */
  private fromShared<T>(answer: (snapshot: Snapshot) => T): T | null {
    const snapshot = this.currentShared()
    if (!snapshot) return null
    try {
      return answer(snapshot)
    } catch (error) {
      this.logger.error(`shared search index: failed to answer, answering in SQL: ${String(error)}`)
      this.failedShared = snapshot.version
      this.shared = null
      return null
    }
  }

  /**
   * Loads the stored shared index of `version` (in the background: searches answer in SQL meanwhile). A version that
   * fails to load is not tried again in this process (searches answer in SQL until the catalogue moves on).
   */
  private async loadShared(version: string): Promise<void> {
    try {
      const snapshot = await this.store.load(version)
      if (snapshot && this.version.value === version) this.shared = snapshot
    } catch (error) {
      this.failedShared = version
      this.logger.error(`shared search index: version ${version} not loaded, answering in SQL: ${String(error)}`)
    }
  }

  /**
   * Builds and stores the shared index if it is stale and no other process is building it (shared-index.ts), then
   * makes sure this process holds the current one.
   */
  private async publishShared(): Promise<void> {
    try {
      // Holding the current one (loaded now if it is stored) is enough; else build it. Twice at most: a stored
      // version whose parts are gone (the unlogged table emptied by a crash) is forgotten by the load, then built.
      const held = async () => {
        this.version.at = 0
        await this.checkVersion()
        await this.loading
        return this.currentShared() !== null
      }
      for (let attempt = 0; attempt < 2; attempt++) {
        if (await held()) return
        const outcome = await this.store.publish({
          workerFrom: this.workerFrom,
          install: (snapshot) => (this.shared = snapshot),
        })
        // Built but the catalogue moved meanwhile, or another process is building: the next look tries again.
        if (outcome !== 'stored' && outcome !== 'current') return
      }
      await held()
    } catch (error) {
      this.logger.warn(`shared search index: ${String(error)}`)
    }
  }

  /**
   * Loads the stored shared index when it is current and not held here. When the catalogue did not change since the
   * last look: builds the shared index if it is stale (when on), else computes the counts ahead if they are stale.
   */
  private async warmIfStill(): Promise<void> {
    try {
      const rows = (await this.db.query(
        'SELECT version, counts_version, snapshot_version FROM search_state WHERE id = 1',
      )) as Array<{ version: string; counts_version: string | null; snapshot_version: string | null }>
      const version = String(rows[0]?.version ?? '')
      const stored = String(rows[0]?.snapshot_version ?? '')
      const still = version === this.lastSeenVersion
      this.lastSeenVersion = version
      // A current shared index is loaded whether or not the catalogue is still (at start, before any search).
      if (this.sharedIndex && stored === version && !this.currentShared()) {
        this.version.at = 0
        await this.checkVersion()
        await this.loading
      }
      if (!still) return
      if (this.sharedIndex) {
        if (stored !== version) await this.publishShared()
      } else if (String(rows[0]?.counts_version ?? '') !== version) await this.warmCounts()
    } catch (error) {
      this.logger.warn(`counts ahead: ${String(error)}`)
    }
  }

  /**
   * The counts of a search for each frequent word alone (a `w:` word held by at least `frequentShare` of products,
   * at most FREQUENT_WORDS): the same statements a search for it runs (total and the one-pass facet counts), run
   * now from one snapshot and kept in `search_count` under the statement, with `search_state.counts_version` set to
   * the version of that snapshot. A search at that version reads them instead of counting every match. One process
   * at a time (advisory lock); if the catalogue changes meanwhile, setting counts_version fails and the next look
   * tries again. Only these statements are kept: other searches' counts stay in the process (countQuery).
   */
  private async warmCounts(): Promise<void> {
    const started = Date.now()
    const runner = this.db.createQueryRunner()
    await runner.connect()
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ')
      const [lock] = (await runner.query('SELECT pg_try_advisory_xact_lock($1) AS ok', [WARM_LOCK])) as Array<{
        ok: boolean
      }>
      const [state] = (await runner.query('SELECT version, counts_version FROM search_state WHERE id = 1')) as Array<{
        version: string
        counts_version: string | null
      }>
      if (!lock.ok || String(state.version) === String(state.counts_version ?? '')) {
        await runner.query('ROLLBACK')
        return
      }
      const [{ n }] = (await runner.query('SELECT count(*) AS n FROM search_doc')) as Array<{ n: string }>
      const words = (await runner.query(
        `SELECT substr(term, 3) AS word FROM search_vocab WHERE term LIKE 'w:%' AND df >= $1
         ORDER BY df DESC, term LIMIT $2`,
        [Math.max(1, Math.ceil(Number(n) * this.frequentShare)), FREQUENT_WORDS],
      )) as Array<{ word: string }>
      // Category names too (压力传感器 is 压力 and 传感器 to the parser, no one word), the parser's trade shorthand and
      // English words (压变, pressure transmitter), and no words at all (the category tree).
      const names = (await runner.query('SELECT DISTINCT name AS word FROM category ORDER BY name')) as Array<{
        word: string
      }>
      const vocab = await readVocabulary((sql) => runner.query(sql) as Promise<Array<{ term: string }>>)
      const kept = new Map<string, unknown>()
      const dictionary = [...Object.keys(TRADE_SYNONYMS), ...Object.keys(ENGLISH_WORDS)]
      for (const word of new Set(['', ...words.map((w) => w.word), ...names.map((w) => w.word), ...dictionary])) {
        const parsed = parseQuery(word, vocab, this.segment)
        // Words alone: nothing here reads the database while the conditions are written.
        if (parsed.models.length || parsed.quantities.length || parsed.enums.length || parsed.ipAtLeast !== null)
          continue
        const { filters } = await this.conditions(engineQuery(word), parsed, vocab, {
          categories: new Map(),
          keysByDimension: new Map(),
        })
        const match = and([...filters.values()])
        for (const statement of [sharedCountsStatement(match), countStatement(match), boundsStatement(match)]) {
          const key = countKey(statement.sql, statement.values)
          if (!kept.has(key)) kept.set(key, await runner.query(statement.sql, statement.values))
        }
      }
      await runner.query('DELETE FROM search_count')
      const entries = [...kept]
      for (let i = 0; i < entries.length; i += 100) {
        await runner.query(
          `INSERT INTO search_count (key, rows) SELECT k, r FROM jsonb_to_recordset($1::jsonb) AS x(k text, r jsonb)`,
          [JSON.stringify(entries.slice(i, i + 100).map(([k, r]) => ({ k, r })))],
        )
      }
      await runner.query('UPDATE search_state SET counts_version = $1 WHERE id = 1', [state.version])
      await runner.query('COMMIT')
      this.version.at = 0
      this.logger.log(
        `counts ahead: ${kept.size} statements for ${words.length} frequent words, ${names.length} category names and ${dictionary.length} dictionary words in ${Date.now() - started} ms`,
      )
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined)
      this.logger.warn(`counts ahead: ${String(error)}`)
    } finally {
      await runner.release()
    }
  }

  /** Enum values (`e:key=VALUE` terms in `search_vocab`) by value, with their keys: what the parser recognises. */
  private vocabulary(): Promise<Vocabulary> {
    if (!this.vocab || Date.now() - this.vocab.at > VOCABULARY_TTL_MS) {
      const value = readVocabulary((sql) => this.db.query(sql) as Promise<Array<{ term: string }>>)
      this.vocab = { at: Date.now(), value }
      value.catch(() => (this.vocab = null))
    }
    return this.vocab.value
  }

  private loadCatalogue(): Promise<Catalogue> {
    if (!this.catalogue || Date.now() - this.catalogue.at > VOCABULARY_TTL_MS) {
      const value = (async () => {
        const categories = await loadCategories(this.db)
        const keysByDimension = new Map<string, string[]>()
        for (const c of categories.values()) {
          for (const p of c.params) {
            if (!p.dimension || (p.kind !== 'number' && p.kind !== 'range')) continue
            const keys = keysByDimension.get(p.dimension) ?? []
            if (!keys.includes(p.key)) keys.push(p.key)
            keysByDimension.set(p.dimension, keys)
          }
        }
        return { categories, keysByDimension }
      })()
      this.catalogue = { at: Date.now(), value }
      value.catch(() => (this.catalogue = null))
    }
    return this.catalogue.value
  }

  /** Queues a product's search row, with the product as written when given and while fewer than MAX_WRITTEN are kept. */
  private due(id: number, product: WrittenProduct | null): void {
    if (this.pending.get(id)) this.kept--
    const keep = product !== null && this.kept < MAX_WRITTEN
    if (keep) this.kept++
    this.pending.set(id, keep ? product : null)
  }

  /** Writes the rows of products announced by the importer, after the writes already queued. */
  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    this.writing = this.writing.then(async () => {
      this.scheduled = false
      while (this.pending.size) {
        const ids: number[] = []
        const written = new Map<number, WrittenProduct>()
        for (const [id, product] of this.pending) {
          ids.push(id)
          if (product) written.set(id, product)
          if (ids.length === CATCH_UP_CHUNK) break
        }
        for (const id of ids) this.pending.delete(id)
        this.kept -= written.size
        try {
          // The tree as it is now (the taxonomy may have been applied since the cached one was read).
          await writeSearchDocs(this.db, await loadCategories(this.db), ids, this.docTerms, written)
          this.version.at = 0 // read the version again at the next search
        } catch (error) {
          // The next catch-up (start, refresh) writes them.
          this.logger.warn(`search rows for ${ids.length} products: ${String(error)}`)
        }
      }
    })
  }

  /** Writes every row that is missing or stale (start, refresh). */
  private async catchUp(): Promise<void> {
    const started = Date.now()
    let written = 0
    const categories = await loadCategories(this.db)
    for (;;) {
      const ids = await staleProductIds(this.db, CATCH_UP_CHUNK)
      if (!ids.length) break
      const n = await writeSearchDocs(this.db, categories, ids, this.docTerms)
      written += n
      this.version.at = 0
      if (n === 0) break
    }
    if (written) this.logger.log(`search rows: ${written} products written in ${Date.now() - started} ms`)
  }
}

/** The total and every facet count of a match, in one pass (see sharedCounts). */
function sharedCountsStatement(match: Condition): { sql: string; values: unknown[] } {
  const p = new Params()
  const sql = `WITH m AS MATERIALIZED (SELECT d.category_ids, d.region, d.stock, d.enums FROM search_doc d WHERE ${match(p)})
       SELECT 'n' AS k, NULL AS v, count(*) AS n FROM m
       UNION ALL SELECT 's', NULL, count(*) FROM m WHERE m.stock > 0
       UNION ALL SELECT 'r', m.region, count(*) FROM m GROUP BY m.region
       UNION ALL SELECT 'c', c::text, count(*) FROM m, unnest(m.category_ids) c GROUP BY c
       UNION ALL SELECT 'e', e, count(*) FROM m, unnest(m.enums) e GROUP BY e`
  return { sql, values: p.values }
}

/**
 * Every span key's lowest and highest value over a match (the range facets' bounds, counted ahead for frequent
 * words; as text, so infinite ends survive JSON).
 */
function boundsStatement(match: Condition): { sql: string; values: unknown[] } {
  const p = new Params()
  const sql = `SELECT pp.key, min(COALESCE(pp.min, pp.max))::text AS lo, max(COALESCE(pp.max, pp.min))::text AS hi
       FROM product_param pp JOIN search_doc d ON d.product_id = pp."productId"
       WHERE (pp.min IS NOT NULL OR (pp.max IS NOT NULL AND pp.value IS NULL)) AND ${match(p)}
       GROUP BY pp.key`
  return { sql, values: p.values }
}

function countStatement(match: Condition): { sql: string; values: unknown[] } {
  const p = new Params()
  const sql = `SELECT count(*) AS n FROM search_doc d WHERE ${match(p)}`
  return { sql, values: p.values }
}

/** The key of a count statement's answer in `search_count`. */
function countKey(sql: string, values: unknown[]): string {
  return createHash('sha256')
    .update(`${sql}\u0000${JSON.stringify(values)}`)
    .digest('base64url')
}

/** Enum values (`e:key=VALUE` terms in `search_vocab`) by value, with their keys: what the parser recognises. */
async function readVocabulary(query: (sql: string) => Promise<Array<{ term: string }>>): Promise<Vocabulary> {
  const rows = await query(`SELECT term FROM search_vocab WHERE term LIKE 'e:%'`)
  const enumKeys = new Map<string, Set<string>>()
  for (const { term } of rows) {
    const at = term.indexOf('=')
    if (at < 0) continue
    const value = term.slice(at + 1)
    const keys = enumKeys.get(value) ?? new Set<string>()
    keys.add(term.slice(2, at))
    enumKeys.set(value, keys)
  }
  return { enumKeys }
}

/** Products with a value of one of `keys` inside or overlapping [min, max] (base units). */
function spanMatches(keys: string[], min: number, max: number): Condition {
  return (p) =>
    `EXISTS (SELECT 1 FROM product_param pp WHERE pp."productId" = d.product_id AND ${spanRow(p, keys, min, max)})`
}

/** A product_param row of one of `keys` whose value or span covers or overlaps [min, max] (base units). */
function spanRow(p: Params, keys: string[], min: number, max: number): string {
  return `pp.key = ANY(${p.add(keys, 'text[]')})
    AND (pp.min IS NOT NULL OR (pp.max IS NOT NULL AND pp.value IS NULL))
    AND COALESCE(pp.min, pp.max) <= ${p.add(max, 'float8')} AND ${p.add(min, 'float8')} <= COALESCE(pp.max, pp.min)`
}

/** Products whose model key holds the fragment (three characters or more: through the trigram index). */
function modelContains(fragment: string): Condition {
  if (fragment.length < 3) return (p) => `d.model_key = ${p.add(fragment, 'text')}`
  return (p) => `d.model_key LIKE ${p.add(`%${likeEscape(fragment)}%`, 'text')}`
}

function anyTerm(terms: string[]): Condition {
  if (!terms.length) return never
  return (p) => `d.terms && ${p.add(terms, 'text[]')}`
}

function byCount<T extends { count: number }>(items: T[]): T[] {
  return items.filter((i) => i.count > 0).sort((a, b) => b.count - a.count)
}

/** Facet parameters grouped by the set they are counted over: the whole match, or the match without their filter. */
function groupByCondition(
  params: FacetParam[],
  filterName: (f: FacetParam) => string,
  filters: Map<string, Condition>,
  match: Condition,
  without: (name: string) => Condition,
): Array<{ keys: string[]; within: Condition }> {
  const shared = params.filter((f) => !filters.has(filterName(f))).map((f) => f.key)
  const groups = shared.length ? [{ keys: shared, within: match }] : []
  for (const f of params) if (filters.has(filterName(f))) groups.push({ keys: [f.key], within: without(filterName(f)) })
  return groups
}
