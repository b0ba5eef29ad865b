import fs from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { createCanvas, loadImage } from '@napi-rs/canvas'
import { Logger } from '@nestjs/common'
import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { ContentErrors, decodeScene, ErrorCode, PosterErrors, SHARE_PAGES } from '@chuangan/shared'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { DataSource } from 'typeorm'
import { APP_CONFIG, DEMO_OFFICIAL_ACCOUNT_URL, type AppConfig } from '../src/config/config'
import { Article } from '../src/content/article.entity'
import { Author } from '../src/content/author.entity'
import { ContentCache } from '../src/content/content-cache.service'
import { renderCover } from '../src/demo/cover-art'
import { ImageCache } from '../src/poster/image-cache'
import * as render from '../src/poster/poster-render'
import { DEFAULT_RATE_LIMITS, RateLimitService } from '../src/rate-limit/rate-limit.service'
import { FileStore } from '../src/storage/file-store'
import { User } from '../src/users/user.entity'
import { UsersService } from '../src/users/users.service'
import type { WechatEmulator } from '../src/wechat/emulator/wechat-emulator'
import { EmbeddedWechatEmulator } from '../src/wechat/embedded-emulator'
import { freshWorld, type World } from './support/content-world'
import { assertDeclaredCode } from './support/declared-codes'
import { createTestApp, ENGINE, roles } from './support/test-app'

const QR = '/wxa/getwxacodeunlimit'
/** The share codes the tests put on posters: each belongs to an account (a poster carries only a live account's). */
const SHARERS = ['Ab3dE5gH', 'CacheMe1', 'Together', 'Edited01', 'AvatarOk', 'WxDown01', 'WxDown02', 'CodeOnly']
const LIMITED = ['Limit001', 'Limit002', 'Limit003', 'Limit004']

interface Raw {
  status: number
  headers: Record<string, string | string[] | number | undefined>
  bytes: Buffer
  json: () => { statusCode: number; code: string; message: string; details?: { path: string }[] }
}

interface Pixels {
  width: number
  height: number
  data: Uint8ClampedArray
}

/**
 * The pixels of a PNG. Decoded by Skia: pngjs takes seconds per poster under Jest (it checks that the first poster is
 * a valid PNG to an independent decoder, below).
 */
async function readPng(png: Buffer): Promise<Pixels> {
  const image = await loadImage(png)
  const canvas = createCanvas(image.width, image.height)
  const ctx = canvas.getContext('2d')
  ctx.drawImage(image, 0, 0)
  return { width: image.width, height: image.height, data: ctx.getImageData(0, 0, image.width, image.height).data }
}

/** Scans a whole image for a QR code and returns the text it holds (throws when there is none). */
async function scan(png: Buffer): Promise<string> {
  const image = await readPng(png)
  const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })
  if (!code) throw new Error('no QR code found in the image')
  return code.data
}

const pixel = (image: Pixels, x: number, y: number) => {
  const at = (y * image.width + x) * 4
  return [...image.data.subarray(at, at + 3)]
}

/** A solid-colour PNG, for covers whose pixels the test can recognise on the poster. */
function solidPng(color: string, width = 640, height = 360): Buffer {
  const canvas = createCanvas(width, height)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = color
  ctx.fillRect(0, 0, width, height)
  return canvas.toBuffer('image/png')
}

/**
 * A photo-like cover that compresses badly: a gradient with soft discs, and ±20 of noise on every pixel (sensor noise
 * on a real photo is milder), 1280 × 720.
 */
function noisyPhotoPng(): Buffer {
  const canvas = createCanvas(1280, 720)
  const ctx = canvas.getContext('2d')
  const gradient = ctx.createLinearGradient(0, 0, 1280, 720)
  gradient.addColorStop(0, '#3a6fb0')
  gradient.addColorStop(1, '#d9823b')
  ctx.fillStyle = gradient
  ctx.fillRect(0, 0, 1280, 720)
  ctx.fillStyle = 'rgba(255, 255, 255, 0.25)'
  for (const [x, y, r] of [
    [300, 200, 220],
    [900, 500, 300],
    [640, 100, 120],
  ]) {
    ctx.beginPath()
    ctx.arc(x, y, r, 0, Math.PI * 2)
    ctx.fill()
  }
  const image = ctx.getImageData(0, 0, 1280, 720)
  let seed = 7
  for (let i = 0; i < image.data.length; i += 4) {
    seed = (seed * 1103515245 + 12345) >>> 0
    const noise = ((seed >>> 16) % 41) - 20
    for (let k = 0; k < 3; k++) image.data[i + k] = Math.max(0, Math.min(255, image.data[i + k] + noise))
  }
  ctx.putImageData(image, 0, 0)
  return canvas.toBuffer('image/png')
}

