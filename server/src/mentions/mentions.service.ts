import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import {
  ARTICLE_MODEL_KEYS_MAX,
  ARTICLE_PRODUCTS_MAX,
  ContentErrors,
  SearchErrors,
  type ArticleProducts,
  type ProductArticles,
  type ProductArticlesQuery,
} from '@chuangan/shared'
import { DataSource, In, type EntityManager } from 'typeorm'
import { AppError } from '../common/app-error'
import { keysetPage } from '../common/keyset'
import { lockArticle } from '../database/locks'
import { Transactions } from '../database/transactions'
import { CatalogEvents, type ProductsChanged } from '../catalog/catalog-events'
import { Category, Product } from '../catalog/catalog.entity'
import { modelKeysIn } from '../catalog/model-numbers'
import { ProductsService } from '../catalog/products.service'
import { Article, ArticleBody } from '../content/article.entity'
import { CardsService } from '../content/cards.service'
import { PublishEvents } from '../content/publish-events'
import { ArticleTag, Tag } from '../content/tag.entity'
import { ArticleModelKey, ArticleProduct } from './mention.entity'

/** Ids looked up per IN (…) list. */
const BATCH = 500

/**
 * 文中相关产品. An article's list is computed when it is published or revised (in that transaction) and again when
 * the catalogue gains or changes a product it could list; requests only read it.
 *
 * - `model`: the article's title, summary and body text name the product's model number (`modelKeysIn`, the rule
 *   search reads queries with), in the order named; every product with that key (several suppliers may sell one).
 * - `category`: a tag of the article names the product's category or one above it (tag 压力传感器 covers
 *   压力传感器/压力变送器); the catalogue's oldest products there fill what room the named models leave, up to
 *   ARTICLE_PRODUCTS_MAX, so a new product never pushes out one already listed.
 *
 * Catalogue changes arrive after each committed import chunk (`CatalogEvents`) and are worked off one at a time in
 * the background; `idle()` resolves when none is left (tests, shutdown).
 */
