import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readPngText, PNG_SIGNATURE } from './emulator/png'
import { createWechatEmulator, type WechatEmulator } from './emulator/wechat-emulator'
import { WechatClient } from './wechat.client'
import { WechatErrcode, WechatError } from './wechat.errors'

const APPID = 'wxtestclient0001'
const SECRET = 'test-secret'
const TOKEN = '/cgi-bin/stable_token'

async function wechatError(promise: Promise<unknown>): Promise<WechatError> {
  try {
    await promise
  } catch (e) {
    if (e instanceof WechatError) return e
    throw e
  }
  throw new Error('expected a WechatError')
}

describe('WechatClient against the emulator', () => {
  let emulator: WechatEmulator
  let baseUrl: string
  // A fresh client per test: each starts with no cached token.
  let client: WechatClient

  beforeAll(async () => {
    emulator = createWechatEmulator({ appid: APPID, secret: SECRET })
    baseUrl = await emulator.listen()
  })
  afterAll(() => emulator.close())
  beforeEach(() => {
    client = new WechatClient({ baseUrl, appid: APPID, secret: SECRET })
  })

  describe('code2Session', () => {
    it('gives a stable openid per user and a session key', async () => {
      const first = await client.code2Session(emulator.issueCode('alice'))
      const again = await client.code2Session(emulator.issueCode('alice'))
      const bob = await client.code2Session(emulator.issueCode('bob'))
      expect(first.openid).toBe(emulator.openidFor('alice'))
      expect(first.openid).toMatch(/^o[A-Za-z0-9_-]{27}$/)
      expect(again.openid).toBe(first.openid)
      expect(bob.openid).not.toBe(first.openid)
      expect(first.sessionKey).toMatch(/^[A-Za-z0-9+/]{22}==$/)
      expect(first.unionid).toBeUndefined()
    })

    it('accepts a code once: reuse is 40029', async () => {
      const code = emulator.issueCode('carol')
      await client.code2Session(code)
      expect((await wechatError(client.code2Session(code))).errcode).toBe(WechatErrcode.INVALID_CODE)
    })

    it('refuses an unknown code with 40029', async () => {
      expect((await wechatError(client.code2Session('no-such-code'))).errcode).toBe(40029)
    })

    it('accepts dev:<name> codes, once each', async () => {
      const session = await client.code2Session('dev:dora')
      expect(session.openid).toBe(emulator.openidFor('dora'))
      expect((await wechatError(client.code2Session('dev:dora'))).errcode).toBe(40029)
    })

    it('surfaces a wrong appid (40013) and a wrong secret (40125)', async () => {
      const wrongAppid = new WechatClient({ baseUrl, appid: 'wxother', secret: SECRET })
      const wrongSecret = new WechatClient({ baseUrl, appid: APPID, secret: 'nope' })
      expect((await wechatError(wrongAppid.code2Session('dev:x1'))).errcode).toBe(40013)
      expect((await wechatError(wrongSecret.code2Session('dev:x2'))).errcode).toBe(40125)
      expect((await wechatError(wrongSecret.accessToken())).errcode).toBe(40125)
    })

    it('surfaces −1 (busy) and 45011 (rate limit) as WechatError', async () => {
      emulator.failNext('/sns/jscode2session', -1)
      emulator.failNext('/sns/jscode2session', 45011)
      expect((await wechatError(client.code2Session(emulator.issueCode()))).errcode).toBe(WechatErrcode.BUSY)
      expect((await wechatError(client.code2Session(emulator.issueCode()))).errcode).toBe(WechatErrcode.RATE_LIMITED)
    })
  })

  describe('access token', () => {
    it('fetches once for many calls', async () => {
      const before = emulator.callCount(TOKEN)
      const first = await client.accessToken()
      for (let i = 0; i < 5; i++) expect(await client.accessToken()).toBe(first)
      expect(emulator.callCount(TOKEN) - before).toBe(1)
    })

    it('shares one fetch between concurrent callers', async () => {
      const before = emulator.callCount(TOKEN)
      const tokens = await Promise.all(Array.from({ length: 10 }, () => client.accessToken()))
      expect(new Set(tokens).size).toBe(1)
      expect(emulator.callCount(TOKEN) - before).toBe(1)
    })

    it('does not cache a failed fetch', async () => {
      emulator.failNext(TOKEN, -1)
      expect((await wechatError(client.accessToken())).errcode).toBe(-1)
      expect(await client.accessToken()).toMatch(/^emu-/)
    })
  })

  describe('refresh once and retry', () => {
    const CHECK = '/wxa/msg_sec_check'
    const input = { openid: 'o-someone', scene: 2 as const, content: '你好' }

    it('replaces a rejected token (40001) with a forced refresh and retries once', async () => {
      const stale = await client.accessToken()
      const tokenCalls = emulator.callCount(TOKEN)
      const checkCalls = emulator.callCount(CHECK)
      emulator.failNext(CHECK, 40001)
      expect(await client.msgSecCheck(input)).toEqual({ suggest: 'pass', label: 100 })
      expect(emulator.callCount(CHECK) - checkCalls).toBe(2)
      expect(emulator.callCount(TOKEN) - tokenCalls).toBe(1)
      const fresh = await client.accessToken()
      expect(fresh).not.toBe(stale)
      // The forced refresh ended the stale token on the platform, as WeChat does.
      const res = await fetch(`${baseUrl}${CHECK}?access_token=${stale}`, {
        method: 'POST',
        body: JSON.stringify({ version: 2, ...input }),
      })
      expect(((await res.json()) as { errcode: number }).errcode).toBe(40001)
    })

    it('also recovers from 42001 (expired)', async () => {
      await client.accessToken()
      emulator.failNext(CHECK, 42001)
      expect((await client.msgSecCheck(input)).suggest).toBe('pass')
    })

    it('gives up after one retry when the fresh token is rejected too', async () => {
      await client.accessToken()
      const checkCalls = emulator.callCount(CHECK)
      const tokenCalls = emulator.callCount(TOKEN)
      emulator.failNext(CHECK, 40001)
      emulator.failNext(CHECK, 40001)
      emulator.failNext(CHECK, 40001)
      expect((await wechatError(client.msgSecCheck(input))).errcode).toBe(40001)
      expect(emulator.callCount(CHECK) - checkCalls).toBe(2)
      expect(emulator.callCount(TOKEN) - tokenCalls).toBe(1)
      // The next call meets the third scripted 40001 and recovers with one more refresh.
      expect((await client.msgSecCheck(input)).suggest).toBe('pass')
      expect(emulator.callCount(TOKEN) - tokenCalls).toBe(2)
    })

    it('forces one refresh for concurrent callers that saw the same token rejected', async () => {
      await client.accessToken()
      const tokenCalls = emulator.callCount(TOKEN)
      emulator.failNext(CHECK, 40001)
      emulator.failNext(CHECK, 40001)
      const results = await Promise.all([client.msgSecCheck(input), client.msgSecCheck(input)])
      expect(results.map((r) => r.suggest)).toEqual(['pass', 'pass'])
      expect(emulator.callCount(TOKEN) - tokenCalls).toBe(1)
    })

    it('does not retry other errors', async () => {
      await client.accessToken()
      const checkCalls = emulator.callCount(CHECK)
      emulator.failNext(CHECK, 45011)
      expect((await wechatError(client.msgSecCheck(input))).errcode).toBe(45011)
      expect(emulator.callCount(CHECK) - checkCalls).toBe(1)
    })
  })

  describe('msgSecCheck', () => {
    const openid = 'o-writer'
    it.each([
      ['这篇文章写得很好', 'pass', 100],
      ['想要的加微信详聊', 'review', 10001],
      ['这是盗版资源', 'review', 20013],
      ['网上赌博平台', 'risky', 20006],
      ['你个傻逼', 'risky', 20003],
    ])('%s → %s %d', async (content, suggest, label) => {
      expect(await client.msgSecCheck({ openid, scene: 2, content })).toEqual({ suggest, label })
    })

    it('surfaces over-long content as WechatError', async () => {
      const e = await wechatError(client.msgSecCheck({ openid, scene: 2, content: '字'.repeat(2501) }))
      expect(e.errcode).toBe(WechatErrcode.CONTENT_TOO_LONG)
      expect((await client.msgSecCheck({ openid, scene: 2, content: '字'.repeat(2500) })).suggest).toBe('pass')
    })
  })

  describe('sendSubscribeMessage', () => {
    it('sends WeChat’s fields and the platform records the message', async () => {
      const touser = emulator.openidFor('reader-1')
      const before = emulator.messages().length
      await client.sendSubscribeMessage({
        touser,
        templateId: 'TPL_COMMENT',
        page: 'pages/article/index?id=7',
        data: { thing1: '有人回复了你', time2: '2026-01-02 08:00' },
        miniprogramState: 'trial',
      })
      const sent = emulator.messages().slice(before)
      expect(sent).toHaveLength(1)
      expect(sent[0]).toMatchObject({
        touser,
        templateId: 'TPL_COMMENT',
        page: 'pages/article/index?id=7',
        data: { thing1: '有人回复了你', time2: '2026-01-02 08:00' },
        miniprogramState: 'trial',
        lang: 'zh_CN',
      })
      const listed = (await (await fetch(`${baseUrl}/dev/messages`)).json()) as { messages: { touser: string }[] }
      expect(listed.messages.at(-1)?.touser).toBe(touser)
    })

    it('surfaces 43101 for a user with no send left, and records nothing', async () => {
      const touser = emulator.openidFor('refuser')
      emulator.refuseMessages(touser)
      const before = emulator.messages().length
      const e = await wechatError(client.sendSubscribeMessage({ touser, templateId: 'T', data: { thing1: 'x' } }))
      expect(e.errcode).toBe(WechatErrcode.NO_SUBSCRIBE_QUOTA)
      expect(emulator.messages()).toHaveLength(before)
    })

    it('surfaces a scripted 43101 once', async () => {
      const touser = emulator.openidFor('reader-2')
      emulator.failNext('/cgi-bin/message/subscribe/send', 43101)
      const input = { touser, templateId: 'T', data: { thing1: 'x' } }
      expect((await wechatError(client.sendSubscribeMessage(input))).errcode).toBe(43101)
      await expect(client.sendSubscribeMessage(input)).resolves.toBeUndefined()
    })

    it('keeps a failure scripted for one openid until a message to that openid arrives', async () => {
      const [first, second] = [emulator.openidFor('reader-3'), emulator.openidFor('reader-4')]
      emulator.failNext('/cgi-bin/message/subscribe/send', -1, second)
      const send = (touser: string) => client.sendSubscribeMessage({ touser, templateId: 'T', data: { thing1: 'x' } })
      await expect(send(first)).resolves.toBeUndefined()
      expect((await wechatError(send(second))).errcode).toBe(WechatErrcode.BUSY)
      await expect(send(second)).resolves.toBeUndefined()
    })
  })

  describe('getUnlimitedQrCode', () => {
    const QR = '/wxa/getwxacodeunlimit'

    it('returns PNG bytes for the scene and page', async () => {
      const png = await client.getUnlimitedQrCode({
        scene: 'a=12&s=poster',
        page: 'pages/article/index',
        width: 430,
        checkPath: false,
        envVersion: 'develop',
      })
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
      expect(readPngText(png)).toEqual({ scene: 'a=12&s=poster', page: 'pages/article/index', env_version: 'develop' })
    })

    it.each([
      ['an empty scene', { scene: '' }],
      ['a 33-character scene', { scene: 'x'.repeat(33) }],
      ['a scene with %', { scene: 'id%3D1' }],
      ['a scene with Chinese', { scene: '文章1' }],
      ['a page with a leading /', { scene: 'id=1', page: '/pages/index/index' }],
      ['a page with a query', { scene: 'id=1', page: 'pages/index/index?id=1' }],
      ['a width below 280', { scene: 'id=1', width: 100 }],
    ])('refuses %s before calling WeChat', async (_name, input) => {
      const before = emulator.callCount(QR)
      await expect(client.getUnlimitedQrCode(input)).rejects.toThrow(/invalid/)
      await expect(client.getUnlimitedQrCode(input)).rejects.not.toBeInstanceOf(WechatError)
      expect(emulator.callCount(QR)).toBe(before)
    })

    it('accepts a 32-character scene of every allowed symbol class', async () => {
      const scene = "aZ9!#$&'()*+,/:;=?@-._~" + 'x'.repeat(9)
      expect(scene).toHaveLength(32)
      expect(readPngText(await client.getUnlimitedQrCode({ scene })).scene).toBe(scene)
    })

    it('turns WeChat’s JSON error reply into WechatError (41030, 45009)', async () => {
      emulator.failNext(QR, 41030)
      emulator.failNext(QR, 45009)
      expect((await wechatError(client.getUnlimitedQrCode({ scene: 'id=1' }))).errcode).toBe(41030)
      expect((await wechatError(client.getUnlimitedQrCode({ scene: 'id=1' }))).errcode).toBe(45009)
    })
  })
})

