import { cutWords } from '../../infra/jieba'

/** Words that say nothing about a topic in this domain. */
const STOPWORDS = new Set(
  '的 了 和 与 及 或 在 是 为 对 从 到 把 被 让 给 用 以 而 也 都 就 还 又 再 更 最 很 不 没 有 无 这 那 其 之 于 如何 什么 怎么 为什么 一个 一种 一次 我们 你们 他们 它们 可以 能够 需要 进行 通过 以及 还是 如果 因为 所以 但是 不是 没有 已经 正在 哪些 多少 这个 那个 这些 那些 为何 怎样 起来 之后 之前 以上 以下 之间 其中 方面 问题 情况 时候 里 上 下 中 后 前 个 种 家 条 只 年 月 日 次 多 少 大 小 新 高 低 好'.split(
    ' ',
  ),
)

const MAX_TERMS = 12

/**
 * The weighted keywords of an article: jieba words of its title (×3) and summary (×1), stopwords and
 * one-character words dropped, model-number-like tokens kept whole and lower-cased. Weights are 1..100.
 */
export function articleTerms(title: string, summary: string): Map<string, number> {
  const counts = new Map<string, number>()
  const add = (text: string, weight: number) => {
    for (const raw of cutWords(text)) {
      const word = raw.trim().toLowerCase()
      if (word.length < 2 || word.length > 32 || STOPWORDS.has(word)) continue
      if (!/[\p{Script=Han}a-z0-9]/u.test(word) || /^\d+$/.test(word)) continue
      counts.set(word, (counts.get(word) ?? 0) + weight)
    }
  }
  add(title, 3)
  add(summary, 1)
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_TERMS)
  const max = top[0]?.[1] ?? 1
  return new Map(top.map(([term, c]) => [term, Math.max(1, Math.round((c / max) * 100))]))
}
