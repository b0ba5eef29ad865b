import { createHash } from 'node:crypto'
import type { ShareChannel } from '@chuangan/shared'
import type { Article } from '../content/article.entity'
import type { ShareEvent, ShareOpen } from '../share/share.entity'

/** Friends first, then groups and Moments, posters rarest: the channel of a demo article's n-th share. */
const CHANNELS: ShareChannel[] = [
  'friend',
  'group',
  'friend',
  'timeline',
  'friend',
  'poster',
  'group',
  'friend',
  'timeline',
  'friend',
]
const SCENE: Record<ShareChannel, number> = { friend: 1007, group: 1044, timeline: 1154, poster: 1047 }

type Row<T> = Omit<T, 'id'>

/**
 * The demo site's shares as rows: each article's `shareCount` shares, each by a different demo reader, and 0–3 opens
 * per share (deterministic per article), two in three by readers never seen before (a device key) and the rest by
 * other demo readers (returning readers). So every share count shown equals its rows and the stats are not empty.
 */
export function demoShareRows(
  articles: Pick<Article, 'id' | 'shareCount'>[],
  readers: { id: number }[],
  now: Date,
): { events: Row<ShareEvent>[]; opens: Row<ShareOpen>[] } {
  const events: Row<ShareEvent>[] = []
  const opens: Row<ShareOpen>[] = []
  for (const article of articles) {
    const first = article.id * 7
    for (let i = 0; i < Math.min(article.shareCount, readers.length); i++) {
      const sharer = (first + i) % readers.length
      const channel = CHANNELS[(article.id + i) % CHANNELS.length]
      const base = { sharerId: readers[sharer].id, targetType: 'article' as const, targetId: article.id, channel }
      events.push({ ...base, createdAt: now })
      const opened = (article.id * 31 + i * 17) % 4
      for (let j = 0; j < opened; j++) {
        const isNew = (i + j) % 3 !== 2
        const readerKey = isNew
          ? `d:${createHash('sha256').update(`demo-reader:${article.id}:${i}:${j}`).digest('hex').slice(0, 40)}`
          : `u:${readers[(sharer + 1 + j) % readers.length].id}`
        opens.push({ ...base, readerKey, newReader: isNew, scene: SCENE[channel], createdAt: now })
      }
    }
  }
  return { events, opens }
}
