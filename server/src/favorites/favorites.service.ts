import { Injectable } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import {
  ContentErrors,
  DEFAULT_FOLDER_NAME,
  FavoriteErrors,
  MAX_FOLDERS,
  SearchErrors,
  type CollectResult,
  type FolderItem,
  type FolderItems,
  type FolderItemsQuery,
  type FolderList,
  type FolderView,
  type MoveInput,
  type ProductFolders,
} from '@chuangan/shared'
import { In, Not, Repository, type EntityManager } from 'typeorm'
import { AppError } from '../common/app-error'
import { encodeCursor, decodeCursor } from '../common/cursor'
import { keysetPage } from '../common/keyset'
import { Product } from '../catalog/catalog.entity'
import { ProductsService } from '../catalog/products.service'
import { bindKey, isUniqueViolation, toInt } from '../common/db'
import { Transactions } from '../database/transactions'
import { Article } from '../content/article.entity'
import { CardsService } from '../content/cards.service'
import { Favorite, FavoriteFolder, ProductFavorite } from './favorite.entity'
import { lockArticle, lockArticles, lockUser, recount, type Counter } from '../database/locks'

/** The merged order of a folder's articles and products (its cursors; each table is paged as 'favorites'). */
const FOLDER_ITEMS = 'folderitems'

/**
 * Each table's cursor from the merged position (time, tie): articles after it are those with 2·id < tie at that time,
 * i.e. id < ⌈tie / 2⌉; products those with 2·id + 1 < tie, i.e. id < ⌈(tie − 1) / 2⌉.
 */
function sideCursors(after: { key: number; id: number }): { articles: string; products: string } {
  return {
    articles: encodeCursor('favorites', { key: after.key, id: Math.ceil(after.id / 2) }),
    products: encodeCursor('favorites', { key: after.key, id: Math.max(0, Math.ceil((after.id - 1) / 2)) }),
  }
}

const folderNotFound = () => AppError.of(FavoriteErrors.FOLDER_NOT_FOUND)
const nameTaken = (name: string) =>
  AppError.of(FavoriteErrors.FOLDER_NAME_TAKEN, {
    params: { name },
    details: [{ path: 'body.name', message: 'a folder with this name exists' }],
  })

/** Article.favoriteCount: readers holding the article in at least one folder. */
const FAVORITE_COUNT: Counter = { from: 'favorite', by: 'articleId', distinct: 'userId' }

/**
 * Readers' 收藏夹. Every change runs in one transaction that first locks the reader's own user row (so one reader's
 * folder changes happen one at a time: the default folder is made once, the 100-folder limit and unique names hold),
 * then the rows of the articles whose favorites change, in id order (so another reader's change to the same article
 * waits), changes the rows, and sets each article's `favoriteCount` from them (`recount`, database/locks.ts). So the count always
 * equals the readers holding the article in at least one folder.
 */
@Injectable()
export class FavoritesService {
  constructor(
    @InjectRepository(FavoriteFolder) private readonly folders: Repository<FavoriteFolder>,
    @InjectRepository(Favorite) private readonly favorites: Repository<Favorite>,
    @InjectRepository(ProductFavorite) private readonly productFavorites: Repository<ProductFavorite>,
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    private readonly transactions: Transactions,
    private readonly cards: CardsService,
    private readonly products: ProductsService,
  ) {}

  /** My folders, the default first (made now if this is the first use), then newest first. */
  async list(userId: number, now = new Date()): Promise<FolderList> {
    if (!(await this.folders.existsBy({ userId, isDefault: true }))) {
      await this.transactions.run(async (em) => {
        await this.lockOwner(em, userId)
        await this.ensureDefault(em, userId, now)
      })
    }
    const folders = await this.folders.find({
      where: { userId },
      order: { isDefault: 'DESC', createdAt: 'DESC', id: 'DESC' },
    })
    const counts = await this.itemCounts(folders.map((f) => f.id))
    return { items: folders.map((f) => toView(f, counts.get(f.id) ?? 0)) }
  }

  create(userId: number, name: string, now = new Date()): Promise<FolderView> {
    return this.transactions.run(async (em) => {
      await this.lockOwner(em, userId)
      await this.ensureDefault(em, userId, now)
      if ((await em.countBy(FavoriteFolder, { userId })) >= MAX_FOLDERS) {
        throw AppError.of(FavoriteErrors.FOLDER_LIMIT_REACHED, { params: { max: MAX_FOLDERS } })
      }
      if (await em.existsBy(FavoriteFolder, { userId, name })) throw nameTaken(name)
      const folder = em.create(FavoriteFolder, { userId, name, isDefault: false, createdAt: now })
      await this.write(() => em.save(folder), name)
      return toView(folder, 0)
    })
  }

