import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import type { Me } from '@chuangan/shared'
import { ApiRequestError, call, renewSessionWith } from '@/api/client'
import { isSinglePageMode } from '@/utils/scene'
import { SINGLE_PAGE_HINT } from '@/utils/nav'
import { type Session, clearSession, getSession, onSessionChange, saveSession } from './token'

export { type Session, getSession } from './token'

export const LOGIN_ON_ME_PAGE = '请先在「我的」页登录'

/** True in the WeChat mini-program (wx.login exists); false in H5. */
export function isWeapp(): boolean {
  return Taro.getEnv() === Taro.ENV_TYPE.WEAPP
}

function loginError(message: string): ApiRequestError {
  return new ApiRequestError({ statusCode: 401, code: 'LOGIN_REQUIRED', message })
}

let inFlight: Promise<Session> | null = null

async function wechatLogin(): Promise<Session> {
  let code: string
  try {
    code = (await Taro.login()).code
  } catch {
    throw loginError('微信登录失败，请稍后重试')
  }
  const result = await call('wechatLogin', { body: { code } })
  saveSession(result)
  return result
}

/**
 * Resolves with the session, signing in silently (wx.login) in the mini-program when there is none; at most one
 * login runs at a time. Only for user actions: never call it on a page's load. Rejects in single-page mode
 * (no wx.login there) and in H5, where signing in is the 我的 page's 开发登录.
 */
export function ensureLogin(): Promise<Session> {
  const session = getSession()
  if (session) return Promise.resolve(session)
  if (isSinglePageMode()) return Promise.reject(loginError(SINGLE_PAGE_HINT))
  if (!isWeapp()) return Promise.reject(loginError(LOGIN_ON_ME_PAGE))
  inFlight ??= wechatLogin().finally(() => {
    inFlight = null
  })
  return inFlight
}

// An expired session met by any request signs in again silently and the request goes on (the mini-program only:
// H5 signs in on 我的, and single-page mode has no wx.login); the reader never taps twice.
renewSessionWith(async () => (isWeapp() && !isSinglePageMode() ? (await ensureLogin()).token : null))

/** Development sign-in as a named test user (H5 against a server running the WeChat emulator). */
export async function devLogin(name: string): Promise<Session> {
  const result = await call('devLogin', { body: { name } })
  saveSession(result)
  return result
}

/** Ends the session on the server (best effort: a token it no longer knows is fine) and signs out here. */
export async function logout(): Promise<void> {
  try {
    if (getSession()) await call('logout')
  } catch {
    // signed out here all the same
  }
  clearSession()
}

/** Keeps the stored session's user in step with the API's answer (profile saved, avatar uploaded). */
export function updateSessionUser(user: Me): void {
  const session = getSession()
  if (session && session.user.id === user.id) saveSession({ ...session, user })
}

/** Deletes the account on the server (its sessions end with it), then signs out here. */
export async function deleteAccount(): Promise<void> {
  await call('deleteAccount', { body: { confirm: true } })
  clearSession()
}

/** The current session, kept up to date with sign-ins and sign-outs anywhere in the app. */
export function useSession(): Session | null {
  const [session, setSession] = useState(getSession)
  useEffect(() => onSessionChange(setSession), [])
  return session
}
