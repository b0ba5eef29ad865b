/**
 * Our own word filter, applied to every piece of user text next to WeChat's msg_sec_check (which WeChat itself calls
 * basic, and which cannot run at all for accounts without an openid).
 *
 * Text and words are normalised the same way before matching: NFKC (full-width letters and digits become ASCII,
 * compatibility forms fold), lower case, and whitespace, zero-width characters, stray combining marks, punctuation
 * and symbols removed — so `薇 信`, `薇.信`, `薇\u200B信` and `ＶＸ` are caught like `薇信` and `vx`.
 *
 * Matching is a set-based scan: at each position of the text, every word length in the list is looked up in a map
 * (O(text × distinct lengths)); the list is small, an Aho–Corasick automaton would buy nothing here.
 */

/** WeChat's msg_sec_check labels, so editors see one vocabulary whichever check flagged a text. */
export const CHECK_LABELS = {
  ad: 10001,
  politics: 20001,
  porn: 20002,
  abuse: 20003,
  illegal: 20006,
  fraud: 20008,
  vulgar: 20012,
  copyright: 20013,
  other: 21000,
} as const

/** What each label is called in a message to the writer. */
export const LABEL_NAMES: Readonly<Record<number, string>> = {
  10001: '广告',
  20001: '时政',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  20012: '低俗',
  20013: '侵权',
  21000: '违规',
}

export type FilterVerdict = 'pass' | 'review' | 'risky'

/** One group of our words under one WeChat label: `review` words send the text to editors, `risky` words refuse it. */
export interface WordGroup {
  label: number
  review: readonly string[]
  risky: readonly string[]
}

/**
 * Our list, kept short and specific to what shows up under industry articles (contact-me ads, abuse, trading in
 * illegal goods, get-rich schemes). Words are written plainly; normalisation applies to them too.
 */
export const WORD_LIST: readonly WordGroup[] = [
  {
    label: CHECK_LABELS.ad,
    review: ['薇信', '威信号', '加v信', '私聊领取', '兼职日结', '代理加盟'],
    risky: [],
  },
  {
    label: CHECK_LABELS.abuse,
    review: ['脑残', '白痴', '智障'],
    risky: ['滚你妈', '操你妈', '狗娘养的'],
  },
  {
    label: CHECK_LABELS.illegal,
    review: [],
    risky: ['代开发票', '办假证', '出售枪支', '买卖银行卡'],
  },
  {
    label: CHECK_LABELS.fraud,
    review: ['稳赚不赔', '内部渠道价'],
    risky: ['刷单返利', '裸贷'],
  },
]

// Whitespace, zero-width and other invisible format characters, and combining marks (after NFKC only stray ones
// remain, e.g. a combining accent or variation selector slipped between two characters).
const INVISIBLE = /[\s\u00AD\u061C\u115F\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0]|\u1160|\p{M}/gu
const PUNCTUATION_AND_SYMBOLS = /\p{P}|\p{S}/gu

/** The form both text and words are compared in. */
export function normalizeForMatching(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(INVISIBLE, '').replace(PUNCTUATION_AND_SYMBOLS, '')
}

export interface FilterMatch {
  verdict: FilterVerdict
  /** The matched word's label; null when nothing matched. */
  label: number | null
  /** The listed word that matched (for logs; never shown to the writer). */
  word: string | null
}

const RANK: Record<FilterVerdict, number> = { pass: 0, review: 1, risky: 2 }

export class WordFilter {
  private readonly words = new Map<string, { verdict: Exclude<FilterVerdict, 'pass'>; label: number; word: string }>()
  private readonly lengths: number[]

  constructor(groups: readonly WordGroup[] = WORD_LIST) {
    for (const group of groups) {
      for (const verdict of ['review', 'risky'] as const) {
        for (const word of group[verdict]) {
          const key = normalizeForMatching(word)
          if (!key) continue
          const known = this.words.get(key)
          // A word listed twice keeps its stricter verdict.
          if (!known || RANK[verdict] > RANK[known.verdict]) this.words.set(key, { verdict, label: group.label, word })
        }
      }
    }
    this.lengths = [...new Set([...this.words.keys()].map((w) => w.length))].sort((a, b) => a - b)
  }

  /** The worst listed word in the text: risky beats review; the first one found wins among equals. */
  scan(text: string): FilterMatch {
    const normal = normalizeForMatching(text)
    let worst: FilterMatch = { verdict: 'pass', label: null, word: null }
    for (let i = 0; i < normal.length; i++) {
      for (const length of this.lengths) {
        if (i + length > normal.length) break
        const hit = this.words.get(normal.slice(i, i + length))
        if (hit && RANK[hit.verdict] > RANK[worst.verdict]) {
          worst = { verdict: hit.verdict, label: hit.label, word: hit.word }
          if (hit.verdict === 'risky') return worst
        }
      }
    }
    return worst
  }
}
