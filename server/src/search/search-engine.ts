import type { Understood } from '@chuangan/shared'
import type { FacetParam } from './engine/facets'

/**
 * What both engines answer to (embedded: engine/ in this process; PostgreSQL: postgres/ in the database). The search
 * service turns a request into an EngineQuery (filters checked, units in base units, prices in fen), asks the
 * configured engine, then turns ids into cards. The engines share the query parser (query.ts) and the facet scope
 * rule (facetScope below), so they understand a query alike; the shared suite (test/search.e2e-spec.ts) and the
 * quality set hold them to the same results.
 */
export interface EngineQuery {
  q: string
  category?: number
  /** key → accepted values (normalised, see normalizeEnum), any of them. */
  enums: Record<string, string[]>
  /** key → [min, max] in base units; a product matches a value its span covers or a span it overlaps. */
  ranges: Record<string, { min: number; max: number }>
  regions: string[]
  inStock: boolean
  /** Unit price ceiling in fen at `qty` pieces. */
  priceMax?: number
  qty: number
  sort: 'relevance' | 'price' | 'fresh'
  offset: number
  limit: number
  /** Facet counts wanted; `scope` picks the parameters to count from the category counts. */
  facets: boolean
}

/** A query for `q` with no filter, by relevance, the first 20 with facet counts, and `fields` instead where given. */
export const engineQuery = (q: string, fields: Partial<EngineQuery> = {}): EngineQuery => ({
  q,
  enums: {},
  ranges: {},
  regions: [],
  inStock: false,
  qty: 1,
  sort: 'relevance',
  offset: 0,
  limit: 20,
  facets: true,
  ...fields,
})

/**
 * A range facet's bound as both engines give it: 7 significant digits (the embedded engine keeps spans in single
 * precision, search-index.ts; a slider's end needs no more).
 */
export const facetBound = (value: number): number => Number(value.toPrecision(7))

/** Facet counts in base units (the service converts ranges to display units); range bounds by `facetBound`. */
export interface EngineFacets {
  categories: Array<{ id: number; count: number }>
  params: Array<
    | { key: string; kind: 'enum'; values: Array<{ value: string; count: number }> }
    | { key: string; kind: 'range'; unit: string | null; min: number; max: number }
  >
  regions: Array<{ value: string; count: number }>
  inStock: number
}

export interface EngineAnswer {
  /** Product ids of the page, best first. */
  ids: number[]
  total: number
  understood: Understood[]
  facets: EngineFacets | null
}

export interface EngineSuggestion {
  kind: 'model' | 'word' | 'category'
  text: string
  id?: number
}

export interface SearchEngine {
  readonly name: 'embedded' | 'postgres'
  search(query: EngineQuery, scope: FacetScope): Promise<EngineAnswer>
  suggest(text: string, limit: number): Promise<EngineSuggestion[]>
  /**
   * For each query, which of `ids` it matches (in the order of `ids`; paging, sort and facets ignored), once the
   * catalogue changes this process has announced are searchable: 订阅的搜索 tests the products of an import this way.
   */
  matching(queries: EngineQuery[], ids: number[]): Promise<number[][]>

  /**
   * The distinct suppliers (ids, ascending) having at least one product the query matches (its words, parameters
   * and filters; paging, sort and facets ignored). 求购 demands are sent to exactly these.
   */
  matchingSuppliers(query: EngineQuery): Promise<number[]>
  /** Brings the engine up to date with the catalogue now (after an import in this process; tests). */
  refresh(): Promise<void>
  /** Resolves once the work this process has queued in the background (index builds, row writes) is done. */
  settled(): Promise<void>
}

/**
 * Which parameters get facets: those of the chosen category (its own and its ancestors'); with none chosen, those of
 * the category holding most matches when it holds at least half of them, else the parameters every top category shares.
 */
export interface FacetScope {
  /** Categories whose counts are reported (every category; the client shows those under the chosen one). */
  categoryIds: number[]
  regions: string[]
  /** The facetable parameters for a category (undefined: no category dominates). */
  paramsFor(categoryId: number | undefined): FacetParam[]
}

/** The category to take facet parameters from, given the chosen category and the counts per category. */
export function dominantCategory(
  chosen: number | undefined,
  counts: Array<{ id: number; count: number }>,
  total: number,
  depthOf: (id: number) => number,
): number | undefined {
  if (chosen !== undefined) return chosen
  // The deepest category that still holds at least half the matches.
  let best: { id: number; depth: number } | undefined
  for (const { id, count } of counts) {
    if (total === 0 || count * 2 < total) continue
    const depth = depthOf(id)
    if (!best || depth > best.depth) best = { id, depth }
  }
  return best?.id
}

/** The engine the search service asks (search.module.ts picks it from SEARCH_ENGINE and the database). */
export const SEARCH_ENGINE = Symbol('SEARCH_ENGINE')
