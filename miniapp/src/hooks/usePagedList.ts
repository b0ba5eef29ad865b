import { useCallback, useEffect, useRef, useState } from 'react'
import { showErrorToast } from '@/api/client'

/** Small pages keep each render and setData cheap (WeChat's audit). */
export const PAGE_SIZE = 10

/** One page of a keyset-paginated list, as the API answers it. */
export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface PagedList<T> {
  status: 'loading' | 'error' | 'ready'
  error: unknown
  items: T[]
  hasMore: boolean
  loadingMore: boolean
  loadMoreFailed: boolean
  /** First page again (retry, pull-down); keeps what is shown if a refresh fails. */
  reload: () => Promise<void>
  loadMore: () => Promise<void>
  /** Changes the shown items in place (an item removed or moved). */
  update: (change: (items: T[]) => T[]) => void
}

interface State<T> {
  key: string | null
  status: PagedList<T>['status']
  error: unknown
  items: T[]
  cursor: string | null
  loadingMore: boolean
  loadMoreFailed: boolean
}

const fresh = <T>(key: string | null): State<T> => ({
  key,
  status: 'loading',
  error: null,
  items: [],
  cursor: null,
  loadingMore: false,
  loadMoreFailed: false,
})

/**
 * A paged list of anything (my likes, my comments, a folder's articles): `fetchPage(cursor)` answers one page.
 * A new `key` starts over from a skeleton and drops answers still in flight for the old one; `null` waits.
 */
export function usePagedList<T>(
  key: string | null,
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
): PagedList<T> {
  const [stored, setStored] = useState<State<T>>(() => fresh<T>(key))
  const state = stored.key === key ? stored : fresh<T>(key)

  const fetchRef = useRef(fetchPage)
  useEffect(() => {
    fetchRef.current = fetchPage
  })
  const generation = useRef(0)
  const busy = useRef(false)

  const fetchFirst = useCallback(async (k: string, keepShown: boolean) => {
    const gen = ++generation.current
    busy.current = true
    try {
      const page = await fetchRef.current(undefined)
      if (gen !== generation.current) return
      setStored({ ...fresh<T>(k), status: 'ready', items: page.items, cursor: page.nextCursor })
    } catch (error) {
      if (gen !== generation.current) return
      if (keepShown) showErrorToast(error)
      else setStored({ ...fresh<T>(k), status: 'error', error })
    } finally {
      if (gen === generation.current) busy.current = false
    }
  }, [])

  useEffect(() => {
    if (key === null) generation.current++
    else void fetchFirst(key, false)
  }, [key, fetchFirst])

  const shown = state.status === 'ready'
  const reload = useCallback(async () => {
    if (key === null) return
    if (!shown) setStored(fresh<T>(key))
    await fetchFirst(key, shown)
  }, [key, shown, fetchFirst])

  const { status, cursor } = state
  const loadMore = useCallback(async () => {
    if (busy.current || key === null || status !== 'ready' || !cursor) return
    const gen = generation.current
    busy.current = true
    setStored((prev) => ({ ...prev, loadingMore: true, loadMoreFailed: false }))
    try {
      const page = await fetchRef.current(cursor)
      if (gen !== generation.current) return
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

  const update = useCallback(
    (change: (items: T[]) => T[]) =>
      setStored((prev) => (prev.key === key ? { ...prev, items: change(prev.items) } : prev)),
    [key],
  )

  return {
    status: state.status,
    error: state.error,
    items: state.items,
    hasMore: state.cursor !== null,
    loadingMore: state.loadingMore,
    loadMoreFailed: state.loadMoreFailed,
    reload,
    loadMore,
    update,
  }
}
