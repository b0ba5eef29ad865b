import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { qrCodePng } from '../../common/qr-code'
import { WechatErrcode } from '../wechat.errors'
import { EMULATOR_APPID, EMULATOR_SECRET } from '../wechat.options'
import { classifyText } from './content-words'
import { EmulatorState, type SentMessage } from './emulator-state'
import { readJsonObject, sendBytes, sendJson } from './http-io'
import { withPngText } from './png'

export interface WechatEmulatorOptions {
  appid?: string
  secret?: string
  tokenTtlSeconds?: number
  /** Pages of the "published release": with check_path true, getwxacodeunlimit refuses others (41030). Unset: any. */
  pages?: string[]
  /**
   * Where the H5 build is served (PUBLIC_URL), without a trailing slash: mini-program codes are QR codes of
   * `<publicUrl>/<page>?scene=<scene>`. Default `http://localhost:3000`.
   */
  publicUrl?: string
}

export interface WechatEmulator {
  server: Server
  /** Starts listening on 127.0.0.1 (or `host`) and resolves to the base URL, e.g. `http://127.0.0.1:3901`. */
  listen(port?: number, host?: string): Promise<string>
  close(): Promise<void>
  /** A one-time login code for `name` (random name when omitted), as `wx.login` would give. */
  issueCode(name?: string): string
  openidFor(name: string): string
  /**
   * The next call to `path` (e.g. `/wxa/msg_sec_check`) answers `errcode`. Queued: call twice to fail twice.
   * With `touser`, the next subscribe message to that openid fails instead of whichever call comes first.
   */
  failNext(path: string, errcode: number, touser?: string): void
  /** Subscribe messages to this openid answer 43101 from now on. */
  refuseMessages(openid: string): void
  messages(): readonly SentMessage[]
  /** Forgets the messages sent so far (between tests). */
  clearMessages(): void
  /** How many requests reached `path` (failed ones included). */
  callCount(path: string): number
}

const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/
const MAX_CONTENT_CHARS = 2500
/** getwxacodeunlimit's default width, and the page a code without `page` opens (the mini-program's home). */
const DEFAULT_QR_WIDTH = 430
const HOME_PAGE = 'pages/index/index'

