import { Global, Inject, Injectable, Logger, Module, type OnModuleDestroy } from '@nestjs/common'
import { Redis } from 'ioredis'
import { APP_CONFIG, type AppConfig } from '../config/config'

/**
 * The Redis connections when REDIS_URL is set: one for commands, one for subscriptions (a subscribed
 * connection can do nothing else). Without REDIS_URL both are null and features fall back to in-process state.
 */
@Injectable()
export class RedisConnections implements OnModuleDestroy {
  private readonly logger = new Logger('Redis')
  readonly client: Redis | null
  private subscriber: Redis | null = null

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.client = config.REDIS_URL ? this.connect(config.REDIS_URL) : null
  }

  /** A dedicated connection for SUBSCRIBE, opened on first use. */
  subscriberConnection(): Redis | null {
    if (!this.config.REDIS_URL) return null
    this.subscriber ??= this.connect(this.config.REDIS_URL)
    return this.subscriber
  }

  private connect(url: string): Redis {
    const redis = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false })
    redis.on('error', (err: Error) => this.logger.warn(`redis: ${err.message}`))
    return redis
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(
      [this.client, this.subscriber]
        .filter((r): r is Redis => r !== null)
        .map((r) => r.quit().catch(() => r.disconnect())),
    )
  }
}

@Global()
@Module({ providers: [RedisConnections], exports: [RedisConnections] })
export class RedisModule {}
