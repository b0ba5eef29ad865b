import { useCallback, useEffect, useRef, useState } from 'react'
import type { ArticleCard, FeedQuery } from '@chuangan/shared'
import { call, showErrorToast } from '@/api/client'

/** Small pages keep each render and setData cheap (WeChat's audit). */
export const FEED_PAGE_SIZE = 10

/** What a list shows: a column, a tag, an author or a periodical, latest or hot. */
export type FeedFilter = Partial<Pick<FeedQuery, 'sort' | 'column' | 'tag' | 'author' | 'periodical'>>

export type FeedStatus = 'loading' | 'error' | 'ready'

export interface Feed {
  status: FeedStatus
  error: unknown
  items: ArticleCard[]
  hasMore: boolean
  loadingMore: boolean
  loadMoreFailed: boolean
  /** First page again (retry, pull-down); keeps the old list if a refresh fails. */
  reload: () => Promise<void>
  loadMore: () => Promise<void>
}

interface FeedState {
  /** The filter these items belong to (serialised). */
  key: string | null
  status: FeedStatus
  error: unknown
  items: ArticleCard[]
  cursor: string | null
  loadingMore: boolean
  loadMoreFailed: boolean
}

const fresh = (key: string | null): FeedState => ({
  key,
  status: 'loading',
  error: null,
  items: [],
  cursor: null,
  loadingMore: false,
  loadMoreFailed: false,
})

const queryOf = (key: string): FeedFilter => JSON.parse(key) as FeedFilter

/**
 * One paged article list for `filter`. A new filter (another tab, another sort) starts over from a
 * skeleton, and any answer still in flight for the old one is dropped. `null` waits (no request).
 */
export function useFeed(filter: FeedFilter | null): Feed {
  const key = filter ? JSON.stringify(filter) : null
  const [stored, setStored] = useState<FeedState>(() => fresh(key))
  // state of another filter is never shown: until the new one answers, it is a skeleton
  const state = stored.key === key ? stored : fresh(key)

  // every first-page fetch (new filter, reload) outdates whatever is in flight; late answers are dropped
  const generation = useRef(0)
  const busy = useRef(false)
  const shown = useRef<{ key: string | null; count: number }>({ key: null, count: 0 })

  const fetchFirstPage = useCallback(async (k: string) => {
    const gen = ++generation.current
    busy.current = true
    try {
      const page = await call('feed', { query: { limit: FEED_PAGE_SIZE, ...queryOf(k) } })
      if (gen !== generation.current) return
      shown.current = { key: k, count: page.items.length }
      setStored({ ...fresh(k), status: 'ready', items: page.items, cursor: page.nextCursor })
    } catch (error) {
      if (gen !== generation.current) return
      if (shown.current.key === k && shown.current.count > 0) showErrorToast(error)
      else setStored({ ...fresh(k), status: 'error', error })
    } finally {
      if (gen === generation.current) busy.current = false
    }
  }, [])

  useEffect(() => {
    if (key === null) generation.current++
    // fetchFirstPage sets state only after its request answers, not synchronously
    // eslint-disable-next-line react-hooks/set-state-in-effect
    else void fetchFirstPage(key)
  }, [key, fetchFirstPage])

  const hasItems = state.items.length > 0
  const reload = useCallback(async () => {
    if (key === null) return
    if (!hasItems) setStored(fresh(key))
    await fetchFirstPage(key)
  }, [key, hasItems, fetchFirstPage])

  const { status, cursor } = state
  const loadMore = useCallback(async () => {
    if (busy.current || key === null || status !== 'ready' || !cursor) return
    const gen = generation.current
    busy.current = true
    setStored((prev) => ({ ...prev, loadingMore: true, loadMoreFailed: false }))
    try {
      const page = await call('feed', { query: { limit: FEED_PAGE_SIZE, ...queryOf(key), cursor } })
      if (gen !== generation.current) return
      shown.current = { key, count: shown.current.count + page.items.length }
      setStored((prev) =>
        prev.key === key
          ? { ...prev, items: [...prev.items, ...page.items], cursor: page.nextCursor, loadingMore: false }
          : prev,
      )
    } catch (error) {
      if (gen !== generation.current) return
      setStored((prev) => ({ ...prev, loadingMore: false, loadMoreFailed: true }))
      showErrorToast(error)
    } finally {
      if (gen === generation.current) busy.current = false
    }
  }, [key, status, cursor])

  return {
    status: state.status,
    error: state.error,
    items: state.items,
    hasMore: state.cursor !== null,
    loadingMore: state.loadingMore,
    loadMoreFailed: state.loadMoreFailed,
    reload,
    loadMore,
  }
}
