import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { PNG_SIGNATURE, readPngText } from './emulator/png'
import { createWechatEmulator, type WechatEmulator } from './emulator/wechat-emulator'

/** Scans a QR code PNG: its width and the text it encodes. */
function decodeQr(png: Buffer): { width: number; text: string } {
  const image = PNG.sync.read(png)
  const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)
  if (!code) throw new Error('no QR code found')
  return { width: image.width, text: code.data }
}

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
    emulator = createWechatEmulator({
      appid,
      secret,
      pages: ['pages/index/index'],
      publicUrl: 'https://h5.example.test',
    })
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

  describe('getwxacodeunlimit', () => {
    const qr = async (body: unknown) => {
      const { access_token } = (await post('/cgi-bin/stable_token', {
        grant_type: 'client_credential',
        appid,
        secret,
        force_refresh: false,
      })) as { access_token: string }
      return fetch(`${base}/wxa/getwxacodeunlimit?access_token=${access_token}`, {
        method: 'POST',
        body: JSON.stringify(body),
      })
    }
    const errcode = async (body: unknown) => ((await (await qr(body)).json()) as { errcode: number }).errcode
    const image = async (body: unknown) => {
      const res = await qr(body)
      // WeChat's label, whatever the bytes are.
      expect(res.headers.get('content-type')).toBe('image/jpeg')
      return Buffer.from(await res.arrayBuffer())
    }

    it('answers a QR code PNG of the page’s H5 address with the scene', async () => {
      const scene = "a2n9c.k3J9x2Qa&x=1/:;'~"
      const png = await image({ scene, page: 'pages/index/index' })
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
      const { width, text } = decodeQr(png)
      expect(width).toBe(430) // WeChat's default width
      expect(text).toBe(`https://h5.example.test/pages/index/index?scene=${encodeURIComponent(scene)}`)
      expect(decodeURIComponent(new URL(text).searchParams.get('scene')!)).toBe(scene)
      // The scene and page ride along in text chunks too.
      expect(readPngText(png)).toEqual({ scene, page: 'pages/index/index', env_version: 'release' })
    })

    it('opens the home page when no page is given, and draws the width asked for (280–1280)', async () => {
      const png = await image({ scene: 'x', width: 280 })
      expect(decodeQr(png)).toEqual({ width: 280, text: 'https://h5.example.test/pages/index/index?scene=x' })
      expect(decodeQr(await image({ scene: 'x', width: 1280 })).width).toBe(1280)
      expect(await errcode({ scene: 'x', width: 279 })).toBe(40097)
      expect(await errcode({ scene: 'x', width: 1281 })).toBe(40097)
      expect(await errcode({ scene: 'x', width: '430' })).toBe(40097)
    })

    it('takes a scene of 32 allowed characters and refuses longer, empty, % or Chinese ones (40097)', async () => {
      const scene = "aZ9!#$&'()*+,/:;=?@-._~" + 'x'.repeat(9)
      expect(scene).toHaveLength(32)
      expect(readPngText(await image({ scene })).scene).toBe(scene)
      for (const bad of [`${scene}x`, '', 'id%3D1', '文章1', 'a b', 12]) {
        expect(await errcode({ scene: bad })).toBe(40097)
      }
    })

    it('refuses pages outside the release when check_path is on, and malformed pages always (41030)', async () => {
      const unknownPage = await qr({ scene: 'a=1', page: 'pages/nope/index' })
      expect(unknownPage.headers.get('content-type')).toContain('json')
      expect(((await unknownPage.json()) as { errcode: number }).errcode).toBe(41030)
      const unchecked = await image({ scene: 'a=1', page: 'pages/nope/index', check_path: false })
      expect(decodeQr(unchecked).text).toBe('https://h5.example.test/pages/nope/index?scene=a%3D1')
      expect(await errcode({ scene: 'a=1', page: '/pages/index/index' })).toBe(41030)
      expect(await errcode({ scene: 'a=1', page: 'pages/index/index?id=1', check_path: false })).toBe(41030)
    })

    it('fails the next call as scripted, then answers again', async () => {
      emulator.failNext('/wxa/getwxacodeunlimit', 45009)
      const before = emulator.callCount('/wxa/getwxacodeunlimit')
      expect(await errcode({ scene: 'x' })).toBe(45009)
      expect(decodeQr(await image({ scene: 'x' })).text).toContain('scene=x')
      expect(emulator.callCount('/wxa/getwxacodeunlimit')).toBe(before + 2)
    })
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
