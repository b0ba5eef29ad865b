import { Injectable } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import {
  ContentErrors,
  type ArticleBrief,
  type ArticleDetail,
  type AuthorProfile,
  type FeedPage,
  type FeedQuery,
  type ReadResult,
} from '@chuangan/shared'
import { LRUCache } from 'lru-cache'
import { Repository, type EntityManager } from 'typeorm'
import { quoter, selectSql } from '../database/raw-sql'
import { AdsService } from '../ads/ads.service'
import { AppError } from '../common/app-error'
import { keysetPage } from '../common/keyset'
import { bindKey, chinaDay, isUniqueViolation, toInt } from '../common/db'
import { Article, ArticleRead } from './article.entity'
import { Author } from './author.entity'
import { CardsService } from './cards.service'
import { ContentCache } from './content-cache.service'
import { ContentColumn } from './column.entity'
import { PeriodicalIssue, PeriodicalIssueArticle } from './periodical.entity'
import { ArticleTag, Tag } from './tag.entity'
import { articleBrief, authorRef } from './views'

const EMPTY: FeedPage = { items: [], nextCursor: null }

/** The article row's columns the page shows (all but the slug, the hot score and the times of change). */
const DETAIL_COLUMNS = [
  'id',
  'title',
  'summary',
  'cover',
  'authorId',
  'columnId',
  'bodyLength',
  'status',
  'publishedAt',
  'readCount',
  'likeCount',
  'commentCount',
  'favoriteCount',
  'shareCount',
  'createdAt',
] as const

/** One row of the detail statement: the article's columns as the driver gives them, and the body's nodes. */
type DetailRow = Record<(typeof DETAIL_COLUMNS)[number], unknown> & { nodes: string | Buffer | null }

const CLOSE_BRACE = Buffer.from('}')

/** The article page's statements, written once per engine (keys bound as text, so each is prepared once). */
function detailSql(em: EntityManager) {
  const q = quoter(em)
  // The body's nodes as bytes where the driver gives them as a Buffer for the asking: they go into the answer as
  // they are, without a round trip through a JavaScript string (a third of a cache miss's time on SQLite). On
  // MariaDB/MySQL converted to utf8mb4 first, whatever the column's character set.
  const type = em.connection.options.type
  const nodes =
    type === 'better-sqlite3'
      ? `CAST(b.${q('nodes')} AS BLOB)`
      : type === 'postgres'
        ? `b.${q('nodes')}`
        : `CAST(CONVERT(b.${q('nodes')} USING utf8mb4) AS BINARY)`
  return {
    detail:
      `SELECT ${DETAIL_COLUMNS.map((c) => `a.${q(c)} AS ${q(c)}`).join(', ')}, ${nodes} AS ${q('nodes')} ` +
      `FROM ${q('article')} a LEFT JOIN ${q('article_body')} b ON b.${q('articleId')} = a.${q('id')} ` +
      `WHERE a.${q('id')} = :id AND a.${q('status')} = :status`,
    related:
      `SELECT a.${q('id')} AS ${q('id')}, a.${q('title')} AS ${q('title')}, a.${q('cover')} AS ${q('cover')}, ` +
      `a.${q('publishedAt')} AS ${q('publishedAt')} FROM ${q('article_related')} r ` +
      `INNER JOIN ${q('article')} a ON a.${q('id')} = r.${q('relatedId')} AND a.${q('status')} = :status ` +
      `WHERE r.${q('articleId')} = :articleId ORDER BY r.${q('score')} DESC, a.${q('id')} DESC LIMIT 6`,
    readCount: `SELECT ${q('readCount')} AS ${q('readCount')} FROM ${q('article')} WHERE ${q('id')} = :id AND ${q('status')} = :status`,
  }
}

/** The detail row as the article the cards are made from (numbers and dates as TypeORM would give them). */
function detailArticle(row: DetailRow): Article {
  return Object.assign(new Article(), {
    id: toInt(row.id),
    title: row.title as string,
    summary: row.summary as string,
    cover: row.cover as string | null,
    authorId: toInt(row.authorId),
    columnId: row.columnId === null ? null : toInt(row.columnId),
    bodyLength: toInt(row.bodyLength),
    status: row.status as Article['status'],
    publishedAt: row.publishedAt === null ? null : toDate(row.publishedAt as Date | string),
    readCount: toInt(row.readCount),
    likeCount: toInt(row.likeCount),
    commentCount: toInt(row.commentCount),
    favoriteCount: toInt(row.favoriteCount),
    shareCount: toInt(row.shareCount),
    createdAt: toDate(row.createdAt as Date | string),
  })
}

