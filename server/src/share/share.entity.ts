import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'
import type { ShareChannel, ShareTarget } from '@chuangan/shared'

/**
 * A signed-in reader shared a page (发送给好友, 分享到朋友圈, 生成海报), at most once per target, channel and day (China
 * Standard Time). For articles, `Article.shareCount` equals these rows. Rows stay when the sharer deletes the account
 * (the stats then name them 已注销用户).
 */
@Entity('share_event')
@Index('IDX_share_event_target', ['targetType', 'targetId', 'channel'])
@Index('IDX_share_event_sharer', ['sharerId', 'targetType', 'targetId', 'channel', 'createdAt'])
export class ShareEvent {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  @Column({ type: 'integer' })
  sharerId: number

  // Plain varchars: enums differ on every driver; the service is the only writer.
  @Column({ type: 'varchar', length: 16 })
  targetType: ShareTarget

  @Column({ type: 'integer' })
  targetId: number

  @Column({ type: 'varchar', length: 16 })
  channel: ShareChannel

  @Column({ type: Date })
  createdAt: Date
}

/**
 * A page opened from someone's share, counted once per reader per sharer and target (the unique key). `readerKey` is
 * the read counter's key (see content/reader-key.ts); `newReader` says the reader had no earlier read or share open.
 */
@Entity('share_open')
@Index('UQ_share_open_once', ['sharerId', 'targetType', 'targetId', 'readerKey'], { unique: true })
@Index('IDX_share_open_target', ['targetType', 'targetId', 'channel'])
@Index('IDX_share_open_reader', ['readerKey'])
export class ShareOpen {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  @Column({ type: 'integer' })
  sharerId: number

  @Column({ type: 'varchar', length: 16 })
  targetType: ShareTarget

  @Column({ type: 'integer' })
  targetId: number

  /** The arrival's channel: the launch scene's, else the path's `ch` (see readShareArrival in shared/src/share.ts). */
  @Column({ type: 'varchar', length: 16 })
  channel: ShareChannel

  @Column({ type: 'varchar', length: 64 })
  readerKey: string

  @Column({ type: 'boolean' })
  newReader: boolean

  /** WeChat's launch scene (1007, 1044, 1154, 1047, …) when the client knew it. */
  @Column({ type: 'integer', nullable: true })
  scene: number | null

  @Column({ type: Date })
  createdAt: Date
}
