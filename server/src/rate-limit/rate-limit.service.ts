import { Injectable } from '@nestjs/common'
import { ErrorCode } from '@chuangan/shared'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'
import { AppError } from '../common/app-error'
import { RedisConnections } from '../infra/redis'

/** `points` actions per `seconds`. */
export interface Limit {
  points: number
  seconds: number
}

/** Each action is limited per signed-in reader and per client IP address, both must have room. */
export interface ActionLimits {
  perUser: Limit
  perIp: Limit
}

/**
 * The limits. Per IP is looser than per reader: several readers share an office or mobile-carrier address.
 * Reports are rarer than comments, votes are cheap and frequent.
 */
export const DEFAULT_RATE_LIMITS = {
  comment: { perUser: { points: 10, seconds: 60 }, perIp: { points: 30, seconds: 60 } },
  // 私信, both ways: as for comments (each one may call WeChat's content check).
  message: { perUser: { points: 10, seconds: 60 }, perIp: { points: 30, seconds: 60 } },
  // 求购 posted and answered: each may call WeChat's content check; a demand also fans out to suppliers.
  demand: { perUser: { points: 10, seconds: 60 }, perIp: { points: 30, seconds: 60 } },
  vote: { perUser: { points: 60, seconds: 60 }, perIp: { points: 300, seconds: 60 } },
  report: { perUser: { points: 20, seconds: 3600 }, perIp: { points: 60, seconds: 3600 } },
  // Recording a share or a share open: a page view's worth of calls, generous per IP (opens come from anyone).
  share: { perUser: { points: 30, seconds: 60 }, perIp: { points: 120, seconds: 60 } },
  // Drawing a poster or fetching a mini-program code (cache misses only: a cached image costs nothing).
  poster: { perUser: { points: 60, seconds: 60 }, perIp: { points: 60, seconds: 60 } },
  // Changing my nickname or avatar: each change may call WeChat's content check and write a file.
  profile: { perUser: { points: 10, seconds: 60 }, perIp: { points: 30, seconds: 60 } },
  // 询价 sent (each checked like a comment, each a notice to the supplier's staff): fewer than comments per hour.
  inquiry: { perUser: { points: 10, seconds: 600 }, perIp: { points: 30, seconds: 600 } },
  // A supplier's answers: as for comments (each note may call WeChat's content check).
  inquiryAnswer: { perUser: { points: 30, seconds: 60 }, perIp: { points: 60, seconds: 60 } },
} satisfies Record<string, ActionLimits>

export type RateLimitedAction = keyof typeof DEFAULT_RATE_LIMITS
export type RateLimits = Record<RateLimitedAction, ActionLimits>

const MESSAGES: Record<RateLimitedAction, string> = {
  comment: '评论太频繁了，请稍后再试',
  message: '私信发送太频繁了，请稍后再试',
  demand: '求购操作太频繁了，请稍后再试',
  vote: '操作太频繁了，请稍后再试',
  report: '举报太频繁了，请稍后再试',
  share: '分享操作太频繁了，请稍后再试',
  poster: '生成海报太频繁了，请稍后再试',
  profile: '修改资料太频繁了，请稍后再试',
  inquiry: '询价太频繁了，请稍后再试',
  inquiryAnswer: '报价太频繁了，请稍后再试',
}

/** 429 in the one error shape; the guard also sends `Retry-After: retryAfterSeconds`. */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, ErrorCode.RateLimited, message)
  }
}

interface Limiters {
  perUser: RateLimiterAbstract
  perIp: RateLimiterAbstract
}

/**
 * Rate limits on rate-limiter-flexible: counters in Redis when REDIS_URL is set (every server process shares them;
 * if Redis fails, an in-process limiter with the same limits stands in), in process otherwise.
 */
@Injectable()
export class RateLimitService {
  private limiters = new Map<RateLimitedAction, Limiters>()

  constructor(private readonly redis: RedisConnections) {
    this.configure()
  }

  /**
   * Replaces the limits (defaults for actions not given). For tests: raise limits for bulk tests or lower them to
   * reach them; `namespace` keeps a test run's Redis keys apart from other runs sharing that Redis.
   */
  configure(limits: Partial<RateLimits> = {}, namespace = 'chuangan'): void {
    this.limiters.clear()
    const all: RateLimits = { ...DEFAULT_RATE_LIMITS, ...limits }
    for (const action of Object.keys(all) as RateLimitedAction[]) {
      this.limiters.set(action, {
        perUser: this.limiter(`${namespace}:rl:${action}:user`, all[action].perUser),
        perIp: this.limiter(`${namespace}:rl:${action}:ip`, all[action].perIp),
      })
    }
  }

  /** Counts one action by this reader from this address; throws RateLimitedError when either is over its limit. */
  async consume(action: RateLimitedAction, who: { userId: number | null; ip: string }): Promise<void> {
    const limiters = this.limiters.get(action)!
    const attempts = [limiters.perIp.consume(who.ip)]
    if (who.userId !== null) attempts.push(limiters.perUser.consume(String(who.userId)))
    const results = await Promise.allSettled(attempts)
    let waitMs = 0
    for (const result of results) {
      if (result.status === 'fulfilled') continue
      if (!(result.reason instanceof RateLimiterRes)) throw result.reason
      waitMs = Math.max(waitMs, result.reason.msBeforeNext)
    }
    if (results.some((r) => r.status === 'rejected')) {
      throw new RateLimitedError(MESSAGES[action], Math.max(1, Math.ceil(waitMs / 1000)))
    }
  }

  private limiter(keyPrefix: string, limit: Limit): RateLimiterAbstract {
    const options = { keyPrefix, points: limit.points, duration: limit.seconds }
    const memory = new RateLimiterMemory(options)
    if (!this.redis.client) return memory
    return new RateLimiterRedis({ ...options, storeClient: this.redis.client, insuranceLimiter: memory })
  }
}
