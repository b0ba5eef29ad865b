import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'

/**
 * What a delivery is about: a published article (to followers), a periodical issue (to subscribers), or a supplier's
 * answer to an inquiry (to its buyer, when the buyer has a send credit for the inquiry template).
 */
export type DeliverySubject = 'article' | 'issue' | 'inquiry'

/**
 * queued → sending → sent; or no_credit, dropped (43101), failed (permanent, or retries spent), unknown (a worker
 * stopped while WeChat had the message: never sent again). `claimed`: taken by a worker, not yet handed to WeChat.
 */
export type DeliveryState = 'queued' | 'claimed' | 'sending' | 'sent' | 'no_credit' | 'dropped' | 'failed' | 'unknown'

/**
 * The outbox: one row per (subject, reader), written in the transaction that publishes; workers send them as WeChat
 * subscribe messages. The unique key makes a second publish of the same article add nothing.
 */
@Entity('delivery')
@Index('UQ_delivery_subject_user', ['subject', 'subjectId', 'userId'], { unique: true })
@Index('IDX_delivery_due', ['state', 'dueAt'])
@Index('IDX_delivery_claim', ['claim'])
export class Delivery {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  @Column({ type: 'varchar', length: 8 })
  subject: DeliverySubject

  @Column({ type: 'integer' })
  subjectId: number

  @Column({ type: 'integer' })
  userId: number

  @Column({ type: 'varchar', length: 12 })
  state: DeliveryState

  /** Sends tried (transient errors are retried with backoff, up to a limit). */
  @Column({ type: 'integer', default: 0 })
  attempts: number

  /** Not before: the next try of a queued row. */
  @Column({ type: Date })
  dueAt: Date

  /** The worker claim that holds the row while claimed or sending. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  claim: string | null

  /** Until when that claim holds; a claim past it belongs to a stopped worker. */
  @Column({ type: Date, nullable: true })
  claimedUntil: Date | null

  @Column({ type: 'varchar', length: 200, nullable: true })
  lastError: string | null

  @Column({ type: Date, nullable: true })
  sentAt: Date | null

  @Column({ type: Date })
  createdAt: Date
}
