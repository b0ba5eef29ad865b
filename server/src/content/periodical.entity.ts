import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm'

/** A periodical (期刊) readers can subscribe to; its issues are ordered sets of articles. */
@Entity('periodical')
export class Periodical {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  @Index('UQ_periodical_slug', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  slug: string

  @Column({ type: 'varchar', length: 64 })
  name: string

  @Column({ type: 'varchar', length: 500, default: '' })
  description: string

  @Column({ type: 'varchar', length: 500, nullable: true })
  cover: string | null

  /** Readers following it (subscribers, for a periodical): set from the rows by follows/, never by ±1. */
  @Column({ type: 'integer', default: 0 })
  followerCount: number

  @Column({ type: Date })
  createdAt: Date
}

@Entity('periodical_issue')
@Index('UQ_issue_number', ['periodicalId', 'number'], { unique: true })
export class PeriodicalIssue {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  @Column({ type: 'integer' })
  periodicalId: number

  @Column({ type: 'integer' })
  number: number

  @Column({ type: 'varchar', length: 100 })
  title: string

  @Column({ type: Date })
  publishedAt: Date

  @Column({ type: Date })
  createdAt: Date
}

@Entity('periodical_issue_article')
@Index('IDX_issue_article_article', ['articleId'])
export class PeriodicalIssueArticle {
  @PrimaryColumn({ type: 'integer' })
  issueId: number

  @PrimaryColumn({ type: 'integer' })
  articleId: number

  @Column({ type: 'integer' })
  position: number
}
