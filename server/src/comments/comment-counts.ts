import type { EntityManager } from 'typeorm'
import { recount, type Counter } from '../database/locks'
import { Comment, hotScoreOf } from './comment.entity'

/**
 * The counts a comment change touches, set from the rows through the toolkit's `recount` (database/locks.ts, where
 * the lock order is written down): a status change holds the article, the thread's root and the comment; a vote or
 * report holds only its comment.
 */
const COMMENT_COUNT: Counter = { from: 'comment', by: 'articleId', where: { status: 'published' } }
const REPLY_COUNT: Counter = { from: 'comment', by: 'rootId', where: { status: 'published', isAuthorReply: false } }
const LIKES: Counter = { from: 'comment_vote', by: 'commentId', where: { kind: 'like' } }
const DISLIKES: Counter = { from: 'comment_vote', by: 'commentId', where: { kind: 'dislike' } }
const REPORTS: Counter = { from: 'comment_report', by: 'commentId' }

/** Article.commentCount = its published comments and replies, author replies included. Article row locked. */
export async function recountArticle(em: EntityManager, articleId: number): Promise<number> {
  const counts = await recount(em, 'article', [articleId], { commentCount: COMMENT_COUNT })
  return counts.get(articleId)?.commentCount ?? 0
}

/** A root's replyCount (published replies, not the author's pinned one) and hot score. Root row locked. */
export async function recountThread(em: EntityManager, root: Comment): Promise<void> {
  const counts = await recount(em, 'comment', [root.id], { replyCount: REPLY_COUNT })
  Object.assign(root, counts.get(root.id))
  await setHotScore(em, root)
}

/** A comment's like and dislike counts and hot score. Comment row locked. */
export async function recountVotes(em: EntityManager, comment: Comment): Promise<void> {
  const counts = await recount(em, 'comment', [comment.id], { likeCount: LIKES, dislikeCount: DISLIKES })
  Object.assign(comment, counts.get(comment.id))
  await setHotScore(em, comment)
}

/** A comment's report count. Comment row locked. */
export async function recountReports(em: EntityManager, comment: Comment): Promise<void> {
  const counts = await recount(em, 'comment', [comment.id], { reportCount: REPORTS })
  Object.assign(comment, counts.get(comment.id))
}

/**
 * After a comment's status changed: its thread's reply count (when it is a reader's reply) and the article's
 * comment count. Needs the article row locked and, for a reply, its root locked (pass it).
 */
export async function recountAfterStatusChange(em: EntityManager, comment: Comment, root: Comment | null) {
  if (root && !comment.isAuthorReply) await recountThread(em, root)
  await recountArticle(em, comment.articleId)
}

/** 热门 order: likes − dislikes + 2 × replies, stored so the list can use an index. */
async function setHotScore(em: EntityManager, comment: Comment): Promise<void> {
  comment.hotScore = hotScoreOf(comment)
  await em.update(Comment, { id: comment.id }, { hotScore: comment.hotScore })
}

/** The article columns a comment change reads under the article's lock. */
export interface LockedArticle extends Record<string, unknown> {
  id: number
  status: string
  commentsClosed: boolean
}
export const LOCKED_ARTICLE = { columns: ['id', 'status', 'commentsClosed'] }
