import type { EntityManager } from 'typeorm'
import { bindKey, toInt } from '../common/db'
import { Article } from '../content/article.entity'
import { Comment, CommentReport, CommentVote, hotScoreOf } from './comment.entity'

/**
 * The counts a comment change touches, set from the rows inside the change's transaction. The caller holds the
 * locks first — always the article row, then the thread's root, then the comment itself, so two changes never wait
 * on each other in a circle: a status change takes all three; a vote or report locks only its comment.
 * `lock` is 'pessimistic_write' (SELECT … FOR UPDATE) on PostgreSQL/MariaDB and undefined on SQLite, where
 * transactions run one at a time (see Transactions).
 */
export type RowLock = 'pessimistic_write' | undefined

export function lockArticle(em: EntityManager, lock: RowLock, id: number): Promise<Article | null> {
  return em.findOne(Article, {
    select: { id: true, status: true, commentsClosed: true },
    where: { id },
    lock: lock ? { mode: lock } : undefined,
  })
}

export function lockComment(em: EntityManager, lock: RowLock, id: number): Promise<Comment | null> {
  return em.findOne(Comment, { where: { id }, lock: lock ? { mode: lock } : undefined })
}

/** Article.commentCount = its published comments and replies, author replies included. Article row locked. */
export async function recountArticle(em: EntityManager, articleId: number): Promise<number> {
  const commentCount = await em.countBy(Comment, { articleId, status: 'published' })
  await em.update(Article, { id: articleId }, { commentCount })
  return commentCount
}

/** A root's replyCount (published replies, not the author's pinned one) and hot score. Root row locked. */
export async function recountThread(em: EntityManager, root: Comment): Promise<void> {
  root.replyCount = await em.countBy(Comment, { rootId: root.id, status: 'published', isAuthorReply: false })
  root.hotScore = hotScoreOf(root)
  await em.update(Comment, { id: root.id }, { replyCount: root.replyCount, hotScore: root.hotScore })
}

/** A comment's like and dislike counts and hot score. Comment row locked. */
export async function recountVotes(em: EntityManager, comment: Comment): Promise<void> {
  const byKind: Array<{ kind: string; n: unknown }> = await em
    .createQueryBuilder(CommentVote, 'v')
    .select('v.kind', 'kind')
    .addSelect('COUNT(*)', 'n')
    .where('v.commentId = :commentId', { commentId: bindKey(comment.id) })
    .groupBy('v.kind')
    .getRawMany()
  const count = (kind: string) => toInt(byKind.find((r) => r.kind === kind)?.n)
  comment.likeCount = count('like')
  comment.dislikeCount = count('dislike')
  comment.hotScore = hotScoreOf(comment)
  const { likeCount, dislikeCount, hotScore } = comment
  await em.update(Comment, { id: comment.id }, { likeCount, dislikeCount, hotScore })
}

/** A comment's report count. Comment row locked. */
export async function recountReports(em: EntityManager, comment: Comment): Promise<void> {
  comment.reportCount = await em.countBy(CommentReport, { commentId: comment.id })
  await em.update(Comment, { id: comment.id }, { reportCount: comment.reportCount })
}

/**
 * After a comment's status changed: its thread's reply count (when it is a reader's reply) and the article's
 * comment count. Needs the article row locked and, for a reply, its root locked (pass it).
 */
export async function recountAfterStatusChange(em: EntityManager, comment: Comment, root: Comment | null) {
  if (root && !comment.isAuthorReply) await recountThread(em, root)
  await recountArticle(em, comment.articleId)
}
