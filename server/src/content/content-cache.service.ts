import { Injectable, type OnModuleInit } from '@nestjs/common'
import { LRUCache } from 'lru-cache'
import { RedisConnections } from '../infra/redis'

const CHANNEL = 'chuangan:content-changed'
const TTL_MS = 30_000

/**
 * Caches what every reader sees alike: ready response bodies (feed pages, article pages) as encoded JSON,
 * and shared lookups (author cards, ad slots) as values. Entries live 30 s at most, so counts shown are at
 * most that stale; any editorial change clears everything at once, in every server process when Redis is
 * configured (pub/sub). Concurrent misses for one key share one load.
 */
@Injectable()
export class ContentCache implements OnModuleInit {
  private readonly bodies = new LRUCache<string, Buffer>({
    max: 5000,
    maxSize: 24 * 1024 * 1024,
    sizeCalculation: (b) => b.length || 1,
    ttl: TTL_MS,
  })
  private readonly values = new LRUCache<string, { value: unknown }>({ max: 20_000, ttl: TTL_MS })
  private readonly loading = new Map<string, Promise<unknown>>()
  private generation = 0

  constructor(private readonly redis: RedisConnections) {}

  async onModuleInit(): Promise<void> {
    const sub = this.redis.subscriberConnection()
    if (!sub) return
    await sub.subscribe(CHANNEL)
    sub.on('message', (channel: string) => channel === CHANNEL && this.clearLocal())
  }

  /** A response body: the loader's value (or ready JSON text) encoded once as UTF-8 JSON. */
  json(key: string, load: () => Promise<unknown>): Promise<Buffer> {
    return this.memo(`b:${key}`, this.bodies, async () => {
      const value = await load()
      return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value))
    })
  }

  /** A shared value (treat it as read-only). */
  async value<T>(key: string, load: () => Promise<T>): Promise<T> {
    const boxed = await this.memo(`v:${key}`, this.values, async () => ({ value: await load() }))
    return boxed.value as T
  }

  private memo<V extends object>(key: string, store: LRUCache<string, V>, load: () => Promise<V>): Promise<V> {
    const hit = store.get(key)
    if (hit !== undefined) return Promise.resolve(hit)
    const pending = this.loading.get(key) as Promise<V> | undefined
    if (pending) return pending
    const generation = this.generation
    const promise = load()
      .then((value) => {
        // A change that landed while loading makes this result stale: serve it once, do not keep it.
        if (generation === this.generation) store.set(key, value)
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

  private clearLocal(): void {
    this.generation++
    this.bodies.clear()
    this.values.clear()
    this.loading.clear()
  }
}
