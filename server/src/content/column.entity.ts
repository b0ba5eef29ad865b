import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'

/** A column (栏目) such as 传感说. The table is not called `column`: that word is reserved in SQL. */
@Entity('content_column')
export class ContentColumn {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  @Index('UQ_column_slug', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  slug: string

  @Column({ type: 'varchar', length: 32 })
  name: string

  @Column({ type: 'varchar', length: 300, default: '' })
  description: string

  @Column({ type: 'varchar', length: 500, nullable: true })
  cover: string | null

  @Column({ type: 'integer', nullable: true })
  authorId: number | null

  @Column({ type: 'integer', default: 0 })
  position: number

  /** Readers following it (subscribers, for a periodical): set from the rows by follows/, never by ±1. */
  @Column({ type: 'integer', default: 0 })
  followerCount: number

  @Column({ type: Date })
  createdAt: Date
}
