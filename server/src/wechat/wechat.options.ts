/** Where and as whom WechatClient talks to WeChat. */
export interface WechatOptions {
  baseUrl: string
  appid: string
  secret: string
  /** Per-request timeout; WeChat normally answers well under a second. */
  timeoutMs?: number
}

export const WECHAT_OPTIONS = Symbol('WECHAT_OPTIONS')

export const WECHAT_DEFAULT_BASE = 'https://api.weixin.qq.com'

/** The credentials the emulator accepts unless told otherwise (used when no real credentials are configured). */
export const EMULATOR_APPID = 'wx00000000emulator'
export const EMULATOR_SECRET = 'emulator-secret'

export interface WechatEnv {
  WECHAT_API_BASE?: string
  WECHAT_APPID?: string
  WECHAT_SECRET?: string
  /** Where the H5 build is served: the embedded emulator's mini-program codes point there. */
  PUBLIC_URL?: string
}

/**
 * How the server reaches WeChat:
 * - `remote` with real credentials when WECHAT_APPID and WECHAT_SECRET are both set (WECHAT_API_BASE defaults to WeChat);
 * - `remote` with the emulator's credentials when only WECHAT_API_BASE is set (a separately started emulator);
 * - `embedded` otherwise: the module starts an emulator inside the process, so development needs nothing.
 */
export type WechatSetup =
  { kind: 'remote'; options: WechatOptions } | { kind: 'embedded'; appid: string; secret: string }

export function wechatOptionsFrom(env: WechatEnv): WechatSetup {
  const base = env.WECHAT_API_BASE?.trim() || undefined
  const appid = env.WECHAT_APPID?.trim() || undefined
  const secret = env.WECHAT_SECRET?.trim() || undefined
  if (appid && secret) return { kind: 'remote', options: { baseUrl: base ?? WECHAT_DEFAULT_BASE, appid, secret } }
  if (appid || secret) throw new Error('WECHAT_APPID and WECHAT_SECRET must be set together')
  if (base) return { kind: 'remote', options: { baseUrl: base, appid: EMULATOR_APPID, secret: EMULATOR_SECRET } }
  return { kind: 'embedded', appid: EMULATOR_APPID, secret: EMULATOR_SECRET }
}
