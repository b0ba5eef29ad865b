import { createCanvas } from '@napi-rs/canvas'
import { releaseCanvas } from './canvas'

describe('releaseCanvas', () => {
  it("frees an encoded canvas's pixels at once: 20 posters' canvases grow RSS by less than 30 MB (78 MB kept)", () => {
    const draw = () => {
      const canvas = createCanvas(750, 1300)
      const ctx = canvas.getContext('2d')
      ctx.fillStyle = '#1f6feb'
      ctx.fillRect(0, 0, 750, 1300)
      const png = canvas.toBuffer('image/png')
      releaseCanvas(canvas)
      return { canvas, png }
    }
    draw()
    const before = process.memoryUsage().rss
    const kept = Array.from({ length: 20 }, draw) // still reachable: only the release frees their surfaces
    expect((process.memoryUsage().rss - before) / 1048576).toBeLessThan(30)
    expect(kept.every(({ canvas, png }) => canvas.width === 1 && png.length > 0)).toBe(true)
  })
})
