import { canvasLib, releaseCanvas } from './canvas'

// Loaded on first use (with Skia, common/canvas.ts), so the server starts without it.
/* eslint-disable @typescript-eslint/no-require-imports */
const qrcodeLib = (): typeof import('qrcode') => require('qrcode') as typeof import('qrcode')
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * A QR code of `text` as a square PNG `width` pixels wide: black modules of whole pixels on white, centred, with a
 * quiet zone of at least `margin` modules. The qrcode package encodes; Skia draws and compresses (qrcode's own PNG
 * writer is pure JavaScript and ~30 times slower).
 */
export function qrCodePng(text: string, width: number, margin = 4): Buffer {
  const { modules } = qrcodeLib().create(text, { errorCorrectionLevel: 'M' })
  const count = modules.size
  const moduleSize = Math.floor(width / (count + margin * 2))
  if (moduleSize < 1) throw new Error(`a ${width} px QR code cannot hold ${text.length} characters`)
  const offset = Math.floor((width - moduleSize * count) / 2)
  const canvas = canvasLib().createCanvas(width, width)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, width, width)
  ctx.fillStyle = '#000000'
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (modules.get(row, col))
        ctx.fillRect(offset + col * moduleSize, offset + row * moduleSize, moduleSize, moduleSize)
    }
  }
  const png = canvas.toBuffer('image/png')
  releaseCanvas(canvas)
  return png
}
