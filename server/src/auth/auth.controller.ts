import { Controller, Req } from '@nestjs/common'
import type { DevLoginInput, WechatLoginInput } from '@chuangan/shared'
import { ContractBody, Route } from '../common/contract'
import type { User } from '../users/user.entity'
import { bearerToken, type AuthedRequest } from './auth.guard'
import { AuthService, toMe } from './auth.service'
import { CurrentUser } from './current-user.decorator'
import { SessionsService } from './sessions.service'

@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
  ) {}

  @Route('wechatLogin')
  login(@ContractBody('wechatLogin') body: WechatLoginInput) {
    return this.auth.loginWithWechat(body.code)
  }

  @Route('devLogin')
  devLogin(@ContractBody('devLogin') body: DevLoginInput) {
    return this.auth.loginAsDevUser(body.name)
  }

  @Route('logout')
  async logout(@Req() request: AuthedRequest) {
    // The guard has checked this token already: a signed-in route has one.
    await this.sessions.revoke(bearerToken(request)!)
    return { ok: true as const }
  }

  @Route('me')
  me(@CurrentUser() user: User) {
    return toMe(user)
  }
}
