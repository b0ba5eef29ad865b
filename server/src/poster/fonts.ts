import fs from 'node:fs'
import path from 'node:path'
import { canvasLib } from '../common/canvas'

/** The one family posters draw with. System fonts are never used: a fresh server has none, least of all Chinese. */
export const POSTER_FONT = 'Noto Sans SC'

const WEIGHTS = [400, 700] as const

interface Slices {
  dir: string
  /** Code point ranges, [lo, hi] pairs, each with its slice's name at the same index in `names`. */
  ranges: Uint32Array
  names: string[]
}

let slices: Slices | null = null
const registered = new Set<string>()

/**
 * @fontsource/noto-sans-sc splits the font into ~100 unicode-range slices per weight (`unicode.json`: slice name →
 * `U+4e00-4e0f,U+4e11,…`), as browsers load it. Read once.
 */
function loadSlices(): Slices {
  if (slices) return slices
  const pkg = path.dirname(require.resolve('@fontsource/noto-sans-sc/package.json'))
  const table = JSON.parse(fs.readFileSync(path.join(pkg, 'unicode.json'), 'utf8')) as Record<string, string>
  const pairs: number[] = []
  const names: string[] = []
  for (const [key, list] of Object.entries(table)) {
    const name = key.replace(/^\[(\d+)\]$/, '$1')
    for (const part of list.split(',')) {
      const m = /^U\+([0-9a-f]+)(?:-([0-9a-f]+))?$/i.exec(part.trim())
      if (!m) continue
      const lo = parseInt(m[1], 16)
      pairs.push(lo, m[2] ? parseInt(m[2], 16) : lo)
      names.push(name)
    }
  }
  if (!names.length) throw new Error(`no unicode ranges in ${pkg}/unicode.json`)
  slices = { dir: path.join(pkg, 'files'), ranges: Uint32Array.from(pairs), names }
  return slices
}

/**
 * Registers, under one family name, the slices of Noto Sans SC (regular and bold) that `text` needs and that are not
 * registered yet; Skia falls back from file to file for each glyph. Registering all ~200 files held ≈ 35 MB of font
 * data in every process that drew one poster; a poster's title, summary and labels need a few dozen slices, and the
 * common characters' slices are registered by the first posters. Without `text`, every slice (tests that measure
 * arbitrary text).
 */
export function ensurePosterFonts(text?: string): void {
  const { dir, ranges, names } = loadSlices()
  const wanted = new Set<string>()
  if (text === undefined) for (const name of names) wanted.add(name)
  else {
    for (const ch of new Set(text)) {
      const cp = ch.codePointAt(0)!
      for (let i = 0; i < names.length; i++) {
        if (cp >= ranges[2 * i] && cp <= ranges[2 * i + 1] && !registered.has(names[i])) wanted.add(names[i])
      }
    }
  }
  for (const name of wanted) {
    if (registered.has(name)) continue
    for (const weight of WEIGHTS) {
      const file = path.join(dir, `noto-sans-sc-${name}-${weight}-normal.woff2`)
      if (fs.existsSync(file)) canvasLib().GlobalFonts.registerFromPath(file, POSTER_FONT)
    }
    registered.add(name)
  }
}

/** How many slices are registered (for tests). */
export function registeredFontSlices(): number {
  return registered.size
}
