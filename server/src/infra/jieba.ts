import type { Jieba } from '@node-rs/jieba'

let jieba: Jieba | null = null

/** The one jieba segmenter, loaded on first use (≈0.3 s for the dictionary), so the server starts without it. */
export function jiebaSegmenter(): Jieba {
  if (!jieba) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba')
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { dict } = require('@node-rs/jieba/dict') as typeof import('@node-rs/jieba/dict')
    jieba = JiebaClass.withDict(dict)
  }
  return jieba
}

/** Words of a text for search: jieba's search mode (long words and the words inside them). */
export const searchWords = (text: string): string[] => jiebaSegmenter().cutForSearch(text, true)
