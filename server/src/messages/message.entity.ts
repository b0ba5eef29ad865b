import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'
import type { MessageSide, MessageStatus } from '@chuangan/shared'

/**
 * One conversation between a reader (`userId`) and an author row (`authorId`): one per pair. The author's side is the
 * author's linked account (`author.userId`), or editors for an author without one.
 *
 * Kept equal to the messages by MessagesService (`refreshConversations`, under the conversation's lock):
 * - `readerLastId` / `authorLastId`: the newest message each side can see (the list order; null: not listed);
 * - `readerUnread` / `authorUnread`: the other side's published messages after `readerReadId` / `authorReadId`.
 */
@Entity('conversation')
@Index('UQ_conversation_pair', ['userId', 'authorId'], { unique: true })
@Index('IDX_conversation_reader', ['userId', 'readerLastId'])
@Index('IDX_conversation_author', ['authorId', 'authorLastId'])
export class Conversation {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  /** The reader who wrote to the author. */
  @Column({ type: 'integer' })
  userId: number

  @Column({ type: 'integer' })
  authorId: number

  @Column({ type: 'integer', nullable: true })
  readerLastId: number | null

  @Column({ type: 'integer', nullable: true })
  authorLastId: number | null

  /** The newest message id each side has read. */
  @Column({ type: 'integer', default: 0 })
  readerReadId: number

  @Column({ type: 'integer', default: 0 })
  authorReadId: number

  @Column({ type: 'integer', default: 0 })
  readerUnread: number

  @Column({ type: 'integer', default: 0 })
  authorUnread: number

  /** The reader blocked the author (屏蔽): the author's side cannot write. */
  @Column({ type: 'boolean', default: false })
  readerBlocked: boolean

  /** The author's side blocked the reader: the reader cannot write. */
  @Column({ type: 'boolean', default: false })
  authorBlocked: boolean

  @Column({ type: Date })
  createdAt: Date

  @Column({ type: Date })
  updatedAt: Date
}

/** One private message (私信). Ordered by id within its conversation. */
@Entity('private_message')
@Index('IDX_private_message_conversation', ['conversationId', 'id'])
@Index('IDX_private_message_sender', ['senderUserId'])
@Index('IDX_private_message_status', ['status', 'id'])
export class PrivateMessage {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  @Column({ type: 'integer' })
  conversationId: number

  // Plain varchars: enums differ on every driver; the service is the only writer.
  @Column({ type: 'varchar', length: 16 })
  sender: MessageSide

  /** The account that wrote it (on the author's side: the author's account or the editor who answered). */
  @Column({ type: 'integer' })
  senderUserId: number

  @Column({ type: 'varchar', length: 500 })
  content: string

  @Column({ type: 'varchar', length: 16 })
  status: MessageStatus

  /** msg_sec_check / word-filter label when the check asked for review; null otherwise. */
  @Column({ type: 'integer', nullable: true })
  checkLabel: number | null

  @Column({ type: Date })
  createdAt: Date
}
