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
import { Repository } from 'typeorm'
import { AdsService } from '../ads/ads.service'
import { AppError } from '../common/app-error'
import { keysetPage } from '../common/keyset'
import { bindKey, chinaDay, isUniqueViolation, toInt } from '../common/db'
import { Article, ArticleBody, ArticleRead, ArticleRelated } from './article.entity'
import { Author } from './author.entity'
import { CardsService } from './cards.service'
import { ContentCache } from './content-cache.service'
import { ContentColumn } from './column.entity'
import { PeriodicalIssue, PeriodicalIssueArticle } from './periodical.entity'
import { ArticleTag, Tag } from './tag.entity'
import { articleBrief, authorRef } from './views'

const EMPTY: FeedPage = { items: [], nextCursor: null }

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

/** What readers see: the feed, the article page, read counting. Shared results are cached by the controller. */
@Injectable()
export class ArticlesService {
  constructor(
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    @InjectRepository(ArticleBody) private readonly bodies: Repository<ArticleBody>,
    @InjectRepository(ArticleRead) private readonly reads: Repository<ArticleRead>,
    @InjectRepository(ArticleRelated) private readonly related: Repository<ArticleRelated>,
    @InjectRepository(Author) private readonly authors: Repository<Author>,
    @InjectRepository(ContentColumn) private readonly columns: Repository<ContentColumn>,
    @InjectRepository(Tag) private readonly tags: Repository<Tag>,
    private readonly cards: CardsService,
    private readonly ads: AdsService,
    private readonly cache: ContentCache,
  ) {}

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
   * The article page as JSON text. The stored body nodes are already JSON, so they are spliced in as they
   * are instead of being parsed and serialised again (they are most of the bytes).
   */
  async detailJson(id: number): Promise<string> {
    const { parts, bodyNodes } = await this.detailParts(id)
    const json = JSON.stringify(parts)
    return `${json.slice(0, -1)},"body":${bodyNodes}}`
  }

  private async detailParts(id: number): Promise<{ parts: Omit<ArticleDetail, 'body'>; bodyNodes: string }> {
    // Everything but the editor's source and the HTML, which the page does not need.
    const article = await this.articles
      .createQueryBuilder('a')
      .select(DETAIL_COLUMNS.map((c) => `a.${c}`))
      .where('a.id = :id AND a.status = :status', { id: bindKey(id), status: 'published' })
      .getOne()
    if (!article) throw AppError.of(ContentErrors.ARTICLE_NOT_FOUND)
    const [[card], body, authorProfile, authorLatest, related, ad] = await Promise.all([
      this.cards.cards([article]),
      this.bodies
        .createQueryBuilder('b')
        .select(['b.articleId', 'b.nodes'])
        .where('b.articleId = :id', { id: bindKey(id) })
        .getOne(),
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
      bodyNodes: body?.nodes ?? '[]',
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
    const rows = await this.related
      .createQueryBuilder('r')
      .innerJoin(Article, 'a', 'a.id = r.relatedId AND a.status = :status', { status: 'published' })
      .select(['a.id AS "id"', 'a.title AS "title"', 'a.cover AS "cover"', 'a.publishedAt AS "publishedAt"'])
      .where('r.articleId = :articleId', { articleId: bindKey(articleId) })
      .orderBy('r.score', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(6)
      .getRawMany<{ id: number | string; title: string; cover: string | null; publishedAt: Date | string }>()
    return rows.map((r) => ({
      id: Number(r.id),
      title: r.title,
      cover: r.cover,
      publishedAt: toDate(r.publishedAt).toISOString(),
    }))
  }

  /** Counts a read once per reader per article per China-time day. */
  async countRead(articleId: number, readerKey: string, now = new Date()): Promise<ReadResult> {
    const exists = await this.articles.existsBy({ id: articleId, status: 'published' })
    if (!exists) throw AppError.of(ContentErrors.ARTICLE_NOT_FOUND)
    let counted = true
    try {
      await this.reads.insert({ articleId, readerKey, day: chinaDay(now) })
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
      counted = false
    }
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
