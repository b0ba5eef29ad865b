import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'
import type { FollowKind } from '@chuangan/shared'

/** A reader following an author or a column, or subscribed to a periodical (期刊订阅): one row each. */
@Entity('follow')
@Index('UQ_follow_user_target', ['userId', 'kind', 'targetId'], { unique: true })
@Index('IDX_follow_target', ['kind', 'targetId'])
export class Follow {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  @Column({ type: 'integer' })
  userId: number

  @Column({ type: 'varchar', length: 16 })
  kind: FollowKind

  @Column({ type: 'integer' })
  targetId: number

  @Column({ type: Date })
  createdAt: Date
}
