import { crc32 } from 'node:zlib'

/**
 * The same PNG with text chunks added before its end (IEND). The emulator's mini-program codes carry the scene and
 * page asked for this way, so tests and anyone checking a code by hand can read them without scanning it.
 */
export function withPngText(png: Buffer, text: Record<string, string>): Buffer {
  if (png.length < 20 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG')
  const iend = png.length - 12 // IEND is the last chunk: 4 bytes length, "IEND", no data, 4 bytes CRC
  if (png.toString('latin1', iend + 4, iend + 8) !== 'IEND') throw new Error('PNG does not end with IEND')
  // tEXt is Latin-1; scenes and pages are ASCII by WeChat's rules, so nothing is lost.
  const chunks = Object.entries(text).map(([key, value]) =>
    chunk('tEXt', Buffer.concat([Buffer.from(key, 'latin1'), Buffer.from([0]), Buffer.from(value, 'latin1')])),
  )
  return Buffer.concat([png.subarray(0, iend), ...chunks, png.subarray(iend)])
}

/** Reads the tEXt chunks back (for tests and for checking a code by hand). Throws when the bytes are not a PNG. */
export function readPngText(png: Buffer): Record<string, string> {
  if (png.length < 8 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG')
  const text: Record<string, string> = {}
  let at = 8
  while (at + 12 <= png.length) {
    const length = png.readUInt32BE(at)
    const type = png.toString('latin1', at + 4, at + 8)
    const data = png.subarray(at + 8, at + 8 + length)
    if (png.readUInt32BE(at + 8 + length) !== crc32(png.subarray(at + 4, at + 8 + length))) {
      throw new Error(`bad CRC in ${type}`)
    }
    if (type === 'tEXt') {
      const sep = data.indexOf(0)
      text[data.toString('latin1', 0, sep)] = data.toString('latin1', sep + 1)
    }
    at += 12 + length
  }
  return text
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}
