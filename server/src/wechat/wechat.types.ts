/** What WechatClient takes and gives, in our naming; the client maps these to WeChat's wire fields. */

export interface WechatSession {
  openid: string
  /** Stays on the server: it decrypts the user's encrypted data and must never reach a client. */
  sessionKey: string
  /** Present only when the mini-program is bound to an Open Platform account. */
  unionid?: string
}

/** msg_sec_check scenes: 1 profile, 2 comment, 3 forum, 4 social log. */
export type MsgSecScene = 1 | 2 | 3 | 4

export interface MsgSecCheckInput {
  openid: string
  scene: MsgSecScene
  content: string
}

export type MsgSecSuggest = 'pass' | 'review' | 'risky'

export interface MsgSecCheckResult {
  suggest: MsgSecSuggest
  /** 100 normal, 10001 ad, 20001 politics, 20002 porn, 20003 abuse, 20006 illegal, 20008 fraud, 20012 vulgar, … */
  label: number
}

export type MiniprogramState = 'developer' | 'trial' | 'formal'

export interface SubscribeMessageInput {
  touser: string
  templateId: string
  /** The page the notification opens, e.g. `pages/article/index?id=1`. */
  page?: string
  /** Template keys to values, e.g. `{ thing1: '新评论', time2: '2026-01-01 08:00' }`. */
  data: Record<string, string>
  miniprogramState?: MiniprogramState
}

export type EnvVersion = 'release' | 'trial' | 'develop'

export interface UnlimitedQrCodeInput {
  scene: string
  /** A page path without leading `/` and without query, e.g. `pages/article/index`. */
  page?: string
  width?: number
  /** When true WeChat refuses pages not in the published release (41030). */
  checkPath?: boolean
  envVersion?: EnvVersion
}
