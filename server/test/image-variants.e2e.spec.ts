import fs from 'node:fs'
import path from 'node:path'
import { createCanvas, loadImage } from '@napi-rs/canvas'
import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { ErrorCode, IMAGE_VARIANT_WIDTHS, MediaErrors } from '@chuangan/shared'
import { APP_CONFIG, type AppConfig } from '../src/config/config'
import { renderCover } from '../src/demo/cover-art'
import { contentKey, FileStore } from '../src/storage/file-store'
import { ImageVariants } from '../src/storage/image-variants'
import { assertDeclaredCode } from './support/declared-codes'
import { createTestApp, ENGINE } from './support/test-app'

interface Raw {
  status: number
  headers: Record<string, string | string[] | number | undefined>
  bytes: Buffer
  json: () => { statusCode: number; code: string; details?: { path: string }[] }
}

/** Decoded pixels of an image (Skia). */
async function pixels(bytes: Buffer) {
  const image = await loadImage(bytes)
  const ctx = createCanvas(image.width, image.height).getContext('2d')
  ctx.drawImage(image, 0, 0)
  const data = ctx.getImageData(0, 0, image.width, image.height).data
  const at = (x: number, y: number) => [...data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4)]
  /** The mean colour of a block, given as fractions of the width and height. */
  const mean = (fx: number, fy: number, size = 0.2) => {
    const sum = [0, 0, 0]
    let n = 0
    for (let y = Math.floor(fy * image.height); y < Math.floor((fy + size) * image.height); y++) {
      for (let x = Math.floor(fx * image.width); x < Math.floor((fx + size) * image.width); x++, n++) {
        for (let k = 0; k < 3; k++) sum[k] += data[(y * image.width + x) * 4 + k]
      }
    }
    return sum.map((v) => v / n)
  }
  return { width: image.width, height: image.height, at, mean }
}

/** A PNG with its left half transparent and its right half solid blue. */
function halfTransparentPng(width = 400, height = 200): Buffer {
  const canvas = createCanvas(width, height)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#0000e0'
  ctx.fillRect(width / 2, 0, width / 2, height)
  return canvas.toBuffer('image/png')
}

