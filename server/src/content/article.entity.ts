import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'

export const ARTICLE_STATUSES = ['draft', 'scheduled', 'published', 'archived'] as const
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number]

@Entity('article')
@Index('IDX_article_feed', ['status', 'publishedAt', 'id'])
export class Article {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  @Column({ type: 'varchar', length: 200 })
  title: string

  @Column({ type: 'varchar', length: 500, default: '' })
  summary: string

  @Column({ type: 'varchar', length: 500, nullable: true })
  cover: string | null

  @Column({ type: 'varchar', length: 64 })
  authorName: string

  @Column({ type: 'text' })
  body: string

  // A plain varchar: enums differ on every driver, and the service is the one writer.
  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: ArticleStatus

  @Column({ type: Date, nullable: true })
  publishedAt: Date | null

  @Column({ type: 'integer', default: 0 })
  readCount: number

  @Column({ type: 'integer', default: 0 })
  likeCount: number

  @Column({ type: 'integer', default: 0 })
  commentCount: number

  // Set in code, not by the database: SQLite's own clock has second precision and another format.
  @Column({ type: Date })
  createdAt: Date

  @Column({ type: Date })
  updatedAt: Date
}
