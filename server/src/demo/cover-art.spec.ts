import { crc32, renderAvatar, renderCover } from './cover-art'

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

interface Chunk {
  type: string
  data: Buffer
  crc: number
  computed: number
}

function readChunks(png: Buffer): Chunk[] {
  const chunks: Chunk[] = []
  let offset = 8
  while (offset < png.length) {
    const length = png.readUInt32BE(offset)
    const type = png.toString('ascii', offset + 4, offset + 8)
    const data = png.subarray(offset + 8, offset + 8 + length)
    const crc = png.readUInt32BE(offset + 8 + length)
    const computed = crc32(png.subarray(offset + 4, offset + 8 + length))
    chunks.push({ type, data, crc, computed })
    offset += 12 + length
  }
  expect(offset).toBe(png.length)
  return chunks
}

function expectValidPng(png: Buffer, width: number, height: number): void {
  expect([...png.subarray(0, 8)]).toEqual(SIGNATURE)
  const chunks = readChunks(png)
  expect(chunks[0].type).toBe('IHDR')
  expect(chunks[chunks.length - 1].type).toBe('IEND')
  expect(chunks.some((c) => c.type === 'IDAT')).toBe(true)
  const ihdr = chunks[0].data
  expect(ihdr.readUInt32BE(0)).toBe(width)
  expect(ihdr.readUInt32BE(4)).toBe(height)
  expect(ihdr[8]).toBe(8) // bit depth
  expect(ihdr[9]).toBe(2) // RGB
  for (const c of chunks) expect(c.crc).toBe(c.computed)
}

describe('crc32', () => {
  it('matches the reference value for "123456789"', () => {
    expect(crc32(Buffer.from('123456789', 'ascii'))).toBe(0xcbf43926)
  })
})

describe('renderCover', () => {
  it('produces a valid 640×360 PNG with correct chunk CRCs', () => {
    expectValidPng(renderCover('mems-pressure-zero-drift'), 640, 360)
  })

  it('honours custom dimensions', () => {
    expectValidPng(renderCover('lidar', 320, 180), 320, 180)
  })

  it('is deterministic for a seed and differs between seeds', () => {
    const a = renderCover('lidar-905nm-vs-1550nm')
    expect(renderCover('lidar-905nm-vs-1550nm').equals(a)).toBe(true)
    expect(renderCover('ndir-co2-sensor-principle').equals(a)).toBe(false)
  })

  it('stays under 40 KB at 640×360', () => {
    for (let i = 0; i < 8; i++) {
      expect(renderCover(`seed-${i}`).length).toBeLessThan(40 * 1024)
    }
  })

  it('rejects nonsensical sizes', () => {
    expect(() => renderCover('x', 0, 10)).toThrow(RangeError)
  })
})

describe('renderAvatar', () => {
  it('produces a valid square PNG, deterministic per seed', () => {
    const a = renderAvatar('lin-weiming')
    expectValidPng(a, 160, 160)
    expect(renderAvatar('lin-weiming').equals(a)).toBe(true)
    expect(renderAvatar('zhou-yanqiu').equals(a)).toBe(false)
    expect(a.length).toBeLessThan(16 * 1024)
  })
})
