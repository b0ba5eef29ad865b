import { Column, Entity, PrimaryColumn } from 'typeorm'

/**
 * What one reader allowed for one subscribe-message template: `credits` sends left (each accept adds one, each
 * delivered message takes one, WeChat's 43101 zeroes them) and the last answer (reject and ban stop us asking).
 */
@Entity('subscribe_grant')
export class SubscribeGrant {
  @PrimaryColumn({ type: 'integer' })
  userId: number

  @PrimaryColumn({ type: 'varchar', length: 64 })
  templateId: string

  @Column({ type: 'integer', default: 0 })
  credits: number

  /** accept, reject or ban: the last answer given. */
  @Column({ type: 'varchar', length: 8 })
  answer: 'accept' | 'reject' | 'ban'

  @Column({ type: Date })
  updatedAt: Date
}
