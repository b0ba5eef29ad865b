import { Injectable } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import {
  ContentErrors,
  EditorErrors,
  type ArticleInput,
  type ArticleStats,
  type ArticleUpdate,
  type EditorArticle,
  type EditorArticleList,
  type EditorArticleQuery,
} from '@chuangan/shared'
import { In, Repository } from 'typeorm'
import { AppError } from '../common/app-error'
import { keysetPage } from '../common/keyset'
import { chinaDay, toInt } from '../common/db'
import { Article, ArticleBody, ArticleRead } from '../content/article.entity'
import { ArticleWriter } from '../content/article-writer.service'
import { Author } from '../content/author.entity'
import { CardsService } from '../content/cards.service'
import { PublishingService } from '../content/publishing.service'
import type { User } from '../users/user.entity'

/**
 * Articles as editors and authors work on them. Editors reach every article; an author reaches only the
 * articles of the author profiles linked to their account, and may change them only while they are drafts.
 */
@Injectable()
export class EditorArticlesService {
  constructor(
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    @InjectRepository(Author) private readonly authors: Repository<Author>,
    @InjectRepository(ArticleBody) private readonly bodies: Repository<ArticleBody>,
    @InjectRepository(ArticleRead) private readonly reads: Repository<ArticleRead>,
    private readonly writer: ArticleWriter,
    private readonly publishing: PublishingService,
    private readonly cards: CardsService,
  ) {}

  async list(user: User, query: EditorArticleQuery): Promise<EditorArticleList> {
    const qb = this.articles.createQueryBuilder('a')
    if (user.role !== 'editor') qb.andWhere({ authorId: In(await this.ownAuthorIds(user)) })
    if (query.status) qb.andWhere('a.status = :status', { status: query.status })
    const page = await keysetPage(qb, {
      order: 'edited',
      key: { column: 'a.updatedAt', kind: 'time', of: (a) => a.updatedAt.getTime() },
      id: { column: 'a.id', of: (a) => a.id },
      limit: query.limit,
      cursor: query.cursor,
    })
    return { items: await this.views(page.items), nextCursor: page.nextCursor }
  }

  async get(user: User, id: number): Promise<EditorArticle> {
    return this.view(await this.reachable(user, id))
  }

  async create(user: User, input: ArticleInput): Promise<EditorArticle> {
    const authorId = await this.authorFor(user, input.authorId)
    const article = await this.writer.write({ ...input, authorId, status: 'draft' })
    return this.view(article)
  }

  async update(user: User, id: number, input: ArticleUpdate): Promise<EditorArticle> {
    const article = await this.reachable(user, id)
    if (user.role !== 'editor') {
      if (article.status !== 'draft') throw AppError.of(EditorErrors.ARTICLE_NOT_EDITABLE)
      if (input.authorId !== undefined && input.authorId !== article.authorId) {
        throw AppError.of(EditorErrors.BYLINE_LOCKED)
      }
    }
    const saved = await this.writer.write(input, article)
    if (saved.status === 'published') await this.publishing.revised(saved)
    return this.view(saved)
  }

  async publish(user: User, id: number): Promise<EditorArticle> {
    return this.view(await this.publishing.publish(await this.reachable(user, id)))
  }

  async schedule(user: User, id: number, publishAt: string): Promise<EditorArticle> {
    return this.view(await this.publishing.schedule(await this.reachable(user, id), new Date(publishAt)))
  }

  async archive(user: User, id: number): Promise<EditorArticle> {
    return this.view(await this.publishing.archive(await this.reachable(user, id)))
  }

  async stats(user: User, id: number, now = new Date()): Promise<ArticleStats> {
    const article = await this.reachable(user, id)
    const since = chinaDay(new Date(now.getTime() - 29 * 86_400_000))
    const [readers, byDay] = await Promise.all([
      this.reads.countBy({ articleId: id }),
      this.reads
        .createQueryBuilder('r')
        .select('r.day', 'day')
        .addSelect('COUNT(*)', 'reads')
        .where('r.articleId = :id AND r.day >= :since', { id, since })
        .groupBy('r.day')
        .orderBy('r.day', 'ASC')
        .getRawMany<{ day: string; reads: number | string }>(),
    ])
    return {
      id: article.id,
      title: article.title,
      status: article.status,
      counts: {
        reads: article.readCount,
        likes: article.likeCount,
        comments: article.commentCount,
        favorites: article.favoriteCount,
        shares: article.shareCount,
      },
      readers,
      readsByDay: byDay.map((r) => ({ day: r.day, reads: toInt(r.reads) })),
      hotScore: article.hotScore / 1000,
    }
  }

  /** The article if this user may work on it; another author's article is reported as missing. */
  async reachable(user: User, id: number): Promise<Article> {
    const article = await this.articles.findOneBy({ id })
    if (!article) throw AppError.of(EditorErrors.EDITOR_ARTICLE_NOT_FOUND)
    if (user.role === 'editor') return article
    if (!(await this.ownAuthorIds(user)).includes(article.authorId)) {
      throw AppError.of(EditorErrors.EDITOR_ARTICLE_NOT_FOUND)
    }
    return article
  }

  /** The author profiles linked to this account (an author reaches only their articles; sharing stats use it too). */
  async ownAuthorIds(user: User): Promise<number[]> {
    return (await this.authors.find({ select: { id: true }, where: { userId: user.id } })).map((a) => a.id)
  }

  /** Editors name the author; authors always write as (one of) their own author profile(s). */
  private async authorFor(user: User, requested: number | undefined): Promise<number> {
    if (user.role === 'editor') {
      if (requested === undefined) {
        throw AppError.of(ContentErrors.AUTHOR_REQUIRED, { details: [{ path: 'body.authorId', message: 'required' }] })
      }
      return requested
    }
    const own = await this.ownAuthorIds(user)
    if (own.length === 0) throw AppError.of(EditorErrors.NO_AUTHOR_PROFILE)
    if (requested !== undefined && !own.includes(requested)) throw AppError.of(EditorErrors.NOT_OWN_AUTHOR)
    return requested ?? own[0]
  }

  private async view(article: Article): Promise<EditorArticle> {
    return (await this.views([article]))[0]
  }

  private async views(articles: Article[]): Promise<EditorArticle[]> {
    if (articles.length === 0) return []
    const [cards, bodies] = await Promise.all([
      this.cards.cards(articles),
      this.bodies.find({
        select: { articleId: true, format: true, source: true, html: true },
        where: { articleId: In(articles.map((a) => a.id)) },
      }),
    ])
    const bodyOf = new Map(bodies.map((b) => [b.articleId, b]))
    return articles.map((a, i) => ({
      ...cards[i],
      slug: a.slug,
      status: a.status,
      bodyFormat: bodyOf.get(a.id)?.format ?? 'markdown',
      bodySource: bodyOf.get(a.id)?.source ?? '',
      bodyHtml: bodyOf.get(a.id)?.html ?? '',
      updatedAt: a.updatedAt.toISOString(),
    }))
  }
}
