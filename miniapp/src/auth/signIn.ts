import { useEffect, useSyncExternalStore } from 'react'
import { cancelled } from '@/api/client'
import { isSinglePageMode } from '@/utils/scene'
import { type Session, ensureLogin, getSession, isWeapp } from './session'
import { onSessionChange } from './token'

// A reader who taps 点赞, 评论 or 收藏 while signed out signs in first, then the action goes on:
// silently (wx.login) in the mini-program; in H5 through a sign-in sheet on the page (LoginSheet), which
// this module opens and which resolves once the session exists.

interface Pending {
  resolve: (session: Session) => void
  reject: (error: unknown) => void
}

let pending: Pending | null = null
let sheets = 0
const listeners = new Set<() => void>()

function settle(session: Session | null): void {
  const waiting = pending
  if (!waiting) return
  pending = null
  listeners.forEach((listener) => listener())
  if (session) waiting.resolve(session)
  else waiting.reject(cancelled())
}

onSessionChange((session) => {
  if (session) settle(session)
})

/**
 * Resolves with the session, signing in first when there is none. Rejects (and the action should stop) in
 * single-page mode, when wx.login fails, or when the reader closes the H5 sign-in sheet (a CANCELLED error,
 * which showErrorToast leaves silent). Only for taps, never on a page's load.
 */
export function signInFirst(): Promise<Session> {
  const session = getSession()
  if (session) return Promise.resolve(session)
  // no sheet on this page (or the mini-program): ensureLogin signs in silently or says where to sign in
  if (isWeapp() || isSinglePageMode() || sheets === 0) return ensureLogin()
  settle(null)
  return new Promise<Session>((resolve, reject) => {
    pending = { resolve, reject }
    listeners.forEach((listener) => listener())
  })
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** For the H5 sign-in sheet: whether an action is waiting for a sign-in, and how to give up. */
export function useSignInRequest(): { open: boolean; cancel: () => void } {
  useEffect(() => {
    sheets++
    return () => {
      sheets--
    }
  }, [])
  const open = useSyncExternalStore(subscribe, () => pending !== null)
  return { open, cancel: () => settle(null) }
}
