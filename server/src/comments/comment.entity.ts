import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm'
import type { CommentStatus, CommentVoteKind, REPORT_REASONS } from '@chuangan/shared'

/**
 * A comment on an article, or a reply. Replies sit under their top-level comment (`rootId`) whatever they answer;
 * `replyToId` is what they answer (the root itself, or another reply: shown as 回复 @name).
 *
 * Counts are kept equal to rows by CommentsService (each change locks the rows it counts for):
 * - `likeCount` / `dislikeCount`: this comment's votes;
 * - `replyCount` (top-level only): its published replies, the author's pinned reply not included;
 * - `reportCount`: its reports since an editor last restored it;
 * - `hotScore` = likeCount − dislikeCount + 2 × replyCount (the 热门 order; ties: newer first).
 */
@Entity('comment')
@Index('IDX_comment_thread_hot', ['articleId', 'rootId', 'hotScore', 'id'])
@Index('IDX_comment_thread_new', ['articleId', 'rootId', 'createdAt', 'id'])
@Index('IDX_comment_article_status', ['articleId', 'status'])
@Index('IDX_comment_replies', ['rootId', 'createdAt', 'id'])
@Index('IDX_comment_user', ['userId', 'createdAt', 'id'])
@Index('IDX_comment_status', ['status', 'id'])
@Index('IDX_comment_reported', ['reportCount', 'id'])
export class Comment {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  @Column({ type: 'integer' })
  articleId: number

  /** The writer (for an author reply: the editor who wrote it as the article's author). */
  @Column({ type: 'integer' })
  userId: number

  /** The top-level comment this reply sits under; null for a top-level comment. */
  @Column({ type: 'integer', nullable: true })
  rootId: number | null

  /** The comment or reply this answers; null for a top-level comment. */
  @Column({ type: 'integer', nullable: true })
  replyToId: number | null

  /** The writer of `replyToId` (for notifications). */
  @Column({ type: 'integer', nullable: true })
  replyToUserId: number | null

  @Column({ type: 'varchar', length: 1000 })
  content: string

  // A plain varchar: enums differ on every driver; the services are the only writers.
  @Column({ type: 'varchar', length: 16 })
  status: CommentStatus

  /** 精选: chosen by editors, listed first (top-level comments only). */
  @Column({ type: 'boolean', default: false })
  featured: boolean

  /** Written by an editor as the article's author: pinned under its thread, shown with the author's name. */
  @Column({ type: 'boolean', default: false })
  isAuthorReply: boolean

  @Column({ type: 'integer', default: 0 })
  likeCount: number

  @Column({ type: 'integer', default: 0 })
  dislikeCount: number

  @Column({ type: 'integer', default: 0 })
  replyCount: number

  @Column({ type: 'integer', default: 0 })
  reportCount: number

  @Column({ type: 'integer', default: 0 })
  hotScore: number

  /** msg_sec_check / word-filter label when the check asked for review; null otherwise. */
  @Column({ type: 'integer', nullable: true })
  checkLabel: number | null

  @Column({ type: Date })
  createdAt: Date

  @Column({ type: Date })
  updatedAt: Date
}

/** One reader's like or dislike of one comment (one or the other). */
@Entity('comment_vote')
@Index('IDX_comment_vote_user', ['userId'])
export class CommentVote {
  @PrimaryColumn({ type: 'integer' })
  commentId: number

  @PrimaryColumn({ type: 'integer' })
  userId: number

  @Column({ type: 'varchar', length: 16 })
  kind: CommentVoteKind

  @Column({ type: Date })
  createdAt: Date
}

/** One reader's report of one comment (once per reader; an editor's restore clears them). */
@Entity('comment_report')
@Index('IDX_comment_report_user', ['userId'])
export class CommentReport {
  @PrimaryColumn({ type: 'integer' })
  commentId: number

  @PrimaryColumn({ type: 'integer' })
  userId: number

  @Column({ type: 'varchar', length: 16 })
  reason: (typeof REPORT_REASONS)[number]

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null

  @Column({ type: Date })
  createdAt: Date
}

/** Top-level comments sort by this (see the entity's note). */
export const hotScoreOf = (c: { likeCount: number; dislikeCount: number; replyCount: number }): number =>
  c.likeCount - c.dislikeCount + 2 * c.replyCount