/** The colour type in a PNG's header: 3 for a palette image, 2 / 6 for full colour. */
const pngColorType = (png: Buffer) => png[25]

// Every poster drawn is also quantised (≈ 0.5 s, seconds on a busy machine), and some tests draw a dozen.
jest.setTimeout(120_000)

describe(`posters and mini-program codes (${ENGINE})`, () => {
  let app: NestFastifyApplication
  let emulator: WechatEmulator
  let world: World
  let editor: Awaited<ReturnType<typeof roles>>['editor']
  let mediaDir: string
  /** Our own site (PUBLIC_URL, on this machine), which also serves a few images outside /media. */
  let site: Server
  let PUBLIC_URL: string
  /** Another server on this machine, not PUBLIC_URL: a cover URL must never make us request it. */
  let internal: Server
  let internalBase: string
  const internalHits: string[] = []
  const draws = jest.spyOn(render, 'renderPoster')

  const get = async (url: string, headers: Record<string, string> = {}): Promise<Raw> => {
    const res = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url, headers })
    if (res.statusCode >= 400) assertDeclaredCode('GET', url, res.statusCode, res.json())
    return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, json: () => res.json() }
  }
  const posterUrl = (article: number | string, sharer?: string) =>
    `/api/share/poster?article=${article}${sharer === undefined ? '' : `&sharer=${sharer}`}`
  const codeUrl = (article: number | string, sharer?: string) =>
    `/api/share/code?article=${article}${sharer === undefined ? '' : `&sharer=${sharer}`}`
  // Direct row changes, then what every editorial write does after its change (the poster reads its article and
  // author through the content cache).
  const setArticle = async (id: number, change: Partial<Article>) => {
    await app.get(DataSource).getRepository(Article).update({ id }, change)
    await app.get(ContentCache).invalidate()
  }
  const setAuthorAvatar = async (id: number, avatar: string | null) => {
    await app.get(DataSource).getRepository(Author).update({ id }, { avatar })
    await app.get(ContentCache).invalidate()
  }

  const listen = async (server: Server) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  beforeAll(async () => {
    internal = createServer((req, res) => {
      internalHits.push(req.url ?? '')
      res.writeHead(200, { 'content-type': 'image/png' })
      res.end(solidPng('#00c000'))
    })
    internalBase = await listen(internal)
    site = createServer((req, res) => {
      if (req.url === '/green.png') {
        res.writeHead(200, { 'content-type': 'image/png' })
        res.end(solidPng('#00c000'))
      } else if (req.url === '/page.html') {
        res.writeHead(200, { 'content-type': 'text/html' })
        res.end('<html>not an image</html>')
      } else if (req.url === '/moved.png') {
        res.writeHead(302, { location: `${internalBase}/img.png` }).end()
      } else {
        res.writeHead(404).end()
      }
    })
    PUBLIC_URL = await listen(site)

    app = await createTestApp({ PUBLIC_URL })
    emulator = app.get(EmbeddedWechatEmulator).instance!
    // Our own Redis key space, so earlier runs sharing TEST_REDIS_URL do not count against this one.
    app.get(RateLimitService).configure({}, `poster-test-${process.pid}-${Date.now()}`)
    mediaDir = path.resolve(app.get<AppConfig>(APP_CONFIG).MEDIA_DIR)
    world = await freshWorld(app)
    editor = (await roles(app)).editor
    for (const code of [...SHARERS, ...LIMITED, 'Deleted1']) {
      const user = await app.get(UsersService).create({ nickname: code })
      await app.get(DataSource).getRepository(User).update({ id: user.id }, { shareCode: code })
    }
    await app.get(DataSource).getRepository(User).update({ shareCode: 'Deleted1' }, { deletedAt: new Date() })
  })
  afterAll(async () => {
    draws.mockRestore()
    await new Promise((resolve) => site.close(resolve))
    await new Promise((resolve) => internal.close(resolve))
    await app.close()
  })

  it('draws a 750 px PNG whose code opens the article page with the article and the sharer in its scene', async () => {
    const article = world.published[0]
    const res = await get(posterUrl(article.id, 'Ab3dE5gH'))
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('image/png')
    expect(res.headers['cache-control']).toMatch(/max-age=\d+/)
    expect(res.headers.etag).toMatch(/^"[0-9a-f]{32}"$/)
    const image = PNG.sync.read(res.bytes) // an independent decoder agrees it is a valid PNG
    expect(image.width).toBe(750)
    expect(image.height).toBeGreaterThan(750)

    const url = new URL(await scan(res.bytes))
    expect(url.origin).toBe(PUBLIC_URL)
    expect(url.pathname).toBe(`/${SHARE_PAGES.article}`)
    expect(decodeScene(url.searchParams.get('scene'))).toEqual({
      target: 'article',
      id: article.id,
      sharer: 'Ab3dE5gH',
    })
  })

  it('gives a code of no live account the poster without a sharer (one cache entry: one WeChat call, one drawing)', async () => {
    const article = world.published[1]
    const calls = emulator.callCount(QR)
    const drawn = draws.mock.calls.length
    const plain = await get(posterUrl(article.id))
    expect(plain.status).toBe(200)
    expect(decodeScene(new URL(await scan(plain.bytes)).searchParams.get('scene'))).toEqual({
      target: 'article',
      id: article.id,
      sharer: null,
    })
    const plainCode = await get(codeUrl(article.id))
    // Made-up codes and a deleted account's code: the same poster and code, the same cache entries.
    for (const code of ['zzzzzzz9', 'Unknown2', 'Deleted1']) {
      const poster = await get(posterUrl(article.id, code))
      expect(poster.status).toBe(200)
      expect({ code, etag: poster.headers.etag }).toEqual({ code, etag: plain.headers.etag })
      expect(decodeScene(new URL(await scan(poster.bytes)).searchParams.get('scene'))!.sharer).toBeNull()
      const alone = await get(codeUrl(article.id, code))
      expect({ code, etag: alone.headers.etag }).toEqual({ code, etag: plainCode.headers.etag })
    }
    expect(emulator.callCount(QR) - calls).toBe(1)
    expect(draws.mock.calls.length - drawn).toBe(1)

    // A live code in other letter case names that account where the database compares case-insensitively (MariaDB)
    // and nobody elsewhere: either way it gets one of the two posters, never a third.
    const live = await get(posterUrl(article.id, 'Ab3dE5gH'))
    const otherCase = await get(posterUrl(article.id, 'aB3De5Gh'))
    expect([plain.headers.etag, live.headers.etag]).toContain(otherCase.headers.etag)
    expect(emulator.callCount(QR) - calls).toBe(2)
    expect(draws.mock.calls.length - drawn).toBe(2)
  })

  it('serves a second request from the cache: no WeChat call, no drawing; 304 for the same ETag', async () => {
    const url = posterUrl(world.published[2].id, 'CacheMe1')
    const first = await get(url)
    const calls = emulator.callCount(QR)
    const drawn = draws.mock.calls.length
    const second = await get(url)
    expect(second.status).toBe(200)
    expect(second.bytes.equals(first.bytes)).toBe(true)
    expect(second.headers.etag).toBe(first.headers.etag)
    expect(emulator.callCount(QR)).toBe(calls)
    expect(draws.mock.calls.length).toBe(drawn)

    const notModified = await get(url, { 'if-none-match': `W/"x", ${String(first.headers.etag)}` })
    expect(notModified.status).toBe(304)
    expect(notModified.bytes).toHaveLength(0)
    expect(notModified.headers.etag).toBe(first.headers.etag)
    expect((await get(url, { 'if-none-match': '"something-else"' })).status).toBe(200)

    // The file store holds it too (under posters/), so a restart or another process reads it instead of drawing.
    const key = String(first.headers.etag).slice(1, -1)
    expect(fs.readFileSync(path.join(mediaDir, 'posters', `${key}.png`)).equals(first.bytes)).toBe(true)
    const cold = new ImageCache(app.get(FileStore), 'posters', 1024 * 1024)
    const make = jest.fn(async () => Buffer.from('not used'))
    expect((await cold.get(key, make)).equals(first.bytes)).toBe(true)
    expect(make).not.toHaveBeenCalled()
  })

  it('draws concurrent first requests for one poster once, with one WeChat call', async () => {
    const url = posterUrl(world.published[3].id, 'Together')
    const calls = emulator.callCount(QR)
    const drawn = draws.mock.calls.length
    const answers = await Promise.all(Array.from({ length: 8 }, () => get(url)))
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200))
    expect(new Set(answers.map((a) => a.headers.etag)).size).toBe(1)
    expect(emulator.callCount(QR) - calls).toBe(1)
    expect(draws.mock.calls.length - drawn).toBe(1)
  })

  it('draws a new poster when an editor changes the title, and keeps the code', async () => {
    const article = world.published[4]
    const url = posterUrl(article.id, 'Edited01')
    const before = await get(url)
    const calls = emulator.callCount(QR)
    const drawn = draws.mock.calls.length

    const edit = await editor.call('PATCH', `/api/editor/articles/${article.id}`, { title: '改过的标题：温漂补偿实战' })
    expect(edit.status).toBe(200)
    const after = await get(url)
    expect(after.status).toBe(200)
    expect(after.headers.etag).not.toBe(before.headers.etag)
    expect(after.bytes.equals(before.bytes)).toBe(false)
    expect(draws.mock.calls.length - drawn).toBe(1)
    expect(draws.mock.calls.at(-1)![0].title).toBe('改过的标题：温漂补偿实战')
    expect(emulator.callCount(QR)).toBe(calls) // the code did not change: reused from its own cache
    expect(decodeScene(new URL(await scan(after.bytes)).searchParams.get('scene'))!.id).toBe(article.id)
  })

  it('serves a palette PNG of at most 120 KB whose code still scans, for a drawn and a noisy photo cover', async () => {
    const store = app.get(FileStore)
    const covers = [
      await store.put('covers/poster-test-drawn.png', renderCover('poster-size-test'), 'image/png'),
      await store.put('covers/poster-test-noisy.png', noisyPhotoPng(), 'image/png'),
    ]
    for (const [i, cover] of covers.entries()) {
      const article = world.published[18 + i]
      await setArticle(article.id, { cover })
      const res = await get(posterUrl(article.id, 'Ab3dE5gH'))
      expect(res.status).toBe(200)
      expect(res.headers['content-type']).toBe('image/png')
      expect({ cover, palette: pngColorType(res.bytes) }).toEqual({ cover, palette: 3 })
      expect({ cover, small: res.bytes.length <= 120 * 1024 }).toEqual({ cover, small: true })
      expect((await readPng(res.bytes)).width).toBe(750)
      expect(decodeScene(new URL(await scan(res.bytes)).searchParams.get('scene'))).toEqual({
        target: 'article',
        id: article.id,
        sharer: 'Ab3dE5gH',
      })
      // The full-colour drawing weighs more than the budget: the encoding is what keeps the poster small.
      const drawn = draws.mock.results.at(-1)!.value as Buffer
      expect(pngColorType(drawn)).not.toBe(3)
      expect(drawn.length).toBeGreaterThan(120 * 1024)
      // Its strong ETag answers 304 with no body, and names this poster's content only.
      const again = await get(posterUrl(article.id, 'Ab3dE5gH'), { 'if-none-match': String(res.headers.etag) })
      expect(again.status).toBe(304)
      expect(again.bytes).toHaveLength(0)
    }
  })

  it('draws the cover from the file store or a fetched URL (here on our own site), and a band when it cannot be read', async () => {
    const store = app.get(FileStore)
    const red = await store.put('covers/poster-test-red.png', solidPng('#e00000'), 'image/png')
    const cases: [string | null, (rgb: number[]) => boolean][] = [
      [red, ([r, g, b]) => r > 200 && g < 60 && b < 60],
      [`${PUBLIC_URL}${red}`, ([r, g, b]) => r > 200 && g < 60 && b < 60],
      // Outside /media on our own site: fetched.
      [`${PUBLIC_URL}/green.png`, ([r, g, b]) => g > 150 && r < 60 && b < 60],
      // Unreadable covers: the generated band (blue/teal), never an error.
      ['/media/covers/missing.png', ([r, , b]) => b > r],
      [`${PUBLIC_URL}/page.html`, ([r, , b]) => b > r],
      [`${PUBLIC_URL}/gone.png`, ([r, , b]) => b > r],
      [null, ([r, , b]) => b > r],
    ]
    for (const [i, [cover, looksRight]] of cases.entries()) {
      const article = world.published[5 + i]
      await setArticle(article.id, { cover })
      const res = await get(posterUrl(article.id))
      expect(res.status).toBe(200)
      // Inside the card's head, below the brand tag.
      expect(looksRight(pixel(await readPng(res.bytes), 375, 200))).toBe(true)
      if (i === 0) expect(new URL(await scan(res.bytes)).pathname).toBe(`/${SHARE_PAGES.article}`)
    }
  })

  it('never requests a cover or avatar that leads to this machine or a private network: a band instead', async () => {
    const article = world.published[17]
    const warn = jest.spyOn(Logger.prototype, 'warn')
    try {
      // The internal server counts what it is asked.
      expect((await fetch(`${internalBase}/probe`)).status).toBe(200)
      expect(internalHits.splice(0)).toEqual(['/probe'])
      const port = new URL(internalBase).port
      const covers = [
        'http://169.254.169.254/latest/meta-data/cover.png', // cloud metadata (link-local)
        `${internalBase}/img.png`, // loopback on another port than PUBLIC_URL's
        `http://localhost:${port}/img.png`, // a name that resolves to loopback
        `http://[::ffff:127.0.0.1]:${port}/img.png`, // loopback as an IPv4-mapped IPv6 address
        `http://[::1]:${port}/img.png`,
        'http://10.1.2.3/img.png',
        'http://172.16.0.1/img.png',
        'http://192.168.1.1/img.png',
        'http://100.64.0.1/img.png',
        'http://0.0.0.0/img.png',
        'http://[fd00::1]/img.png',
        'http://[fe80::1]/img.png',
        `${PUBLIC_URL}/moved.png`, // our own site, redirecting to the internal server: not followed
      ]
      for (const cover of covers) {
        await setArticle(article.id, { cover })
        const res = await get(posterUrl(article.id))
        expect({ cover, status: res.status }).toEqual({ cover, status: 200 })
        const [r, , b] = pixel(await readPng(res.bytes), 375, 200)
        expect({ cover, band: b > r }).toEqual({ cover, band: true })
        expect(warn.mock.calls.some(([message]) => String(message).includes(cover))).toBe(true)
      }
      // An author's avatar the same way.
      await setArticle(article.id, { cover: null })
      await setAuthorAvatar(article.authorId, `${internalBase}/avatar.png`)
      expect((await get(posterUrl(article.id))).status).toBe(200)
      expect(warn.mock.calls.some(([message]) => String(message).includes(`${internalBase}/avatar.png`))).toBe(true)
      expect(internalHits).toEqual([])
    } finally {
      warn.mockRestore()
      await setAuthorAvatar(article.authorId, null)
    }
  })

  it('draws the author’s avatar from the file store', async () => {
    const article = world.published[12]
    const avatar = await app
      .get(FileStore)
      .put('avatars/poster-test-blue.png', solidPng('#0000e0', 160, 160), 'image/png')
    await setAuthorAvatar(article.authorId, avatar)
    const res = await get(posterUrl(article.id, 'AvatarOk'))
    expect(res.status).toBe(200)
    const image = await readPng(res.bytes)
    // Somewhere in the left margin band of the card a blue circle is drawn (its row depends on the text above).
    let found = false
    for (let y = 500; y < image.height && !found; y++) {
      const [r, g, b] = pixel(image, 24 + 40 + 32, y)
      found = b > 200 && r < 40 && g < 40
    }
    expect(found).toBe(true)
  })

  it('answers 404 for an unknown, unpublished or archived article', async () => {
    const archived = world.published[13]
    expect((await editor.call('POST', `/api/editor/articles/${archived.id}/archive`)).status).toBe(200)
    for (const id of [999_999, world.draft.id, archived.id]) {
      for (const url of [posterUrl(id), codeUrl(id, 'Ab3dE5gH')]) {
        const res = await get(url)
        expect(res.status).toBe(404)
        expect(res.headers['content-type']).toContain('application/json')
        expect(res.json()).toMatchObject({ statusCode: 404, code: ContentErrors.ARTICLE_NOT_FOUND.code })
      }
    }
  })

  it('answers 400 naming the field for a bad query', async () => {
    const id = world.published[0].id
    const cases: [string, string][] = [
      [posterUrl(id, 'Ab3dE5g'), 'query.sharer'], // 7 characters
      [posterUrl(id, 'Ab3dE5gH9'), 'query.sharer'],
      [posterUrl(id, 'Ab3dE5g-'), 'query.sharer'],
      [posterUrl('abc'), 'query.article'],
      [posterUrl(0), 'query.article'],
      ['/api/share/poster', 'query.article'],
      [`${posterUrl(id)}&width=100`, 'query'],
      [codeUrl(id, 'short'), 'query.sharer'],
      [codeUrl('1.5'), 'query.article'],
    ]
    for (const [url, field] of cases) {
      const res = await get(url)
      expect(res.status).toBe(400)
      const body = res.json()
      expect(body.code).toBe(ErrorCode.ValidationFailed)
      expect({ url, paths: body.details!.map((d) => d.path) }).toEqual({ url, paths: [field] })
    }
  })

  it('answers 503 in the error shape when WeChat fails (45009, −1), and nothing broken is cached', async () => {
    const article = world.published[14]
    for (const errcode of [45009, -1]) {
      emulator.failNext(QR, errcode)
      const res = await get(posterUrl(article.id, 'WxDown01'))
      expect(res.status).toBe(503)
      expect(res.headers['content-type']).toContain('application/json')
      expect(res.json()).toEqual({
        statusCode: 503,
        code: PosterErrors.POSTER_UNAVAILABLE.code,
        message: PosterErrors.POSTER_UNAVAILABLE.message,
      })
      emulator.failNext(QR, errcode)
      expect((await get(codeUrl(article.id, 'WxDown02'))).status).toBe(503)
    }
    // WeChat is back: the same poster is made now.
    const res = await get(posterUrl(article.id, 'WxDown01'))
    expect(res.status).toBe(200)
    expect(decodeScene(new URL(await scan(res.bytes)).searchParams.get('scene'))!.sharer).toBe('WxDown01')
  })

  it('serves the mini-program code alone as a PNG that scans to the article page, cached the same way', async () => {
    const article = world.published[15]
    const res = await get(codeUrl(article.id, 'CodeOnly'))
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('image/png')
    expect(res.headers.etag).toMatch(/^"c[0-9a-f]{32}"$/)
    expect((await readPng(res.bytes)).width).toBe(430)
    const url = new URL(await scan(res.bytes))
    expect(`${url.origin}${url.pathname}`).toBe(`${PUBLIC_URL}/${SHARE_PAGES.article}`)
    expect(decodeScene(url.searchParams.get('scene'))).toEqual({
      target: 'article',
      id: article.id,
      sharer: 'CodeOnly',
    })

    const calls = emulator.callCount(QR)
    const again = await get(codeUrl(article.id, 'CodeOnly'))
    expect(again.bytes.equals(res.bytes)).toBe(true)
    expect(emulator.callCount(QR)).toBe(calls)
    expect((await get(codeUrl(article.id, 'CodeOnly'), { 'if-none-match': String(res.headers.etag) })).status).toBe(304)
    // The poster of the same article and sharer reuses this code.
    expect((await get(posterUrl(article.id, 'CodeOnly'))).status).toBe(200)
    expect(emulator.callCount(QR)).toBe(calls)
  })

  it('limits drawing per address (429), while cached posters are still served', async () => {
    const limits = app.get(RateLimitService)
    limits.configure(
      { poster: { perUser: { points: 2, seconds: 60 }, perIp: { points: 2, seconds: 60 } } },
      `poster-limit-${process.pid}-${Date.now()}`,
    )
    try {
      const article = world.published[16].id
      expect((await get(posterUrl(article, 'Limit001'))).status).toBe(200)
      expect((await get(posterUrl(article, 'Limit002'))).status).toBe(200)
      const refused = await get(posterUrl(article, 'Limit003'))
      expect(refused.status).toBe(429)
      expect(refused.json()).toMatchObject({ statusCode: 429, code: ErrorCode.RateLimited })
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
      expect((await get(codeUrl(article, 'Limit004'))).status).toBe(429)
      // Drawn before the limit was reached: served from the cache, not counted.
      expect((await get(posterUrl(article, 'Limit001'))).status).toBe(200)
      expect((await get(posterUrl(article, 'Limit002'))).status).toBe(200)
    } finally {
      limits.configure({ poster: DEFAULT_RATE_LIMITS.poster }, `poster-test-${process.pid}-${Date.now()}`)
    }
  })

  it('writes the official account’s QR code at start, served under /media/site/', async () => {
    const res = await get('/media/site/official-account-qr.png')
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('image/png')
    expect(await scan(res.bytes)).toBe(DEMO_OFFICIAL_ACCOUNT_URL)
  })

  it('documents the PNG answers in the OpenAPI document', async () => {
    const res = await get('/api/docs-json')
    const doc = JSON.parse(res.bytes.toString('utf8')) as {
      paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, unknown> }> }>>
    }
    for (const p of ['/api/share/poster', '/api/share/code']) {
      const responses = doc.paths[p].get.responses
      expect(Object.keys(responses['200'].content)).toEqual(['image/png'])
      expect(responses['503'].content['application/json']).toBeDefined()
    }
  })
})
