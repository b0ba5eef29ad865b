import { Injectable } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import {
  ContentErrors,
  type ColumnProfile,
  type PeriodicalDetail,
  type PeriodicalSummary,
  type TagProfile,
} from '@chuangan/shared'
import { In, Repository } from 'typeorm'
import { AppError } from '../common/app-error'
import { toInt } from '../common/db'
import { Article } from './article.entity'
import { Author } from './author.entity'
import { ContentColumn } from './column.entity'
import { Periodical, PeriodicalIssue, PeriodicalIssueArticle } from './periodical.entity'
import { ArticleTag, Tag } from './tag.entity'
import { articleBrief, authorRef } from './views'

const HOT_TAG_DAYS = 90

/** Columns, tags and periodicals as readers browse them. */
@Injectable()
export class DirectoryService {
  constructor(
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    @InjectRepository(Author) private readonly authors: Repository<Author>,
    @InjectRepository(ContentColumn) private readonly columns: Repository<ContentColumn>,
    @InjectRepository(Tag) private readonly tags: Repository<Tag>,
    @InjectRepository(Periodical) private readonly periodicals: Repository<Periodical>,
    @InjectRepository(PeriodicalIssue) private readonly issues: Repository<PeriodicalIssue>,
    @InjectRepository(PeriodicalIssueArticle) private readonly issueArticles: Repository<PeriodicalIssueArticle>,
  ) {}

  async columnList(): Promise<ColumnProfile[]> {
    const columns = await this.columns.find({ order: { position: 'ASC', id: 'ASC' } })
    return this.columnProfiles(columns)
  }

  async column(slug: string): Promise<ColumnProfile> {
    const column = await this.columns.findOneBy({ slug })
    if (!column) throw AppError.of(ContentErrors.COLUMN_NOT_FOUND)
    return (await this.columnProfiles([column]))[0]
  }

  private async columnProfiles(columns: ContentColumn[]): Promise<ColumnProfile[]> {
    if (!columns.length) return []
    const ids = columns.map((c) => c.id)
    const authorIds = columns.map((c) => c.authorId).filter((a): a is number => a !== null)
    const [counts, authors] = await Promise.all([
      this.articles
        .createQueryBuilder('a')
        .select('a.columnId', 'columnId')
        .addSelect('COUNT(*)', 'n')
        .where({ columnId: In(ids), status: 'published' })
        .groupBy('a.columnId')
        .getRawMany<{ columnId: number | string; n: number | string }>(),
      authorIds.length ? this.authors.findBy({ id: In(authorIds) }) : Promise.resolve([]),
    ])
    const countOf = new Map(counts.map((r) => [Number(r.columnId), toInt(r.n)]))
    const authorOf = new Map(authors.map((a) => [a.id, a]))
    return columns.map((c) => {
      const author = c.authorId === null ? undefined : authorOf.get(c.authorId)
      return {
        id: c.id,
        slug: c.slug,
        name: c.name,
        description: c.description,
        cover: c.cover,
        author: author ? authorRef(author) : null,
        articleCount: countOf.get(c.id) ?? 0,
      }
    })
  }

  async tag(name: string): Promise<TagProfile> {
    const tag = await this.tags.findOneBy({ name })
    if (!tag) throw AppError.of(ContentErrors.TAG_NOT_FOUND)
    const articleCount = await this.articles
      .createQueryBuilder('a')
      .innerJoin(ArticleTag, 'at', 'at.articleId = a.id AND at.tagId = :tagId', { tagId: tag.id })
      .where('a.status = :status', { status: 'published' })
      .getCount()
    return { id: tag.id, name: tag.name, articleCount }
  }

  /** Tags with the most published articles in the last 90 days. */
  async hotTags(limit = 20, now = new Date()): Promise<TagProfile[]> {
    const since = new Date(now.getTime() - HOT_TAG_DAYS * 86_400_000)
    const rows = await this.tags
      .createQueryBuilder('t')
      .innerJoin(ArticleTag, 'at', 'at.tagId = t.id')
      .innerJoin(Article, 'a', 'a.id = at.articleId AND a.status = :status AND a.publishedAt > :since', {
        status: 'published',
        since,
      })
      .select('t.id', 'id')
      .addSelect('t.name', 'name')
      .addSelect('COUNT(*)', 'n')
      .groupBy('t.id')
      .addGroupBy('t.name')
      .orderBy('n', 'DESC')
      .addOrderBy('t.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: number | string; name: string; n: number | string }>()
    return rows.map((r) => ({ id: Number(r.id), name: r.name, articleCount: toInt(r.n) }))
  }

  async periodicalList(): Promise<PeriodicalSummary[]> {
    const periodicals = await this.periodicals.find({ order: { id: 'ASC' } })
    const counts = periodicals.length
      ? await this.issues
          .createQueryBuilder('i')
          .select('i.periodicalId', 'periodicalId')
          .addSelect('COUNT(*)', 'n')
          .where({ periodicalId: In(periodicals.map((p) => p.id)) })
          .groupBy('i.periodicalId')
          .getRawMany<{ periodicalId: number | string; n: number | string }>()
      : []
    const countOf = new Map(counts.map((r) => [Number(r.periodicalId), toInt(r.n)]))
    return periodicals.map((p) => summary(p, countOf.get(p.id) ?? 0))
  }

  async periodical(id: number): Promise<PeriodicalDetail> {
    const periodical = await this.periodicals.findOneBy({ id })
    if (!periodical) throw AppError.of(ContentErrors.PERIODICAL_NOT_FOUND)
    const issues = await this.issues.find({ where: { periodicalId: id }, order: { number: 'DESC' } })
    const links = issues.length
      ? await this.issueArticles.find({ where: { issueId: In(issues.map((i) => i.id)) }, order: { position: 'ASC' } })
      : []
    const articles = links.length
      ? await this.articles.find({
          select: { id: true, title: true, cover: true, publishedAt: true, createdAt: true, status: true },
          where: { id: In([...new Set(links.map((l) => l.articleId))]), status: 'published' },
        })
      : []
    const articleById = new Map(articles.map((a) => [a.id, a]))
    return {
      ...summary(periodical, issues.length),
      issues: issues.map((issue) => ({
        id: issue.id,
        number: issue.number,
        title: issue.title,
        publishedAt: issue.publishedAt.toISOString(),
        articles: links
          .filter((l) => l.issueId === issue.id && articleById.has(l.articleId))
          .map((l) => articleBrief(articleById.get(l.articleId)!)),
      })),
    }
  }
}

const summary = (p: Periodical, issueCount: number): PeriodicalSummary => ({
  id: p.id,
  slug: p.slug,
  name: p.name,
  description: p.description,
  cover: p.cover,
  issueCount,
})
