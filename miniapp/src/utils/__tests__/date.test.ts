import { formatCount, formatRelativeDate } from '../date'

// local wall-clock times, so the assertions hold in any time zone
const at = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(y, mo - 1, d, h, mi)
const now = at(2026, 11, 27, 15, 30)

describe('formatRelativeDate', () => {
  it.each([
    ['one minute ago', at(2026, 11, 27, 15, 29), '1分钟前'],
    ['seconds ago', new Date(now.getTime() - 20_000), '刚刚'],
    ['a little in the future', new Date(now.getTime() + 60_000), '刚刚'],
    ['minutes ago', at(2026, 11, 27, 15, 5), '25分钟前'],
    ['hours ago today', at(2026, 11, 27, 12, 10), '3小时前'],
    ['this morning', at(2026, 11, 27, 0, 5), '15小时前'],
    ['yesterday evening', at(2026, 11, 26, 23, 59), '昨天'],
    ['yesterday morning', at(2026, 11, 26, 0, 0), '昨天'],
    ['two days ago', at(2026, 11, 25, 23, 59), '11月25日'],
    ['earlier this year', at(2026, 1, 3, 8), '1月3日'],
    ['last year', at(2025, 11, 20, 8), '2025年11月20日'],
  ])('%s', (_label, date, expected) => {
    expect(formatRelativeDate(date.toISOString(), now)).toBe(expected)
  })

  it('shows minutes across midnight rather than 昨天', () => {
    expect(formatRelativeDate(at(2026, 11, 26, 23, 50).toISOString(), at(2026, 11, 27, 0, 10))).toBe('20分钟前')
  })

  it('returns an empty string for an unparsable date', () => {
    expect(formatRelativeDate('not a date', now)).toBe('')
  })
})

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [9999, '9999'],
    [10000, '1万'],
    [12345, '1.2万'],
    [1_050_000, '105万'],
  ])('%d → %s', (n, expected) => {
    expect(formatCount(n)).toBe(expected)
  })
})
