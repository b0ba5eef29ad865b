import { hotScore } from './hot-score'

const base = { readCount: 0, likeCount: 0, commentCount: 0, favoriteCount: 0, shareCount: 0 }
const now = new Date('2026-11-27T12:00:00Z')
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000)

describe('hotScore', () => {
  it('is zero for an unpublished article', () => expect(hotScore({ ...base, publishedAt: null }, now)).toBe(0))

  it('follows the documented formula', () => {
    const a = {
      readCount: 100,
      likeCount: 10,
      commentCount: 5,
      favoriteCount: 2,
      shareCount: 1,
      publishedAt: hoursAgo(10),
    }
    const points = 100 + 40 + 30 + 10 + 8 + 1
    expect(hotScore(a, now)).toBe(Math.round((points / Math.pow(12, 1.5)) * 1000))
  })

  it('decays with age and grows with engagement', () => {
    const fresh = hotScore({ ...base, readCount: 50, publishedAt: hoursAgo(1) }, now)
    const old = hotScore({ ...base, readCount: 50, publishedAt: hoursAgo(48) }, now)
    const liked = hotScore({ ...base, readCount: 50, likeCount: 10, publishedAt: hoursAgo(48) }, now)
    expect(fresh).toBeGreaterThan(old)
    expect(liked).toBeGreaterThan(old)
  })

  it('never overflows a 32-bit integer column', () => {
    expect(hotScore({ ...base, readCount: 1e12, publishedAt: now }, now)).toBe(2_000_000_000)
  })
})
