import fs from 'node:fs'
import type { Jieba } from '@node-rs/jieba'

let jieba: Jieba | null = null

/** The one jieba segmenter, loaded on first use (≈0.3 s for the dictionary), so the server starts without it. */
export function jiebaSegmenter(): Jieba {
  if (!jieba) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba')
    // The dictionary file read here, not through '@node-rs/jieba/dict': that module keeps its 5 MB dictionary and a
    // 6 MB IDF table (unused) alive in the module cache for the life of the process; this buffer is garbage once
    // jieba has built its own structures from it.
    jieba = JiebaClass.withDict(fs.readFileSync(require.resolve('@node-rs/jieba/dict.txt')))
  }
  return jieba
}

/** Words of a text for search: jieba's search mode (long words and the words inside them). */
export const searchWords = (text: string): string[] => jiebaSegmenter().cutForSearch(text, true)
