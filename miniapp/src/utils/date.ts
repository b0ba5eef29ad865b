const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()
}

/**
 * A publication time as Chinese readers expect it in a feed:
 * 刚刚, 5分钟前, 3小时前 (same day), 昨天, 11月20日 (this year), 2025年11月20日.
 * Uses the device's local time zone.
 */
export function formatRelativeDate(iso: string, now: Date = new Date()): string {
  const date = new Date(iso)
  const time = date.getTime()
  if (Number.isNaN(time)) return ''
  const diff = now.getTime() - time
  // a clock a little ahead of ours still reads as "just now"
  if (diff < MINUTE) return '刚刚'
  if (diff < HOUR) return `${Math.floor(diff / MINUTE)}分钟前`
  const today = startOfDay(now)
  if (time >= today) return `${Math.floor(diff / HOUR)}小时前`
  if (time >= startOfDay(new Date(today - 1))) return '昨天'
  const monthDay = `${date.getMonth() + 1}月${date.getDate()}日`
  return date.getFullYear() === now.getFullYear() ? monthDay : `${date.getFullYear()}年${monthDay}`
}

/** 1234 → 1234, 12345 → 1.2万; never negative */
export function formatCount(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '0'
  if (n < 10000) return String(n)
  return `${(Math.floor(n / 1000) / 10).toString()}万`
}

/** 2026-11-27 in the device's time zone. */
export function formatDate(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}