@Injectable()
export class MentionsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(MentionsService.name)
  private queue: Promise<void> = Promise.resolve()
  private unsubscribe: (() => void) | null = null

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
    private readonly publishEvents: PublishEvents,
    private readonly catalogEvents: CatalogEvents,
    private readonly products: ProductsService,
    private readonly cards: CardsService,
  ) {}

  onModuleInit(): void {
    this.publishEvents.onArticlePublished((em, article) => this.recompute(em, article.id))
    this.publishEvents.onArticleRevised((em, article) => this.recompute(em, article.id))
    this.publishEvents.onArticleWithdrawn((em, article) => this.remove(em, article.id))
    this.unsubscribe = this.catalogEvents.onProductsChanged((change) => {
      this.queue = this.queue
        .then(async () => {
          await this.productsChanged(change)
        })
        .catch((error: unknown) => this.logger.error({ err: error }, 'updating products in articles failed'))
    })
  }

  async onApplicationShutdown(): Promise<void> {
    this.unsubscribe?.()
    await this.idle()
  }

  /** Resolves once every catalogue change heard so far has been worked into the lists. */
  async idle(): Promise<void> {
    let seen: Promise<void>
    do {
      seen = this.queue
      await seen
    } while (seen !== this.queue)
  }

  /** `GET /articles/:id/products`: the list of a published article, best first. */
  async ofArticle(articleId: number): Promise<ArticleProducts> {
    const published = await this.db.getRepository(Article).existsBy({ id: articleId, status: 'published' })
    if (!published) throw AppError.of(ContentErrors.ARTICLE_NOT_FOUND)
    const rows = await this.db.getRepository(ArticleProduct).find({
      where: { articleId },
      order: { rank: 'ASC' },
      take: ARTICLE_PRODUCTS_MAX,
    })
    const reasons = new Map(rows.map((r) => [r.productId, r.reason]))
    const cards = await this.products.cards(rows.map((r) => r.productId))
    return { items: cards.map((card) => ({ ...card, reason: reasons.get(card.id)! })) }
  }

  /** `GET /products/:id/articles`: published articles listing the product, newest first. */
  async ofProduct(productId: number, query: ProductArticlesQuery): Promise<ProductArticles> {
    const exists = await this.db.getRepository(Product).existsBy({ id: productId })
    if (!exists) throw AppError.of(SearchErrors.PRODUCT_NOT_FOUND)
    const qb = this.db
      .getRepository(Article)
      .createQueryBuilder('a')
      .innerJoin(ArticleProduct, 'ap', 'ap.articleId = a.id AND ap.productId = :productId', { productId })
      .where('a.status = :status', { status: 'published' })
    const page = await keysetPage(qb, {
      order: 'latest',
      key: { column: 'a.publishedAt', kind: 'time', of: (a) => a.publishedAt!.getTime() },
      id: { column: 'a.id', of: (a) => a.id },
      limit: query.limit,
      cursor: query.cursor,
    })
    return { items: await this.cards.cards(page.items), nextCursor: page.nextCursor }
  }

  /** Recomputes one article's list and model keys; an article that is not published has none. */
  async recompute(em: EntityManager, articleId: number): Promise<void> {
    // The article row first (the lock order): two recomputes of one article never interleave their rows.
    const article = await lockArticle<Pick<Article, 'id' | 'status' | 'title' | 'summary'>>(em, articleId, {
      columns: ['id', 'status', 'title', 'summary'],
    })
    await this.remove(em, articleId)
    if (!article || article.status !== 'published') return

    const body = await em.findOne(ArticleBody, { select: { articleId: true, html: true }, where: { articleId } })
    const text = [article.title, article.summary, textOf(body?.html ?? '')].join('\n')
    const keys = modelKeysIn(text)
      .filter((key) => key.length <= 64)
      .slice(0, ARTICLE_MODEL_KEYS_MAX)
    if (keys.length)
      await em.insert(
        ArticleModelKey,
        keys.map((modelKey) => ({ articleId, modelKey })),
      )

    const rows: Array<Pick<ArticleProduct, 'articleId' | 'productId' | 'reason' | 'rank'>> = []
    if (keys.length) {
      const named = await em.find(Product, { select: { id: true, modelKey: true }, where: { modelKey: In(keys) } })
      const order = new Map(keys.map((key, i) => [key, i]))
      named.sort((a, b) => order.get(a.modelKey)! - order.get(b.modelKey)! || a.id - b.id)
      for (const p of named.slice(0, ARTICLE_MODEL_KEYS_MAX)) {
        rows.push({ articleId, productId: p.id, reason: 'model', rank: rows.length })
      }
    }
    const room = ARTICLE_PRODUCTS_MAX - rows.length
    const within = room > 0 ? await this.taggedCategories(em, articleId) : []
    if (within.length) {
      const taken = rows.map((r) => r.productId)
      const qb = em
        .createQueryBuilder(Product, 'p')
        .select('p.id', 'id')
        .where('p.categoryId IN (:...within)', { within })
      if (taken.length) qb.andWhere('p.id NOT IN (:...taken)', { taken })
      const picked = await qb.orderBy('p.id', 'ASC').limit(room).getRawMany<{ id: number | string }>()
      for (const p of picked) rows.push({ articleId, productId: Number(p.id), reason: 'category', rank: rows.length })
    }
    if (rows.length) await em.insert(ArticleProduct, rows)
  }

  /** Forgets an article's list (archived, or no longer published). */
  async remove(em: EntityManager, articleId: number): Promise<void> {
    await em.delete(ArticleProduct, { articleId })
    await em.delete(ArticleModelKey, { articleId })
  }

  /**
   * Products created or updated by one import chunk: the articles naming one of their model keys are recomputed;
   * so are articles tagged with one of their categories (or one above) whose list still has room or already lists
   * one of the products.
   */
  async productsChanged(change: ProductsChanged): Promise<number> {
    const ids = [...new Set([...change.created, ...change.updated])]
    const keys = new Set<string>()
    const categoryIds = new Set<number>()
    for (let i = 0; i < ids.length; i += BATCH) {
      const rows = await this.db.getRepository(Product).find({
        select: { id: true, modelKey: true, categoryId: true },
        where: { id: In(ids.slice(i, i + BATCH)) },
      })
      for (const p of rows) {
        keys.add(p.modelKey)
        categoryIds.add(p.categoryId)
      }
    }
    const articles = new Set<number>()
    const keyList = [...keys]
    for (let i = 0; i < keyList.length; i += BATCH) {
      const rows = await this.db
        .getRepository(ArticleModelKey)
        .createQueryBuilder('k')
        .select('DISTINCT k.articleId', 'id')
        .where('k.modelKey IN (:...keys)', { keys: keyList.slice(i, i + BATCH) })
        .getRawMany<{ id: number | string }>()
      for (const r of rows) articles.add(Number(r.id))
    }
    const names = new Set<string>()
    const categories = await this.db.getRepository(Category).find({ select: { id: true, path: true } })
    for (const c of categories) if (categoryIds.has(c.id)) for (const name of c.path.split('/')) names.add(name)
    if (names.size) {
      const tagged = await this.db
        .getRepository(ArticleTag)
        .createQueryBuilder('at')
        .innerJoin(Tag, 't', 't.id = at.tagId')
        .innerJoin(Article, 'a', 'a.id = at.articleId AND a.status = :status', { status: 'published' })
        .select('DISTINCT at.articleId', 'id')
        .where('t.name IN (:...names)', { names: [...names] })
        .getRawMany<{ id: number | string }>()
      const candidates = tagged.map((r) => Number(r.id)).filter((id) => !articles.has(id))
      for (let i = 0; i < candidates.length; i += BATCH) {
        const chunk = candidates.slice(i, i + BATCH)
        const full = await this.db
          .getRepository(ArticleProduct)
          .createQueryBuilder('ap')
          .select('ap.articleId', 'id')
          .where('ap.articleId IN (:...chunk)', { chunk })
          .groupBy('ap.articleId')
          .having('COUNT(*) >= :max', { max: ARTICLE_PRODUCTS_MAX })
          .getRawMany<{ id: number | string }>()
        const listing = new Set<number>()
        for (let j = 0; j < ids.length; j += BATCH) {
          const rows = await this.db
            .getRepository(ArticleProduct)
            .createQueryBuilder('ap')
            .select('DISTINCT ap.articleId', 'id')
            .where('ap.articleId IN (:...chunk)', { chunk })
            .andWhere('ap.productId IN (:...products)', { products: ids.slice(j, j + BATCH) })
            .getRawMany<{ id: number | string }>()
          for (const r of rows) listing.add(Number(r.id))
        }
        const fullIds = new Set(full.map((r) => Number(r.id)))
        for (const id of chunk) if (!fullIds.has(id) || listing.has(id)) articles.add(id)
      }
    }
    for (const articleId of [...articles].sort((a, b) => a - b)) {
      await this.transactions.run((em) => this.recompute(em, articleId))
    }
    return articles.size
  }

  /** The ids of the categories an article's tags name, with every category below them. */
  private async taggedCategories(em: EntityManager, articleId: number): Promise<number[]> {
    const tags = await em
      .createQueryBuilder(Tag, 't')
      .innerJoin(ArticleTag, 'at', 'at.tagId = t.id')
      .select('t.name', 'name')
      .where('at.articleId = :articleId', { articleId })
      .getRawMany<{ name: string }>()
    if (!tags.length) return []
    const names = new Set(tags.map((t) => t.name))
    const categories = await em.find(Category, { select: { id: true, name: true, path: true } })
    const roots = categories.filter((c) => names.has(c.name)).map((c) => c.path)
    return categories
      .filter((c) => roots.some((root) => c.path === root || c.path.startsWith(`${root}/`)))
      .map((c) => c.id)
  }
}

/** The text of sanitised HTML: tags (and their attributes, links and image addresses among them) dropped. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
}
