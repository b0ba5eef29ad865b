import Taro from '@tarojs/taro'
import type { LoginResult } from '@chuangan/shared'

/** The signed-in session as the API answered it at login; kept in storage across launches. */
export type Session = LoginResult

const KEY = 'chuangan.session'
const listeners = new Set<(session: Session | null) => void>()

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

/** The stored session, or null when signed out or expired (an expired one is dropped). */
export function getSession(): Session | null {
  let stored: unknown
  try {
    stored = Taro.getStorageSync(KEY)
  } catch {
    return null
  }
  if (!isSession(stored)) return null
  if (Date.parse(stored.expiresAt) <= Date.now()) {
    clearSession()
    return null
  }
  return stored
}

export function sessionToken(): string | null {
  return getSession()?.token ?? null
}

export function saveSession(session: Session): void {
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
