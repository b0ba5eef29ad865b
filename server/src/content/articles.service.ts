import { Injectable } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import type { ArticleDetail, ArticleSummary, FeedPage, FeedQuery } from '@chuangan/shared'
import { Brackets, Repository } from 'typeorm'
import { AppError } from '../common/app-error'
import { decodeCursor, encodeCursor } from '../common/cursor'
import { Article } from './article.entity'

@Injectable()
export class ArticlesService {
  constructor(@InjectRepository(Article) private readonly articles: Repository<Article>) {}

  /** Published articles, newest first; the cursor is the last item's (publishedAt, id). */
  async feed(query: FeedQuery): Promise<FeedPage> {
    const qb = this.articles
      .createQueryBuilder('a')
      .where('a.status = :status', { status: 'published' })
      .orderBy('a.publishedAt', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .take(query.limit + 1)
    if (query.cursor) {
      const after = decodeCursor(query.cursor)
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('a.publishedAt < :at', { at: after.at })
            .orWhere('a.publishedAt = :at AND a.id < :id', { id: after.id }),
        ),
      )
    }
    const rows = await qb.getMany()
    const page = rows.slice(0, query.limit)
    const last = page[page.length - 1]
    const nextCursor = rows.length > query.limit && last ? encodeCursor({ at: last.publishedAt!, id: last.id }) : null
    return { items: page.map(toSummary), nextCursor }
  }

  async findPublished(id: number): Promise<ArticleDetail> {
    const article = await this.articles.findOneBy({ id, status: 'published' })
    if (!article) throw AppError.notFound('文章不存在或已下线')
    return { ...toSummary(article), body: article.body }
  }
}

export function toSummary(a: Article): ArticleSummary {
  return {
    id: a.id,
    title: a.title,
    summary: a.summary,
    cover: a.cover,
    authorName: a.authorName,
    publishedAt: (a.publishedAt ?? a.createdAt).toISOString(),
    readCount: a.readCount,
    likeCount: a.likeCount,
    commentCount: a.commentCount,
  }
}
