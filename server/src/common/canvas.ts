import type { Canvas } from '@napi-rs/canvas'

// Skia (@napi-rs/canvas) and the PNG quantiser (@napi-rs/image) are loaded on first use: requiring Skia alone takes
// ≈ 0.13 s and maps ≈ 30 MB, which a server that draws no poster or image variant (most starts) never needs.
/* eslint-disable @typescript-eslint/no-require-imports */
export const canvasLib = (): typeof import('@napi-rs/canvas') =>
  require('@napi-rs/canvas') as typeof import('@napi-rs/canvas')
export const imageLib = (): typeof import('@napi-rs/image') =>
  require('@napi-rs/image') as typeof import('@napi-rs/image')
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Frees a canvas's pixels now instead of at some later garbage collection: @napi-rs/canvas holds them in native
 * memory V8 does not weigh, so encoded and dropped canvases piled up (ten 750 × 1300 posters: 39 MB resident until a
 * collection, 6 MB with this). Resizing a canvas replaces its surface; a 1 × 1 one is left. Call it once the canvas is
 * encoded and will not be drawn on again.
 */
export function releaseCanvas(canvas: Canvas): void {
  canvas.width = 1
  canvas.height = 1
}