/** Reads this process has seen stored, per (article, reader): at most this many, the least recent going first. */
const COUNTED_READS_MAX = 50_000

/** What readers see: the feed, the article page, read counting. Shared results are cached by the controller. */
@Injectable()
export class ArticlesService {
  constructor(
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    @InjectRepository(ArticleRead) private readonly reads: Repository<ArticleRead>,
    @InjectRepository(Author) private readonly authors: Repository<Author>,
    @InjectRepository(ContentColumn) private readonly columns: Repository<ContentColumn>,
    @InjectRepository(Tag) private readonly tags: Repository<Tag>,
    private readonly cards: CardsService,
    private readonly ads: AdsService,
    private readonly cache: ContentCache,
  ) {
    this.sql = detailSql(articles.manager)
  }

  private readonly sql: ReturnType<typeof detailSql>

  /**
   * `articleId:readerKey` → the China day of a read this process saw stored (inserted, or refused as a duplicate):
   * a repeat read that day needs no write. Only a hint: a read not here goes to the database, whose primary key
   * decides (so several processes still count a read once). Rows are never deleted but wholesale (a test resetting
   * the database, which clears the content cache): entries go when the content cache's epoch changes.
   */
  private readonly countedReads = new LRUCache<string, string>({ max: COUNTED_READS_MAX })
  private countedEpoch = 0

  /** Published articles, filtered, newest or hottest first; the cursor is the last item's (key, id). */
  async feed(query: FeedQuery): Promise<FeedPage> {
    const qb = this.articles.createQueryBuilder('a').where('a.status = :status', { status: 'published' })
    if (query.column) {
      const column = await this.columns.findOneBy({ slug: query.column })
      if (!column) return EMPTY
      qb.andWhere('a.columnId = :columnId', { columnId: column.id })
    }
    if (query.author) qb.andWhere('a.authorId = :authorId', { authorId: query.author })
    if (query.tag) {
      const tag = await this.tags.findOneBy({ name: query.tag })
      if (!tag) return EMPTY
      qb.innerJoin(ArticleTag, 'at', 'at.articleId = a.id AND at.tagId = :tagId', { tagId: tag.id })
    }
    if (query.periodical) {
      const inPeriodical = qb
        .subQuery()
        .select('pia.articleId')
        .from(PeriodicalIssueArticle, 'pia')
        .innerJoin(PeriodicalIssue, 'pi', 'pi.id = pia.issueId')
        .where('pi.periodicalId = :periodicalId')
        .getQuery()
      qb.andWhere(`a.id IN ${inPeriodical}`, { periodicalId: query.periodical })
    }

    const hot = query.sort === 'hot'
    const { items, nextCursor } = await keysetPage(qb, {
      order: query.sort,
      key: hot
        ? { column: 'a.hotScore', kind: 'integer', of: (a) => a.hotScore }
        : { column: 'a.publishedAt', kind: 'time', of: (a) => a.publishedAt!.getTime() },
      id: { column: 'a.id', of: (a) => a.id },
      limit: query.limit,
      cursor: query.cursor,
    })
    return { items: await this.cards.cards(items), nextCursor }
  }

  /**
   * The article page as the detail route answers it: encoded JSON from the content cache (one statement and the
   * shared lookups on a miss). The article page route splices these same bytes into its answer.
   */
  detailBody(id: number): Promise<Buffer> {
    return this.cache.json(`article:${id}`, () => this.detailJson(id), 'second-ask')
  }

  /**
   * The article page as JSON text. The stored body nodes are already JSON, so they are spliced in as they
   * are instead of being parsed and serialised again (they are most of the bytes).
   */
  async detailJson(id: number): Promise<Buffer> {
    const { parts, bodyNodes } = await this.detailParts(id)
    const json = JSON.stringify(parts)
    return Buffer.concat([
      Buffer.from(`${json.slice(0, -1)},"body":`),
      typeof bodyNodes === 'string' ? Buffer.from(bodyNodes) : bodyNodes,
      CLOSE_BRACE,
    ])
  }