describe('WechatClient token expiry', () => {
  let emulator: WechatEmulator
  let baseUrl: string
  beforeAll(async () => {
    emulator = createWechatEmulator({ appid: APPID, secret: SECRET, tokenTtlSeconds: 2 })
    baseUrl = await emulator.listen()
  })
  afterAll(() => emulator.close())

  it('the platform answers 42001 for an expired token', async () => {
    const token = await new WechatClient({ baseUrl, appid: APPID, secret: SECRET }).accessToken()
    const send = () =>
      fetch(`${baseUrl}/wxa/msg_sec_check?access_token=${token}`, {
        method: 'POST',
        body: JSON.stringify({ version: 2, openid: 'o1', scene: 1, content: 'hi' }),
      }).then((r) => r.json() as Promise<{ errcode: number }>)
    expect((await send()).errcode).toBe(0)
    await new Promise((r) => setTimeout(r, 2100))
    expect((await send()).errcode).toBe(42001)
  })

  it('the client refreshes before the token ends and keeps working', async () => {
    const client = new WechatClient({ baseUrl, appid: APPID, secret: SECRET })
    const first = await client.accessToken()
    expect(await client.accessToken()).toBe(first)
    await new Promise((r) => setTimeout(r, 1100)) // past half of the 2 s life: time to refresh
    const second = await client.accessToken()
    expect(second).not.toBe(first)
    await new Promise((r) => setTimeout(r, 1100)) // the first token has now ended
    expect((await client.msgSecCheck({ openid: 'o1', scene: 1, content: 'hi' })).suggest).toBe('pass')
  })
})

describe('WechatClient network failures', () => {
  it('reports a refused connection as WechatError −1', async () => {
    const emulator = createWechatEmulator()
    const baseUrl = await emulator.listen()
    await emulator.close()
    const client = new WechatClient({ baseUrl, appid: 'a', secret: 's' })
    const e = await wechatError(client.code2Session('dev:x'))
    expect(e.errcode).toBe(-1)
    expect(e.message).toContain('/sns/jscode2session')
    expect(e.message).not.toContain('secret=')
  })

  it('reports a timeout as WechatError −1', async () => {
    const silent: Server = createServer(() => undefined)
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
    const port = (silent.address() as AddressInfo).port
    try {
      const client = new WechatClient({ baseUrl: `http://127.0.0.1:${port}`, appid: 'a', secret: 's', timeoutMs: 200 })
      const e = await wechatError(client.accessToken())
      expect(e.errcode).toBe(-1)
      expect(e.errmsg).toMatch(/timeout/)
    } finally {
      silent.closeAllConnections()
      await new Promise((r) => silent.close(r))
    }
  })
})
