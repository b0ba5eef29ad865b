import type { Canvas } from '@napi-rs/canvas'

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
