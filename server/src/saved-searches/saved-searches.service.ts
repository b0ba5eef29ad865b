import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import {
  SAVED_SEARCH_LIMITS,
  SavedSearchErrors,
  SavedSearchQuery,
  type SavedSearchInput,
  type SavedSearchListQuery,
  type SavedSearchPage,
  type SavedSearchView,
} from '@chuangan/shared'
import { DataSource, MoreThan, type EntityManager } from 'typeorm'
import { CatalogEvents } from '../catalog/catalog-events'
import { AppError } from '../common/app-error'
import { bindKey } from '../common/db'
import { keysetPage } from '../common/keyset'
import { lockUser } from '../database/locks'
import { Transactions } from '../database/transactions'
import { NoticesService } from '../notices/notices.service'
import { SearchService } from '../search/search.service'
import { SavedSearch } from './saved-search.entity'

/** Products tested against the saved searches at once (the rest of a large import waits for the next round). */
const MATCH_CHUNK = 2000
/** Saved searches read per page while matching. */
const SEARCHES_PAGE = 500
/** China Standard Time, for the day a notice is counted in. */
const DAY_OFFSET_MS = 8 * 3600_000
const dayOf = (at: Date): number => Math.floor((at.getTime() + DAY_OFFSET_MS) / 86_400_000)

const notFound = () => AppError.of(SavedSearchErrors.SAVED_SEARCH_NOT_FOUND)

/**
 * 订阅的搜索: a buyer keeps a 传感搜 query (its filters checked as SearchService checks a search's) under a name, lists,
 * opens and deletes them. Matching: the importer announces each committed chunk (CatalogEvents); after it, in the
 * background and one round at a time in this process, the changed products are tested against every saved search
 * through SearchService.matching (the configured engine, restricted to those ids). Each saved search they match
 * counts them in `newMatches` (cleared when opened) and its owner hears of it in 消息 — at most one notice a day (a
 * China day) per saved search: a later match the same day updates the count on the notice while it is unread; once
 * it was read, the matches wait on the list's badge and the next day's first match opens the notice again with the
 * whole count. A product updated again counts again (an update is news: a price, stock or parameter changed).
 * The process that imports matches (the server, or the CLI's import-products, which waits for it before exiting).
 */
