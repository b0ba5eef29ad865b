import { Injectable, type OnModuleInit } from '@nestjs/common'
import { LRUCache } from 'lru-cache'
import { RedisConnections } from '../infra/redis'
import { Doorkeeper } from './doorkeeper'

const CHANNEL = 'chuangan:content-changed'
const TTL_MS = 30_000
/** Scopes whose generation is remembered; past this, all scoped entries are forgotten at once (rare, cheap). */
const SCOPES_MAX = 100_000

/** A cached value that knows its own size in bytes (counted against the same budget as the bodies). */
export interface Sized {
  readonly bytes: number
}

/**
 * Caches what every reader sees alike: ready response bodies (feed pages, article pages) as encoded JSON,
 * and shared lookups (author cards, ad slots) as values. Entries live 30 s at most, so counts shown are at
 * most that stale; any editorial change clears everything at once, in every server process when Redis is
 * configured (pub/sub). Concurrent misses for one key share one load.
 *
 * Scoped entries (`scoped`, e.g. one article's comment pages) also go when their scope changes
 * (`invalidateScope`), here at once and in the other processes through the same channel: each scope has a
 * generation, part of its entries' keys, so an entry loaded before the change is never read after it.
 */
@Injectable()
export class ContentCache implements OnModuleInit {
  private readonly bodies = new LRUCache<string, Buffer | Sized>({
    max: 5000,
    maxSize: 24 * 1024 * 1024,
    sizeCalculation: (b) => (Buffer.isBuffer(b) ? b.length : b.bytes) || 1,
    ttl: TTL_MS,
  })
  private readonly values = new LRUCache<string, { value: unknown }>({ max: 20_000, ttl: TTL_MS })
  private readonly loading = new Map<string, Promise<unknown>>()
  private readonly doorkeeper = new Doorkeeper()
  private generation = 0
  /** Each changed scope's generation; a scope not here is at `floor`. Generations only grow. */
  private readonly scopes = new Map<string, number>()
  private floor = 0
  private tick = 0

  constructor(private readonly redis: RedisConnections) {}

  async onModuleInit(): Promise<void> {
    const sub = this.redis.subscriberConnection()
    if (!sub) return
    await sub.subscribe(CHANNEL)
    sub.on('message', (channel: string, message: string) => {
      if (channel !== CHANNEL) return
      const scopes = scopesOf(message)
      if (scopes) this.forgetScopes(scopes)
      else this.clearLocal()
    })
  }

  /**
   * Changes whenever everything is forgotten (an editorial change here or in another process, a test resetting the
   * database): what a service remembers about rows beside this cache can follow it (see ArticlesService.countRead).
   */
  get epoch(): number {
    return this.generation
  }

  /**
   * A response body: the loader's value (ready bytes, JSON text, or a value) encoded once as UTF-8 JSON.
   * `admit: 'second-ask'` keeps it only when the key was asked for before, recently (`Doorkeeper`): for the long
   * tail of article pages, where most answers are asked for once.
   */
  json(key: string, load: () => Promise<unknown>, admit: 'always' | 'second-ask' = 'always'): Promise<Buffer> {
    const k = `b:${key}`
    const keep = admit === 'always' ? undefined : () => this.doorkeeper.seenBefore(k)
    return this.memo(k, this.bodies as LRUCache<string, Buffer>, keep, async () => {
      const value = await load()
      if (Buffer.isBuffer(value)) return value
      return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value))
    })
  }

  /** A shared value (treat it as read-only). */
  async value<T>(key: string, load: () => Promise<T>): Promise<T> {
    const boxed = await this.memo(`v:${key}`, this.values, undefined, async () => ({ value: await load() }))
    return boxed.value as T
  }

  /**
   * A value in a scope, bounded by its `bytes` with the bodies (treat it as read-only): forgotten when the scope
   * changes (`invalidateScope`), on any editorial change (`invalidate`), or after 30 s.
   */
  scoped<V extends Sized>(scope: string, key: string, load: () => Promise<V>): Promise<V> {
    const generation = this.scopes.get(scope) ?? this.floor
    return this.memo(`s:${scope}@${generation}:${key}`, this.bodies as unknown as LRUCache<string, V>, undefined, load)
  }

  private memo<V extends object>(
    key: string,
    store: LRUCache<string, V>,
    /** Whether a loaded value is kept (asked on a miss); always when not given. */
    admit: (() => boolean) | undefined,
    load: () => Promise<V>,
  ): Promise<V> {
    const hit = store.get(key)
    if (hit !== undefined) return Promise.resolve(hit)
    const pending = this.loading.get(key) as Promise<V> | undefined
    if (pending) return pending
    const generation = this.generation
    const keep = admit === undefined || admit()
    const promise = load()
      .then((value) => {
        // A change that landed while loading makes this result stale: serve it once, do not keep it.
        if (keep && generation === this.generation) store.set(key, value)
        return value
      })
      .finally(() => this.loading.delete(key))
    this.loading.set(key, promise)
    return promise
  }

  /** Something editorial changed: forget everything, here and in the other processes. */
  async invalidate(): Promise<void> {
    this.clearLocal()
    await this.redis.client?.publish(CHANNEL, String(Date.now()))
  }

  /** What is in these scopes changed (call it after the change is committed): forget them here and elsewhere. */
  async invalidateScope(...scopes: string[]): Promise<void> {
    if (!scopes.length) return
    this.forgetScopes(scopes)
    await this.redis.client?.publish(CHANNEL, JSON.stringify({ scopes }))
  }

  private forgetScopes(scopes: string[]): void {
    if (this.scopes.size + scopes.length > SCOPES_MAX) {
      // Every scope not listed moves to a new floor, past any generation handed out so far.
      this.scopes.clear()
      this.floor = ++this.tick
    }
    // Entries under the old generations are never read again; the LRU lets them go.
    for (const scope of scopes) this.scopes.set(scope, ++this.tick)
  }

  private clearLocal(): void {
    this.generation++
    this.bodies.clear()
    this.values.clear()
    this.loading.clear()
  }
}

/** The scopes a scoped message names (`{"scopes":[…]}`); null for any other message (clear everything). */
function scopesOf(message: string): string[] | null {
  if (!message.startsWith('{')) return null
  try {
    const parsed = JSON.parse(message) as { scopes?: unknown }
    return Array.isArray(parsed.scopes) && parsed.scopes.every((s) => typeof s === 'string') ? parsed.scopes : null
  } catch {
    return null
  }
}
