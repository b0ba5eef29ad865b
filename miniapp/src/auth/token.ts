import Taro from '@tarojs/taro'
import type { LoginResult } from '@chuangan/shared'

/** The signed-in session as the API answered it at login; kept in storage across launches. */
export type Session = LoginResult

const KEY = 'chuangan.session'
const listeners = new Set<(session: Session | null) => void>()

// Storage is read once (the first time it is asked for); every sign-in and sign-out goes through this module and
// keeps this copy in step, so a request never waits on a synchronous storage read.
let held: { session: Session | null } | null = null

function stored(): Session | null {
  let value: unknown
  try {
    value = Taro.getStorageSync(KEY)
  } catch {
    return null
  }
  return isSession(value) ? value : null
}

/** Forgets the copy in memory: the next read goes to storage again (tests, which change storage between runs). */
export function forgetHeldSession(): void {
  held = null
}

function isSession(value: unknown): value is Session {
  const s = value as Partial<Session> | null
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.token === 'string' &&
    s.token !== '' &&
    typeof s.expiresAt === 'string' &&
    typeof s.user === 'object' &&
    s.user !== null
  )
}

function notify(session: Session | null): void {
  listeners.forEach((listener) => listener(session))
}

/** The session, or null when signed out or expired (an expired one is dropped). */
export function getSession(): Session | null {
  held ??= { session: stored() }
  const { session } = held
  if (session && Date.parse(session.expiresAt) <= Date.now()) {
    clearSession()
    return null
  }
  return session
}

export function sessionToken(): string | null {
  return getSession()?.token ?? null
}

export function saveSession(session: Session): void {
  held = { session }
  try {
    Taro.setStorageSync(KEY, session)
  } catch {
    // storage unavailable: the session is lost with the page, which is safe
  }
  notify(session)
}

/** Signs out locally. With `token`, only if that is still the stored one (a newer login is kept). */
export function clearSession(token?: string): void {
  if (token !== undefined && sessionToken() !== token) return
  held = { session: null }
  try {
    Taro.removeStorageSync(KEY)
  } catch {
    // nothing stored
  }
  notify(null)
}

/** Calls `listener` whenever this app signs in or out; returns the unsubscribe function. */
export function onSessionChange(listener: (session: Session | null) => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}
