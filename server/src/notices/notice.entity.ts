import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'
import type { NoticeKind } from '@chuangan/shared'

/**
 * One notice (消息) for one recipient. `subjectId` is what it is about, by kind: the article (article), the issue
 * (issue), the reply (reply, editor_reply), my liked comment (comment_like), my saved search (saved_search); one row
 * per (recipient, kind, subject), so a fan-out or a producer run twice writes nothing new. A comment_like or
 * saved_search notice is re-opened, not duplicated, by activity after it was read (see docs/notices.md).
 */
@Entity('notice')
@Index('UQ_notice_subject', ['userId', 'kind', 'subjectId'], { unique: true })
@Index('IDX_notice_list', ['userId', 'at', 'id'])
@Index('IDX_notice_unread', ['userId', 'readAt', 'kind'])
export class Notice {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  /** The recipient. */
  @Column({ type: 'integer' })
  userId: number

  // A plain varchar: enums differ on every driver; NoticesService is the only writer.
  @Column({ type: 'varchar', length: 16 })
  kind: NoticeKind

  @Column({ type: 'integer' })
  subjectId: number

  /** The article to open (null for an issue). */
  @Column({ type: 'integer', nullable: true })
  articleId: number | null

  /** Who did it: the replier, the latest liker; null for article and issue. */
  @Column({ type: 'integer', nullable: true })
  actorId: number | null

  /** comment_like: readers who liked since `since`; 1 otherwise. */
  @Column({ type: 'integer', default: 1 })
  count: number

  /** comment_like: when this batch began (created or re-opened); likes from then on are counted. */
  @Column({ type: Date })
  since: Date

  @Column({ type: Date })
  createdAt: Date

  /** The latest activity (the list's order, newest first). */
  @Column({ type: Date })
  at: Date

  /** Null while unread. */
  @Column({ type: Date, nullable: true })
  readAt: Date | null
}
