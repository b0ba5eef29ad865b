import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'
import type { AdPlacement } from '@chuangan/shared'

/** An ad slot: a WeChat ad unit, or our own house ad (image + link), live within its window. */
@Entity('ad_slot')
@Index('IDX_ad_slot_placement', ['placement', 'active'])
export class AdSlot {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  @Column({ type: 'varchar', length: 16 })
  placement: AdPlacement

  @Column({ type: 'varchar', length: 64 })
  title: string

  @Column({ type: 'varchar', length: 64, nullable: true })
  wechatUnitId: string | null

  @Column({ type: 'varchar', length: 500, nullable: true })
  imageUrl: string | null

  @Column({ type: 'varchar', length: 500, nullable: true })
  linkUrl: string | null

  @Column({ type: Date, nullable: true })
  startsAt: Date | null

  @Column({ type: Date, nullable: true })
  endsAt: Date | null

  @Column({ type: 'boolean', default: true })
  active: boolean

  @Column({ type: Date })
  createdAt: Date
}
