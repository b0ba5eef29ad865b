import { Injectable } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import type { LikeResult, ViewerState } from '@chuangan/shared'
import { Repository, type EntityManager } from 'typeorm'
import { AppError } from '../common/app-error'
import { isUniqueViolation } from '../common/db'
import { Transactions } from '../common/transactions'
import { Article } from '../content/article.entity'
import { ArticleLike } from './article-like.entity'

/**
 * Likes. Each change runs in a transaction that first locks the article row, then inserts or deletes the
 * reader's like and sets the count from the rows, so under any concurrency the count equals its rows.
 */
@Injectable()
export class LikesService {
  constructor(
    @InjectRepository(ArticleLike) private readonly likes: Repository<ArticleLike>,
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    private readonly transactions: Transactions,
  ) {}

  async state(userId: number, articleId: number): Promise<ViewerState> {
    const article = await this.articles.findOne({
      select: { id: true, likeCount: true },
      where: { id: articleId, status: 'published' },
    })
    if (!article) throw AppError.notFound('文章不存在或已下线')
    return { liked: await this.likes.existsBy({ articleId, userId }), likes: article.likeCount }
  }

  like(userId: number, articleId: number, now = new Date()): Promise<LikeResult> {
    return this.change(articleId, async (em) => {
      try {
        // A savepoint keeps PostgreSQL's transaction usable after a duplicate-key error.
        await em.query('SAVEPOINT like_insert')
        await em.insert(ArticleLike, { articleId, userId, createdAt: now })
        await em.query('RELEASE SAVEPOINT like_insert')
      } catch (error) {
        if (!isUniqueViolation(error)) throw error
        await em.query('ROLLBACK TO SAVEPOINT like_insert')
      }
      return true
    })
  }

  unlike(userId: number, articleId: number): Promise<LikeResult> {
    return this.change(articleId, async (em) => {
      await em.delete(ArticleLike, { articleId, userId })
      return false
    })
  }

  private change(articleId: number, apply: (em: EntityManager) => Promise<boolean>): Promise<LikeResult> {
    return this.transactions.run(async (em) => {
      const article = await em.findOne(Article, {
        select: { id: true },
        where: { id: articleId, status: 'published' },
        lock: this.transactions.rowLock ? { mode: this.transactions.rowLock } : undefined,
      })
      if (!article) throw AppError.notFound('文章不存在或已下线')
      const liked = await apply(em)
      const likes = await em.countBy(ArticleLike, { articleId })
      await em.update(Article, { id: articleId }, { likeCount: likes })
      return { liked, likes }
    })
  }
}
