import { Injectable } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import { ContentErrors, type LikeResult, type MyLikesPage, type MyListQuery, type ViewerState } from '@chuangan/shared'
import { In, Repository, type EntityManager } from 'typeorm'
import { AppError } from '../common/app-error'
import { keysetPage } from '../common/keyset'
import { bindKey, toInt } from '../common/db'
import { insertIgnoring, quoter, runSql, selectSql } from '../database/raw-sql'
import { Transactions } from '../database/transactions'
import { Article } from '../content/article.entity'
import { CardsService } from '../content/cards.service'
import { ArticleLike } from './article-like.entity'
import { lockArticle, lockUser, recount, type Counter } from '../database/locks'

/** One row of the viewer-state statement (numbers and booleans as each driver gives them). */
interface ViewerStateRow {
  likes: number | string
  favorites: number | string
  comments: number | string
  commentsClosed: boolean | number | string
  liked: number | string
  folderId: number | string | null
}

/** Article.likeCount: its readers' likes. */
export const LIKE_COUNT: Counter = { from: 'article_like', by: 'articleId' }

/**
 * Likes. Each change runs in a transaction that first locks the reader's user row (none after the account was
 * deleted: 401), then the article row, then inserts or deletes the reader's like and sets the count from the rows, so
 * under any concurrency the count equals its rows.
 */
@Injectable()
export class LikesService {
  constructor(
    @InjectRepository(ArticleLike) private readonly likes: Repository<ArticleLike>,
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    private readonly transactions: Transactions,
    private readonly cards: CardsService,
  ) {}

  /**
   * The caller's relation to an article (liked, in which of my folders) and its exact counts, in one statement: the
   * article row (counts as stored, kept equal to their rows by every writer), whether my like row exists, and one
   * row per folder of mine holding it (through `IDX_favorite_article`; one row with no folder when none does).
   */
  async state(userId: number, articleId: number): Promise<ViewerState> {
    const rows = await selectSql<ViewerStateRow>(this.articles.manager, this.stateSql(), {
      articleId: bindKey(articleId),
      userId: bindKey(userId),
      status: 'published',
    })
    if (rows.length === 0) throw AppError.of(ContentErrors.ARTICLE_NOT_FOUND)
    const [row] = rows
    return {
      liked: toInt(row.liked) > 0,
      likes: toInt(row.likes),
      folderIds: rows
        .filter((r) => r.folderId !== null)
        .map((r) => toInt(r.folderId))
        .sort((a, b) => a - b),
      favorites: toInt(row.favorites),
      comments: toInt(row.comments),
      commentsClosed: Boolean(toInt(row.commentsClosed)),
    }
  }

  private stateSqlText?: string

  private stateSql(): string {
    if (this.stateSqlText) return this.stateSqlText
    const q = quoter(this.articles.manager)
    this.stateSqlText = `
      SELECT a.${q('likeCount')} AS ${q('likes')}, a.${q('favoriteCount')} AS ${q('favorites')},
             a.${q('commentCount')} AS ${q('comments')}, a.${q('commentsClosed')} AS ${q('commentsClosed')},
             (SELECT COUNT(*) FROM ${q('article_like')} l
               WHERE l.${q('articleId')} = a.${q('id')} AND l.${q('userId')} = :userId) AS ${q('liked')},
             f.${q('folderId')} AS ${q('folderId')}
        FROM ${q('article')} a
        LEFT JOIN ${q('favorite')} f ON f.${q('articleId')} = a.${q('id')} AND f.${q('userId')} = :userId
       WHERE a.${q('id')} = :articleId AND a.${q('status')} = :status`
    return this.stateSqlText
  }

