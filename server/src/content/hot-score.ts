/**
 * The 热门 order: engagement weighted by effort, decayed by age (a Hacker-News-style gravity):
 *
 *   score = (reads + 4·likes + 6·comments + 5·favorites + 8·shares + 1) / (ageHours + 2) ^ 1.5
 *
 * Stored × 1000 as an integer (one portable column type on every database), capped below 2^31.
 */
export const HOT_WEIGHTS = { reads: 1, likes: 4, comments: 6, favorites: 5, shares: 8 } as const
export const HOT_GRAVITY = 1.5

export interface HotInputs {
  readCount: number
  likeCount: number
  commentCount: number
  favoriteCount: number
  shareCount: number
  publishedAt: Date | null
}

export function hotScore(a: HotInputs, now = new Date()): number {
  if (!a.publishedAt) return 0
  const ageHours = Math.max(0, (now.getTime() - a.publishedAt.getTime()) / 3_600_000)
  const points =
    a.readCount * HOT_WEIGHTS.reads +
    a.likeCount * HOT_WEIGHTS.likes +
    a.commentCount * HOT_WEIGHTS.comments +
    a.favoriteCount * HOT_WEIGHTS.favorites +
    a.shareCount * HOT_WEIGHTS.shares +
    1
  return Math.min(2_000_000_000, Math.round((points / Math.pow(ageHours + 2, HOT_GRAVITY)) * 1000))
}