/** The H5 address of a mini-program page opened with a code's scene, as the page reads it: `query.scene`. */
function h5PageUrl(publicUrl: string, page: string, scene: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/${page}?scene=${encodeURIComponent(scene)}`
}

type Handler = (req: IncomingMessage, url: URL, res: ServerResponse) => Promise<void>

/**
 * A stand-in for api.weixin.qq.com for tests and development: the same paths, query parameters, JSON fields and
 * errcodes as the endpoints WechatClient uses, plus `/dev/*` endpoints to script it. No network, no real accounts.
 */
export function createWechatEmulator(options: WechatEmulatorOptions = {}): WechatEmulator {
  const appid = options.appid ?? EMULATOR_APPID
  const secret = options.secret ?? EMULATOR_SECRET
  const state = new EmulatorState(appid, options.tokenTtlSeconds ?? 7200)
  const publicUrl = options.publicUrl ?? 'http://localhost:3000'

  /** WeChat checks the appid first, then the secret. */
  const credentialError = (id: unknown, key: unknown): [number, string] | null => {
    if (id !== appid) return [WechatErrcode.INVALID_APPID, 'invalid appid']
    if (key !== secret) return [WechatErrcode.INVALID_APPSECRET, 'invalid appsecret']
    return null
  }

  const fail = (res: ServerResponse, errcode: number, errmsg: string) => sendJson(res, { errcode, errmsg })

  /** Runs `handler` after the access token checks every token-authenticated endpoint shares. */
  const authenticated =
    (handler: (body: Record<string, unknown>, res: ServerResponse) => void): Handler =>
    async (req, url, res) => {
      const check = state.checkToken(url.searchParams.get('access_token'))
      if (!check.ok) return fail(res, check.errcode, check.errmsg)
      const body = await readJsonObject(req)
      if (!body) return fail(res, WechatErrcode.DATA_FORMAT_ERROR, 'data format error')
      handler(body, res)
    }

  const routes: Record<string, Handler> = {
    'GET /sns/jscode2session': async (_req, url, res) => {
      const q = url.searchParams
      const bad = credentialError(q.get('appid'), q.get('secret'))
      if (bad) return fail(res, ...bad)
      if (q.get('grant_type') !== 'authorization_code')
        return fail(res, WechatErrcode.INVALID_GRANT_TYPE, 'invalid grant_type')
      const name = state.redeemCode(q.get('js_code') ?? '')
      if (name === null) return fail(res, WechatErrcode.INVALID_CODE, 'invalid code')
      sendJson(res, { openid: state.openidFor(name), session_key: randomSessionKey() })
    },

    'POST /cgi-bin/stable_token': async (req, _url, res) => {
      const body = await readJsonObject(req)
      if (!body) return fail(res, WechatErrcode.DATA_FORMAT_ERROR, 'data format error')
      if (body.grant_type !== 'client_credential')
        return fail(res, WechatErrcode.INVALID_GRANT_TYPE, 'invalid grant_type')
      const bad = credentialError(body.appid, body.secret)
      if (bad) return fail(res, ...bad)
      const { token, expiresIn } = state.stableToken(body.force_refresh === true)
      sendJson(res, { access_token: token, expires_in: expiresIn })
    },

    'POST /wxa/msg_sec_check': authenticated((body, res) => {
      if (body.version !== 2) return fail(res, WechatErrcode.INVALID_ARGS, 'invalid args: version must be 2')
      if (typeof body.openid !== 'string' || !body.openid.startsWith('o')) {
        return fail(res, WechatErrcode.INVALID_OPENID, 'invalid openid')
      }
      if (![1, 2, 3, 4].includes(Number(body.scene)))
        return fail(res, WechatErrcode.INVALID_ARGS, 'invalid args: scene')
      if (typeof body.content !== 'string') return fail(res, WechatErrcode.INVALID_ARGS, 'invalid args: content')
      if ([...body.content].length > MAX_CONTENT_CHARS)
        return fail(res, WechatErrcode.CONTENT_TOO_LONG, 'content size out of limit')
      const verdict = classifyText(body.content)
      sendJson(res, {
        errcode: 0,
        errmsg: 'ok',
        result: { suggest: verdict.suggest, label: verdict.label },
        detail: [
          { strategy: 'content_model', errcode: 0, suggest: verdict.suggest, label: verdict.label, prob: 90 },
          ...(verdict.keyword
            ? [
                {
                  strategy: 'keyword',
                  errcode: 0,
                  suggest: verdict.suggest,
                  label: verdict.label,
                  level: 20,
                  keyword: verdict.keyword,
                },
              ]
            : []),
        ],
        trace_id: randomSessionKey(),
      })
    }),

    'POST /cgi-bin/message/subscribe/send': authenticated((body, res) => {
      if (typeof body.touser !== 'string' || !body.touser.startsWith('o')) {
        return fail(res, WechatErrcode.INVALID_OPENID, 'invalid openid')
      }
      if (typeof body.template_id !== 'string' || body.template_id === '') {
        return fail(res, WechatErrcode.INVALID_TEMPLATE_ID, 'invalid template_id')
      }
      const data = templateData(body.data)
      if (!data) return fail(res, WechatErrcode.DATA_FORMAT_ERROR, 'data format error: data must be {key: {value}}')
      const invalid = Object.entries(data).find(([key, value]) => !fieldValueOk(key, value))
      if (invalid)
        return fail(res, WechatErrcode.ARGUMENT_INVALID, `argument invalid! data.${invalid[0]}.value invalid`)
      const scripted = state.failureFor('/cgi-bin/message/subscribe/send', body.touser)
      if (scripted !== undefined) return fail(res, scripted, `emulated failure ${scripted}`)
      if (state.refused.has(body.touser))
        return fail(res, WechatErrcode.NO_SUBSCRIBE_QUOTA, 'user refuse to accept the msg')
      state.sent.push({
        touser: body.touser,
        templateId: body.template_id,
        page: typeof body.page === 'string' ? body.page : undefined,
        data,
        miniprogramState: typeof body.miniprogram_state === 'string' ? body.miniprogram_state : 'formal',
        lang: typeof body.lang === 'string' ? body.lang : 'zh_CN',
        sentAt: new Date(),
      })
      sendJson(res, { errcode: 0, errmsg: 'ok', msgid: Date.now() })
    }),

    'POST /wxa/getwxacodeunlimit': authenticated((body, res) => {
      const scene = body.scene
      if (typeof scene !== 'string' || !SCENE_PATTERN.test(scene))
        return fail(res, WechatErrcode.INVALID_ARGS, 'invalid scene')
      const page = body.page === undefined ? '' : body.page
      const checkPath = body.check_path !== false
      if (typeof page !== 'string' || page.startsWith('/') || page.includes('?')) {
        return fail(res, WechatErrcode.INVALID_PAGE, 'invalid page rid: emulator')
      }
      if (checkPath && page !== '' && options.pages && !options.pages.includes(page)) {
        return fail(res, WechatErrcode.INVALID_PAGE, 'invalid page rid: emulator')
      }
      const width = body.width === undefined ? DEFAULT_QR_WIDTH : body.width
      if (typeof width !== 'number' || !Number.isInteger(width) || width < 280 || width > 1280) {
        return fail(res, WechatErrcode.INVALID_ARGS, 'invalid args: width must be 280 to 1280')
      }
      const envVersion = typeof body.env_version === 'string' ? body.env_version : 'release'
      // A plain QR code (WeChat draws its round "sun" code) that opens the same page of the H5 build with the scene.
      const url = h5PageUrl(publicUrl, page || HOME_PAGE, scene)
      const png = qrCodePng(url, width)
      // WeChat labels its codes image/jpeg whatever the bytes are; callers must read the bytes, not the label.
      sendBytes(res, withPngText(png, { scene, page, env_version: envVersion }), 'image/jpeg')
    }),

    'POST /dev/code': async (req, _url, res) => {
      const body = await readJsonObject(req)
      const name = typeof body?.name === 'string' && body.name !== '' ? body.name : undefined
      sendJson(res, { code: state.issueCode(name) })
    },

    'GET /dev/messages': async (_req, _url, res) => sendJson(res, { messages: state.sent }),

    /** Counts without the messages (a fan-out to 100,000 readers): sends, readers, and readers who got one twice. */
    'GET /dev/messages/count': async (_req, url, res) => {
      const template = url.searchParams.get('template')
      const page = url.searchParams.get('page')
      const perReader = new Map<string, number>()
      let total = 0
      for (const m of state.sent) {
        if ((template && m.templateId !== template) || (page && m.page !== page)) continue
        total++
        perReader.set(m.touser, (perReader.get(m.touser) ?? 0) + 1)
      }
      const twice = [...perReader.values()].filter((n) => n > 1).length
      sendJson(res, { total, readers: perReader.size, readersMoreThanOnce: twice })
    },

    'POST /dev/refuse': async (req, _url, res) => {
      const body = await readJsonObject(req)
      if (typeof body?.openid !== 'string') return sendJson(res, { error: 'openid required' }, 400)
      state.refused.add(body.openid)
      sendJson(res, { ok: true })
    },

    'POST /dev/fail': async (req, _url, res) => {
      const body = await readJsonObject(req)
      if (typeof body?.path !== 'string' || typeof body.errcode !== 'number') {
        return sendJson(res, { error: 'path and errcode required' }, 400)
      }
      if (body.touser !== undefined && typeof body.touser !== 'string') {
        return sendJson(res, { error: 'touser must be an openid' }, 400)
      }
      state.failNext(body.path, body.errcode, body.touser)
      sendJson(res, { ok: true })
    },
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator')
    const route = routes[`${req.method} ${url.pathname}`]
    if (!route) return sendJson(res, { errcode: 40066, errmsg: 'invalid url' }, 404)
    const scripted = url.pathname.startsWith('/dev/') ? undefined : state.arrive(url.pathname)
    if (scripted !== undefined) return fail(res, scripted, `emulated failure ${scripted}`)
    route(req, url, res).catch((e: unknown) => {
      if (!res.headersSent) fail(res, WechatErrcode.BUSY, `system error: ${(e as Error).message}`)
      else res.destroy()
    })
  })

  return {
    server,
    listen: (port = 0, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server.once('error', reject)
        // exclusive: under node:cluster a worker's emulator holds its own port (its codes and tokens are its own),
        // instead of sharing one port round-robin with the other workers' emulators.
        server.listen({ port, host, exclusive: true }, () => {
          server.off('error', reject)
          const address = server.address() as AddressInfo
          resolve(`http://${host.includes(':') ? `[${host}]` : host}:${address.port}`)
        })
      }),
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections()
        server.close((e) => (e ? reject(e) : resolve()))
      }),
    issueCode: (name) => state.issueCode(name),
    openidFor: (name) => state.openidFor(name),
    failNext: (path, errcode, touser) => state.failNext(path, errcode, touser),
    refuseMessages: (openid) => void state.refused.add(openid),
    messages: () => state.sent,
    clearMessages: () => void state.sent.splice(0),
    callCount: (path) => state.callCount(path),
  }
}

