import { Inject, Injectable } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import { DataSource } from 'typeorm'
import {
  SEARCH_LIMITS,
  SearchErrors,
  canonicalUnit,
  dimensionOf,
  fromBase,
  parseRangeFilter,
  toBase,
  type CategoryRef,
  type CategoryTree,
  type CategoryTreeNode,
  type Dimension,
  type ProductCard,
  type SearchFacets,
  type SearchQuery,
  type SavedSearchQuery,
  type SearchResult,
  type Suggestion,
} from '@chuangan/shared'
import { Supplier } from '../catalog/catalog.entity'
import { ProductsService } from '../catalog/products.service'
import { flattenTaxonomy } from '../catalog/taxonomy'
import { AppError } from '../common/app-error'
import { loadCategories, type CategoryInfo } from './catalog-source'
import type { FacetParam } from './engine/facets'
import { normalizeEnum } from './engine/search-index'
import { HotSearches } from './hot-searches'
import {
  engineQuery,
  SEARCH_ENGINE,
  type EngineFacets,
  type EngineQuery,
  type FacetScope,
  type SearchEngine,
} from './search-engine'

/** A parameter key and what it means (one meaning per key across the tree, see catalog/taxonomy.ts). */
interface KeyDef {
  key: string
  kind: 'number' | 'range' | 'enum' | 'text'
  dimension: Dimension | null
  unit: string | null
  facetable: boolean
}

interface Meta {
  categories: Map<number, CategoryInfo>
  keys: Map<string, KeyDef>
  regions: string[]
}

/** Normalised enum value → as the taxonomy spells it (`4-20MA` → `4-20mA`); values it does not know stay normalised. */
const ENUM_SPELLING = new Map(
  flattenTaxonomy().flatMap((c) =>
    c.params.flatMap((p) => (p.values ?? []).map((v) => [normalizeEnum(v), v] as const)),
  ),
)
const spelled = (value: string): string => ENUM_SPELLING.get(value) ?? value

/** How long the category tree, parameter keys and regions are kept before being read again. */
const META_TTL_MS = 60_000

/**
 * 传感搜 as the API serves it: checks a request's filters against the catalogue's parameter definitions (units to
 * base units, prices to fen), asks the configured engine (embedded or PostgreSQL: search-engine.ts), and turns its
 * ids into cards and its facets into display units. Offset paging (the engines rank, they have no stable keyset):
 * the cursor is the next offset, at most SEARCH_LIMITS.maxOffset deep.
 */
