import type { Image, SKRSContext2D } from '@napi-rs/canvas'
import { canvasLib, imageLib, releaseCanvas } from '../common/canvas'
import { ensurePosterFonts, POSTER_FONT } from './fonts'
import { wrapText } from './text-wrap'

/**
 * Bump when the drawing below or its encoding changes: it is part of every poster's cache key, so old posters are not
 * served after a layout change. 2: palette PNG (compactPng).
 */
export const POSTER_LAYOUT_VERSION = 2

/** What a poster shows. Images arrive decoded; a missing cover or avatar is drawn in their place. */
export interface PosterContent {
  title: string
  summary: string
  authorName: string
  cover: Image | null
  avatar: Image | null
  /** The mini-program code. */
  code: Image
  /** Varies the generated band of an article without a cover. */
  seed: number
}

export const POSTER_WIDTH = 750
/** The white card sits on a soft background, MARGIN from each edge; text is PAD inside the card. */
const MARGIN = 24
const CARD_WIDTH = POSTER_WIDTH - MARGIN * 2
const PAD = 40
const LEFT = MARGIN + PAD
const TEXT_WIDTH = CARD_WIDTH - PAD * 2
const COVER_HEIGHT = Math.round((CARD_WIDTH * 9) / 16)
const BAND_HEIGHT = 280
const CODE_SIZE = 216
const RADIUS = 24

const PAGE = '#eef1f6'
const INK = '#1d2129'
const INK_2 = '#4e5969'
const INK_3 = '#86909c'
const LINE = '#dcdfe6'
const BRAND = '#1f6feb'
/** Pairs for the band drawn when an article has no cover: deep blues and teals of the app's palette. */
const BANDS: readonly [string, string][] = [
  ['#1f6feb', '#123478'],
  ['#16808c', '#0e3f5c'],
  ['#363d8c', '#1a1f4f'],
  ['#2163ba', '#10253f'],
]

/**
 * Every fixed text drawn below (labels, fallbacks, the ellipsis of wrapText): the fonts registered for a poster are
 * those its text and these need (poster-render.spec.ts checks that each string literal drawn here is covered).
 */
export const POSTER_LABELS = '无标题传感说传感器行业的深度阅读作者长按识别小程序码阅读全文·…'

const font = (size: number, bold = false) => `${bold ? 'bold ' : ''}${size}px "${POSTER_FONT}"`

/**
 * Draws a share poster, 750 px wide, as PNG: a white card on a soft background with the cover (or a generated band),
 * the title (≤ 3 lines), the summary (≤ 3 lines), the author, a dashed tear line, then the caption
 * 长按识别小程序码 / 阅读全文 · 传感说 beside the mini-program code. The height follows the text.
 */
export function renderPoster(content: PosterContent): Buffer {
  ensurePosterFonts(POSTER_LABELS + content.title + content.summary + content.authorName)
  // Measure first (on a scratch context), so the canvas is made at its final height.
  const scratch = canvasLib().createCanvas(1, 1).getContext('2d')
  scratch.font = font(44, true)
  const titleLines = wrapText(scratch, content.title.trim() || '无标题', TEXT_WIDTH, 3)
  scratch.font = font(28)
  const summaryLines = content.summary.trim() ? wrapText(scratch, content.summary.trim(), TEXT_WIDTH, 3) : []

  const headHeight = content.cover ? COVER_HEIGHT : BAND_HEIGHT
  const titleTop = MARGIN + headHeight + 44
  const titleLineHeight = 64
  const summaryTop = titleTop + titleLines.length * titleLineHeight + (summaryLines.length ? 12 : 0)
  const summaryLineHeight = 46
  const authorTop = summaryTop + summaryLines.length * summaryLineHeight + 32
  const tearY = authorTop + 64 + 40
  const footerTop = tearY + 40
  const cardBottom = footerTop + CODE_SIZE + 40
  const height = cardBottom + MARGIN

  const canvas = canvasLib().createCanvas(POSTER_WIDTH, height)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = PAGE
  ctx.fillRect(0, 0, POSTER_WIDTH, height)
  drawCard(ctx, cardBottom)

  // The head, clipped to the card's rounded top corners.
  ctx.save()
  ctx.beginPath()
  ctx.roundRect(MARGIN, MARGIN, CARD_WIDTH, headHeight, [RADIUS, RADIUS, 0, 0])
  ctx.clip()
  if (content.cover) drawCover(ctx, content.cover)
  else drawBand(ctx, content.seed)
  ctx.restore()
  if (content.cover) drawBrandTag(ctx)

  ctx.textBaseline = 'alphabetic'
  ctx.fillStyle = INK
  ctx.font = font(44, true)
  titleLines.forEach((line, i) => ctx.fillText(line, LEFT, titleTop + i * titleLineHeight + 46))

  ctx.fillStyle = INK_2
  ctx.font = font(28)
  summaryLines.forEach((line, i) => ctx.fillText(line, LEFT, summaryTop + i * summaryLineHeight + 32))

  drawAuthor(ctx, content.authorName, content.avatar, authorTop)
  drawTearLine(ctx, tearY)
  drawFooter(ctx, content.code, footerTop)
  const png = canvas.toBuffer('image/png')
  releaseCanvas(canvas)
  return png
}

