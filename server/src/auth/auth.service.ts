import { Injectable, Logger } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import { AuthErrors, type DeclaredError, type LoginResult, type Me } from '@chuangan/shared'
import { Repository } from 'typeorm'
import { AppError } from '../common/app-error'
import { newShareCode } from '../users/share-code'
import { User } from '../users/user.entity'
import { EmbeddedWechatEmulator } from '../wechat/embedded-emulator'
import { WechatClient } from '../wechat/wechat.client'
import { WechatErrcode, WechatError } from '../wechat/wechat.errors'
import { SessionsService } from './sessions.service'

/** What a failed code exchange means for the caller. */
const LOGIN_ERRORS: Record<number, DeclaredError> = {
  [WechatErrcode.INVALID_CODE]: AuthErrors.LOGIN_CODE_INVALID,
  [WechatErrcode.CODE_BEEN_USED]: AuthErrors.LOGIN_CODE_INVALID,
  [WechatErrcode.RATE_LIMITED]: AuthErrors.LOGIN_TOO_FREQUENT,
  [WechatErrcode.HIGH_RISK_USER]: AuthErrors.LOGIN_BLOCKED,
}

export const toMe = (u: User): Me => ({
  id: u.id,
  nickname: u.nickname,
  avatarUrl: u.avatarUrl,
  role: u.role,
  supplierId: u.supplierId,
  shareCode: u.shareCode,
})

/** Sign-in with WeChat: a wx.login code becomes a user (keyed by openid) and a session token. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name)

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly sessions: SessionsService,
    private readonly wechat: WechatClient,
    private readonly emulator: EmbeddedWechatEmulator,
  ) {}

  /**
   * Signs in as a named test user through the in-process WeChat emulator, the way the mini-program would with a
   * wx.login code; lets the H5 build do everything. Does not exist when the server talks to real WeChat.
   */
  loginAsDevUser(name: string): Promise<LoginResult> {
    const emulator = this.emulator.instance
    if (!emulator) throw AppError.of(AuthErrors.DEV_LOGIN_UNAVAILABLE)
    return this.loginWithWechat(emulator.issueCode(name))
  }

  async loginWithWechat(code: string, now = new Date()): Promise<LoginResult> {
    let identity
    try {
      identity = await this.wechat.code2Session(code)
    } catch (error) {
      if (!(error instanceof WechatError)) throw error
      const known = LOGIN_ERRORS[error.errcode]
      if (known) throw AppError.of(known)
      this.logger.warn(`code2Session failed: ${error.errcode} ${error.errmsg}`)
      throw AppError.of(AuthErrors.LOGIN_UNAVAILABLE)
    }
    let user = await this.users.findOneBy({ openid: identity.openid })
    if (!user) {
      user = this.users.create({
        openid: identity.openid,
        unionid: identity.unionid ?? null,
        nickname: '',
        avatarUrl: null,
        role: 'reader',
        shareCode: newShareCode(),
        createdAt: now,
      })
    }
    // session_key stays here: it is never sent to the client.
    user.wechatSessionKey = identity.sessionKey
    if (identity.unionid) user.unionid = identity.unionid
    user = await this.users.save(user)
    const { token, expiresAt } = await this.sessions.issue(user.id, 30, now)
    return { token, expiresAt: expiresAt.toISOString(), user: toMe(user) }
  }
}