  /** Articles I liked, newest like first; articles since taken offline are left out. */
  async mine(userId: number, query: MyListQuery): Promise<MyLikesPage> {
    const qb = this.likes
      .createQueryBuilder('l')
      .innerJoin(Article, 'a', 'a.id = l.articleId AND a.status = :status', { status: 'published' })
      .where('l.userId = :userId', { userId: bindKey(userId) })
    const { items: page, nextCursor } = await keysetPage(qb, {
      order: 'likes',
      key: { column: 'l.createdAt', kind: 'time', of: (l) => l.createdAt.getTime() },
      id: { column: 'l.articleId', of: (l) => l.articleId },
      limit: query.limit,
      cursor: query.cursor,
    })
    const articles = page.length
      ? await this.articles.findBy({ id: In(page.map((l) => l.articleId)), status: 'published' })
      : []
    const byId = new Map(articles.map((a) => [a.id, a]))
    // An article taken offline between the two reads is left out of this page.
    const shown = page.filter((l) => byId.has(l.articleId))
    const cards = await this.cards.cards(shown.map((l) => byId.get(l.articleId)!))
    return {
      items: shown.map((l, i) => ({ article: cards[i], likedAt: l.createdAt.toISOString() })),
      nextCursor,
    }
  }

  /** The articles a reader liked (for account deletion, which locks them before `forgetUser`). */
  async articleIdsOf(em: EntityManager, userId: number): Promise<number[]> {
    const rows = await em.find(ArticleLike, { select: { articleId: true }, where: { userId } })
    return rows.map((l) => l.articleId)
  }

  /** Removes a reader's likes inside the caller's transaction, which holds the rows of `articleIds`; recounts them. */
  async forgetUser(em: EntityManager, userId: number, articleIds: number[]): Promise<void> {
    await em.delete(ArticleLike, { userId })
    await recount(em, 'article', articleIds, { likeCount: LIKE_COUNT })
  }

  like(userId: number, articleId: number, now = new Date()): Promise<LikeResult> {
    return this.change(userId, articleId, true, (em) =>
      runSql(em, this.insertSql(em), { articleId: bindKey(articleId), userId: bindKey(userId), now }),
    )
  }

  unlike(userId: number, articleId: number): Promise<LikeResult> {
    return this.change(userId, articleId, false, (em) =>
      runSql(em, this.deleteSql(em), { articleId: bindKey(articleId), userId: bindKey(userId) }),
    )
  }

  /**
   * One like or unlike: lock the reader, then the article (404 unless published), apply the change (answers the
   * rows it wrote: none for a second like or an unlike of nothing) and, when it wrote one, set the count from the
   * rows; otherwise the locked row's count already equals them.
   */
  private change(
    userId: number,
    articleId: number,
    liked: boolean,
    apply: (em: EntityManager) => Promise<number>,
  ): Promise<LikeResult> {
    return this.transactions.run(async (em) => {
      await lockUser(em, userId)
      const article = await lockArticle<{ id: number; likeCount: number }>(em, articleId, {
        published: true,
        columns: ['id', 'likeCount'],
      })
      if (!article) throw AppError.of(ContentErrors.ARTICLE_NOT_FOUND)
      if ((await apply(em)) === 0) return { liked, likes: toInt(article.likeCount) }
      const counts = await recount(em, 'article', [articleId], { likeCount: LIKE_COUNT })
      return { liked, likes: counts.get(articleId)!.likeCount }
    })
  }

  private insertSqlText?: string
  private deleteSqlText?: string

  /** The like row, or nothing when the reader already likes it (no savepoint: the engine skips the duplicate). */
  private insertSql(em: EntityManager): string {
    this.insertSqlText ??= insertIgnoring(
      em,
      'article_like',
      ['articleId', 'userId', 'createdAt'],
      'VALUES (:articleId, :userId, :now)',
    )
    return this.insertSqlText
  }

  private deleteSql(em: EntityManager): string {
    const q = quoter(em)
    this.deleteSqlText ??= `DELETE FROM ${q('article_like')} WHERE ${q('articleId')} = :articleId AND ${q('userId')} = :userId`
    return this.deleteSqlText
  }
}