function drawCard(ctx: SKRSContext2D, bottom: number): void {
  ctx.save()
  ctx.shadowColor = 'rgba(29, 33, 41, 0.08)'
  ctx.shadowBlur = 24
  ctx.shadowOffsetY = 6
  ctx.fillStyle = '#ffffff'
  ctx.beginPath()
  ctx.roundRect(MARGIN, MARGIN, CARD_WIDTH, bottom - MARGIN, RADIUS)
  ctx.fill()
  ctx.restore()
}

/** The cover scaled to fill the head and cropped in the middle, with a soft shade under the brand tag. */
function drawCover(ctx: SKRSContext2D, cover: Image): void {
  const scale = Math.max(CARD_WIDTH / cover.width, COVER_HEIGHT / cover.height)
  const w = cover.width * scale
  const h = cover.height * scale
  ctx.imageSmoothingQuality = 'high'
  ctx.drawImage(cover, MARGIN + (CARD_WIDTH - w) / 2, MARGIN + (COVER_HEIGHT - h) / 2, w, h)
  const shade = ctx.createLinearGradient(0, MARGIN, 0, MARGIN + 130)
  shade.addColorStop(0, 'rgba(0, 0, 0, 0.26)')
  shade.addColorStop(1, 'rgba(0, 0, 0, 0)')
  ctx.fillStyle = shade
  ctx.fillRect(MARGIN, MARGIN, CARD_WIDTH, 130)
}

/** No cover: a gradient band with faint rings (a sensor's signal) and the brand's name. */
function drawBand(ctx: SKRSContext2D, seed: number): void {
  const [from, to] = BANDS[Math.abs(seed) % BANDS.length]
  const gradient = ctx.createLinearGradient(MARGIN, MARGIN, MARGIN + CARD_WIDTH, MARGIN + BAND_HEIGHT)
  gradient.addColorStop(0, from)
  gradient.addColorStop(1, to)
  ctx.fillStyle = gradient
  ctx.fillRect(MARGIN, MARGIN, CARD_WIDTH, BAND_HEIGHT)
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.10)'
  ctx.lineWidth = 2
  for (let r = 60; r < 520; r += 56) {
    ctx.beginPath()
    ctx.arc(MARGIN + CARD_WIDTH - 80, MARGIN + BAND_HEIGHT + 20, r, 0, Math.PI * 2)
    ctx.stroke()
  }
  ctx.textBaseline = 'alphabetic'
  ctx.fillStyle = 'rgba(255, 255, 255, 0.94)'
  ctx.font = font(60, true)
  ctx.fillText('传感说', LEFT, MARGIN + BAND_HEIGHT - 70)
  ctx.fillStyle = 'rgba(255, 255, 255, 0.72)'
  ctx.font = font(26)
  ctx.fillText('传感器行业的深度阅读', LEFT, MARGIN + BAND_HEIGHT - 30)
}

/** A small 传感说 tag in the top-left corner of the cover (the band shows the name large already). */
function drawBrandTag(ctx: SKRSContext2D): void {
  ctx.font = font(22, true)
  const label = '传感说'
  const x = LEFT - 12
  const y = MARGIN + 28
  const width = ctx.measureText(label).width + 44
  ctx.fillStyle = 'rgba(0, 0, 0, 0.34)'
  roundRect(ctx, x, y, width, 44, 22)
  ctx.fill()
  ctx.fillStyle = '#ffffff'
  ctx.beginPath()
  ctx.arc(x + 20, y + 22, 5, 0, Math.PI * 2)
  ctx.fill()
  ctx.textBaseline = 'middle'
  ctx.fillText(label, x + 32, y + 23)
  ctx.textBaseline = 'alphabetic'
}

