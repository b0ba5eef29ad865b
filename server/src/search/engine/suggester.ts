import { modelKeyOf, normalize } from '../text'
import type { SearchIndex } from './search-index'

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
  /** Model keys sorted, each with the best ordinal (static rank) of a product carrying it. */
  private readonly models: Array<{ key: string; model: string; ordinal: number }>
  private readonly words: Array<{ word: string; count: number }>

  constructor(
    index: SearchIndex,
    private readonly categories: Array<{ id: number; name: string; path: string }>,
  ) {
    const best = new Map<string, { key: string; model: string; ordinal: number }>()
    index.modelKeys.forEach((key, ordinal) => {
      const current = best.get(key)
      if (!current || ordinal < current.ordinal) best.set(key, { key, model: index.models[ordinal], ordinal })
    })
    this.models = [...best.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    this.words = index
      .termsWithPrefix('w:', Infinity)
      .map((term) => ({ word: term.slice(2), count: index.posting(term)!.length }))
      .filter((w) => /\p{Script=Han}/u.test(w.word) && [...w.word].length >= 2)
      .sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : 1))
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
      for (const m of this.modelsWithPrefix(key, 6)) push({ kind: 'model', text: m.model })
    }
    for (const c of this.categories) if (c.name.includes(text)) push({ kind: 'category', text: c.path, id: c.id })
    for (const w of this.words) {
      if (out.length >= limit) break
      if (w.word.startsWith(text) && w.word !== text) push({ kind: 'word', text: w.word })
    }
    return out
  }

  /** The best-ranked models whose key starts with `prefix` (looks at most 500 keys). */
  private modelsWithPrefix(prefix: string, limit: number) {
    let lo = 0
    let hi = this.models.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.models[mid].key < prefix) lo = mid + 1
      else hi = mid
    }
    const hits: Array<{ model: string; ordinal: number }> = []
    for (let i = lo; i < this.models.length && i < lo + 500 && this.models[i].key.startsWith(prefix); i++) {
      hits.push(this.models[i])
    }
    return hits.sort((a, b) => a.ordinal - b.ordinal).slice(0, limit)
  }
}