describe(`sized image variants (${ENGINE})`, () => {
  let app: NestFastifyApplication
  let store: FileStore
  let mediaDir: string
  /** The demo-style cover every list shows: 640 × 360, opaque. */
  let cover: string
  let coverPixels: Awaited<ReturnType<typeof pixels>>

  const get = async (url: string, headers: Record<string, string> = {}): Promise<Raw> => {
    const res = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url, headers })
    if (res.statusCode >= 400) assertDeclaredCode('GET', url, res.statusCode, res.json())
    return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, json: () => res.json() }
  }
  const variantUrl = (src: string, w: number | string) => `/api/images?src=${encodeURIComponent(src)}&w=${w}`

  beforeAll(async () => {
    app = await createTestApp()
    store = app.get(FileStore)
    mediaDir = path.resolve(app.get<AppConfig>(APP_CONFIG).MEDIA_DIR)
    const source = renderCover(`variant-test-${process.pid}`)
    cover = await store.put(`covers/variant-test-${process.pid}.png`, source, 'image/png')
    coverPixels = await pixels(source)
  })
  afterAll(() => app.close())

  it('scales a cover down to each allowed width as a JPEG with the same aspect ratio and the same picture', async () => {
    for (const width of IMAGE_VARIANT_WIDTHS) {
      const res = await get(variantUrl(cover, width))
      expect(res.status).toBe(200)
      expect(res.headers['content-type']).toBe('image/jpeg')
      const image = await pixels(res.bytes)
      expect({ width, size: [image.width, image.height] }).toEqual({
        width,
        size: [width, Math.round((360 * width) / 640)],
      })
      // The same picture: blocks across it have the source's mean colours, within JPEG and scaling error.
      for (const [fx, fy] of [
        [0, 0],
        [0.4, 0.4],
        [0.8, 0.8],
        [0.1, 0.7],
      ]) {
        const got = image.mean(fx, fy)
        const want = coverPixels.mean(fx, fy)
        for (let k = 0; k < 3; k++)
          expect({ width, fx, fy, close: Math.abs(got[k] - want[k]) < 8 }).toMatchObject({ close: true })
      }
      // Far fewer bytes than the 640 px source.
      expect(res.bytes.length).toBeLessThan(fs.statSync(path.join(mediaDir, cover.slice('/media/'.length))).size / 2)
    }
  })

  it('makes a variant once: stored under variants/, then served with a strong ETag, a day’s cache and 304', async () => {
    const url = variantUrl(cover, 288)
    const first = await get(url)
    expect(first.headers.etag).toMatch(/^"[0-9a-f]{32}"$/)
    expect(first.headers['cache-control']).toBe('public, max-age=86400')
    const stored = path.join(mediaDir, 'variants', 'w288', 'covers', `variant-test-${process.pid}-png.img`)
    expect(fs.readFileSync(stored).equals(first.bytes)).toBe(true)

    const second = await get(url)
    expect(second.bytes.equals(first.bytes)).toBe(true)
    expect(second.headers.etag).toBe(first.headers.etag)
    // Another process (or a restart) reads the stored variant instead of making it: even with the source gone.
    const source = path.join(mediaDir, cover.slice('/media/'.length))
    const kept = fs.readFileSync(source)
    fs.rmSync(source)
    try {
      const cold = await new ImageVariants(store).get(cover, 288)
      expect(cold.bytes.equals(first.bytes)).toBe(true)
      expect(cold.etag).toBe(first.headers.etag)
    } finally {
      fs.writeFileSync(source, kept)
    }

    const notModified = await get(url, { 'if-none-match': `W/"other", ${String(first.headers.etag)}` })
    expect(notModified.status).toBe(304)
    expect(notModified.bytes).toHaveLength(0)
    expect(notModified.headers.etag).toBe(first.headers.etag)
    expect((await get(url, { 'if-none-match': '"something-else"' })).status).toBe(200)
  })

  it('caches a content-named upload’s variants for a year (immutable)', async () => {
    const data = renderCover(`variant-upload-${process.pid}`, 320, 180)
    const url = await store.put(contentKey('user-avatars', 1, data, 'png'), data, 'image/png')
    const res = await get(variantUrl(url, 176))
    expect(res.status).toBe(200)
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect((await pixels(res.bytes)).width).toBe(176)
  })

  it('keeps transparency as PNG, and never scales up', async () => {
    const url = await store.put(`covers/variant-alpha-${process.pid}.png`, halfTransparentPng(), 'image/png')
    const res = await get(variantUrl(url, 208))
    expect(res.headers['content-type']).toBe('image/png')
    const image = await pixels(res.bytes)
    expect([image.width, image.height]).toEqual([208, 104])
    expect(image.at(20, 50)[3]).toBe(0)
    expect(image.at(190, 50)).toEqual([0, 0, 224, 255])

    const small = await store.put(`covers/variant-small-${process.pid}.png`, renderCover('small', 120, 90), 'image/png')
    const kept = await pixels((await get(variantUrl(small, 288))).bytes)
    expect([kept.width, kept.height]).toEqual([120, 90])
  })

  it('refuses a width outside the allowed set and a path outside the store with 400 naming the field', async () => {
    const cases: [string, string][] = [
      [variantUrl(cover, 300), 'query.w'],
      [variantUrl(cover, 200), 'query.w'],
      [variantUrl(cover, 2000), 'query.w'],
      [variantUrl(cover, 400), 'query.w'],
      [variantUrl(cover, 0), 'query.w'],
      [variantUrl(cover, 'abc'), 'query.w'],
      [`/api/images?src=${encodeURIComponent(cover)}`, 'query.w'],
      [variantUrl('/media/../secret.png', 288), 'query.src'],
      [variantUrl('https://example.com/a.png', 288), 'query.src'],
      [variantUrl('/media/covers/x.svg', 288), 'query.src'],
      [variantUrl('/api/share/poster.png', 288), 'query.src'],
      [`${variantUrl(cover, 288)}&h=100`, 'query'],
    ]
    for (const [url, field] of cases) {
      const res = await get(url)
      expect({ url, status: res.status }).toEqual({ url, status: 400 })
      const body = res.json()
      expect(body.code).toBe(ErrorCode.ValidationFailed)
      expect({ url, paths: body.details!.map((d) => d.path) }).toEqual({ url, paths: [field] })
    }
  })

  it('answers 404 IMAGE_NOT_FOUND for a missing file, one that is not an image, and a variant of a variant', async () => {
    const notImage = await store.put(`covers/variant-text-${process.pid}.png`, Buffer.from('not an image'), 'image/png')
    await get(variantUrl(cover, 96))
    for (const src of [
      '/media/covers/missing-variant-source.png',
      notImage,
      `/media/variants/w96/covers/variant-test-${process.pid}-png.png`,
    ]) {
      const res = await get(variantUrl(src, 96))
      expect({ src, status: res.status }).toEqual({ src, status: 404 })
      expect(res.headers['content-type']).toContain('application/json')
      expect(res.json()).toMatchObject({ statusCode: 404, code: MediaErrors.IMAGE_NOT_FOUND.code })
    }
  })
})