function drawAuthor(ctx: SKRSContext2D, name: string, avatar: Image | null, top: number): void {
  const size = 64
  const cx = LEFT + size / 2
  const cy = top + size / 2
  ctx.save()
  ctx.beginPath()
  ctx.arc(cx, cy, size / 2, 0, Math.PI * 2)
  ctx.clip()
  if (avatar) {
    // Cover-fit into the circle.
    const scale = Math.max(size / avatar.width, size / avatar.height)
    const w = avatar.width * scale
    const h = avatar.height * scale
    ctx.drawImage(avatar, cx - w / 2, cy - h / 2, w, h)
  } else {
    ctx.fillStyle = BRAND
    ctx.fillRect(LEFT, top, size, size)
    ctx.fillStyle = '#ffffff'
    ctx.font = font(28, true)
    ctx.textAlign = 'center'
    ctx.textBaseline = 'middle'
    ctx.fillText([...name.trim()][0] ?? '传', cx, cy + 1)
    ctx.textAlign = 'left'
    ctx.textBaseline = 'alphabetic'
  }
  ctx.restore()
  const nameX = LEFT + size + 20
  ctx.fillStyle = INK
  ctx.font = font(28, true)
  const [shown] = wrapText(ctx, name.trim() || '传感说', TEXT_WIDTH - size - 20, 1)
  ctx.fillText(shown, nameX, top + 29)
  ctx.fillStyle = INK_3
  ctx.font = font(22)
  ctx.fillText('作者', nameX, top + 60)
}

/** A dashed line across the card with a half-circle notch cut at each edge, like a ticket's tear line. */
function drawTearLine(ctx: SKRSContext2D, y: number): void {
  ctx.fillStyle = PAGE
  for (const x of [MARGIN, MARGIN + CARD_WIDTH]) {
    ctx.beginPath()
    ctx.arc(x, y, 14, 0, Math.PI * 2)
    ctx.fill()
  }
  ctx.strokeStyle = LINE
  ctx.lineWidth = 2
  ctx.setLineDash([10, 8])
  ctx.beginPath()
  ctx.moveTo(MARGIN + 30, y)
  ctx.lineTo(MARGIN + CARD_WIDTH - 30, y)
  ctx.stroke()
  ctx.setLineDash([])
}

/** The caption on the left, the code on the right. */
function drawFooter(ctx: SKRSContext2D, code: Image, top: number): void {
  const codeX = MARGIN + CARD_WIDTH - PAD - CODE_SIZE
  ctx.imageSmoothingQuality = 'high'
  ctx.drawImage(code, codeX, top, CODE_SIZE, CODE_SIZE)

  const middle = top + CODE_SIZE / 2
  // A short brand-coloured stroke above the caption.
  ctx.fillStyle = BRAND
  roundRect(ctx, LEFT, middle - 82, 44, 8, 4)
  ctx.fill()
  ctx.fillStyle = INK
  ctx.font = font(34, true)
  ctx.fillText('长按识别小程序码', LEFT, middle - 8)
  ctx.fillStyle = INK_3
  ctx.font = font(26)
  ctx.fillText('阅读全文·传感说', LEFT, middle + 40)
}

function roundRect(ctx: SKRSContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath()
  ctx.roundRect(x, y, w, h, r)
}

/** libimagequant's fastest setting: half the time of its default on a poster, and no visible difference. */
const QUANTIZE_SPEED = 10

/** What a served poster may weigh (the share sheet downloads it on a phone's connection). */
export const POSTER_MAX_BYTES = 120 * 1024

/**
 * A drawn poster as a palette PNG (libimagequant, ≤ 256 colours with dithering): about a quarter of the full-colour
 * PNG's bytes (≈ 50 KB instead of ≈ 190 KB for a poster with a drawn cover), looking the same, and still a PNG, which
 * WeChat saves to the album as it is (WebP it does not); the mini-program code, black on white, stays exact. A noisy
 * photo cover can dither past POSTER_MAX_BYTES: then fewer colours are tried, down to 16 (the last is kept whatever its
 * size). Quantising runs off the event loop (≈ 0.5 s, more for a retry), once per poster: the result is cached by content.
 */
export async function compactPng(png: Buffer): Promise<Buffer> {
  const { pngQuantize } = imageLib()
  let out = await pngQuantize(png, { minQuality: 70, maxQuality: 95, speed: QUANTIZE_SPEED })
  for (const colors of [64, 32, 16]) {
    if (out.length <= POSTER_MAX_BYTES) break
    out = await pngQuantize(png, { colors, speed: QUANTIZE_SPEED })
  }
  return out
}

/** Any image WeChat or a store hands us, as PNG bytes (WeChat's codes may be JPEG whatever their label says). */
export async function toPng(bytes: Buffer): Promise<Buffer> {
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return bytes
  const { createCanvas, loadImage } = canvasLib()
  const image = await loadImage(bytes)
  const canvas = createCanvas(image.width, image.height)
  canvas.getContext('2d').drawImage(image, 0, 0)
  const png = canvas.toBuffer('image/png')
  releaseCanvas(canvas)
  return png
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