@Injectable()
export class SavedSearchesService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(SavedSearchesService.name)
  private readonly pending = new Set<number>()
  private running: Promise<void> = Promise.resolve()
  private scheduled = false
  private unsubscribe: (() => void) | null = null

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
    private readonly search: SearchService,
    private readonly notices: NoticesService,
    private readonly events: CatalogEvents,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.events.onProductsChanged((change) => {
      for (const id of change.created) this.pending.add(id)
      for (const id of change.updated) this.pending.add(id)
      this.schedule()
    })
  }

  /** The CLI's import closes the app when done: the matching of its last chunks finishes first. */
  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe?.()
    await this.idle()
  }

  /** Resolves once the matching queued in this process is done (tests; the test reset waits on it). */
  async idle(): Promise<void> {
    let seen: Promise<void> | null = null
    while (seen !== this.running) {
      seen = this.running
      await seen
    }
  }

  // ---- the buyer's API ----

  async list(userId: number, query: SavedSearchListQuery): Promise<SavedSearchPage> {
    const qb = this.db
      .getRepository(SavedSearch)
      .createQueryBuilder('s')
      .where('s.userId = :userId', { userId: bindKey(userId) })
    const { items, nextCursor } = await keysetPage(qb, {
      order: 'savedsearches',
      key: { column: 's.createdAt', kind: 'time', of: (s) => s.createdAt.getTime() },
      id: { column: 's.id', of: (s) => s.id },
      limit: query.limit,
      cursor: query.cursor,
    })
    return { items: items.map(toView), nextCursor }
  }

  async create(userId: number, input: SavedSearchInput, now = new Date()): Promise<SavedSearchView> {
    await this.search.check(input.query, 'body.query')
    return this.transactions.run(async (em) => {
      await lockUser(em, userId)
      if ((await em.countBy(SavedSearch, { userId })) >= SAVED_SEARCH_LIMITS.perUser) {
        throw AppError.of(SavedSearchErrors.SAVED_SEARCH_LIMIT_REACHED, {
          params: { max: SAVED_SEARCH_LIMITS.perUser },
        })
      }
      const saved = em.create(SavedSearch, {
        userId,
        name: input.name,
        query: JSON.stringify(input.query),
        newMatches: 0,
        lastMatchedAt: null,
        lastNotifiedAt: null,
        lastOpenedAt: now,
        createdAt: now,
      })
      await em.save(saved)
      return toView(saved)
    })
  }

  /** The saved query to search with; its new matches are seen (the count goes back to 0). */
  async open(userId: number, id: number, now = new Date()): Promise<SavedSearchView> {
    return this.transactions.run(async (em) => {
      const result = await em.update(SavedSearch, { id, userId }, { newMatches: 0, lastOpenedAt: now })
      if (!result.affected) throw notFound()
      return toView(await em.findOneByOrFail(SavedSearch, { id }))
    })
  }

  async remove(userId: number, id: number): Promise<{ ok: true }> {
    return this.transactions.run(async (em) => {
      const result = await em.delete(SavedSearch, { id, userId })
      if (!result.affected) throw notFound()
      await this.notices.forgetSubject(em, userId, 'saved_search', id)
      return { ok: true as const }
    })
  }

  /** Account deletion: the account's saved searches go, inside deletion's transaction (their notices go with 消息). */
  async forgetUser(em: EntityManager, userId: number): Promise<void> {
    await em.delete(SavedSearch, { userId })
  }

  // ---- matching ----

  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    this.running = this.running
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(async () => {
        this.scheduled = false
        while (this.pending.size) {
          const ids = [...this.pending].slice(0, MATCH_CHUNK)
          for (const id of ids) this.pending.delete(id)
          await this.match(ids)
        }
      })
      .catch((error) => this.logger.warn(`saved-search matching: ${String(error)}`))
  }

  /** Tests `ids` against every saved search, a page of them at a time (identical queries asked once). */
  private async match(ids: number[]): Promise<void> {
    let after = 0
    for (;;) {
      const page = await this.db.getRepository(SavedSearch).find({
        select: { id: true, query: true },
        where: { id: MoreThan(after) },
        order: { id: 'ASC' },
        take: SEARCHES_PAGE,
      })
      if (!page.length) return
      after = page[page.length - 1].id
      const byQuery = new Map<string, number[]>()
      for (const s of page) byQuery.set(s.query, [...(byQuery.get(s.query) ?? []), s.id])
      const texts = [...byQuery.keys()]
      const queries = texts.map((text) => SavedSearchQuery.parse(JSON.parse(text)))
      const answers = await this.search.matching(queries, ids)
      for (const [i, text] of texts.entries()) {
        if (!answers[i].length) continue
        for (const id of byQuery.get(text)!) await this.matched(id, answers[i].length)
      }
    }
  }

  /** `count` products newly matched saved search `id`: its count, and its owner's notice (see the class comment). */
  private async matched(id: number, count: number, now = new Date()): Promise<void> {
    await this.transactions.run(async (em) => {
      const q = (name: string) => em.connection.driver.escape(name)
      // An UPDATE first: it locks the row and adds to the latest count (MariaDB's REPEATABLE READ included).
      const result = await em
        .createQueryBuilder()
        .update(SavedSearch)
        .set({ newMatches: () => `${q('newMatches')} + ${Number(count)}`, lastMatchedAt: now })
        .where('id = :id', { id })
        .execute()
      if (!result.affected) return // deleted meanwhile
      const saved = await em.findOneByOrFail(SavedSearch, { id })
      const reopen = saved.lastNotifiedAt === null || dayOf(saved.lastNotifiedAt) !== dayOf(now)
      const opened = await this.notices.savedSearchMatched(
        em,
        { userId: saved.userId, savedSearchId: id, count: saved.newMatches, reopen },
        now,
      )
      if (opened) await em.update(SavedSearch, { id }, { lastNotifiedAt: now })
    })
  }
}

function toView(s: SavedSearch): SavedSearchView {
  return {
    id: s.id,
    name: s.name,
    query: SavedSearchQuery.parse(JSON.parse(s.query)),
    newMatches: s.newMatches,
    lastMatchedAt: s.lastMatchedAt ? s.lastMatchedAt.toISOString() : null,
    createdAt: s.createdAt.toISOString(),
  }
}
