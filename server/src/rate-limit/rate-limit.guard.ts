import {
  applyDecorators,
  Injectable,
  SetMetadata,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common'
import { Reflector } from '@nestjs/core'
import type { FastifyReply } from 'fastify'
import type { AuthedRequest } from '../auth/auth.guard'
import { RateLimitedError, RateLimitService, type RateLimitedAction } from './rate-limit.service'

export const RATE_LIMIT_KEY = 'chuangan:rate-limit'

/**
 * Counts every call of a handler against the action's limits, per signed-in reader and per client IP (the global
 * auth guard runs first, so the reader is known). Over a limit: 429 RATE_LIMITED with `Retry-After` in seconds.
 * Every attempt counts, refused ones included: the limit is on requests, not on successes.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limits: RateLimitService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const action = this.reflector.get<RateLimitedAction | undefined>(RATE_LIMIT_KEY, context.getHandler())
    if (!action) return true
    const request = context.switchToHttp().getRequest<AuthedRequest>()
    try {
      await this.limits.consume(action, { userId: request.user?.id ?? null, ip: request.ip })
    } catch (error) {
      if (error instanceof RateLimitedError) {
        void context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(error.retryAfterSeconds))
      }
      throw error
    }
    return true
  }
}

/** `@RateLimit('comment')` on a handler: see RateLimitGuard. */
export const RateLimit = (action: RateLimitedAction) =>
  applyDecorators(SetMetadata(RATE_LIMIT_KEY, action), UseGuards(RateLimitGuard))
