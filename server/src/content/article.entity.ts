import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm'
import type { ArticleStatus } from '@chuangan/shared'

@Entity('article')
@Index('IDX_article_feed', ['status', 'publishedAt', 'id'])
@Index('IDX_article_hot', ['status', 'hotScore', 'id'])
@Index('IDX_article_author', ['authorId', 'status', 'publishedAt'])
@Index('IDX_article_column', ['columnId', 'status', 'publishedAt'])
export class Article {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  /** Stable key for imports: re-importing a file with the same slug updates the article. */
  @Index('UQ_article_slug', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  slug: string | null

  @Column({ type: 'varchar', length: 200 })
  title: string

  @Column({ type: 'varchar', length: 500, default: '' })
  summary: string

  @Column({ type: 'varchar', length: 500, nullable: true })
  cover: string | null

  @Column({ type: 'integer' })
  authorId: number

  @Column({ type: 'integer', nullable: true })
  columnId: number | null

  /** Characters of visible body text (the body itself lives in `article_body`). */
  @Column({ type: 'integer', default: 0 })
  bodyLength: number

  // A plain varchar: enums differ on every driver, and the services are the only writers.
  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: ArticleStatus

  /** When it went (or goes, if scheduled) live. */
  @Column({ type: Date, nullable: true })
  publishedAt: Date | null

  @Column({ type: 'integer', default: 0 })
  readCount: number

  @Column({ type: 'integer', default: 0 })
  likeCount: number

  @Column({ type: 'integer', default: 0 })
  commentCount: number

  @Column({ type: 'integer', default: 0 })
  favoriteCount: number

  @Column({ type: 'integer', default: 0 })
  shareCount: number

  /** Editors closed comments: the list stays, new comments are refused. */
  @Column({ type: 'boolean', default: false })
  commentsClosed: boolean

  /** Hot score × 1000 (see hot-score.ts), refreshed on publish and periodically. */
  @Column({ type: 'integer', default: 0 })
  hotScore: number

  // Set in code, not by the database: SQLite's own clock has second precision and another format.
  @Column({ type: Date })
  createdAt: Date

  @Column({ type: Date })
  updatedAt: Date
}

/**
 * An article's body, apart from the article row: bodies are large (tens of KB in three forms), and the feed,
 * which reads many article rows, never needs them.
 */
@Entity('article_body')
export class ArticleBody {
  @PrimaryColumn({ type: 'integer' })
  articleId: number

  @Column({ type: 'varchar', length: 16, default: 'markdown' })
  format: 'markdown' | 'html'

  /** The sanitised body as WeChat rich-text nodes (JSON), served as it is. */
  @Column({ type: 'text' })
  nodes: string

  /** The sanitised HTML. */
  @Column({ type: 'text' })
  html: string

  /** What the editor wrote, kept for editing. */
  @Column({ type: 'text' })
  source: string
}

/** Up to 6 related articles per article, best first. */
@Entity('article_related')
export class ArticleRelated {
  @PrimaryColumn({ type: 'integer' })
  articleId: number

  @PrimaryColumn({ type: 'integer' })
  relatedId: number

  @Column({ type: 'integer' })
  score: number
}

/** The weighted keywords of an article's title and summary: the inverted index for related reading. */
@Entity('article_term')
@Index('IDX_article_term_term', ['term', 'articleId'])
export class ArticleTerm {
  @PrimaryColumn({ type: 'integer' })
  articleId: number

  @PrimaryColumn({ type: 'varchar', length: 32 })
  term: string

  @Column({ type: 'integer' })
  weight: number
}

/** One row per reader per article per day: a read counts once a day. */
@Entity('article_read')
// Whether a reader was seen before (sharing's new readers) looks a reader key up on its own.
@Index('IDX_article_read_reader', ['readerKey'])
export class ArticleRead {
  @PrimaryColumn({ type: 'integer' })
  articleId: number

  @PrimaryColumn({ type: 'varchar', length: 64 })
  readerKey: string

  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string
}