function randomSessionKey(): string {
  return randomBytes(16).toString('base64')
}

/** Each template key type's rule, as WeChat documents it (wechat.md "Subscribe messages"). */
const FIELD_RULES: Record<string, (value: string) => boolean> = {
  thing: (v) => [...v].length >= 1 && [...v].length <= 20,
  name: (v) => [...v].length >= 1 && [...v].length <= 10,
  phrase: (v) => [...v].length >= 1 && [...v].length <= 5,
  number: (v) => /^[\d.]{1,32}$/.test(v),
  character_string: (v) => /^[\x21-\x7e]{1,32}$/.test(v),
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  symbol: (v) => /^[\x21-\x7e]{1,5}$/.test(v),
  time: (v) => /^((\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2}) ?)?(\d{1,2}:\d{2}(:\d{2})?)?$/.test(v) && v !== '',
  date: (v) => /^(\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2})( \d{1,2}:\d{2}(:\d{2})?)?$/.test(v),
  amount: (v) => /^[¥￥]?\d+(\.\d{1,2})?元?$/.test(v),
}

function fieldValueOk(key: string, value: string): boolean {
  const type = /^([a-z_]+?)\d+$/.exec(key)?.[1]
  const rule = type ? FIELD_RULES[type] : undefined
  return rule ? rule(value) : false
}

/** WeChat's template data: `{ key: { value: string } }`; null when the shape is wrong. */
function templateData(data: unknown): Record<string, string> | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null
  const out: Record<string, string> = {}
  for (const [key, entry] of Object.entries(data)) {
    const value = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).value : undefined
    if (typeof value !== 'string') return null
    out[key] = value
  }
  return out
}
