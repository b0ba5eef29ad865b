import type { EntityManager } from 'typeorm'
import { Comment, CommentVote, hotScoreOf } from '../comments/comment.entity'
import type { User } from '../users/user.entity'
import { Article } from '../content/article.entity'

/** Written for the demo: what readers of a sensor-industry site might say under an article. */
const REMARKS = [
  '讲得很透，尤其是温漂补偿那一段，我们产线上正好遇到过类似的问题。',
  '想请教一下，文中提到的校准流程，小批量生产时有没有更省时的做法？',
  '收藏了，下周组内分享就用这篇当材料。',
  '数据很扎实，如果能再补一张不同量程下的误差对比图就更好了。',
  '从选型到安装都讲到了，新人入门很友好。',
  '我们用过两家的方案，实际功耗比规格书上高出不少，文中的估算方法很实用。',
  '国产器件这两年进步确实明显，期待后续有更多实测对比。',
  '封装应力这个点很多文章都一笔带过，这里讲清楚了。',
  '工业现场的电磁干扰比实验室复杂得多，屏蔽和接地能不能单独写一篇？',
  '文末的参考资料很有价值，已经下载下来慢慢看。',
  '同意作者的判断，成本下来以后应用会铺得很快。',
  '请问文中的测试条件是常温还是全温区？',
]
const REPLIES = [
  '同问，我们也在找类似的办法。',
  '我们的做法是先做两点校准，再抽检高低温，效率高不少。',
  '补充一点：安装扭矩对零点的影响也不小。',
  '感谢分享经验，学到了。',
  '全温区的数据在后面的表格里，可以再看一下。',
  '+1，很期待专题文章。',
]

/** A deterministic pick from a list. */
const pick = <T>(list: T[], n: number): T => list[n % list.length]

/**
 * Comments on the most-read demo articles, with replies and comment likes as real rows, so every count (the
 * article's comments, a thread's replies, a comment's likes) equals its rows as it does for readers' own.
 */
export async function seedDemoComments(em: EntityManager, articles: Article[], readers: User[], now: Date) {
  const busiest = articles
    .filter((a) => a.status === 'published')
    .sort((a, b) => b.readCount - a.readCount || a.id - b.id)
    .slice(0, 10)
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000)
  let n = 0
  for (const [rank, article] of busiest.entries()) {
    const roots: Comment[] = []
    for (let i = 0; i < 5 - (rank % 3); i++, n++) {
      const writer = readers[(n * 7) % readers.length]
      roots.push(
        em.create(Comment, {
          articleId: article.id,
          userId: writer.id,
          rootId: null,
          replyToId: null,
          replyToUserId: null,
          content: pick(REMARKS, n),
          status: 'published',
          featured: rank === 0 && i === 0,
          isAuthorReply: false,
          checkLabel: null,
          createdAt: minutesAgo(600 - n * 9),
          updatedAt: minutesAgo(600 - n * 9),
        }),
      )
    }
    await em.save(roots)
    // Replies under the first thread of each article.
    const replies = Array.from({ length: 1 + (rank % 3) }, (_, i) =>
      em.create(Comment, {
        articleId: article.id,
        userId: readers[(n + i * 11 + 3) % readers.length].id,
        rootId: roots[0].id,
        replyToId: roots[0].id,
        replyToUserId: roots[0].userId,
        content: pick(REPLIES, n + i),
        status: 'published',
        featured: false,
        isAuthorReply: false,
        checkLabel: null,
        createdAt: minutesAgo(300 - i * 20),
        updatedAt: minutesAgo(300 - i * 20),
      }),
    )
    await em.save(replies)
    // Likes on the top-level comments from demo readers.
    const votes = roots.flatMap((c, i) =>
      readers
        .slice(i, i + ((article.id * 3 + i * 5) % 9))
        .map((r) => ({ commentId: c.id, userId: r.id, kind: 'like' as const, createdAt: now })),
    )
    if (votes.length) await em.insert(CommentVote, votes)
    for (const c of roots) {
      c.likeCount = votes.filter((v) => v.commentId === c.id).length
      c.replyCount = c === roots[0] ? replies.length : 0
      await em.update(
        Comment,
        { id: c.id },
        { likeCount: c.likeCount, replyCount: c.replyCount, hotScore: hotScoreOf(c) },
      )
    }
    await em.update(Article, { id: article.id }, { commentCount: roots.length + replies.length })
  }
}
