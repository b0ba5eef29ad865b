import { createHash } from 'node:crypto'
import { deflateSync } from 'node:zlib'

/**
 * Deterministic, dependency-free cover and avatar art for the demo content.
 *
 * Everything is derived from a seed string (an article slug, an author slug…): the same seed
 * always yields byte-identical PNGs. Output is 8-bit RGB, one IDAT, rows written with the
 * Sub filter (type 1), which keeps smooth gradients small after deflate.
 */

type Rgb = readonly [number, number, number]

/** Tasteful pairs: blues, teals, indigos and a few warm oranges for contrast. */
const PALETTE: readonly Rgb[] = [
  [18, 52, 120], // deep blue
  [33, 99, 186], // cobalt
  [52, 152, 219], // sky
  [22, 128, 140], // teal
  [38, 166, 154], // sea green
  [54, 61, 140], // indigo
  [92, 76, 180], // violet indigo
  [16, 37, 66], // night
  [236, 128, 52], // orange
  [244, 166, 90], // apricot
]

/** Small deterministic PRNG (mulberry32) seeded from SHA-256 of the seed string. */
class Rng {
  private state: number

  constructor(seed: string, salt: string) {
    this.state = createHash('sha256').update(`${salt}:${seed}`).digest().readUInt32LE(0)
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  range(min: number, max: number): number {
    return min + (max - min) * this.next()
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive)
  }
}

/** A floating-point RGB canvas we composite into before quantising to bytes. */
class Canvas {
  readonly data: Float32Array

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Float32Array(width * height * 3)
  }

  set(x: number, y: number, c: Rgb): void {
    const i = (y * this.width + x) * 3
    this.data[i] = c[0]
    this.data[i + 1] = c[1]
    this.data[i + 2] = c[2]
  }

  blend(x: number, y: number, c: Rgb, alpha: number): void {
    if (alpha <= 0 || x < 0 || y < 0 || x >= this.width || y >= this.height) return
    const a = Math.min(1, alpha)
    const i = (y * this.width + x) * 3
    this.data[i] += (c[0] - this.data[i]) * a
    this.data[i + 1] += (c[1] - this.data[i + 1]) * a
    this.data[i + 2] += (c[2] - this.data[i + 2]) * a
  }
}

const WHITE: Rgb = [255, 255, 255]

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t]
}

function smoothstep(t: number): number {
  const c = Math.min(1, Math.max(0, t))
  return c * c * (3 - 2 * c)
}

function pickPair(rng: Rng): [Rgb, Rgb] {
  const first = rng.int(PALETTE.length)
  let second = rng.int(PALETTE.length - 1)
  if (second >= first) second += 1
  return [PALETTE[first], PALETTE[second]]
}

/**
 * Fills the canvas with a diagonal gradient; `flip` mirrors the direction. The gradient is a
 * function of (x + k·y) for an integer k, so each row is the previous one shifted by k pixels:
 * after the Sub filter the rows repeat almost verbatim and deflate finds long matches.
 */
function paintGradient(canvas: Canvas, from: Rgb, to: Rgb, flip: boolean): void {
  const { width, height } = canvas
  const k = Math.max(1, Math.round(width / height))
  const span = Math.max(1, width - 1 + k * (height - 1))
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = flip ? width - 1 - x : x
      canvas.set(x, y, mix(from, to, smoothstep((u + k * y) / span)))
    }
  }
}

/** A soft, anti-aliased translucent disc. */
function paintCircle(canvas: Canvas, cx: number, cy: number, r: number, color: Rgb, alpha: number): void {
  const x0 = Math.max(0, Math.floor(cx - r - 2))
  const x1 = Math.min(canvas.width - 1, Math.ceil(cx + r + 2))
  const y0 = Math.max(0, Math.floor(cy - r - 2))
  const y1 = Math.min(canvas.height - 1, Math.ceil(cy + r + 2))
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy)
      const edge = Math.min(1, Math.max(0, r - d + 0.5))
      if (edge > 0) canvas.blend(x, y, color, alpha * edge)
    }
  }
}

/** An anti-aliased ring (circle outline) of the given stroke width. */
function paintRing(canvas: Canvas, cx: number, cy: number, r: number, stroke: number, color: Rgb, alpha: number): void {
  const outer = r + stroke / 2
  const x0 = Math.max(0, Math.floor(cx - outer - 2))
  const x1 = Math.min(canvas.width - 1, Math.ceil(cx + outer + 2))
  const y0 = Math.max(0, Math.floor(cy - outer - 2))
  const y1 = Math.min(canvas.height - 1, Math.ceil(cy + outer + 2))
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const d = Math.abs(Math.hypot(x + 0.5 - cx, y + 0.5 - cy) - r)
      const cover = Math.min(1, Math.max(0, stroke / 2 - d + 0.5))
      if (cover > 0) canvas.blend(x, y, color, alpha * cover)
    }
  }
}

/**
 * A sensor-like "signal": a damped sine whose amplitude swells in the middle of the frame,
 * drawn as an anti-aliased stroke by sampling the vertical distance to the curve per column.
 */