  /** Renames one of my folders; the default folder may be renamed too (it stays the default). */
  async rename(userId: number, folderId: number, name: string): Promise<FolderView> {
    const folder = await this.transactions.run(async (em) => {
      await this.lockOwner(em, userId)
      const folder = await em.findOneBy(FavoriteFolder, { id: folderId, userId })
      if (!folder) throw folderNotFound()
      if (await em.existsBy(FavoriteFolder, { userId, name, id: Not(folderId) })) throw nameTaken(name)
      await this.write(() => em.update(FavoriteFolder, { id: folderId }, { name }), name)
      return { ...folder, name }
    })
    return toView(folder, (await this.itemCounts([folder.id])).get(folder.id) ?? 0)
  }

  /** Deletes one of my folders (not the default) with the favorites in it, and recounts those articles. */
  remove(userId: number, folderId: number): Promise<void> {
    return this.transactions.run(async (em) => {
      await this.lockOwner(em, userId)
      const folder = await em.findOneBy(FavoriteFolder, { id: folderId, userId })
      if (!folder) throw folderNotFound()
      if (folder.isDefault) throw AppError.of(FavoriteErrors.DEFAULT_FOLDER_UNDELETABLE)
      // Only I change my folders, and I hold my lock: this list cannot change before the delete.
      const articleIds = (await em.find(Favorite, { select: { articleId: true }, where: { folderId } })).map(
        (f) => f.articleId,
      )
      await lockArticles(em, articleIds)
      await em.delete(Favorite, { folderId })
      await em.delete(ProductFavorite, { folderId })
      await em.delete(FavoriteFolder, { id: folderId })
      await this.recount(em, articleIds)
    })
  }

  /**
   * Articles and products in one of my folders, newest collected first; articles since taken offline and products
   * since removed are left out. Each kind is paged by keysetPage on its own table; the two pages are merged. The
   * merged cursor's id tells the kinds apart at equal times (article 2·id, product 2·id + 1), and each table's cursor
   * is derived from it (see sideCursors).
   */
  async items(userId: number, folderId: number, query: FolderItemsQuery): Promise<FolderItems> {
    const folder = await this.folders.findOneBy({ id: folderId, userId })
    if (!folder) throw folderNotFound()
    const after = query.cursor ? decodeCursor(FOLDER_ITEMS, query.cursor, 'time') : null
    const sides = after ? sideCursors(after) : { articles: undefined, products: undefined }
    const articleQb = this.favorites
      .createQueryBuilder('f')
      .innerJoin(Article, 'a', 'a.id = f.articleId AND a.status = :status', { status: 'published' })
      .where('f.folderId = :folderId', { folderId: bindKey(folderId) })
    const productQb = this.productFavorites
      .createQueryBuilder('f')
      .innerJoin(Product, 'p', 'p.id = f.productId')
      .where('f.folderId = :folderId', { folderId: bindKey(folderId) })
    const [articlePage, productPage] = await Promise.all([
      keysetPage(articleQb, {
        order: 'favorites',
        key: { column: 'f.createdAt', kind: 'time', of: (f) => f.createdAt.getTime() },
        id: { column: 'f.articleId', of: (f) => f.articleId },
        limit: query.limit,
        cursor: sides.articles,
      }),
      keysetPage(productQb, {
        order: 'favorites',
        key: { column: 'f.createdAt', kind: 'time', of: (f) => f.createdAt.getTime() },
        id: { column: 'f.productId', of: (f) => f.productId },
        limit: query.limit,
        cursor: sides.products,
      }),
    ])
    type Row = { at: number; tie: number; articleId?: number; productId?: number }
    const merged: Row[] = [
      ...articlePage.items.map((f) => ({ at: f.createdAt.getTime(), tie: 2 * f.articleId, articleId: f.articleId })),
      ...productPage.items.map((f) => ({
        at: f.createdAt.getTime(),
        tie: 2 * f.productId + 1,
        productId: f.productId,
      })),
    ].sort((a, b) => b.at - a.at || b.tie - a.tie)
    const page = merged.slice(0, query.limit)
    const more = merged.length > query.limit || articlePage.nextCursor !== null || productPage.nextCursor !== null
    const last = page[page.length - 1]
    const nextCursor = more && last ? encodeCursor(FOLDER_ITEMS, { key: last.at, id: last.tie }) : null

    const articleIds = page.flatMap((r) => (r.articleId !== undefined ? [r.articleId] : []))
    const productIds = page.flatMap((r) => (r.productId !== undefined ? [r.productId] : []))
    const [articles, productCards] = await Promise.all([
      articleIds.length ? this.articles.findBy({ id: In(articleIds), status: 'published' }) : [],
      this.products.cards(productIds),
    ])
    const articleCards = await this.cards.cards(articles)
    const articleCardOf = new Map(articles.map((a, i) => [a.id, articleCards[i]]))
    const productCardOf = new Map(productCards.map((p) => [p.id, p]))
    // Something taken offline or removed between the reads is left out of this page.
    const items: FolderItem[] = page.flatMap((r): FolderItem[] => {
      const collectedAt = new Date(r.at).toISOString()
      if (r.articleId !== undefined) {
        const article = articleCardOf.get(r.articleId)
        return article ? [{ kind: 'article', article, product: null, collectedAt }] : []
      }
      const product = productCardOf.get(r.productId!)
      return product ? [{ kind: 'product', article: null, product, collectedAt }] : []
    })
    const count = (await this.itemCounts([folderId])).get(folderId) ?? 0
    return { folder: toView(folder, count), items, nextCursor }
  }

