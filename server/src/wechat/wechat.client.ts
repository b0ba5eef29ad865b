import { Inject, Injectable, Optional } from '@nestjs/common'
import { RedisConnections } from '../infra/redis'
import { AccessTokenStore } from './access-token.store'
import { WechatErrcode, WechatError } from './wechat.errors'
import { expectJson, requireString, wechatRequest, type WechatJson, type WechatRequest } from './wechat.http'
import { WECHAT_OPTIONS, type WechatOptions } from './wechat.options'
import { validateQrPage, validateQrScene, validateQrWidth } from './wechat.qrcode'
import type {
  MsgSecCheckInput,
  MsgSecCheckResult,
  SubscribeMessageInput,
  UnlimitedQrCodeInput,
  WechatSession,
} from './wechat.types'

const DEFAULT_TIMEOUT_MS = 5000
const SUGGESTS = new Set(['pass', 'review', 'risky'])

/**
 * The only code that talks to WeChat's server API. Speaks WeChat's wire format (paths, snake_case fields, errcodes)
 * and gives the rest of the server typed results, or a WechatError carrying WeChat's errcode.
 */
@Injectable()
export class WechatClient {
  private readonly tokens: AccessTokenStore
  private readonly timeoutMs: number

  constructor(
    @Inject(WECHAT_OPTIONS) private readonly options: WechatOptions,
    @Optional() redis?: RedisConnections,
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.tokens = new AccessTokenStore(
      `chuangan:wechat:token:${options.appid}`,
      (force) => this.fetchStableToken(force),
      redis?.client ?? null,
    )
  }

  /** Exchanges a `wx.login` code (valid once) for the user's identity. */
  async code2Session(code: string): Promise<WechatSession> {
    const path = '/sns/jscode2session'
    const body = await this.json({
      method: 'GET',
      path,
      query: {
        appid: this.options.appid,
        secret: this.options.secret,
        js_code: code,
        grant_type: 'authorization_code',
      },
    })
    const session: WechatSession = {
      openid: requireString(body, 'openid', path),
      sessionKey: requireString(body, 'session_key', path),
    }
    if (typeof body.unionid === 'string' && body.unionid !== '') session.unionid = body.unionid
    return session
  }

  /** The server's access token, shared across calls (and processes, with Redis) and refreshed before it ends. */
  accessToken(): Promise<string> {
    return this.tokens.get()
  }

  /** WeChat's text check (version 2). `review` belongs in a moderation queue; `risky` is refused. */
  async msgSecCheck(input: MsgSecCheckInput): Promise<MsgSecCheckResult> {
    const path = '/wxa/msg_sec_check'
    const body = await this.withToken((token) =>
      this.json({
        method: 'POST',
        path,
        query: { access_token: token },
        json: { version: 2, openid: input.openid, scene: input.scene, content: input.content },
      }),
    )
    const result = body.result
    if (typeof result !== 'object' || result === null) throw malformed(path, 'result')
    const { suggest, label } = result as Record<string, unknown>
    if (typeof suggest !== 'string' || !SUGGESTS.has(suggest)) throw malformed(path, 'result.suggest')
    const numericLabel = typeof label === 'number' ? label : Number(label)
    if (!Number.isInteger(numericLabel)) throw malformed(path, 'result.label')
    return { suggest: suggest as MsgSecCheckResult['suggest'], label: numericLabel }
  }

  /** Sends one subscribe message; 43101 (no send left) surfaces as WechatError for the caller to drop the grant. */
  async sendSubscribeMessage(input: SubscribeMessageInput): Promise<void> {
    const data = Object.fromEntries(Object.entries(input.data).map(([key, value]) => [key, { value }]))
    await this.withToken((token) =>
      this.json({
        method: 'POST',
        path: '/cgi-bin/message/subscribe/send',
        query: { access_token: token },
        json: {
          touser: input.touser,
          template_id: input.templateId,
          page: input.page,
          data,
          miniprogram_state: input.miniprogramState ?? 'formal',
          lang: 'zh_CN',
        },
      }),
    )
  }

  /** A mini-program code image for posters. The scene and page are checked here first (see wechat.qrcode.ts). */
  async getUnlimitedQrCode(input: UnlimitedQrCodeInput): Promise<Buffer> {
    validateQrScene(input.scene)
    if (input.page !== undefined) validateQrPage(input.page)
    if (input.width !== undefined) validateQrWidth(input.width)
    const path = '/wxa/getwxacodeunlimit'
    return this.withToken(async (token) => {
      const reply = await wechatRequest(this.options.baseUrl, this.timeoutMs, {
        method: 'POST',
        path,
        query: { access_token: token },
        json: {
          scene: input.scene,
          page: input.page,
          width: input.width,
          check_path: input.checkPath,
          env_version: input.envVersion,
        },
      })
      // Success is image bytes; a JSON reply without errcode would be a contract change worth failing loudly on.
      if (reply.kind !== 'binary') throw malformed(path, 'image')
      return reply.body
    })
  }

  /**
   * Runs a token-authenticated call. WeChat may reject a token we still consider valid (another process forced a
   * refresh, or clocks differ): then we get a newer token once and retry once — never more, so a persistent
   * failure surfaces instead of burning force_refresh quota in a loop.
   */
  private async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.tokens.get()
    try {
      return await call(token)
    } catch (e) {
      if (!(e instanceof WechatError) || !e.isTokenRejected) throw e
      return call(await this.tokens.replace(token))
    }
  }

  private async fetchStableToken(force: boolean): Promise<{ token: string; expiresInSeconds: number }> {
    const path = '/cgi-bin/stable_token'
    const body = await this.json({
      method: 'POST',
      path,
      json: {
        grant_type: 'client_credential',
        appid: this.options.appid,
        secret: this.options.secret,
        force_refresh: force,
      },
    })
    const expiresIn = body.expires_in
    if (typeof expiresIn !== 'number' || !(expiresIn > 0)) throw malformed(path, 'expires_in')
    return { token: requireString(body, 'access_token', path), expiresInSeconds: expiresIn }
  }

  private async json(req: WechatRequest): Promise<WechatJson> {
    return expectJson(await wechatRequest(this.options.baseUrl, this.timeoutMs, req), req.path)
  }
}

function malformed(path: string, field: string): WechatError {
  return new WechatError(WechatErrcode.BUSY, `reply lacks a valid ${field}`, path)
}
