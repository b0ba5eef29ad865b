/**
 * WeChat answers failures as `{ errcode, errmsg }` (usually with HTTP 200). The codes callers act on are named here,
 * so a caller writes `e.errcode === WechatErrcode.NO_SUBSCRIBE_QUOTA` rather than a bare number.
 */
export const WechatErrcode = {
  /** System busy; also what we report for a network failure or timeout, since the caller's choice is the same: retry later. */
  BUSY: -1,
  INVALID_CREDENTIAL: 40001,
  INVALID_GRANT_TYPE: 40002,
  INVALID_OPENID: 40003,
  INVALID_APPID: 40013,
  INVALID_CODE: 40029,
  INVALID_TEMPLATE_ID: 40037,
  INVALID_ARGS: 40097,
  INVALID_APPSECRET: 40125,
  /** Real WeChat answers this for a code that was already exchanged; treat it like INVALID_CODE. */
  CODE_BEEN_USED: 40163,
  HIGH_RISK_USER: 40226,
  ACCESS_TOKEN_MISSING: 41001,
  INVALID_PAGE: 41030,
  ACCESS_TOKEN_EXPIRED: 42001,
  /** The user has no subscribe-message send left (or refused): drop the grant, do not retry. */
  NO_SUBSCRIBE_QUOTA: 43101,
  CONTENT_TOO_LONG: 45002,
  DAILY_QUOTA_REACHED: 45009,
  RATE_LIMITED: 45011,
  DATA_FORMAT_ERROR: 47001,
  /** A template field's value breaks its type's rule (a `thing` over 20 characters, a malformed `time`, …). */
  ARGUMENT_INVALID: 47003,
  /** msg_sec_check version 1 answered risky content with this code; version 2 answers `result.suggest` instead. */
  RISKY_CONTENT_LEGACY: 87014,
} as const

export type WechatErrcodeName = keyof typeof WechatErrcode

export class WechatError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    /** The API path that failed (never the query: it may hold the access token or the secret). */
    readonly path?: string,
    /**
     * The request may have reached WeChat and been carried out (a timeout or a connection lost after sending): a
     * caller that must not do a thing twice (a subscribe message) does not retry it.
     */
    readonly uncertain = false,
  ) {
    super(`WeChat ${path ?? ''} errcode ${errcode}: ${errmsg}`)
    this.name = 'WechatError'
  }

  /** A token the platform no longer accepts: refresh once and retry. */
  get isTokenRejected(): boolean {
    return this.errcode === WechatErrcode.INVALID_CREDENTIAL || this.errcode === WechatErrcode.ACCESS_TOKEN_EXPIRED
  }
}
