import fs from 'node:fs'
import type { Jieba } from '@node-rs/jieba'

type JiebaModule = typeof import('@node-rs/jieba')
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jiebaModule = (): JiebaModule => require('@node-rs/jieba') as JiebaModule
const dictFile = (): string => require.resolve('@node-rs/jieba/dict.txt')

let jieba: Jieba | null = null

/**
 * The one full jieba segmenter, loaded on first use (≈0.3 s for the dictionary). Its dictionary takes ≈ 45 MB of
 * native memory for the life of the thread that loads it: bulk segmentation only (the embedded index's build in its
 * worker thread, the PostgreSQL engine's search documents). Queries and articles use `searchWords` / `cutWords`.
 */
export function jiebaSegmenter(): Jieba {
  if (!jieba) {
    const { Jieba: JiebaClass } = jiebaModule()
    // The dictionary file read here, not through '@node-rs/jieba/dict': that module keeps its 5 MB dictionary and a
    // 6 MB IDF table (unused) alive in the module cache for the life of the process; this buffer is garbage once
    // jieba has built its own structures from it.
    jieba = JiebaClass.withDict(fs.readFileSync(dictFile()))
  }
  return jieba
}

/** Words of a text for search with the full dictionary in memory (fast; for segmenting a whole catalogue). */
export const bulkSearchWords = (text: string): string[] => jiebaSegmenter().cutForSearch(text, true)

/**
 * jieba's dictionary held compactly (≈ 7 MB instead of jieba's ≈ 45 MB): each word's UTF-16 code units in one pool,
 * its frequency, and an open-addressing hash table over the words.
 */
class CompactDictionary {
  private constructor(
    private readonly pool: Uint16Array,
    private readonly starts: Uint32Array,
    private readonly freqs: Uint32Array,
    private readonly table: Uint32Array,
    /** The sum of every word's frequency (jieba's `total`). */
    readonly total: number,
    readonly longest: number,
  ) {}

  /** Parses jieba's dictionary format (`word [freq [tag]]` a line; a word listed again takes its last frequency). */
  static parse(bytes: Uint8Array): CompactDictionary {
    let lines = 0
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) lines++
    lines++
    const pool = new Uint16Array(bytes.length)
    const starts = new Uint32Array(lines + 1)
    const freqs = new Uint32Array(lines)
    let size = 1
    while (size < lines * 1.5) size <<= 1
    const table = new Uint32Array(size)
    const mask = size - 1
    let n = 0
    let at = 0
    let longest = 0
    let i = 0
    const space = (b: number) => b === 32 || b === 9 || b === 13 || b === 11 || b === 12
    while (i < bytes.length) {
      while (i < bytes.length && space(bytes[i])) i++
      const start = at
      // The word: UTF-8 decoded into UTF-16 code units.
      while (i < bytes.length && bytes[i] !== 10 && !space(bytes[i])) {
        const b = bytes[i]
        let cp: number
        if (b < 0x80) {
          cp = b
          i += 1
        } else if (b < 0xe0) {
          cp = ((b & 0x1f) << 6) | (bytes[i + 1] & 0x3f)
          i += 2
        } else if (b < 0xf0) {
          cp = ((b & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f)
          i += 3
        } else {
          cp = ((b & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f)
          i += 4
        }
        if (cp > 0xffff) {
          cp -= 0x10000
          pool[at++] = 0xd800 + (cp >> 10)
          pool[at++] = 0xdc00 + (cp & 0x3ff)
        } else pool[at++] = cp
      }
      while (i < bytes.length && bytes[i] !== 10 && space(bytes[i])) i++
      let freq = 0
      while (i < bytes.length && bytes[i] >= 48 && bytes[i] <= 57) freq = freq * 10 + (bytes[i++] - 48)
      while (i < bytes.length && bytes[i] !== 10) i++
      i++
      if (at === start) continue
      const length = at - start
      let h = 0
      for (let k = start; k < at; k++) h = (Math.imul(h, 31) + pool[k]) | 0
      let slot = mix(h) & mask
      let existing = -1
      while (table[slot] !== 0) {
        const id = table[slot] - 1
        if (starts[id + 1] - starts[id] === length && sameUnits(pool, starts[id], pool, start, length)) {
          existing = id
          break
        }
        slot = (slot + 1) & mask
      }
      if (existing >= 0) {
        freqs[existing] = freq
        at = start
        continue
      }
      starts[n] = start
      starts[n + 1] = at
      freqs[n] = freq
      table[slot] = ++n
      if (length > longest) longest = length
    }
    let total = 0
    for (let k = 0; k < n; k++) total += freqs[k]
    return new CompactDictionary(pool.slice(0, at), starts.slice(0, n + 1), freqs.slice(0, n), table, total, longest)
  }

  /**
   * Every dictionary word found anywhere in `text` (each once) and not yet in `seen`, as `word freq` lines of
   * jieba's format; their ids are added to `seen`.
   */
  entriesIn(text: string, seen = new Set<number>()): { lines: string; sum: number } {
    const { pool, starts, freqs, table } = this
    const mask = table.length - 1
    let lines = ''
    let sum = 0
    for (let i = 0; i < text.length; i++) {
      let h = 0
      for (let d = 0; d < this.longest && i + d < text.length; d++) {
        h = (Math.imul(h, 31) + text.charCodeAt(i + d)) | 0
        const length = d + 1
        for (let slot = mix(h) & mask; table[slot] !== 0; slot = (slot + 1) & mask) {
          const id = table[slot] - 1
          const start = starts[id]
          if (starts[id + 1] - start !== length) continue
          let same = true
          for (let k = 0; k < length && same; k++) same = pool[start + k] === text.charCodeAt(i + k)
          if (!same) continue
          if (!seen.has(id)) {
            seen.add(id)
            lines += `${text.slice(i, i + length)} ${freqs[id]}\n`
            sum += freqs[id]
          }
          break
        }
      }
    }
    return { lines, sum }
  }
}

/** Spreads a word's rolling hash over the table's slots (murmur3's finalizer). */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return h ^ (h >>> 16)
}