function paintSignal(canvas: Canvas, rng: Rng, color: Rgb, alpha: number, thickness: number): void {
  const { width, height } = canvas
  const baseY = height * rng.range(0.55, 0.72)
  const amplitude = height * rng.range(0.08, 0.16)
  const cycles = rng.range(2.5, 5.5)
  const phase = rng.range(0, Math.PI * 2)
  const centre = rng.range(0.35, 0.65)
  const curve = (x: number): number => {
    const u = x / width
    const envelope = 0.25 + 0.75 * Math.exp(-((u - centre) ** 2) / 0.045)
    return baseY + amplitude * envelope * Math.sin(u * cycles * Math.PI * 2 + phase)
  }
  const half = thickness / 2
  for (let x = 0; x < width; x++) {
    const yc = curve(x + 0.5)
    // slope-corrected distance keeps the stroke width even on steep parts of the wave
    const slope = (curve(x + 1.5) - curve(x - 0.5)) / 2
    const scale = Math.sqrt(1 + slope * slope)
    const reach = Math.ceil(half * scale + 2)
    for (let y = Math.floor(yc - reach); y <= Math.ceil(yc + reach); y++) {
      const d = Math.abs(y + 0.5 - yc) / scale
      const cover = Math.min(1, Math.max(0, half - d + 0.5))
      if (cover > 0) canvas.blend(x, y, color, alpha * cover)
    }
  }
}

// ---------------------------------------------------------------------------------------------
// PNG encoding

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** CRC-32 (ISO 3309 / PNG) of a byte sequence. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'ascii')
  data.copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Rows use the Sub filter (type 1): each byte minus the byte one pixel to its left. */
function encodePng(canvas: Canvas): Buffer {
  const { width, height, data } = canvas
  const stride = width * 3
  const raw = Buffer.alloc((stride + 1) * height)
  const row = new Uint8Array(stride)
  for (let y = 0; y < height; y++) {
    for (let i = 0; i < stride; i++) {
      row[i] = Math.min(255, Math.max(0, Math.round(data[y * stride + i])))
    }
    const offset = y * (stride + 1)
    raw[offset] = 1
    for (let i = 0; i < stride; i++) {
      const left = i >= 3 ? row[i - 3] : 0
      raw[offset + 1 + i] = (row[i] - left) & 0xff
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // colour type: truecolour RGB
  ihdr[10] = 0 // compression
  ihdr[11] = 0 // filter method
  ihdr[12] = 0 // no interlace
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function assertSize(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1 || value > 4096) {
    throw new RangeError(`${name} must be an integer between 1 and 4096, got ${value}`)
  }
}

// ---------------------------------------------------------------------------------------------
// Public API

/** An abstract article cover: diagonal gradient, soft translucent circles and a signal line. */
export function renderCover(seed: string, width = 640, height = 360): Buffer {
  assertSize('width', width)
  assertSize('height', height)
  const rng = new Rng(seed, 'cover')
  const canvas = new Canvas(width, height)
  const [from, to] = pickPair(rng)
  paintGradient(canvas, from, to, rng.next() < 0.5)

  const unit = Math.min(width, height)
  const circles = 2 + rng.int(2)
  for (let i = 0; i < circles; i++) {
    const tint = rng.next() < 0.7 ? WHITE : mix(from, WHITE, 0.6)
    paintCircle(
      canvas,
      rng.range(0, width),
      rng.range(0, height),
      unit * rng.range(0.12, 0.45),
      tint,
      rng.range(0.06, 0.16),
    )
  }
  if (rng.next() < 0.5) {
    // concentric "detection" rings around one point, like a radar or a sensing field
    const cx = rng.range(width * 0.6, width * 0.9)
    const cy = rng.range(height * 0.15, height * 0.45)
    for (let k = 1; k <= 3; k++) paintRing(canvas, cx, cy, unit * 0.07 * k, 1.6, WHITE, 0.28 - k * 0.06)
  }
  paintSignal(canvas, rng, WHITE, 0.75, Math.max(1.5, unit * 0.008))
  return encodePng(canvas)
}

/** A square avatar that still reads well when cropped to a circle. */
export function renderAvatar(seed: string, size = 160): Buffer {
  assertSize('size', size)
  const rng = new Rng(seed, 'avatar')
  const canvas = new Canvas(size, size)
  const [from, to] = pickPair(rng)
  paintGradient(canvas, from, to, rng.next() < 0.5)

  const c = size / 2
  const mark = rng.int(3)
  if (mark === 0) {
    // concentric rings with a centre dot: a sensing field
    paintCircle(canvas, c, c, size * 0.07, WHITE, 0.95)
    for (let k = 1; k <= 3; k++)
      paintRing(canvas, c, c, size * 0.1 * k, Math.max(1.5, size * 0.02), WHITE, 0.9 - k * 0.2)
  } else if (mark === 1) {
    // three overlapping discs
    const r = size * 0.16
    for (let k = 0; k < 3; k++) {
      const angle = (k / 3) * Math.PI * 2 - Math.PI / 2
      paintCircle(canvas, c + Math.cos(angle) * r * 0.8, c + Math.sin(angle) * r * 0.8, r, WHITE, 0.45)
    }
  } else {
    // a short signal trace across the middle third
    const inner = new Canvas(size, size)
    inner.data.set(canvas.data)
    paintSignal(inner, rng, WHITE, 0.95, Math.max(2, size * 0.035))
    const r = size * 0.36
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const d = Math.hypot(x + 0.5 - c, y + 0.5 - c)
        const keep = Math.min(1, Math.max(0, r - d + 0.5))
        const i = (y * size + x) * 3
        const src: Rgb = [inner.data[i], inner.data[i + 1], inner.data[i + 2]]
        canvas.blend(x, y, src, keep)
      }
    }
    paintRing(canvas, c, c, r, Math.max(1.5, size * 0.02), WHITE, 0.7)
  }
  return encodePng(canvas)
}
