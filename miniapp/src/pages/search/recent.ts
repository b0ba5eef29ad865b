import Taro from '@tarojs/taro'

const KEY = 'chuangan.search.recent'
/** How many recent searches are kept (newest first). */
export const RECENT_LIMIT = 10

/** The list with `q` put first, an earlier equal one (case and spaces aside) dropped, cut to RECENT_LIMIT. */
export function withRecent(list: string[], q: string): string[] {
  const tidy = (s: string) => s.trim().replace(/\s+/g, ' ')
  const text = tidy(q)
  if (!text) return list
  return [text, ...list.filter((s) => tidy(s).toLowerCase() !== text.toLowerCase())].slice(0, RECENT_LIMIT)
}

/** My recent searches, kept on this phone only. */
export function loadRecent(): string[] {
  try {
    const stored: unknown = Taro.getStorageSync(KEY)
    return Array.isArray(stored) ? stored.filter((s): s is string => typeof s === 'string').slice(0, RECENT_LIMIT) : []
  } catch {
    return []
  }
}

export function saveRecent(list: string[]): void {
  try {
    if (list.length) Taro.setStorageSync(KEY, list)
    else Taro.removeStorageSync(KEY)
  } catch {
    // storage full or unavailable: the list lives for this session
  }
}