  /** Which of my folders hold a product (ascending ids); 404 for a product not in the catalogue. */
  async productFolderIds(userId: number, productId: number): Promise<ProductFolders> {
    if (!(await this.productFavorites.manager.existsBy(Product, { id: productId }))) {
      throw AppError.of(SearchErrors.PRODUCT_NOT_FOUND)
    }
    return { folderIds: await this.folderIdsOfProduct(this.productFavorites.manager, userId, productId) }
  }

  /** Puts a product in exactly these of my folders; [] takes it out of all of them. Products keep no counts. */
  async collectProduct(
    userId: number,
    productId: number,
    folderIds: number[],
    now = new Date(),
  ): Promise<ProductFolders> {
    return this.transactions.run(async (em) => {
      await this.lockOwner(em, userId)
      if (!(await em.existsBy(Product, { id: productId }))) throw AppError.of(SearchErrors.PRODUCT_NOT_FOUND)
      await this.ensureDefault(em, userId, now)
      await this.requireMine(em, userId, folderIds)
      const current = await this.folderIdsOfProduct(em, userId, productId)
      const removed = current.filter((id) => !folderIds.includes(id))
      const added = folderIds.filter((id) => !current.includes(id))
      if (removed.length) await em.delete(ProductFavorite, { productId, folderId: In(removed) })
      if (added.length) {
        await em.insert(
          ProductFavorite,
          added.map((folderId) => ({ folderId, productId, userId, createdAt: now })),
        )
      }
      return { folderIds: [...folderIds].sort((a, b) => a - b) }
    })
  }

  private async folderIdsOfProduct(em: EntityManager, userId: number, productId: number): Promise<number[]> {
    const rows = await em.find(ProductFavorite, { select: { folderId: true }, where: { productId, userId } })
    return rows.map((r) => r.folderId).sort((a, b) => a - b)
  }

  /** Puts an article in exactly these of my folders; [] takes it out of all of them. */
  async collect(userId: number, articleId: number, folderIds: number[], now = new Date()): Promise<CollectResult> {
    return this.transactions.run(async (em) => {
      await this.lockOwner(em, userId)
      await this.lockPublished(em, articleId)
      await this.ensureDefault(em, userId, now)
      await this.requireMine(em, userId, folderIds)
      const current = await this.folderIdsOf(userId, articleId, em)
      const removed = current.filter((id) => !folderIds.includes(id))
      const added = folderIds.filter((id) => !current.includes(id))
      if (removed.length) await em.delete(Favorite, { articleId, folderId: In(removed) })
      if (added.length)
        await em.insert(
          Favorite,
          added.map((folderId) => ({ folderId, articleId, userId, createdAt: now })),
        )
      const favorites = await this.recount(em, [articleId])
      return { folderIds: [...folderIds].sort((a, b) => a - b), favorites: favorites.get(articleId) ?? 0 }
    })
  }

  /** Moves an article from one of my folders to another (already there: it just leaves the first). */
  async move(userId: number, { articleId, from, to }: MoveInput, now = new Date()): Promise<CollectResult> {
    return this.transactions.run(async (em) => {
      await this.lockOwner(em, userId)
      await this.lockPublished(em, articleId)
      await this.requireMine(em, userId, [from, to])
      const current = await this.folderIdsOf(userId, articleId, em)
      if (!current.includes(from)) throw AppError.of(FavoriteErrors.NOT_IN_FOLDER)
      await em.delete(Favorite, { articleId, folderId: from })
      if (!current.includes(to)) await em.insert(Favorite, { folderId: to, articleId, userId, createdAt: now })
      const favorites = await this.recount(em, [articleId])
      const folderIds = [...new Set([...current.filter((id) => id !== from), to])].sort((a, b) => a - b)
      return { folderIds, favorites: favorites.get(articleId) ?? 0 }
    })
  }