  private async detailParts(id: number): Promise<{ parts: Omit<ArticleDetail, 'body'>; bodyNodes: string | Buffer }> {
    // The article row and its body's nodes in one statement (everything but the editor's source and the HTML,
    // which the page does not need).
    const [row] = await selectSql<DetailRow>(this.articles.manager, this.sql.detail, {
      id: bindKey(id),
      status: 'published',
    })
    if (!row) throw AppError.of(ContentErrors.ARTICLE_NOT_FOUND)
    const article = detailArticle(row)
    const [[card], authorProfile, authorLatest, related, ad] = await Promise.all([
      this.cards.cards([article]),
      this.cache.value(`author-profile:${article.authorId}`, () => this.authorProfile(article.authorId)),
      this.cache.value(`author-latest:${article.authorId}`, () => this.latestBy(article.authorId, 4)),
      this.relatedOf(article.id),
      this.cache.value('ad:article', () => this.ads.pick('article')),
    ])
    return {
      parts: {
        ...card,
        bodyLength: article.bodyLength,
        authorProfile,
        authorLatest: authorLatest.filter((a) => a.id !== article.id).slice(0, 3),
        related,
        ad,
      },
      bodyNodes: row.nodes ?? '[]',
    }
  }

  async authorProfile(authorId: number): Promise<AuthorProfile> {
    const author = await this.authors.findOneBy({ id: authorId })
    if (!author) throw AppError.of(ContentErrors.AUTHOR_NOT_FOUND)
    const [articleCount, columns] = await Promise.all([
      this.articles.countBy({ authorId, status: 'published' }),
      this.columns.find({ where: { authorId }, order: { position: 'ASC', id: 'ASC' } }),
    ])
    return {
      ...authorRef(author),
      bio: author.bio,
      articleCount,
      columns: columns.map((c) => ({ id: c.id, slug: c.slug, name: c.name })),
    }
  }

  /** An author's latest published articles (one more than a page shows, so the current one can be left out). */
  private async latestBy(authorId: number, take: number): Promise<ArticleBrief[]> {
    const rows = await this.articles.find({
      select: { id: true, title: true, cover: true, publishedAt: true, createdAt: true },
      where: { authorId, status: 'published' },
      order: { publishedAt: 'DESC', id: 'DESC' },
      take,
    })
    return rows.map(articleBrief)
  }

  /** Up to 6 related articles that are still published, best first. */
  private async relatedOf(articleId: number) {
    const rows = await selectSql<{
      id: number | string
      title: string
      cover: string | null
      publishedAt: Date | string
    }>(this.articles.manager, this.sql.related, { articleId: bindKey(articleId), status: 'published' })
    return rows.map((r) => ({
      id: Number(r.id),
      title: r.title,
      cover: r.cover,
      publishedAt: toDate(r.publishedAt).toISOString(),
    }))
  }

  /**
   * Counts a read once per reader per article per China-time day. A repeat this process has seen stored costs one
   * read of the count (which also answers 404 for an article since taken offline), no write.
   */
  async countRead(articleId: number, readerKey: string, now = new Date()): Promise<ReadResult> {
    const day = chinaDay(now)
    const key = `${articleId}:${readerKey}`
    const epoch = this.cache.epoch
    if (epoch !== this.countedEpoch) {
      this.countedReads.clear()
      this.countedEpoch = epoch
    }
    if (this.countedReads.get(key) === day) {
      const [row] = await selectSql<{ readCount: number | string }>(this.articles.manager, this.sql.readCount, {
        id: bindKey(articleId),
        status: 'published',
      })
      if (!row) throw AppError.of(ContentErrors.ARTICLE_NOT_FOUND)
      return { counted: false, reads: toInt(row.readCount) }
    }
    const exists = await this.articles.existsBy({ id: articleId, status: 'published' })
    if (!exists) throw AppError.of(ContentErrors.ARTICLE_NOT_FOUND)
    let counted = true
    try {
      await this.reads.insert({ articleId, readerKey, day })
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
      counted = false
    }
    // the row is stored either way; remembered unless everything was forgotten meanwhile
    if (epoch === this.cache.epoch) this.countedReads.set(key, day)
    if (counted) await this.articles.increment({ id: articleId }, 'readCount', 1)
    const row = await this.articles.findOne({ select: { id: true, readCount: true }, where: { id: articleId } })
    return { counted, reads: toInt(row?.readCount) }
  }
}

/** Raw rows carry dates as Date (pg, MariaDB) or as TypeORM's UTC string (SQLite). */
function toDate(value: Date | string): Date {
  if (value instanceof Date) return value
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`)
}
