import { useState } from 'react'
import type { ProductCard, SearchResult } from '@chuangan/shared'
import { call } from '@/api/client'
import { PAGE_SIZE, usePagedList, type PagedList } from '@/hooks/usePagedList'
import { searchQuery, type SearchRequest } from './query'

/** What the first page of a search says about all of it (later pages come without facet counts). */
export type SearchSummary = Pick<SearchResult, 'total' | 'understood' | 'facets' | 'hint'>

export interface Search {
  list: PagedList<ProductCard>
  /** Null until the first page of this request is in. */
  summary: SearchSummary | null
}

/** The result list of `request` (null: no search yet), paged by cursor; a new request starts over. */
export function useSearch(request: SearchRequest | null): Search {
  const key = request ? JSON.stringify(request) : null
  const [first, setFirst] = useState<{ key: string; summary: SearchSummary } | null>(null)
  const list = usePagedList<ProductCard, SearchResult>(
    key,
    (cursor) => call('search', { query: searchQuery(JSON.parse(key ?? '{}') as SearchRequest, PAGE_SIZE, cursor) }),
    {
      onFirstPage: ({ total, understood, facets, hint }) => {
        if (key) setFirst({ key, summary: { total, understood, facets, hint } })
      },
    },
  )
  return { list, summary: first && first.key === key ? first.summary : null }
}
