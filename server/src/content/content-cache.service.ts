import { Injectable, type OnModuleInit } from '@nestjs/common'
import { LRUCache } from 'lru-cache'
import { RedisConnections } from '../infra/redis'

const CHANNEL = 'chuangan:content-changed'

/**
 * Caches the JSON of what every reader sees alike (feed pages, article pages, author and column pages).
 * Entries live 30 s at most, so counts shown are at most that stale; any editorial change clears the cache
 * at once, in every server process when Redis is configured (pub/sub).
 */
@Injectable()
export class ContentCache implements OnModuleInit {
  private readonly entries = new LRUCache<string, string>({ max: 5000, ttl: 30_000 })
  private readonly loading = new Map<string, Promise<string>>()
  private generation = 0

  constructor(private readonly redis: RedisConnections) {}

  async onModuleInit(): Promise<void> {
    const sub = this.redis.subscriberConnection()
    if (!sub) return
    await sub.subscribe(CHANNEL)
    sub.on('message', (channel: string) => channel === CHANNEL && this.clearLocal())
  }

  /** The cached JSON for a key, or the loader's result serialised once, however many callers wait for it. */
  async json(key: string, load: () => Promise<unknown>): Promise<string> {
    const hit = this.entries.get(key)
    if (hit !== undefined) return hit
    const pending = this.loading.get(key)
    if (pending) return pending
    const generation = this.generation
    const promise = load()
      .then((value) => {
        const text = JSON.stringify(value)
        // A change that landed while loading makes this result stale: serve it once, do not keep it.
        if (generation === this.generation) this.entries.set(key, text)
        return text
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
    this.entries.clear()
    this.loading.clear()
  }
}
