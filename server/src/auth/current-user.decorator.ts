import { createParamDecorator, type ExecutionContext } from '@nestjs/common'
import type { User } from '../users/user.entity'
import type { AuthedRequest } from './auth.guard'

/** The signed-in user (the guard has already refused anonymous calls where one is required). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): User | undefined => {
  return ctx.switchToHttp().getRequest<AuthedRequest>().user
})
