// Draws the tabBar icons (81×81 RGBA PNG, normal + selected) with nothing but node:zlib.
// Run: node scripts/make-icons.mjs  → src/assets/tabbar/{home,search,me}{,-active}.png
import { writeFileSync, mkdirSync } from 'node:fs'
import { deflateSync } from 'node:zlib'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SIZE = 81
const SAMPLES = 4 // per axis: 16 samples per pixel for smooth edges
const GREY = [0x8a, 0x8f, 0x99]
const BLUE = [0x1f, 0x6f, 0xeb]
const outDir = join(dirname(fileURLToPath(import.meta.url)), '../src/assets/tabbar')

// Shapes are predicates over (x, y) in a 0..1 unit square.
const inCircle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r
const inRing = (cx, cy, r, w) => (x, y) => {
  const d = Math.hypot(x - cx, y - cy)
  return d <= r && d >= r - w
}
const inRect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1
const inTriangle = (ax, ay, bx, by, cx, cy) => (x, y) => {
  const s = (px, py, qx, qy) => (x - qx) * (py - qy) - (px - qx) * (y - qy)
  const d1 = s(ax, ay, bx, by)
  const d2 = s(bx, by, cx, cy)
  const d3 = s(cx, cy, ax, ay)
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0))
}
// a thick segment from (x0,y0) to (x1,y1)
const inBar = (x0, y0, x1, y1, w) => (x, y) => {
  const dx = x1 - x0
  const dy = y1 - y0
  const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(x - (x0 + t * dx), y - (y0 + t * dy)) <= w / 2
}
const union =
  (...fs) =>
  (x, y) =>
    fs.some((f) => f(x, y))
const minus = (f, g) => (x, y) => f(x, y) && !g(x, y)

const shapes = {
  home: minus(
    union(inTriangle(0.5, 0.12, 0.08, 0.5, 0.92, 0.5), inRect(0.2, 0.45, 0.8, 0.88)),
    inRect(0.42, 0.62, 0.58, 0.88),
  ),
  search: union(inRing(0.42, 0.42, 0.3, 0.09), inBar(0.63, 0.63, 0.88, 0.88, 0.12)),
  me: union(inCircle(0.5, 0.3, 0.18), minus(inCircle(0.5, 0.95, 0.4), inRect(0, 0.9, 1, 1))),
}

function crc32(buf) {
  let c = ~0
  for (const b of buf) {
    c ^= b
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1))
  }
  return ~c >>> 0
}

function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

function png(shape, [r, g, b]) {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1)) // each row starts with filter byte 0
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let hits = 0
      for (let sy = 0; sy < SAMPLES; sy++)
        for (let sx = 0; sx < SAMPLES; sx++)
          if (shape((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE)) hits++
      const o = py * (SIZE * 4 + 1) + 1 + px * 4
      raw[o] = r
      raw[o + 1] = g
      raw[o + 2] = b
      raw[o + 3] = Math.round((255 * hits) / (SAMPLES * SAMPLES))
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(SIZE, 0)
  ihdr.writeUInt32BE(SIZE, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

mkdirSync(outDir, { recursive: true })
for (const [name, shape] of Object.entries(shapes)) {
  writeFileSync(join(outDir, `${name}.png`), png(shape, GREY))
  writeFileSync(join(outDir, `${name}-active.png`), png(shape, BLUE))
}
console.log(`wrote ${Object.keys(shapes).length * 2} icons to ${outDir}`)
