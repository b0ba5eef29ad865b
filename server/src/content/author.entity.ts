import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'

@Entity('author')
export class Author {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  @Index('UQ_author_slug', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  slug: string

  @Column({ type: 'varchar', length: 64 })
  name: string

  @Column({ type: 'varchar', length: 300, default: '' })
  bio: string

  @Column({ type: 'varchar', length: 500, nullable: true })
  avatar: string | null

  @Column({ type: 'boolean', default: false })
  verified: boolean

  /** The account that writes as this author (role `author`), if any. */
  @Index('IDX_author_user')
  @Column({ type: 'integer', nullable: true })
  userId: number | null

  /** Readers following it (subscribers, for a periodical): set from the rows by follows/, never by ±1. */
  @Column({ type: 'integer', default: 0 })
  followerCount: number

  @Column({ type: Date })
  createdAt: Date
}
