import { Logger } from '@nestjs/common'
import type { Redis } from 'ioredis'

/** A token and the moment (ms since epoch) WeChat stops accepting it. */
export interface StoredToken {
  token: string
  expiresAt: number
  /** How long WeChat said the token lasts (expires_in), to scale the refresh margin. */
  lifetimeMs: number
}

/** Fetches a token from stable_token; `force` asks WeChat for a new one (limited to 20 a day). */
export type TokenFetcher = (force: boolean) => Promise<{ token: string; expiresInSeconds: number }>

/** WeChat's advice: refresh when under 5 minutes remain. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000

/**
 * The server's access token: kept in the process and, when Redis is configured, in Redis so every process uses one
 * token. Concurrent callers share one fetch (single flight), and a token rejected by WeChat is replaced once for all
 * callers that saw it rejected — force_refresh is rationed by WeChat, so it is only used when no newer token exists.
 */
export class AccessTokenStore {
  private readonly logger = new Logger('WechatToken')
  private current: StoredToken | null = null
  private loading: Promise<string> | null = null
  private replacing: Promise<string> | null = null

  constructor(
    private readonly key: string,
    private readonly fetchToken: TokenFetcher,
    private readonly redis: Redis | null,
    private readonly now: () => number = Date.now,
  ) {}

  /** A usable token, fetched only when none is cached or the cached one is near its end. */
  async get(): Promise<string> {
    if (this.current && this.isFresh(this.current)) return this.current.token
    this.loading ??= this.load().finally(() => (this.loading = null))
    return this.loading
  }

  /** A token other than `rejected`: one another caller or process already obtained, else a forced new one. */
  async replace(rejected: string): Promise<string> {
    this.replacing ??= this.forceReplace(rejected).finally(() => (this.replacing = null))
    return this.replacing
  }

  private async load(): Promise<string> {
    const shared = await this.readShared()
    if (shared && this.isFresh(shared)) {
      this.current = shared
      return shared.token
    }
    return this.fetchAndStore(false)
  }

  private async forceReplace(rejected: string): Promise<string> {
    if (this.current && this.current.token !== rejected && this.isFresh(this.current)) return this.current.token
    const shared = await this.readShared()
    if (shared && shared.token !== rejected && this.isFresh(shared)) {
      this.current = shared
      return shared.token
    }
    return this.fetchAndStore(true)
  }

  private async fetchAndStore(force: boolean): Promise<string> {
    const { token, expiresInSeconds } = await this.fetchToken(force)
    const lifetimeMs = expiresInSeconds * 1000
    const stored = { token, expiresAt: this.now() + lifetimeMs, lifetimeMs }
    this.current = stored
    await this.writeShared(stored)
    return token
  }

  // Refresh with 5 minutes left, or at half-life for tokens issued for less than 10 minutes (emulator tests).
  private isFresh(t: StoredToken): boolean {
    const margin = Math.min(REFRESH_MARGIN_MS, t.lifetimeMs / 2)
    return t.expiresAt - this.now() > margin
  }

  private async readShared(): Promise<StoredToken | null> {
    if (!this.redis) return null
    try {
      const raw = await this.redis.get(this.key)
      if (!raw) return null
      const parsed: unknown = JSON.parse(raw)
      if (isStoredToken(parsed)) return parsed
    } catch (e) {
      this.logger.warn(`reading the shared token failed, using this process's: ${(e as Error).message}`)
    }
    return null
  }

  private async writeShared(t: StoredToken): Promise<void> {
    if (!this.redis) return
    const ttl = t.expiresAt - this.now()
    if (ttl <= 0) return
    try {
      await this.redis.set(this.key, JSON.stringify(t), 'PX', ttl)
    } catch (e) {
      this.logger.warn(`storing the shared token failed: ${(e as Error).message}`)
    }
  }
}

function isStoredToken(v: unknown): v is StoredToken {
  if (typeof v !== 'object' || v === null) return false
  const o = v as Record<string, unknown>
  return typeof o.token === 'string' && typeof o.expiresAt === 'number' && typeof o.lifetimeMs === 'number'
}
