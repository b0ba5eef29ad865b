import { createHash, randomBytes } from 'node:crypto'
import { WechatErrcode } from '../wechat.errors'

export interface SentMessage {
  touser: string
  templateId: string
  page?: string
  data: Record<string, string>
  miniprogramState: string
  lang: string
  sentAt: Date
}

export type TokenCheck = { ok: true } | { ok: false; errcode: number; errmsg: string }

/** What the emulated platform remembers: login codes, access tokens, sent messages and scripted failures. */
export class EmulatorState {
  private readonly codes = new Map<string, string>()
  private readonly usedCodes = new Set<string>()
  /** Every token ever issued and when it stops working; a forced refresh ends the previous ones. */
  private readonly tokens = new Map<string, number>()
  private currentToken: string | null = null
  /** Scripted failures per path, in order; one with `touser` waits for a subscribe message to that openid. */
  private readonly failures = new Map<string, { errcode: number; touser?: string }[]>()
  private readonly calls = new Map<string, number>()
  readonly refused = new Set<string>()
  readonly sent: SentMessage[] = []

  constructor(
    readonly appid: string,
    readonly tokenTtlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** WeChat openids are 28 characters starting with "o"; ours are stable per (appid, name). */
  openidFor(name: string): string {
    return `o${createHash('sha256')
      .update(this.appid + name)
      .digest('base64url')
      .slice(0, 27)}`
  }

  issueCode(name = `user-${randomBytes(4).toString('hex')}`): string {
    const code = randomBytes(16).toString('hex')
    this.codes.set(code, name)
    return code
  }

  /** The user a code stands for, consuming it; null when unknown or already used (WeChat: 40029). */
  redeemCode(code: string): string | null {
    if (this.usedCodes.has(code)) return null
    const name = this.codes.get(code) ?? (code.startsWith('dev:') && code.length > 4 ? code.slice(4) : null)
    if (name === null) return null
    this.usedCodes.add(code)
    this.codes.delete(code)
    return name
  }

  /**
   * stable_token: the current token while it has a while to live; a new one when forced or near its end.
   * A forced refresh ends every earlier token, as WeChat's does.
   */
  stableToken(force: boolean): { token: string; expiresIn: number } {
    const now = this.now()
    const margin = Math.min(300_000, (this.tokenTtlSeconds * 1000) / 2)
    const current = this.currentToken
    const expiresAt = current ? this.tokens.get(current) : undefined
    if (!force && current && expiresAt !== undefined && expiresAt - now > margin) {
      return { token: current, expiresIn: Math.floor((expiresAt - now) / 1000) }
    }
    if (force) this.tokens.clear()
    const token = `emu-${randomBytes(24).toString('base64url')}`
    this.tokens.set(token, now + this.tokenTtlSeconds * 1000)
    this.currentToken = token
    return { token, expiresIn: this.tokenTtlSeconds }
  }

  checkToken(token: string | null): TokenCheck {
    if (!token) return { ok: false, errcode: WechatErrcode.ACCESS_TOKEN_MISSING, errmsg: 'access_token missing' }
    const expiresAt = this.tokens.get(token)
    if (expiresAt === undefined) {
      return {
        ok: false,
        errcode: WechatErrcode.INVALID_CREDENTIAL,
        errmsg: 'invalid credential, access_token is invalid or not latest',
      }
    }
    if (expiresAt <= this.now()) {
      return { ok: false, errcode: WechatErrcode.ACCESS_TOKEN_EXPIRED, errmsg: 'access_token expired' }
    }
    return { ok: true }
  }

  failNext(path: string, errcode: number, touser?: string): void {
    const queue = this.failures.get(path) ?? []
    queue.push(touser === undefined ? { errcode } : { errcode, touser })
    this.failures.set(path, queue)
  }

  /** Counts a call to `path` and returns the first scripted failure for it that waits for no particular user. */
  arrive(path: string): number | undefined {
    this.calls.set(path, (this.calls.get(path) ?? 0) + 1)
    return this.take(path, (f) => f.touser === undefined)
  }

  /** The first scripted failure of `path` that waits for `touser` (concurrent sends reach us in any order). */
  failureFor(path: string, touser: string): number | undefined {
    return this.take(path, (f) => f.touser === touser)
  }

  private take(path: string, match: (f: { errcode: number; touser?: string }) => boolean): number | undefined {
    const queue = this.failures.get(path)
    const i = queue?.findIndex(match) ?? -1
    return i < 0 ? undefined : queue!.splice(i, 1)[0]!.errcode
  }

  callCount(path: string): number {
    return this.calls.get(path) ?? 0
  }
}
