import fs from 'node:fs'
import path from 'node:path'
import { GlobalFonts } from '@napi-rs/canvas'

/** The one family posters draw with. System fonts are never used: a fresh server has none, least of all Chinese. */
export const POSTER_FONT = 'Noto Sans SC'

let registered = false

/**
 * Registers Noto Sans SC (regular and bold) from @fontsource/noto-sans-sc, once, on first use. The package splits the
 * font into ~100 unicode-range files per weight; registered under one family name, Skia falls back from file to file
 * for each glyph. About 200 files, ~200 ms, paid by the first poster only.
 */
export function ensurePosterFonts(): void {
  if (registered) return
  const dir = path.join(path.dirname(require.resolve('@fontsource/noto-sans-sc/package.json')), 'files')
  const files = fs.readdirSync(dir).filter((f) => /^noto-sans-sc-.+-(400|700)-normal\.woff2$/.test(f))
  if (files.length === 0) throw new Error(`no Noto Sans SC font files in ${dir}`)
  for (const file of files) GlobalFonts.registerFromPath(path.join(dir, file), POSTER_FONT)
  registered = true
}
