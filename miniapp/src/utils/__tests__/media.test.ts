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
  /** The list boxes in design px (their index.css) and the aspect of what they show. */
  const boxes: [string, number, number, number][] = [
    ['feed card cover', 216, 160, 16 / 9],
    ['brief cover', 168, 112, 16 / 9],
    ['periodical cover', 150, 200, 3 / 4],
    ['comment avatar', 68, 68, 1],
    ['reply avatar', 48, 48, 1],
    ['conversation avatar', 88, 88, 1],
  ]

  it('asks for the smallest variant that fills the box with aspectFill (16:9 covers by default)', () => {
    // A 375 pt phone at pixel ratio 2 (design px = device px): the feed card's height decides (160 × 16/9 ≈ 284).
    expect(thumbUrl(cover, { width: 216, height: 160 }, undefined, 1, 'h5')).toBe(variant(288))
    expect(thumbUrl(cover, { width: 168, height: 112 }, undefined, 1, 'h5')).toBe(variant(208))
    expect(thumbUrl(cover, { width: 88, height: 88 }, 1, 1, 'h5')).toBe(variant(96))
    // The H5 build draws a design px as 0.4 CSS px: 0.8 device px at ratio 2.
    expect(thumbUrl(cover, { width: 216, height: 160 }, undefined, 0.8, 'h5')).toBe(variant(240))
    // A 414 pt phone at ratio 3: 216 design px are 358 device px.
    expect(thumbUrl(cover, { width: 216, height: 120 }, undefined, (414 / 750) * 3, 'h5')).toBe(variant(360))
  })

  it('loads at most 1.5 × the shown pixels of every list box, never fewer than shown', () => {
    for (const scale of [1, 0.8]) {
      for (const [name, width, height, aspect] of boxes) {
        const url = thumbUrl(cover, { width, height }, aspect, scale, 'h5')
        const w = Number(/w=(\d+)/.exec(url)![1])
        const h = Math.round(w / aspect)
        const shown = [width * scale, height * scale]
        expect({ name, scale, listed: (IMAGE_VARIANT_WIDTHS as readonly number[]).includes(w) }).toEqual({
          name,
          scale,
          listed: true,
        })
        expect({ name, scale, sharp: w >= shown[0] - 0.5 && h >= shown[1] - 0.5 }).toEqual({ name, scale, sharp: true })
        expect({ name, scale, lean: (w * h) / (shown[0] * shown[1]) <= 1.5 }).toEqual({ name, scale, lean: true })
      }
    }
  })

  it('prefixes the API origin in the mini-program', () => {
    expect(thumbUrl(cover, { width: 216, height: 160 }, undefined, 1, 'weapp', 'https://api.example.com/api')).toBe(
      `https://api.example.com${variant(288)}`,
    )
  })

  it('leaves other URLs, variants and boxes wider than every variant as mediaUrl gives them', () => {
    expect(thumbUrl('https://wx.qlogo.cn/a/132', { width: 68, height: 68 }, 1, 1, 'h5')).toBe(
      'https://wx.qlogo.cn/a/132',
    )
    expect(thumbUrl('/media/variants/w96/a-png.img', { width: 68, height: 68 }, 1, 1, 'h5')).toBe(
      '/media/variants/w96/a-png.img',
    )
    expect(thumbUrl('/media/covers/a.svg', { width: 68, height: 68 }, 1, 1, 'h5')).toBe('/media/covers/a.svg')
    expect(thumbUrl(cover, { width: 690, height: 388 }, undefined, 1, 'h5')).toBe(cover)
    expect(thumbUrl(null, { width: 68, height: 68 })).toBe('')
  })
})
