import { useCallback, useRef, useState } from 'react'
import { useLoad } from '@tarojs/taro'
import type { ArticleSummary } from '@chuangan/shared'
import { call, showErrorToast } from '@/api/client'

/** Small pages keep each render and setData cheap (WeChat's audit). */
export const FEED_PAGE_SIZE = 10

export type FeedStatus = 'loading' | 'error' | 'ready'

export interface Feed {
  status: FeedStatus
  error: unknown
  items: ArticleSummary[]
  hasMore: boolean
  loadingMore: boolean
  loadMoreFailed: boolean
  /** First page again (initial load, retry, pull-down); keeps the old list if a refresh fails. */
  reload: () => Promise<void>
  loadMore: () => Promise<void>
}

export function useFeed(): Feed {
  const [status, setStatus] = useState<FeedStatus>('loading')
  const [error, setError] = useState<unknown>(null)
  const [items, setItems] = useState<ArticleSummary[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const [loadMoreFailed, setLoadMoreFailed] = useState(false)
  // a reload outdates any page still in flight; its answer is dropped
  const generation = useRef(0)
  const busy = useRef(false)
  const itemsRef = useRef<ArticleSummary[]>([])

  const fetchFirstPage = useCallback(async () => {
    const gen = ++generation.current
    busy.current = true
    try {
      const page = await call('feed', { query: { limit: FEED_PAGE_SIZE } })
      if (gen !== generation.current) return
      itemsRef.current = page.items
      setItems(page.items)
      setCursor(page.nextCursor)
      setLoadMoreFailed(false)
      setStatus('ready')
    } catch (e) {
      if (gen !== generation.current) return
      if (itemsRef.current.length > 0) {
        showErrorToast(e)
      } else {
        setError(e)
        setStatus('error')
      }
    } finally {
      if (gen === generation.current) {
        busy.current = false
        setLoadingMore(false)
      }
    }
  }, [])

  const reload = useCallback(() => {
    if (itemsRef.current.length === 0) setStatus('loading')
    return fetchFirstPage()
  }, [fetchFirstPage])

  const loadMore = useCallback(async () => {
    if (busy.current || status !== 'ready' || !cursor) return
    const gen = generation.current
    busy.current = true
    setLoadingMore(true)
    setLoadMoreFailed(false)
    try {
      const page = await call('feed', { query: { limit: FEED_PAGE_SIZE, cursor } })
      if (gen !== generation.current) return
      itemsRef.current = [...itemsRef.current, ...page.items]
      setItems(itemsRef.current)
      setCursor(page.nextCursor)
    } catch (e) {
      if (gen !== generation.current) return
      setLoadMoreFailed(true)
      showErrorToast(e)
    } finally {
      if (gen === generation.current) {
        busy.current = false
        setLoadingMore(false)
      }
    }
  }, [status, cursor])

  useLoad(() => {
    void fetchFirstPage()
  })

  return { status, error, items, hasMore: cursor !== null, loadingMore, loadMoreFailed, reload, loadMore }
}