  /** Which of my folders hold an article (ascending ids). */
  async folderIdsOf(userId: number, articleId: number, em: EntityManager = this.favorites.manager): Promise<number[]> {
    const rows = await em.find(Favorite, { select: { folderId: true }, where: { articleId, userId } })
    return rows.map((r) => r.folderId).sort((a, b) => a - b)
  }

  /** The articles a reader has in any folder (for account deletion, which locks them before `forgetUser`). */
  async articleIdsOf(em: EntityManager, userId: number): Promise<number[]> {
    const folders = await em.find(FavoriteFolder, { select: { id: true }, where: { userId } })
    if (folders.length === 0) return []
    const rows = await em.find(Favorite, {
      select: { articleId: true },
      where: { folderId: In(folders.map((f) => f.id)) },
    })
    return [...new Set(rows.map((f) => f.articleId))]
  }

  /**
   * Removes every favorite and folder of a reader, inside the caller's transaction, which already holds the reader's
   * user row and the rows of `articleIds` (from `articleIdsOf`), and recounts those articles.
   */
  async forgetUser(em: EntityManager, userId: number, articleIds: number[]): Promise<void> {
    const folders = await em.find(FavoriteFolder, { select: { id: true }, where: { userId } })
    if (folders.length === 0) return
    await em.delete(Favorite, { folderId: In(folders.map((f) => f.id)) })
    await em.delete(ProductFavorite, { userId })
    await em.delete(FavoriteFolder, { userId })
    await this.recount(em, articleIds)
  }

  /**
   * Locks the reader's own user row: one reader's favorites and folders change one transaction at a time, and none
   * after the account was deleted (401).
   */
  private async lockOwner(em: EntityManager, userId: number): Promise<void> {
    await lockUser(em, userId)
  }

  private async lockPublished(em: EntityManager, articleId: number): Promise<void> {
    if (!(await lockArticle(em, articleId, { published: true }))) throw AppError.of(ContentErrors.ARTICLE_NOT_FOUND)
  }

  /** Sets the articles' favoriteCount from the rows; their rows are locked. Returns the new counts. */
  private async recount(em: EntityManager, articleIds: number[]): Promise<Map<number, number>> {
    const counts = await recount(em, 'article', articleIds, { favoriteCount: FAVORITE_COUNT })
    return new Map([...counts].map(([id, c]) => [id, c.favoriteCount]))
  }

  /** 404 unless every folder is mine: another reader's folder looks the same as one that does not exist. */
  private async requireMine(em: EntityManager, userId: number, folderIds: number[]): Promise<void> {
    if (folderIds.length === 0) return
    const mine = await em.countBy(FavoriteFolder, { userId, id: In(folderIds) })
    if (mine !== new Set(folderIds).size) throw folderNotFound()
  }

  /** Makes the default folder unless I have one; the caller holds my user row lock, so this happens once. */
  private async ensureDefault(em: EntityManager, userId: number, now: Date): Promise<void> {
    if (await em.existsBy(FavoriteFolder, { userId, isDefault: true })) return
    await em.insert(FavoriteFolder, { userId, name: DEFAULT_FOLDER_NAME, isDefault: true, createdAt: now })
  }

  /** A write under the unique (userId, name) index: the check before it already found no clash; this is a backstop. */
  private async write(fn: () => Promise<unknown>, name: string): Promise<void> {
    try {
      await fn()
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(name)
      throw error
    }
  }

  /** Published articles and existing products per folder. */
  private async itemCounts(folderIds: number[]): Promise<Map<number, number>> {
    if (folderIds.length === 0) return new Map()
    const rows = await this.favorites
      .createQueryBuilder('f')
      .innerJoin(Article, 'a', 'a.id = f.articleId AND a.status = :status', { status: 'published' })
      .select('f.folderId', 'folderId')
      .addSelect('COUNT(*)', 'count')
      .where('f.folderId IN (:...ids)', { ids: folderIds.map(bindKey) })
      .groupBy('f.folderId')
      .getRawMany<{ folderId: number | string; count: number | string }>()
    const products = await this.productFavorites
      .createQueryBuilder('f')
      .innerJoin(Product, 'p', 'p.id = f.productId')
      .select('f.folderId', 'folderId')
      .addSelect('COUNT(*)', 'count')
      .where('f.folderId IN (:...ids)', { ids: folderIds.map(bindKey) })
      .groupBy('f.folderId')
      .getRawMany<{ folderId: number | string; count: number | string }>()
    const counts = new Map(rows.map((r) => [toInt(r.folderId), toInt(r.count)]))
    for (const r of products) counts.set(toInt(r.folderId), (counts.get(toInt(r.folderId)) ?? 0) + toInt(r.count))
    return counts
  }
}

const toView = (f: FavoriteFolder, count: number): FolderView => ({
  id: f.id,
  name: f.name,
  count,
  isDefault: f.isDefault,
  createdAt: f.createdAt.toISOString(),
})
