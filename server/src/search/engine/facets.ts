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
  const without = (name: string): Bitset => {
    if (!result.filters.has(name)) return result.match
    const set = Bitset.full(index.size)
    for (const [other, filter] of result.filters) if (other !== name) set.and(filter)
    return set
  }
  const byCount = <T extends { count: number }>(items: T[]) =>
    items.filter((i) => i.count > 0).sort((a, b) => b.count - a.count)

  const inCategory = without('category')
  const categories = byCount(
    scope.categoryIds.map((id) => ({ id, count: index.bitset(`c:${id}`).andCount(inCategory) })),
  )
  const params: FacetCounts['params'] = []
  for (const param of scope.params) {
    if (param.kind === 'enum') {
      const base = without(`enum:${param.key}`)
      const prefix = `e:${param.key}=`
      const values = byCount(
        index.enumTerms(param.key).map((term) => ({
          value: term.slice(prefix.length),
          count: index.bitset(term).andCount(base),
        })),
      )
      if (values.length) params.push({ key: param.key, kind: 'enum', values })
    } else if (param.kind === 'range' || param.kind === 'number') {
      const bounds = index.spanBounds(param.key, without(`range:${param.key}`))
      if (bounds) params.push({ key: param.key, kind: 'range', unit: param.unit, ...bounds })
    }
  }
  const inRegion = without('region')
  const regions = byCount(
    scope.regions.map((value) => ({ value, count: index.bitset(`r:${value}`).andCount(inRegion) })),
  )
  const inStock = index.bitset('s:in').andCount(without('stock'))
  return { categories, params, regions, inStock }
}
