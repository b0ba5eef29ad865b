import { useCallback, useEffect, useRef, useState } from 'react'
import type { ArticleDetail, ViewerState } from '@chuangan/shared'
import { call } from '@/api/client'
import { useSession } from '@/auth/session'

export interface Viewer {
  state: ViewerState
  /** Applies a change made by an action (optimistic or the server's answer) to the fields it names. */
  patch: (change: Partial<ViewerState>) => void
  /** Takes fresh counts read elsewhere (the comment list's total); unlike `patch`, not an action. */
  inform: (change: Partial<ViewerState>) => void
  /** The latest state, for async handlers (their render's `state` may be stale). */
  current: () => ViewerState
  /** Marks an action as running: the viewer's own state fetched meanwhile is not applied over it. */
  begin: () => () => void
}

/** The state shown to a reader not signed in: nothing of mine, the article's counts. */
export const signedOut = (counts: ArticleDetail['counts']): ViewerState => ({
  liked: false,
  likes: counts.likes,
  folderIds: [],
  favorites: counts.favorites,
  comments: counts.comments,
  commentsClosed: false,
})

/** The state the article page route brought (the caller's own, or the signed-out one) and whom it was made for. */
export interface FirstViewer {
  state: ViewerState
  userId: number | null
}

/**
 * The reader's own relation to the article (liked, folders, exact counts), kept apart from the cacheable article.
 * Starts from `first` (the article page's answer); fetched when signed in and `first` was not made for this reader
 * (never signs in on load), and again after a sign-in.
 */
export function useViewer(articleId: number, counts: ArticleDetail['counts'], first?: FirstViewer): Viewer {
  const [state, setState] = useState<ViewerState>(() => first?.state ?? signedOut(counts))
  // the reader `first` was made for: their state needs no fetch on load
  const given = useRef(first ? first.userId : undefined)
  const latest = useRef(state)
  const changes = useRef(0)
  const running = useRef(0)
  const session = useSession()
  const userId = session?.user.id ?? null

  const patch = useCallback((change: Partial<ViewerState>) => {
    changes.current++
    latest.current = { ...latest.current, ...change }
    setState(latest.current)
  }, [])

  const inform = useCallback((change: Partial<ViewerState>) => {
    latest.current = { ...latest.current, ...change }
    setState(latest.current)
  }, [])

  // An answer is dropped when an action changed the state meanwhile or is still running (its own answer is
  // newer); it is then asked again once no action runs, so the rest (folders, counts) is never left unknown.
  const stale = useRef(false)
  const fetchState = useCallback(() => {
    const attempt = () => {
      stale.current = false
      const at = changes.current
      call('viewerState', { params: { id: articleId } })
        .then((viewer) => {
          if (running.current > 0) stale.current = true
          else if (changes.current !== at) attempt()
          else {
            latest.current = viewer
            setState(viewer)
          }
        })
        .catch(() => undefined)
    }
    attempt()
  }, [articleId])

  useEffect(() => {
    const known = given.current === userId
    given.current = undefined
    if (userId === null) {
      // signed out (or never in): nothing of mine is shown
      if (latest.current.liked || latest.current.folderIds.length) patch({ liked: false, folderIds: [] })
      return
    }
    if (!known) fetchState()
  }, [userId, patch, fetchState])

  const begin = useCallback(() => {
    running.current++
    let done = false
    return () => {
      if (done) return
      done = true
      running.current--
      if (running.current === 0 && stale.current) fetchState()
    }
  }, [fetchState])

  return { state, patch, inform, current: () => latest.current, begin }
}
