import { useCallback, useEffect, useRef, useState } from 'react'
import { showErrorToast } from '@/api/client'

/** Small pages keep each render and setData cheap (WeChat's audit). */
export const PAGE_SIZE = 10

/** One page of a keyset-paginated list, as the API answers it; some lists add fields (a comment list's total). */
export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

/** What a page brings beside its items and cursor. */
export type PageFields<P> = Omit<P, 'items' | 'nextCursor'>

export interface PagedList<T, F = object> {
  status: 'loading' | 'error' | 'ready'
  error: unknown
  items: T[]
  hasMore: boolean
  loadingMore: boolean
  loadMoreFailed: boolean
  /** The latest page's own fields, as answered; null before the first page. */
  fields: F | null
  /** First page again (retry, pull-down); keeps what is shown if a refresh fails. */
  reload: () => Promise<void>
  loadMore: () => Promise<void>
  /** Changes the shown items in place (an item removed or moved, a vote counted). */
  update: (change: (items: T[]) => T[]) => void
}

export interface PagedListOptions<T, P> {
  /** Puts a page's items after those shown (the first page after none); `appendNew` by default. */
  merge?: (shown: T[], page: T[]) => T[]
  /** Hears each first page that is kept (not one dropped for a newer key or reload). */
  onFirstPage?: (page: P) => void
  /**
   * A first page already in hand for this key (brought by another request, e.g. the article page's): the list starts
   * from it instead of fetching. Read on the first render only; a later key, a reload or 加载更多 fetch as usual.
   */
  initial?: { key: string; page: P }
}

interface State<T, F> {
  key: string | null
  status: PagedList<T>['status']
  error: unknown
  items: T[]
  cursor: string | null
  fields: F | null
  loadingMore: boolean
  loadMoreFailed: boolean
}

const fresh = <T, F>(key: string | null): State<T, F> => ({
  key,
  status: 'loading',
  error: null,
  items: [],
  cursor: null,
  fields: null,
  loadingMore: false,
  loadMoreFailed: false,
})

const idOf = (item: unknown): unknown =>
  typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined

/**
 * Appends the page's items that are not shown yet, by `id` (a list ranked anew between two pages, like 热门, can
 * send an item again on a later page). Answers `shown` itself when the page brings nothing new.
 */
export function appendNew<T>(shown: T[], page: T[]): T[] {
  const seen = new Set(shown.map(idOf))
  const fresh = page.filter((item) => {
    const id = idOf(item)
    if (id === undefined) return true
    if (seen.has(id)) return false
    seen.add(id)
    return true
  })
  return fresh.length ? [...shown, ...fresh] : shown
}

/** Pages fetched in a row for one loadMore while they bring nothing new (all already shown). */
const MAX_EMPTY_PAGES = 3

function fieldsOf<T, P extends Page<T>>(page: P): PageFields<P> {
  const { items: _items, nextCursor: _cursor, ...fields } = page
  return fields
}

/**
 * A paged list of anything (the feed, my likes, an article's comments): `fetchPage(cursor)` answers one page.
 * A new `key` starts over from a skeleton and drops answers still in flight for the old one; `null` waits.
 */
export function usePagedList<T, P extends Page<T> = Page<T>>(
  key: string | null,
  fetchPage: (cursor: string | undefined) => Promise<P>,
  options: PagedListOptions<T, P> = {},
): PagedList<T, PageFields<P>> {
  type F = PageFields<P>
  const [stored, setStored] = useState<State<T, F>>(() => {
    const { initial, merge = appendNew } = options
    if (!initial || initial.key !== key) return fresh<T, F>(key)
    return {
      ...fresh<T, F>(key),
      status: 'ready',
      items: merge([], initial.page.items),
      cursor: initial.page.nextCursor,
      fields: fieldsOf<T, P>(initial.page),
    }
  })
  // the key whose first page came with `initial`: its first fetch is skipped once
  const given = useRef(options.initial?.key === key ? key : null)
  const state = stored.key === key ? stored : fresh<T, F>(key)

  const latest = useRef({ fetchPage, options, items: state.items })
  useEffect(() => {
    latest.current = { fetchPage, options, items: state.items }
  })
  const generation = useRef(0)
  const busy = useRef(false)

  const fetchFirst = useCallback(async (k: string, keepShown: boolean) => {
    const gen = ++generation.current
    busy.current = true
    try {
      const page = await latest.current.fetchPage(undefined)
      if (gen !== generation.current) return
      const { merge = appendNew, onFirstPage } = latest.current.options
      onFirstPage?.(page)
      setStored({
        ...fresh<T, F>(k),
        status: 'ready',
        items: merge([], page.items),
        cursor: page.nextCursor,
        fields: fieldsOf<T, P>(page),
      })
    } catch (error) {
      if (gen !== generation.current) return
      if (keepShown) showErrorToast(error)
      else setStored({ ...fresh<T, F>(k), status: 'error', error })
    } finally {
      if (gen === generation.current) busy.current = false
    }
  }, [])

  useEffect(() => {
    if (key === null) generation.current++
    else if (given.current === key) given.current = null
    else void fetchFirst(key, false)
  }, [key, fetchFirst])

  const shown = state.status === 'ready'
  const reload = useCallback(async () => {
    if (key === null) return
    if (!shown) setStored(fresh<T, F>(key))
    await fetchFirst(key, shown)
  }, [key, shown, fetchFirst])

  const { status, cursor } = state
  const loadMore = useCallback(async () => {
    if (busy.current || key === null || status !== 'ready' || !cursor) return
    const gen = generation.current
    busy.current = true
    setStored((prev) => ({ ...prev, loadingMore: true, loadMoreFailed: false }))
    try {
      const { merge = appendNew } = latest.current.options
      const mergeAll = (items: T[], pages: P[]) => pages.reduce((shown, page) => merge(shown, page.items), items)
      // a page of items all shown already would leave the reader at the bottom with nothing new: fetch on
      const pages: P[] = []
      let next: string | null = cursor
      do {
        const page = await latest.current.fetchPage(next)
        if (gen !== generation.current) return
        pages.push(page)
        next = page.nextCursor
      } while (
        next &&
        pages.length < MAX_EMPTY_PAGES &&
        mergeAll(latest.current.items, pages).length === latest.current.items.length
      )
      const last = pages[pages.length - 1]
      setStored((prev) =>
        prev.key === key
          ? {
              ...prev,
              items: mergeAll(prev.items, pages),
              cursor: last.nextCursor,
              fields: fieldsOf<T, P>(last),
              loadingMore: false,
            }
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
    fields: state.fields,
    reload,
    loadMore,
    update,
  }
}
