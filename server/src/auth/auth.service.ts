import { Injectable, Logger } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import { ErrorCode, type LoginResult, type Me } from '@chuangan/shared'
import { Repository } from 'typeorm'
import { AppError } from '../common/app-error'
import { newShareCode } from '../users/share-code'
import { User } from '../users/user.entity'
import { EmbeddedWechatEmulator } from '../wechat/embedded-emulator'
import { WechatClient } from '../wechat/wechat.client'
import { WechatErrcode, WechatError } from '../wechat/wechat.errors'
import { SessionsService } from './sessions.service'

/** What a failed code exchange means for the caller. */
const LOGIN_ERRORS: Record<number, { status: number; code: ErrorCode; message: string }> = {
  [WechatErrcode.INVALID_CODE]: {
    status: 401,
    code: ErrorCode.Unauthorized,
    message: '登录凭证无效或已使用，请重新登录',
  },
  [WechatErrcode.CODE_BEEN_USED]: {
    status: 401,
    code: ErrorCode.Unauthorized,
    message: '登录凭证无效或已使用，请重新登录',
  },
  [WechatErrcode.RATE_LIMITED]: { status: 429, code: ErrorCode.RateLimited, message: '登录太频繁，请稍后再试' },
  [WechatErrcode.HIGH_RISK_USER]: {
    status: 403,
    code: ErrorCode.Forbidden,
    message: '该微信账号存在风险，暂时无法登录',
  },
}

export const toMe = (u: User): Me => ({
  id: u.id,
  nickname: u.nickname,
  avatarUrl: u.avatarUrl,
  role: u.role,
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
    if (!emulator) throw new AppError(404, ErrorCode.NotFound, '开发登录仅在使用微信模拟器时可用')
    return this.loginWithWechat(emulator.issueCode(name))
  }

  async loginWithWechat(code: string, now = new Date()): Promise<LoginResult> {
    let identity
    try {
      identity = await this.wechat.code2Session(code)
    } catch (error) {
      if (!(error instanceof WechatError)) throw error
      const known = LOGIN_ERRORS[error.errcode]
      if (known) throw new AppError(known.status, known.code, known.message)
      this.logger.warn(`code2Session failed: ${error.errcode} ${error.errmsg}`)
      throw new AppError(503, ErrorCode.ServiceUnavailable, '微信登录暂时不可用，请稍后重试')
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
