import { useCallback, useEffect, useRef } from 'react'

/**
 * The same function on every render that calls the latest `fn`: for handlers handed to memoised children (a list's
 * cards), which would otherwise all redraw whenever their parent does. Not for use during render.
 */
export function useStableCallback<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const latest = useRef(fn)
  useEffect(() => {
    latest.current = fn
  })
  return useCallback((...args: A) => latest.current(...args), [])
}