function sameUnits(a: Uint16Array, at: number, b: Uint16Array, bt: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (a[at + k] !== b[bt + k]) return false
  return true
}

let compact: CompactDictionary | null = null

/** The compact dictionary, parsed on first use (≈ 0.1 s). */
function compactDictionary(): CompactDictionary {
  compact ??= CompactDictionary.parse(fs.readFileSync(dictFile()))
  return compact
}

/** Loads the compact dictionary now (≈ 0.1 s) rather than at the first query: before a build's trim, say. */
export function loadQueryDictionary(): void {
  compactDictionary()
}

/** A word no text holds: it carries the frequency of the words left out, so jieba's total stays the same. */
const FILLER = '\uE000\uE001\uE002'

/**
 * Words a query jieba may learn before it is replaced by a fresh one. Queries and articles use a few thousand
 * distinct words; this bounds the instance's dictionary (≈ 100 bytes a word in jieba) far below the full one's.
 */
const QUERY_JIEBA_WORDS = 100_000

/**
 * The jieba that cuts queries and articles: one instance whose dictionary holds only the words met so far in the
 * texts it was given, with their frequencies, plus one filler word carrying the rest of the total. jieba's cut reads
 * the dictionary only for words inside the text (its DAG, the test of a run of single characters, search mode's two-
 * and three-character pieces) and for the total (each word's log probability): so it cuts a text exactly as the full
 * dictionary does once every dictionary word inside that text is loaded. Each text loads the words it holds that are
 * not loaded yet and sets the filler's frequency again (jieba updates a word it already has and its total). Its own
 * HMM model is built in.
 *
 * One instance, not one per text: @node-rs/jieba never frees an instance's native memory (≈ 6.6 KB lost per
 * `withDict`, measured over 20,000 instances with garbage collection and malloc_trim), which grew a searching
 * server's RSS with every query.
 */
export class QueryJieba {
  private jieba: Jieba | null = null
  private readonly loaded = new Set<number>()
  private loadedSum = 0

  /** `maxWords`: words learnt before a fresh instance starts over (tests make it small). */
  constructor(private readonly maxWords = QUERY_JIEBA_WORDS) {}

  for(text: string): Jieba {
    const dictionary = compactDictionary()
    // A text holding the filler itself is cut by a jieba of its own (another filler), as the filler must be no word
    // of the text. Only a text with these private-use characters pays that instance.
    if (text.includes(FILLER)) {
      const { lines, sum } = dictionary.entriesIn(text)
      return jiebaModule().Jieba.withDict(Buffer.from(`${lines}${FILLER}\uE003 ${dictionary.total - sum}\n`))
    }
    if (!this.jieba || this.loaded.size > this.maxWords) {
      this.jieba = new (jiebaModule().Jieba)()
      this.loaded.clear()
      this.loadedSum = 0
      this.jieba.loadDict(Buffer.from(`${FILLER} ${dictionary.total}\n`))
    }
    const { lines, sum } = dictionary.entriesIn(text, this.loaded)
    if (lines) {
      this.loadedSum += sum
      this.jieba.loadDict(Buffer.from(`${lines}${FILLER} ${dictionary.total - this.loadedSum}\n`))
    }
    return this.jieba
  }
}

const queryJieba = new QueryJieba()
const jiebaFor = (text: string): Jieba => queryJieba.for(text)

/**
 * Words of a text for search: jieba's search mode (long words and the words inside them), exactly as the full
 * segmenter gives them, without its dictionary in memory (≈ 50 µs a query). Queries and small in-process builds.
 */
export const searchWords = (text: string): string[] => (text ? jiebaFor(text).cutForSearch(text, true) : [])

/** jieba's default cut (with HMM) of a text, exactly as the full segmenter gives it (articles' related terms). */
export const cutWords = (text: string): string[] => (text ? jiebaFor(text).cut(text, true) : [])
