import type { ArticleCard, FeedQuery } from '@chuangan/shared'
import { call } from '@/api/client'
import { PAGE_SIZE, usePagedList, type PagedList } from './usePagedList'

/** What a list shows: a column, a tag, an author or a periodical, latest or hot. */
export type FeedFilter = Partial<Pick<FeedQuery, 'sort' | 'column' | 'tag' | 'author' | 'periodical'>>

export type Feed = PagedList<ArticleCard>

/**
 * One paged article list for `filter`. A new filter (another tab, another sort) starts over from a skeleton, and
 * any answer still in flight for the old one is dropped. `null` waits (no request).
 */
export function useFeed(filter: FeedFilter | null): Feed {
  const key = filter ? JSON.stringify(filter) : null
  return usePagedList<ArticleCard>(key, (cursor) =>
    call('feed', {
      query: { limit: PAGE_SIZE, ...(JSON.parse(key ?? '{}') as FeedFilter), ...(cursor ? { cursor } : {}) },
    }),
  )
}

/** The 关注 feed: what the authors and columns I follow published, newest first. `false` waits (signed out). */
export function useFollowingFeed(enabled: boolean): Feed {
  return usePagedList<ArticleCard>(enabled ? 'following' : null, (cursor) =>
    call('followingFeed', { query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } }),
  )
}
