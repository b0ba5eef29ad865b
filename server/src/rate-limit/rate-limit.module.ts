import { Global, Module } from '@nestjs/common'
import { RateLimitGuard } from './rate-limit.guard'
import { RateLimitService } from './rate-limit.service'

/** Rate limits for any feature: `@RateLimit(action)` on a handler (RedisConnections comes from the global RedisModule). */
@Global()
@Module({
  providers: [RateLimitService, RateLimitGuard],
  exports: [RateLimitService, RateLimitGuard],
})
export class RateLimitModule {}
