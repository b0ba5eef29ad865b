import { Injectable } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import { DataSource, In, type EntityManager } from 'typeorm'
import { Transactions } from '../../database/transactions'
import { toInt } from '../../common/db'
import { Article, ArticleRelated, ArticleTerm } from '../article.entity'
import { ArticleTag } from '../tag.entity'
import { articleTerms } from './terms'

const KEEP = 6
/** One shared tag weighs as much as a strongly shared keyword. */
const TAG_WEIGHT = 100
const CANDIDATES = 60

/**
 * 相关推荐: for an article, the published articles sharing the most tags and title/summary keywords
 * (jieba words, weighted). Computed when an article is published, and pushed into the lists of the articles
 * it relates to, so lists refresh as new articles arrive. Unpublished ones are filtered when read.
 */
@Injectable()
export class RelatedService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
  ) {}

  /** Stores an article's keywords (its row in the inverted index). */
  async indexTerms(
    article: Pick<Article, 'id' | 'title' | 'summary'>,
    em: EntityManager = this.db.manager,
  ): Promise<void> {
    await em.delete(ArticleTerm, { articleId: article.id })
    const rows = [...articleTerms(article.title, article.summary)].map(([term, weight]) => ({
      articleId: article.id,
      term,
      weight,
    }))
    if (rows.length) await em.insert(ArticleTerm, rows)
  }

  /** Scores of the best candidates for an article: shared tags × 100 + Σ min(weights) of shared keywords. */
  async candidates(articleId: number, em: EntityManager = this.db.manager): Promise<Map<number, number>> {
    const scores = new Map<number, number>()
    const byTags = await em
      .createQueryBuilder(ArticleTag, 'mine')
      .innerJoin(ArticleTag, 'other', 'other.tagId = mine.tagId AND other.articleId <> mine.articleId')
      .innerJoin(Article, 'a', 'a.id = other.articleId AND a.status = :status', { status: 'published' })
      .select('other.articleId', 'id')
      .addSelect('COUNT(*)', 'shared')
      .addSelect('MAX(a.publishedAt)', 'at')
      .where('mine.articleId = :articleId', { articleId })
      .groupBy('other.articleId')
      .orderBy('shared', 'DESC')
      .addOrderBy('at', 'DESC')
      .limit(CANDIDATES)
      .getRawMany<{ id: number | string; shared: number | string }>()
    for (const r of byTags) scores.set(Number(r.id), toInt(r.shared) * TAG_WEIGHT)

    const byTerms = await em
      .createQueryBuilder(ArticleTerm, 'mine')
      .innerJoin(ArticleTerm, 'other', 'other.term = mine.term AND other.articleId <> mine.articleId')
      .innerJoin(Article, 'a', 'a.id = other.articleId AND a.status = :status', { status: 'published' })
      .select('other.articleId', 'id')
      .addSelect('SUM(CASE WHEN mine.weight < other.weight THEN mine.weight ELSE other.weight END)', 'score')
      .where('mine.articleId = :articleId', { articleId })
      .groupBy('other.articleId')
      .orderBy('score', 'DESC')
      .limit(CANDIDATES)
      .getRawMany<{ id: number | string; score: number | string }>()
    for (const r of byTerms) scores.set(Number(r.id), (scores.get(Number(r.id)) ?? 0) + toInt(r.score))
    return scores
  }

  /** Recomputes an article's list and offers the article to each candidate's list (scores are symmetric). */
  async refresh(articleId: number): Promise<number[]> {
    const scores = await this.candidates(articleId)
    const ranked = [...scores].filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1] || b[0] - a[0])
    await this.transactions.run(async (em) => {
      await em.delete(ArticleRelated, { articleId })
      const top = ranked.slice(0, KEEP)
      if (top.length)
        await em.insert(
          ArticleRelated,
          top.map(([relatedId, score]) => ({ articleId, relatedId, score })),
        )
      for (const [otherId, score] of ranked.slice(0, CANDIDATES)) await this.offer(em, otherId, articleId, score)
    })
    return ranked.slice(0, KEEP).map(([id]) => id)
  }

  /** Puts `relatedId` into `articleId`'s list when it beats the weakest entry, keeping the best six. */
  private async offer(em: EntityManager, articleId: number, relatedId: number, score: number): Promise<void> {
    const list = await em.find(ArticleRelated, { where: { articleId }, order: { score: 'DESC', relatedId: 'DESC' } })
    if (list.some((r) => r.relatedId === relatedId)) {
      await em.update(ArticleRelated, { articleId, relatedId }, { score })
      return
    }
    if (list.length >= KEEP && list[list.length - 1].score >= score) return
    await em.insert(ArticleRelated, { articleId, relatedId, score })
    const drop = list.slice(KEEP - 1).map((r) => r.relatedId)
    if (list.length >= KEEP && drop.length) await em.delete(ArticleRelated, { articleId, relatedId: In(drop) })
  }
}
