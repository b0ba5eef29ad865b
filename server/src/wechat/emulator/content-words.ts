import type { MsgSecCheckResult } from '../wechat.types'

/**
 * The emulator's stand-in for WeChat's text check: a fixed word list, so tests and local development can produce
 * each outcome on purpose. Matching is by substring; the first match wins, risky words before review words.
 *
 * risky:  赌博 (20006 illegal), 色情 (20002 porn), 傻逼 (20003 abuse), 反动 (20001 politics), 诈骗 (20008 fraud)
 * review: 加微信 (10001 ad), 代购 (10001 ad), 低俗 (20012 vulgar), 盗版 (20013 copyright)
 * anything else: pass, label 100.
 */
export const RISKY_WORDS: Readonly<Record<string, number>> = {
  赌博: 20006,
  色情: 20002,
  傻逼: 20003,
  反动: 20001,
  诈骗: 20008,
}

export const REVIEW_WORDS: Readonly<Record<string, number>> = {
  加微信: 10001,
  代购: 10001,
  低俗: 20012,
  盗版: 20013,
}

export function classifyText(content: string): MsgSecCheckResult & { keyword?: string } {
  for (const [keyword, label] of Object.entries(RISKY_WORDS)) {
    if (content.includes(keyword)) return { suggest: 'risky', label, keyword }
  }
  for (const [keyword, label] of Object.entries(REVIEW_WORDS)) {
    if (content.includes(keyword)) return { suggest: 'review', label, keyword }
  }
  return { suggest: 'pass', label: 100 }
}
