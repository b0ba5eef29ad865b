import { createWechatEmulator, type WechatEmulator } from '../src/wechat/emulator/wechat-emulator'

// The emulator's own contract, spoken over HTTP as a mini-program developer or a script would use it.
describe('WeChat emulator over HTTP', () => {
  const appid = 'wxemulatorspec01'
  const secret = 'spec-secret'
  let emulator: WechatEmulator
  let base: string

  const post = async (path: string, body: unknown) =>
    (await (await fetch(`${base}${path}`, { method: 'POST', body: JSON.stringify(body) })).json()) as Record<
      string,
      unknown
    >
  const session = async (code: string) =>
    (await (
      await fetch(
        `${base}/sns/jscode2session?${new URLSearchParams({ appid, secret, js_code: code, grant_type: 'authorization_code' })}`,
      )
    ).json()) as Record<string, unknown>

  beforeAll(async () => {
    emulator = createWechatEmulator({ appid, secret, pages: ['pages/index/index'] })
    base = await emulator.listen()
  })
  afterAll(() => emulator.close())

  it('issues codes through POST /dev/code', async () => {
    const { code } = (await post('/dev/code', { name: 'erin' })) as { code: string }
    expect(await session(code)).toEqual({ openid: emulator.openidFor('erin'), session_key: expect.any(String) })
    expect((await session(code)).errcode).toBe(40029)
    const anonymous = (await post('/dev/code', {})) as { code: string }
    expect((await session(anonymous.code)).openid).toMatch(/^o/)
  })

  it('checks the grant type and credentials of stable_token', async () => {
    const ok = { grant_type: 'client_credential', appid, secret, force_refresh: false }
    expect((await post('/cgi-bin/stable_token', { ...ok, grant_type: 'x' })).errcode).toBe(40002)
    expect((await post('/cgi-bin/stable_token', { ...ok, appid: 'wx0' })).errcode).toBe(40013)
    expect((await post('/cgi-bin/stable_token', { ...ok, secret: 'x' })).errcode).toBe(40125)
    const first = await post('/cgi-bin/stable_token', ok)
    expect(first).toEqual({ access_token: expect.any(String), expires_in: expect.any(Number) })
    expect((first.expires_in as number) <= 7200 && (first.expires_in as number) > 7000).toBe(true)
    // Stable: the same token again without force; a new one with force.
    expect((await post('/cgi-bin/stable_token', ok)).access_token).toBe(first.access_token)
    const forced = await post('/cgi-bin/stable_token', { ...ok, force_refresh: true })
    expect(forced.access_token).not.toBe(first.access_token)
  })

  it('refuses token-authenticated calls without a known token', async () => {
    expect((await post('/wxa/msg_sec_check', { version: 2 })).errcode).toBe(41001)
    expect((await post('/wxa/msg_sec_check?access_token=made-up', { version: 2 })).errcode).toBe(40001)
  })

  it('refuses getwxacodeunlimit pages outside the release when check_path is on', async () => {
    const { access_token } = (await post('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid,
      secret,
      force_refresh: false,
    })) as { access_token: string }
    const qr = (body: unknown) =>
      fetch(`${base}/wxa/getwxacodeunlimit?access_token=${access_token}`, {
        method: 'POST',
        body: JSON.stringify(body),
      })
    const unknownPage = await qr({ scene: 'a=1', page: 'pages/nope/index' })
    expect(unknownPage.headers.get('content-type')).toContain('json')
    expect(((await unknownPage.json()) as { errcode: number }).errcode).toBe(41030)
    const unchecked = await qr({ scene: 'a=1', page: 'pages/nope/index', check_path: false })
    expect(unchecked.headers.get('content-type')).toBe('image/png')
    expect((await qr({ scene: 'a=1', page: '/pages/index/index' })).headers.get('content-type')).toContain('json')
  })

  it('scripts failures through POST /dev/fail and flags users through POST /dev/refuse', async () => {
    expect(await post('/dev/fail', { path: '/sns/jscode2session', errcode: 40226 })).toEqual({ ok: true })
    expect((await session(emulator.issueCode('frank'))).errcode).toBe(40226)
    expect(await post('/dev/refuse', { openid: 'o-flagged' })).toEqual({ ok: true })
  })

  it('answers an unknown path with 404 and WeChat’s invalid url', async () => {
    const res = await fetch(`${base}/cgi-bin/nothing`)
    expect(res.status).toBe(404)
    expect(((await res.json()) as { errcode: number }).errcode).toBe(40066)
  })
})
