import type {
  CategoryRef,
  SavedSearchQuery,
  SavedSearchQueryInput,
  SearchQueryInput,
  SearchSort,
} from '@chuangan/shared'
import { SAVED_SEARCH_LIMITS } from '@chuangan/shared/limits'

/** A range filter as typed in the drawer: either end may be blank; `unit` is the facet's display unit. */
export interface RangeInput {
  min: string
  max: string
  unit: string | null
}

/** The filters of the drawer (and of a category entry point), before they become query-string values. */
export interface SearchFilters {
  category: Pick<CategoryRef, 'id' | 'name'> | null
  /** Enum key → the values picked (alternatives of one key). */
  enums: Record<string, string[]>
  ranges: Record<string, RangeInput>
  regions: string[]
  inStock: boolean
}

/** One search as the reader asked it: the words, the filters and the order. */
export interface SearchRequest {
  q: string
  sort: SearchSort
  filters: SearchFilters
}

export const NO_FILTERS: SearchFilters = { category: null, enums: {}, ranges: {}, regions: [], inStock: false }

export const SORTS: { value: SearchSort; label: string }[] = [
  { value: 'relevance', label: '综合' },
  { value: 'price', label: '价格' },
  { value: 'fresh', label: '最新' },
]

const NUMBER = /^-?\d+(?:\.\d+)?$/

/** A range end as the API takes it, or null when blank or not a number. */
function rangeEnd(text: string): string | null {
  const trimmed = text.trim()
  return NUMBER.test(trimmed) ? String(Number(trimmed)) : null
}

/** `key:min~max unit` (shared/src/search.ts formatRangeFilter, without importing zod into the main package). */
export function rangeFilter(key: string, range: RangeInput): string | null {
  const min = rangeEnd(range.min)
  const max = rangeEnd(range.max)
  if (min === null && max === null) return null
  return `${key}:${min ?? ''}~${max ?? ''}${range.unit ?? ''}`
}

/** The query of `GET /search` for a request; the first page asks for facet counts, the next ones do not. */
export function searchQuery(request: SearchRequest, limit: number, cursor?: string): SearchQueryInput {
  const { filters } = request
  const enums = Object.entries(filters.enums).flatMap(([key, values]) => values.map((v) => `${key}:${v}`))
  const ranges = Object.entries(filters.ranges)
    .map(([key, range]) => rangeFilter(key, range))
    .filter((r): r is string => r !== null)
  return {
    q: request.q,
    sort: request.sort,
    limit,
    ...(filters.category ? { category: filters.category.id } : {}),
    ...(enums.length ? { enum: enums } : {}),
    ...(ranges.length ? { range: ranges } : {}),
    ...(filters.regions.length ? { region: filters.regions } : {}),
    ...(filters.inStock ? { inStock: '1' as const } : {}),
    ...(cursor ? { cursor, facets: '0' as const } : {}),
  }
}

/** How many filters are set (the badge on 筛选); the category counts as one. */
export function filterCount(filters: SearchFilters): number {
  const enums = Object.values(filters.enums).reduce((n, values) => n + values.length, 0)
  const ranges = Object.entries(filters.ranges).filter(([key, r]) => rangeFilter(key, r) !== null).length
  return (filters.category ? 1 : 0) + enums + ranges + filters.regions.length + (filters.inStock ? 1 : 0)
}

/** Adds or removes one value of a list. */
export function toggle(values: string[], value: string): string[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value]
}

export function toggleEnum(filters: SearchFilters, key: string, value: string): SearchFilters {
  const values = toggle(filters.enums[key] ?? [], value)
  const enums = { ...filters.enums, [key]: values }
  if (!values.length) delete enums[key]
  return { ...filters, enums }
}

/** A chip for each set filter, with the filters left when it is removed. */
export function filterChips(filters: SearchFilters): { key: string; label: string; without: SearchFilters }[] {
  const chips: { key: string; label: string; without: SearchFilters }[] = []
  if (filters.category) {
    chips.push({ key: 'category', label: filters.category.name, without: { ...filters, category: null } })
  }
  for (const [key, values] of Object.entries(filters.enums)) {
    for (const value of values) {
      chips.push({ key: `enum:${key}:${value}`, label: `${key} ${value}`, without: toggleEnum(filters, key, value) })
    }
  }
  for (const [key, range] of Object.entries(filters.ranges)) {
    const min = rangeEnd(range.min)
    const max = rangeEnd(range.max)
    if (min === null && max === null) continue
    const span = min !== null && max !== null ? `${min}~${max}` : min !== null ? `≥${min}` : `≤${max}`
    const ranges = { ...filters.ranges }
    delete ranges[key]
    chips.push({ key: `range:${key}`, label: `${key} ${span}${range.unit ?? ''}`, without: { ...filters, ranges } })
  }
  for (const region of filters.regions) {
    chips.push({
      key: `region:${region}`,
      label: region,
      without: { ...filters, regions: filters.regions.filter((r) => r !== region) },
    })
  }
  if (filters.inStock) chips.push({ key: 'inStock', label: '有货', without: { ...filters, inStock: false } })
  return chips
}

/** A price in yuan as shown on a card: `¥176.16`; null (no price given) reads 询价. */
export function formatPrice(price: number | null): string {
  if (price === null) return '询价'
  return `¥${price >= 100 ? price.toFixed(price % 1 === 0 ? 0 : 2) : price.toFixed(2)}`
}

/** Stock as a buyer reads it: 现货 1,542 件, or 无货 with the lead time. */
export function stockText(stock: number, leadTimeDays: number | null): string {
  if (stock > 0) return `现货 ${stock.toLocaleString('en-US')} 件`
  return leadTimeDays !== null ? `无货 · 交期 ${leadTimeDays} 天` : '无货'
}

/** What 订阅 keeps of a request: its words, filters and order (no page). */
export function savedQueryOf(request: SearchRequest): SavedSearchQueryInput {
  const { limit: _limit, ...query } = searchQuery(request, 1)
  return query
}

/** The name a saved search gets: the words, else the category, with the filters' count. */
export function savedSearchName(request: SearchRequest): string {
  const base = request.q || request.filters.category?.name || '筛选结果'
  const count = filterCount(request.filters) - (request.q || !request.filters.category ? 0 : 1)
  const name = count > 0 ? `${base}（${count} 个筛选）` : base
  return name.length > SAVED_SEARCH_LIMITS.name ? name.slice(0, SAVED_SEARCH_LIMITS.name) : name
}

const RANGE = /^([^:]+):(-?[\d.]*)~(-?[\d.]*)(.*)$/

/** A saved query as the search page holds it; `categoryName` names its category (looked up in the tree). */
export function requestOfSaved(query: SavedSearchQuery, categoryName: string | null): SearchRequest {
  const enums: Record<string, string[]> = {}
  for (const filter of query.enum) {
    const at = filter.indexOf(':')
    const key = filter.slice(0, at)
    enums[key] = [...(enums[key] ?? []), filter.slice(at + 1)]
  }
  const ranges: Record<string, RangeInput> = {}
  for (const filter of query.range) {
    const m = RANGE.exec(filter)
    if (m) ranges[m[1]] = { min: m[2], max: m[3], unit: m[4].trim() || null }
  }
  return {
    q: query.q,
    sort: query.sort,
    filters: {
      category: query.category !== undefined ? { id: query.category, name: categoryName ?? '分类' } : null,
      enums,
      ranges,
      regions: query.region,
      inStock: query.inStock ?? false,
    },
  }
}
