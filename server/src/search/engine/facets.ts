import { Bitset } from './bitset'
import type { EngineResult } from './engine'
import type { SearchIndex } from './search-index'

/** A parameter definition as facets need it. */
export interface FacetParam {
  key: string
  kind: 'number' | 'range' | 'enum' | 'text'
  unit: string | null
}

export interface FacetCounts {
  categories: Array<{ id: number; count: number }>
  params: Array<
    | { key: string; kind: 'enum'; values: Array<{ value: string; count: number }> }
    | { key: string; kind: 'range'; unit: string | null; min: number; max: number }
  >
  regions: Array<{ value: string; count: number }>
  inStock: number
}

/**
 * Facet counts for the current query and filters. A facet is counted without its own filter (choosing 4-20mA still
 * shows how many 0-10V there are), with every other one; counts are word-wise bitset intersections, so a common
 * term's 400,000 matches are never walked one by one.
 */
export function facetCounts(
  index: SearchIndex,
  result: EngineResult,
  scope: { categoryIds: number[]; params: FacetParam[]; regions: string[] },
): FacetCounts {
  const without = (name: string): Base => withoutFilter(index, result, name)
  const byCount = <T extends { count: number }>(items: T[]) =>
    items.filter((i) => i.count > 0).sort((a, b) => b.count - a.count)

  let categories: FacetCounts['categories'] = []
  if (scope.categoryIds.length) {
    // One walk over the matches, counting each document's category lineage; a category's count is the sum over
    // the lineages that hold it.
    const inCategory = without('category')
    const perLineage = lineagesOf(index, inCategory)
    const counts = new Map<number, number>()
    index.lineages.forEach((lineage, i) => {
      if (perLineage[i]) for (const id of lineage) counts.set(id, (counts.get(id) ?? 0) + perLineage[i])
    })
    categories = byCount(scope.categoryIds.map((id) => ({ id, count: counts.get(id) ?? 0 })))
  }
  const params: FacetCounts['params'] = []
  for (const param of scope.params) {
    if (param.kind === 'enum') {
      const base = without(`enum:${param.key}`).set
      const prefix = `e:${param.key}=`
      const values = byCount(
        index.enumTerms(param.key).map((term) => ({
          value: term.slice(prefix.length),
          count: index.countIn(term, base),
        })),
      )
      if (values.length) params.push({ key: param.key, kind: 'enum', values })
    } else if (param.kind === 'range' || param.kind === 'number') {
      const base = without(`range:${param.key}`)
      const bounds = index.spanBounds(param.key, base.set, base.members, lineagesOf(index, base))
      if (bounds) params.push({ key: param.key, kind: 'range', unit: param.unit, ...bounds })
    }
  }
  let regions: FacetCounts['regions'] = []
  if (scope.regions.length) {
    const perRegion = index.regionCounts(without('region').set)
    const counts = new Map(index.regions.map((region, i) => [region, perRegion[i]]))
    regions = byCount(scope.regions.map((value) => ({ value, count: counts.get(value) ?? 0 })))
  }
  const inStock = index.countIn('s:in', without('stock').set)
  return { categories, params, regions, inStock }
}

/** The matches without one filter (a facet is counted without its own), made once per result and filter. */
interface Base {
  set: Bitset
  members: number
  /** Members per category lineage, counted on first need. */
  perLineage?: Int32Array
}
const withoutCache = new WeakMap<EngineResult, Map<string, Base>>()

function lineagesOf(index: SearchIndex, base: Base): Int32Array {
  return (base.perLineage ??= index.lineageCounts(base.set, base.members))
}

function withoutFilter(index: SearchIndex, result: EngineResult, name: string): Base {
  let cache = withoutCache.get(result)
  if (!cache) withoutCache.set(result, (cache = new Map()))
  const key = result.filters.has(name) ? name : ''
  let entry = cache.get(key)
  if (!entry) {
    let set = result.match
    if (key) {
      set = Bitset.full(index.size)
      for (const [other, filter] of result.filters) if (other !== name) set.and(filter)
    }
    entry = { set, members: key ? set.count() : result.total }
    cache.set(key, entry)
  }
  return entry
}
