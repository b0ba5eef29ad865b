import { IMAGE_VARIANT_WIDTHS } from '@chuangan/shared/limits'
import { apiOrigin, mediaUrl, thumbUrl } from '../media'

describe('mediaUrl', () => {
  it('prefixes server-relative paths with the API origin in the mini-program', () => {
    expect(mediaUrl('/media/covers/x.png', 'weapp', 'https://api.example.com/api')).toBe(
      'https://api.example.com/media/covers/x.png',
    )
    expect(mediaUrl('media/a.png', 'weapp', 'http://localhost:3000/api/')).toBe('http://localhost:3000/media/a.png')
  })

  it('keeps relative paths as they are in H5 (same origin)', () => {
    expect(mediaUrl('/media/covers/x.png', 'h5', '/api')).toBe('/media/covers/x.png')
  })

  it('leaves absolute URLs alone and turns nothing into an empty string', () => {
    expect(mediaUrl('https://cdn.example.com/a.png', 'weapp', 'https://api.example.com/api')).toBe(
      'https://cdn.example.com/a.png',
    )
    expect(mediaUrl('//cdn.example.com/a.png', 'weapp')).toBe('//cdn.example.com/a.png')
    expect(mediaUrl(null, 'weapp')).toBe('')
    expect(mediaUrl(undefined, 'h5')).toBe('')
  })

  it('uses the build constant by default', () => {
    expect(apiOrigin()).toBe('http://api.test')
    expect(mediaUrl('/media/a.png')).toBe('http://api.test/media/a.png')
  })
})

describe('thumbUrl', () => {
  const cover = '/media/covers/mems-drift.png'
  const variant = (w: number) => `/api/images?src=${encodeURIComponent(cover)}&w=${w}`

  it('asks for the smallest variant that fills the box with aspectFill (16:9 covers by default)', () => {
    // A feed card's 216 × 160 box: the height decides (160 × 16/9 ≈ 284) → 288 × 162.
    expect(thumbUrl(cover, { width: 216, height: 160 }, undefined, 'h5')).toBe(variant(288))
    // A brief's 168 × 112 box: 112 × 16/9 ≈ 199 → 200 × 113.
    expect(thumbUrl(cover, { width: 168, height: 112 }, undefined, 'h5')).toBe(variant(200))
    // A square avatar box.
    expect(thumbUrl(cover, { width: 68, height: 68 }, 1, 'h5')).toBe(variant(72))
    expect(thumbUrl(cover, { width: 88, height: 88 }, 1, 'h5')).toBe(variant(96))
  })

  it('serves at most 1.5 × the shown pixels for the list boxes (device pixel ratio 2)', () => {
    const boxes: [number, number, number][] = [
      [216, 160, 16 / 9],
      [168, 112, 16 / 9],
      [150, 200, 3 / 4],
      [68, 68, 1],
      [48, 48, 1],
      [88, 88, 1],
    ]
    for (const [width, height, aspect] of boxes) {
      const w = Number(/w=(\d+)/.exec(thumbUrl(cover, { width, height }, aspect, 'h5'))![1])
      expect(IMAGE_VARIANT_WIDTHS).toContain(w)
      const served = w * Math.round(w / aspect)
      expect(Math.round(w / aspect)).toBeGreaterThanOrEqual(height) // sharp: never stretched
      expect(w).toBeGreaterThanOrEqual(width)
      expect(served / (width * height)).toBeLessThanOrEqual(1.5)
    }
  })

  it('prefixes the API origin in the mini-program', () => {
    expect(thumbUrl(cover, { width: 216, height: 160 }, undefined, 'weapp', 'https://api.example.com/api')).toBe(
      `https://api.example.com${variant(288)}`,
    )
  })

  it('leaves other URLs, variants and boxes wider than every variant as mediaUrl gives them', () => {
    expect(thumbUrl('https://wx.qlogo.cn/a/132', { width: 68, height: 68 }, 1, 'h5')).toBe('https://wx.qlogo.cn/a/132')
    expect(thumbUrl('/media/variants/w96/a-png.img', { width: 68, height: 68 }, 1, 'h5')).toBe(
      '/media/variants/w96/a-png.img',
    )
    expect(thumbUrl('/media/covers/a.svg', { width: 68, height: 68 }, 1, 'h5')).toBe('/media/covers/a.svg')
    expect(thumbUrl(cover, { width: 690, height: 388 }, undefined, 'h5')).toBe(cover)
    expect(thumbUrl(null, { width: 68, height: 68 })).toBe('')
  })
})
