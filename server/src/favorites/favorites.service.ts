import { Injectable } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import {
  ContentErrors,
  DEFAULT_FOLDER_NAME,
  FavoriteErrors,
  MAX_FOLDERS,
  type CollectResult,
  type FolderItems,
  type FolderItemsQuery,
  type FolderList,
  type FolderView,
  type MoveInput,
} from '@chuangan/shared'
import { In, Not, Repository, type EntityManager } from 'typeorm'
import { AppError } from '../common/app-error'
import { keysetPage } from '../common/keyset'
import { bindKey, isUniqueViolation, toInt } from '../common/db'
import { Transactions } from '../database/transactions'
import { Article } from '../content/article.entity'
import { CardsService } from '../content/cards.service'
import { Favorite, FavoriteFolder } from './favorite.entity'
import { lockArticle, lockArticles, lockUser, recount, type Counter } from '../database/locks'

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
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    private readonly transactions: Transactions,
    private readonly cards: CardsService,
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
      await em.delete(FavoriteFolder, { id: folderId })
      await this.recount(em, articleIds)
    })
  }

  /** Articles in one of my folders, newest collected first; articles since taken offline are left out. */
  async items(userId: number, folderId: number, query: FolderItemsQuery): Promise<FolderItems> {
    const folder = await this.folders.findOneBy({ id: folderId, userId })
    if (!folder) throw folderNotFound()
    const qb = this.favorites
      .createQueryBuilder('f')
      .innerJoin(Article, 'a', 'a.id = f.articleId AND a.status = :status', { status: 'published' })
      .where('f.folderId = :folderId', { folderId: bindKey(folderId) })
    const { items: page, nextCursor } = await keysetPage(qb, {
      order: 'favorites',
      key: { column: 'f.createdAt', kind: 'time', of: (f) => f.createdAt.getTime() },
      id: { column: 'f.articleId', of: (f) => f.articleId },
      limit: query.limit,
      cursor: query.cursor,
    })
    const articles = page.length
      ? await this.articles.findBy({ id: In(page.map((f) => f.articleId)), status: 'published' })
      : []
    const byId = new Map(articles.map((a) => [a.id, a]))
    // An article taken offline between the two reads is left out of this page.
    const shown = page.filter((f) => byId.has(f.articleId))
    const cards = await this.cards.cards(shown.map((f) => byId.get(f.articleId)!))
    const count = (await this.itemCounts([folderId])).get(folderId) ?? 0
    return {
      folder: toView(folder, count),
      items: shown.map((f, i) => ({ article: cards[i], collectedAt: f.createdAt.toISOString() })),
      nextCursor,
    }
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

  /** Published articles per folder. */
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
    return new Map(rows.map((r) => [toInt(r.folderId), toInt(r.count)]))
  }
}

const toView = (f: FavoriteFolder, count: number): FolderView => ({
  id: f.id,
  name: f.name,
  count,
  isDefault: f.isDefault,
  createdAt: f.createdAt.toISOString(),
})
