import fs from 'node:fs'
import path from 'node:path'
import { createCanvas, loadImage } from '@napi-rs/canvas'
import { POSTER_FONT, ensurePosterFonts, registeredFontSlices } from './fonts'
import { POSTER_LABELS, toPng } from './poster-render'
import { wrapText } from './text-wrap'

describe('poster fonts', () => {
  it('registers only the slices a text needs, once', () => {
    // Before the wrapText tests, which register every slice.
    ensurePosterFonts('压力')
    const few = registeredFontSlices()
    expect(few).toBeGreaterThanOrEqual(1)
    expect(few).toBeLessThanOrEqual(2)
    ensurePosterFonts('压力')
    expect(registeredFontSlices()).toBe(few)
    ensurePosterFonts('Wheatstone 电桥')
    expect(registeredFontSlices()).toBeGreaterThan(few)
  })

  it('knows every fixed text the poster draws (its string literals are in POSTER_LABELS)', () => {
    const source = fs.readFileSync(path.join(__dirname, 'poster-render.ts'), 'utf8')
    const literals = [...source.matchAll(/'([^'\n]*)'/g)]
      .map((m) => m[1])
      .filter((t) => [...t].some((ch) => ch.charCodeAt(0) > 0x7f))
    expect(literals.length).toBeGreaterThan(5)
    const labels = new Set(POSTER_LABELS)
    const missing = [...new Set(literals.join(''))].filter((ch) => ch !== ' ' && !labels.has(ch))
    expect(missing).toEqual([])
  })
})

describe('wrapText', () => {
  let ctx: ReturnType<ReturnType<typeof createCanvas>['getContext']>
  beforeAll(() => {
    ensurePosterFonts()
    ctx = createCanvas(1, 1).getContext('2d')
    ctx.font = `28px "${POSTER_FONT}"`
  })
  const width = (text: string) => ctx.measureText(text).width

  it('keeps short text on one line', () => {
    expect(wrapText(ctx, '温漂补偿', 600, 3)).toEqual(['温漂补偿'])
  })

  it('fills lines up to the width, at most maxLines, and ends the last with … when text is left', () => {
    const text = '传感器'.repeat(60)
    const lines = wrapText(ctx, text, 300, 3)
    expect(lines).toHaveLength(3)
    for (const line of lines) expect(width(line)).toBeLessThanOrEqual(300)
    expect(lines[2].endsWith('…')).toBe(true)
    expect(lines.slice(0, 2).join('')).toBe(text.slice(0, lines[0].length + lines[1].length))
  })

  it('does not end with … when everything fits', () => {
    const lines = wrapText(ctx, '传感器'.repeat(6), 200, 3)
    expect(lines.join('')).toBe('传感器'.repeat(6))
    expect(lines.at(-1)!.endsWith('…')).toBe(false)
  })

  it('keeps Latin words whole, breaks a word longer than a line, and hangs closing punctuation', () => {
    const lines = wrapText(ctx, 'MEMS 压力传感器 Wheatstone bridge', width('MEMS 压力传感器 Wheat'), 3)
    expect(lines[0]).toBe('MEMS 压力传感器')
    expect(lines[1].startsWith('Wheatstone')).toBe(true)
    const long = wrapText(ctx, 'x'.repeat(200), 100, 2)
    expect(long).toHaveLength(2)
    expect(width(long[0])).toBeLessThanOrEqual(100)
    // The full stop would start the second line: it stays on the first, past the width.
    const text = '传感器传感器。后文'
    const hung = wrapText(ctx, text, width('传感器传感器'), 3)
    expect(hung[0]).toBe('传感器传感器。')
    expect(hung[1]).toBe('后文')
  })
})

describe('toPng', () => {
  it('passes PNG through and turns JPEG (what WeChat may send) into PNG of the same size', async () => {
    const canvas = createCanvas(280, 280)
    canvas.getContext('2d').fillRect(0, 0, 140, 140)
    const png = canvas.toBuffer('image/png')
    expect(await toPng(png)).toBe(png)
    const converted = await toPng(canvas.toBuffer('image/jpeg'))
    expect(converted.subarray(1, 4).toString('latin1')).toBe('PNG')
    const image = await loadImage(converted)
    expect([image.width, image.height]).toEqual([280, 280])
  })
})
