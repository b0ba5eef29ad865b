import { modelKeyOf, normalize } from '../text'
import type { SearchIndex } from './search-index'
import { partitionPoint } from './sorted'

export interface Suggestion {
  kind: 'model' | 'word' | 'category'
  text: string
  /** For a category: its id. */
  id?: number
}

/**
 * Suggestions while typing: model numbers by prefix of their key (best-ranked first), categories whose name holds
 * the input, and product words (whole words of names) that start with it, most frequent first. Built once per index:
 * sorted arrays and binary search, so a keystroke costs microseconds.
 */
export class Suggester {
  /** The best-ranked ordinal of each distinct model key, in key order. */
  private readonly models: Int32Array
  /** Product words in code-unit order (a prefix is one run, found by binary search), with how many products hold each. */
  private readonly words: string[]
  private readonly wordCounts: Int32Array

  constructor(
    private readonly index: SearchIndex,
    private readonly categories: Array<{ id: number; name: string; path: string }>,
  ) {
    // byModelKey is sorted by key, then ordinal: the first of each run of one key is its best-ranked product.
    const order = index.byModelKey
    const firsts: number[] = []
    let previous: string | null = null
    for (let i = 0; i < order.length; i++) {
      const key = index.modelKey(order[i])
      if (key !== previous) firsts.push(order[i])
      previous = key
    }
    this.models = Int32Array.from(firsts)
    const words = index
      .termsWithPrefix('w:', Infinity)
      .map((term) => ({ word: term.slice(2), count: index.count(term) }))
      .filter((w) => /\p{Script=Han}/u.test(w.word) && [...w.word].length >= 2)
      .sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))
    this.words = words.map((w) => w.word)
    this.wordCounts = Int32Array.from(words, (w) => w.count)
  }

  suggest(input: string, limit = 10): Suggestion[] {
    const text = normalize(input)
    if (!text) return []
    const out: Suggestion[] = []
    const seen = new Set<string>()
    const push = (s: Suggestion) => {
      if (out.length < limit && !seen.has(`${s.kind}:${s.text}`)) {
        seen.add(`${s.kind}:${s.text}`)
        out.push(s)
      }
    }
    const key = modelKeyOf(text)
    if (key.length >= 2 && /[A-Z0-9]/.test(key)) {
      for (const ordinal of this.modelsWithPrefix(key, 6)) push({ kind: 'model', text: this.index.model(ordinal) })
    }
    for (const c of this.categories) if (c.name.includes(text)) push({ kind: 'category', text: c.path, id: c.id })
    if (out.length < limit) for (const word of this.wordsWithPrefix(text, limit)) push({ kind: 'word', text: word })
    return out
  }

  /**
   * The `limit` most frequent words that start with `prefix` (the prefix itself excluded), most frequent first,
   * then in code-unit order: the prefix's run of the sorted words, found by binary search, and the best of it kept.
   */
  private wordsWithPrefix(prefix: string, limit: number): string[] {
    const { words, wordCounts } = this
    const lo = partitionPoint(words.length, (at) => words[at] < prefix)
    const best: number[] = []
    const before = (a: number, b: number) => wordCounts[a] > wordCounts[b] || (wordCounts[a] === wordCounts[b] && a < b)
    for (let i = lo; i < words.length && words[i].startsWith(prefix); i++) {
      if (words[i] === prefix) continue
      if (best.length === limit && !before(i, best[limit - 1])) continue
      let at = best.length < limit ? best.length : limit - 1
      best[at] = i
      while (at > 0 && before(i, best[at - 1])) {
        best[at] = best[at - 1]
        best[--at] = i
      }
    }
    return best.map((i) => words[i])
  }

  /** The best-ranked models whose key starts with `prefix` (looks at most 500 keys), as ordinals. */
  private modelsWithPrefix(prefix: string, limit: number): number[] {
    const { index, models } = this
    const lo = partitionPoint(models.length, (at) => index.modelKey(models[at]) < prefix)
    const hits: number[] = []
    for (let i = lo; i < models.length && i < lo + 500 && index.modelKey(models[i]).startsWith(prefix); i++) {
      hits.push(models[i])
    }
    return hits.sort((a, b) => a - b).slice(0, limit)
  }
}
