import { useCallback, useEffect, useRef, useState } from 'react'
import { type DeclaredError, hasCode } from '@chuangan/shared/errors'
import { showErrorToast } from '@/api/client'

export type Resource<T> =
  { status: 'loading' } | { status: 'ready'; data: T } | { status: 'not-found' } | { status: 'error'; error: unknown }

export interface ResourceHandle<T> {
  state: Resource<T>
  /** Fetches again; a failed refresh keeps what is shown and toasts. */
  reload: () => Promise<void>
}

const initial = <T>(key: string | null): Resource<T> => (key === null ? { status: 'not-found' } : { status: 'loading' })

/**
 * One thing fetched by key (an author, a column, …). `null` means there is nothing to fetch (a bad
 * page param) and shows not-found; so does the `notFound` error (e.g. ContentErrors.TAG_NOT_FOUND).
 * Answers for an older key are dropped.
 */
export function useResource<T>(
  key: string | null,
  fetcher: (key: string) => Promise<T>,
  notFound?: DeclaredError,
): ResourceHandle<T> {
  const [stored, setStored] = useState<{ key: string | null; value: Resource<T> }>(() => ({
    key,
    value: initial<T>(key),
  }))
  const state = stored.key === key ? stored.value : initial<T>(key)

  const fetcherRef = useRef(fetcher)
  useEffect(() => {
    fetcherRef.current = fetcher
  })
  const generation = useRef(0)

  const run = useCallback(
    async (k: string, keepShown: boolean) => {
      const gen = ++generation.current
      try {
        const data = await fetcherRef.current(k)
        if (gen !== generation.current) return
        setStored({ key: k, value: { status: 'ready', data } })
      } catch (error) {
        if (gen !== generation.current) return
        if (notFound && hasCode(error, notFound)) {
          setStored({ key: k, value: { status: 'not-found' } })
        } else if (keepShown) {
          showErrorToast(error)
        } else {
          setStored({ key: k, value: { status: 'error', error } })
        }
      }
    },
    [notFound],
  )

  useEffect(() => {
    if (key === null) generation.current++
    else void run(key, false)
  }, [key, run])

  const ready = state.status === 'ready'
  const reload = useCallback(async () => {
    if (key === null) return
    if (!ready) setStored({ key, value: { status: 'loading' } })
    await run(key, ready)
  }, [key, ready, run])

  return { state, reload }
}
