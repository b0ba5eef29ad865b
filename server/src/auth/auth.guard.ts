import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common'
import { Reflector } from '@nestjs/core'
import type { Access } from '@chuangan/shared'
import type { FastifyRequest } from 'fastify'
import { AppError } from '../common/app-error'
import type { User } from '../users/user.entity'
import { ACCESS_KEY, VIEWER_KEY } from '../common/access'
import { ROLES_FOR } from './access'
import { SessionsService } from './sessions.service'

const FORBIDDEN_MESSAGE: Record<keyof typeof ROLES_FOR, string> = {
  author: '仅作者和编辑可以进行此操作',
  editor: '仅编辑可以进行此操作',
  supplier: '仅供应商账号可以进行此操作',
}

export type AuthedRequest = FastifyRequest & { user?: User }

/** The bearer token of a request, or null. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() || null : null
}

/** Global guard: reads the bearer token, attaches the user, and enforces the route's access level. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ])
    const request = context.switchToHttp().getRequest<AuthedRequest>()
    const isPublic = !access || access === 'public'
    if (isPublic && !this.reflector.get<boolean>(VIEWER_KEY, context.getHandler())) return true
    const token = bearerToken(request)
    if (token) {
      const user = await this.sessions.resolve(token)
      if (user) request.user = user
      else if (!isPublic) throw AppError.unauthorized('登录已过期，请重新登录')
    }
    if (isPublic) return true
    if (!request.user) throw AppError.unauthorized()
    if (access === 'user') return true
    if (!ROLES_FOR[access].includes(request.user.role)) {
      throw AppError.forbidden(FORBIDDEN_MESSAGE[access])
    }
    return true
  }
}
