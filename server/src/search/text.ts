import { modelKeyOf } from '@chuangan/shared'
import { latinTokens, looksLikeModel, normalize } from '../catalog/model-numbers'

/**
 * Text as the search index sees it: full-width folded to half-width, Latin lower-cased, white space collapsed;
 * model numbers without case and punctuation; Chinese as overlapping two-character pieces (bigrams), which find
 * two-character words (压力, 霍尔) and words inside words that a segmenter keeps whole.
 */

/** A model number as compared (one rule for the importer and search, in the contract). */
export { modelKeyOf }

/** Folding, tokens and the model-number test live with the catalogue (shared with mentions/). */
export { latinTokens, looksLikeModel, normalize }

const HAN = /\p{Script=Han}/u
export const isHan = (char: string): boolean => HAN.test(char)

/** Runs of Chinese characters in a text. */
export function hanRuns(text: string): string[] {
  return text.match(/\p{Script=Han}+/gu) ?? []
}

/** The overlapping two-character pieces of a run of Chinese (a one-character run gives none). */
export function bigrams(run: string): string[] {
  const chars = [...run]
  const out: string[] = []
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1])
  return out
}

/** Levenshtein distance ≤ 1 between `a` and some substring of `text` (one mistyped, missing or extra character). */
export function containsWithinOneEdit(text: string, a: string): boolean {
  if (text.includes(a)) return true
  const n = a.length
  if (n < 4) return false // too short for a typo to mean anything
  // Approximate substring matching (Sellers): row[j] = best distance of a[0..i) ending at text[j].
  const m = text.length
  let prev = new Int32Array(m + 1)
  let row = new Int32Array(m + 1)
  for (let i = 1; i <= n; i++) {
    row[0] = i
    let best = i
    const c = a.charCodeAt(i - 1)
    for (let j = 1; j <= m; j++) {
      const cost = c === text.charCodeAt(j - 1) ? 0 : 1
      const v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
      row[j] = v
      if (v < best) best = v
    }
    if (best > 1) return false // every later row is at least as far
    ;[prev, row] = [row, prev]
  }
  let best = Infinity
  for (let j = 0; j <= m; j++) best = Math.min(best, prev[j])
  return best <= 1
}