@Injectable()
export class SearchService {
  private meta: { at: number; value: Promise<Meta> } | null = null

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine,
    private readonly products: ProductsService,
    private readonly hotSearches: HotSearches,
  ) {}

  get engineName(): SearchEngine['name'] {
    return this.engine.name
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const meta = await this.loadMeta()
    const offset = query.cursor ? decodeOffset(query.cursor) : 0
    const asked = this.toEngineQuery(query, meta, offset)
    const answer = await this.engine.search(asked, this.scope(meta))
    if (offset === 0 && query.q) this.hotSearches.record(query.q)
    const items: ProductCard[] = await this.products.cards(answer.ids)
    const next = offset + query.limit
    return {
      items,
      total: answer.total,
      nextCursor:
        answer.ids.length === query.limit && next < answer.total && next < SEARCH_LIMITS.maxOffset
          ? encodeOffset(next)
          : null,
      understood: answer.understood.map((u) => (u.kind === 'enum' ? { ...u, label: spelled(u.text) } : u)),
      facets: answer.facets ? this.facetsView(answer.facets, meta) : null,
      hint: answer.total === 0 ? await this.hint(query, answer.understood, meta) : null,
      engine: this.engine.name,
    }
  }

  /** The distinct suppliers (ids, ascending) with at least one product matching the query (checked as `check`). */
  async matchingSuppliers(query: SearchQuery): Promise<number[]> {
    return this.engine.matchingSuppliers(await this.check(query))
  }

  async suggest(q: string): Promise<{ items: Suggestion[] }> {
    if (!q) return { items: [] }
    return { items: await this.engine.suggest(q, SEARCH_LIMITS.suggestions) }
  }

  async hot(): Promise<{ items: string[] }> {
    return { items: await this.hotSearches.hot() }
  }

  /** The tree with each category's product count (its descendants' included), from the engine's facet counts. */
  async categoryTree(): Promise<CategoryTree> {
    const meta = await this.loadMeta()
    const answer = await this.engine.search(engineQuery('', { limit: 1 }), { ...this.scope(meta), paramsFor: () => [] })
    const counts = new Map((answer.facets?.categories ?? []).map((c) => [c.id, c.count]))
    const nodes = new Map<number, CategoryTreeNode>()
    const roots: CategoryTreeNode[] = []
    for (const c of meta.categories.values()) {
      const node: CategoryTreeNode = {
        id: c.id,
        name: c.name,
        path: c.path,
        params: c.params.map((p) => ({
          key: p.key,
          kind: p.kind,
          dimension: p.dimension as Dimension | null,
          unit: p.unit,
          facetable: Boolean(p.facetable),
        })),
        count: counts.get(c.id) ?? 0,
        children: [],
      }
      nodes.set(c.id, node)
      const parent = c.parentId !== null ? nodes.get(c.parentId) : undefined
      if (parent) parent.children.push(node)
      else roots.push(node)
    }
    return { items: roots }
  }

  /**
   * Checks a query's category and filters as a search would (the 400s search answers: unknown category or
   * parameter, wrong unit) without searching, and returns it as the engines read it: 订阅的搜索 saves only queries a
   * search would take, 求购 demands are checked and matched with it. `field` names where the query sits in the
   * request (error details).
   */
  async check(query: SavedSearchQuery, field = 'query'): Promise<EngineQuery> {
    return this.toEngineQuery({ limit: 1, facets: false, ...query }, await this.loadMeta(), 0, field)
  }

  /**
   * For each query, which of the products `ids` it matches, once this process's announced catalogue changes are
   * searchable (see SearchEngine.matching). A query whose filters no longer hold (the taxonomy changed) matches none.
   */
  async matching(queries: SavedSearchQuery[], ids: number[]): Promise<number[][]> {
    this.meta = null // an import may have applied the taxonomy
    const meta = await this.loadMeta()
    const valid: Array<{ at: number; query: EngineQuery }> = []
    queries.forEach((query, at) => {
      try {
        valid.push({ at, query: this.toEngineQuery({ ...query, limit: 1, facets: false }, meta, 0) })
      } catch (error) {
        if (!(error instanceof AppError)) throw error
      }
    })
    const answers = await this.engine.matching(
      valid.map((v) => v.query),
      ids,
    )
    const out: number[][] = queries.map(() => [])
    valid.forEach((v, i) => (out[v.at] = answers[i]))
    return out
  }

  /** Makes the engine and the cached tree catch up with the catalogue now. */
  async refresh(): Promise<void> {
    this.meta = null
    await this.engine.refresh()
  }

  private toEngineQuery(query: Omit<SearchQuery, 'cursor'>, meta: Meta, offset: number, field = 'query'): EngineQuery {
    if (query.category !== undefined && !meta.categories.has(query.category)) {
      throw AppError.of(SearchErrors.UNKNOWN_CATEGORY, { field: `${field}.category` })
    }
    const enums: Record<string, string[]> = {}
    for (const filter of query.enum) {
      const at = filter.indexOf(':')
      const key = filter.slice(0, at).trim()
      const def = meta.keys.get(key)
      if (!def || def.kind !== 'enum') {
        throw AppError.of(SearchErrors.UNKNOWN_PARAM, { params: { key }, field: `${field}.enum` })
      }
      ;(enums[key] ??= []).push(normalizeEnum(filter.slice(at + 1)))
    }
    const ranges: Record<string, { min: number; max: number }> = {}
    for (const filter of query.range) {
      const parsed = parseRangeFilter(filter)
      const key = parsed?.key ?? filter.slice(0, filter.indexOf(':'))
      const def = meta.keys.get(key)
      if (!parsed || !def || (def.kind !== 'range' && def.kind !== 'number')) {
        throw AppError.of(SearchErrors.UNKNOWN_PARAM, { params: { key }, field: `${field}.range` })
      }
      const unit = parsed.unit ?? def.unit
      const base = (value: number | null, open: number): number => {
        if (value === null) return open
        if (!def.dimension) return value
        return toBase(value, unit!, def.dimension)!
      }
      const fits = def.dimension
        ? unit !== null &&
          canonicalUnit(unit, def.dimension) !== null &&
          dimensionOf(unit, def.dimension) === def.dimension
        : parsed.unit === null || parsed.unit === def.unit
      if (!fits) {
        throw AppError.of(SearchErrors.UNIT_MISMATCH, {
          params: { unit: parsed.unit ?? '', key },
          field: `${field}.range`,
        })
      }
      const span = { min: base(parsed.min, -Infinity), max: base(parsed.max, Infinity) }
      const current = ranges[key]
      // Two ranges on one key: both must hold.
      ranges[key] = current ? { min: Math.max(current.min, span.min), max: Math.min(current.max, span.max) } : span
    }
    return {
      q: query.q,
      category: query.category,
      enums,
      ranges,
      regions: query.region,
      inStock: query.inStock ?? false,
      priceMax: query.priceMax === undefined ? undefined : Math.round(query.priceMax * 100),
      qty: query.qty ?? 1,
      sort: query.sort,
      offset,
      limit: query.limit,
      facets: query.facets ?? true,
    }
  }

  private scope(meta: Meta): FacetScope {
    return {
      categoryIds: [...meta.categories.keys()],
      regions: meta.regions,
      paramsFor: (categoryId) => {
        if (categoryId === undefined) return []
        const defs = new Map<string, FacetParam>()
        for (const id of meta.categories.get(categoryId)?.lineage ?? []) {
          for (const p of meta.categories.get(id)!.params) {
            if (p.facetable && (p.kind === 'enum' || p.kind === 'range' || p.kind === 'number')) {
              defs.set(p.key, { key: p.key, kind: p.kind, unit: p.unit })
            }
          }
        }
        return [...defs.values()]
      },
    }
  }

  private facetsView(facets: EngineFacets, meta: Meta): SearchFacets {
    const ref = (id: number): CategoryRef => {
      const c = meta.categories.get(id)!
      return { id: c.id, name: c.name, path: c.path }
    }
    return {
      categories: facets.categories
        .filter((c) => meta.categories.has(c.id))
        .map((c) => ({ ...ref(c.id), count: c.count })),
      params: facets.params.map((p) => {
        if (p.kind === 'enum') return { ...p, values: p.values.map((v) => ({ ...v, value: spelled(v.value) })) }
        const def = meta.keys.get(p.key)
        const shown = (v: number) => (def?.dimension && def.unit ? (fromBase(v, def.unit, def.dimension) ?? v) : v)
        return { ...p, unit: def?.unit ?? p.unit, min: shown(p.min), max: shown(p.max) }
      }),
      regions: facets.regions,
      inStock: facets.inStock,
    }
  }

  /**
   * What to offer when nothing matched: the words alone when the query also wrote parameters (or the words but the
   * last), and the category whose name shares most with the query's words.
   */
  private async hint(
    query: SearchQuery,
    understood: SearchResult['understood'],
    meta: Meta,
  ): Promise<SearchResult['hint']> {
    const words = understood.filter((u) => u.kind === 'word' || u.kind === 'model').map((u) => u.text)
    const strict = understood.length > words.length
    let broaderQuery: string | null = null
    if (strict && words.length) broaderQuery = words.join(' ')
    else if (words.length > 1) broaderQuery = words.slice(0, -1).join(' ')
    if (broaderQuery === query.q) broaderQuery = null

    let category: CategoryRef | null = null
    const text = words.join('')
    let best = 0
    for (const c of meta.categories.values()) {
      const score = sharedBigrams(text, c.name)
      if (score > best) {
        best = score
        category = { id: c.id, name: c.name, path: c.path }
      }
    }
    if (!category && text) {
      const suggestion = (await this.engine.suggest(text.slice(0, 2), SEARCH_LIMITS.suggestions)).find(
        (s) => s.kind === 'category' && s.id !== undefined,
      )
      const c = suggestion?.id !== undefined ? meta.categories.get(suggestion.id) : undefined
      if (c) category = { id: c.id, name: c.name, path: c.path }
    }
    return { broaderQuery, category }
  }

  private loadMeta(): Promise<Meta> {
    if (!this.meta || Date.now() - this.meta.at > META_TTL_MS) {
      const value = this.readMeta()
      this.meta = { at: Date.now(), value }
      value.catch(() => (this.meta = null))
    }
    return this.meta.value
  }

  private async readMeta(): Promise<Meta> {
    const categories = await loadCategories(this.db)
    const keys = new Map<string, KeyDef>()
    for (const c of categories.values()) {
      for (const p of c.params) {
        keys.set(p.key, {
          key: p.key,
          kind: p.kind,
          dimension: p.dimension as Dimension | null,
          unit: p.unit,
          facetable: Boolean(p.facetable),
        })
      }
    }
    const regions = (
      await this.db
        .getRepository(Supplier)
        .createQueryBuilder('s')
        .select('DISTINCT s.region', 'region')
        .getRawMany<{ region: string }>()
    )
      .map((r) => r.region)
      .sort()
    return { categories, keys, regions }
  }
}

function sharedBigrams(a: string, b: string): number {
  const grams = new Set<string>()
  for (let i = 0; i + 2 <= a.length; i++) grams.add(a.slice(i, i + 2))
  let n = 0
  for (let i = 0; i + 2 <= b.length; i++) if (grams.has(b.slice(i, i + 2))) n++
  return n
}

function encodeOffset(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url')
}

function decodeOffset(cursor: string): number {
  const match = /^o:(\d{1,5})$/.exec(Buffer.from(cursor, 'base64url').toString())
  const offset = match ? Number(match[1]) : NaN
  if (!(offset > 0 && offset < SEARCH_LIMITS.maxOffset)) {
    throw AppError.validation('分页游标无效，请从第一页重新加载', [
      { path: 'query.cursor', message: 'not a cursor returned by this API' },
    ])
  }
  return offset
}
