import { z } from 'zod'
import { hasControlChars } from './auth'
import { CURSOR_MAX_LENGTH, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, SAVED_SEARCH_LIMITS as L } from './limits'
import { SearchQuery } from './search'

/**
 * 订阅的搜索: a buyer keeps a 传感搜 query with its filters under a name; when the catalogue gains or changes products
 * the query matches, the buyer hears of it in 消息 (a `saved_search` notice, at most one a day per saved search) and
 * sees a count of new matches on the list. docs/saved-searches.md.
 */

/** What is kept of a search request: the words, filters and sort (not the page, nor whether facets are wanted). */
export const SavedSearchQuery = SearchQuery.omit({ facets: true, limit: true, cursor: true })
export type SavedSearchQuery = z.infer<typeof SavedSearchQuery>
export type SavedSearchQueryInput = z.input<typeof SavedSearchQuery>

export const SavedSearchName = z
  .string()
  .trim()
  .min(1, '请输入名称')
  .max(L.name, `名称最多 ${L.name} 个字`)
  .refine((name) => !hasControlChars(name), '名称含有不可见字符')

export const SavedSearchInput = z.object({ name: SavedSearchName, query: SavedSearchQuery }).strict()
export type SavedSearchInput = z.infer<typeof SavedSearchInput>

export const SavedSearchParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) })
export type SavedSearchParams = z.infer<typeof SavedSearchParams>

export const SavedSearchListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  cursor: z.string().max(CURSOR_MAX_LENGTH).optional(),
})
export type SavedSearchListQuery = z.infer<typeof SavedSearchListQuery>

export const SavedSearchView = z.object({
  id: z.number().int(),
  name: z.string(),
  query: SavedSearchQuery,
  /** Products matched since I last opened it (the badge). */
  newMatches: z.number().int(),
  lastMatchedAt: z.string().nullable(),
  createdAt: z.string(),
})
export type SavedSearchView = z.infer<typeof SavedSearchView>

/** Mine, newest saved first. */
export const SavedSearchPage = z.object({ items: z.array(SavedSearchView), nextCursor: z.string().nullable() })
export type SavedSearchPage = z.infer<typeof SavedSearchPage>
