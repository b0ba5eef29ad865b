import type { Server } from 'node:net'
import { Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common'
import { HttpAdapterHost } from '@nestjs/core'
import { InjectDataSource } from '@nestjs/typeorm'
import { DataSource } from 'typeorm'
import { Product } from '../catalog/catalog.entity'
import { CatalogEvents } from '../catalog/catalog-events'
import { searchWords } from '../infra/jieba'
import { runSearch } from './engine/engine'
import type { EngineAnswer, EngineQuery, EngineSuggestion, FacetScope, SearchEngine } from './search-engine'
import { buildSnapshot, searchSnapshot, snapshotSuppliers, type Snapshot } from './snapshot'

/** How often each process checks whether the catalogue changed (another process may have imported). */
const POLL_MS = 5000
/** How long after this process's last imported chunk the index is rebuilt. */
const CHANGE_DEBOUNCE_MS = 300
/** Every how many polls the product count is read again (see version()). */
const COUNT_EVERY = 12

/**
 * The embedded engine's index, in this process. Built from the database at start, then rebuilt in the background
 * whenever the catalogue's version (product count, newest `updatedAt`) moves — from this process's imports
 * `CHANGE_DEBOUNCE_MS` after their last chunk (or at once through `refresh()`), from other processes' within `POLL_MS`. Searches keep answering from the previous snapshot while a
 * new one is built, then switch to it in one assignment.
 */
@Injectable()
export class EmbeddedSearch implements SearchEngine, OnApplicationBootstrap, OnApplicationShutdown {
  readonly name = 'embedded' as const
  private readonly logger = new Logger(EmbeddedSearch.name)
  private snapshot: Snapshot | null = null
  private building: Promise<Snapshot> | null = null
  private timer: NodeJS.Timeout | null = null
  private debounce: NodeJS.Timeout | null = null
  private count: number | null = null
  private polls = 0

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Optional() private readonly adapterHost?: HttpAdapterHost,
    @Optional() private readonly events?: CatalogEvents,
    /** From how many products the index is built in a worker thread (config SEARCH_INDEX_WORKER_FROM). */
    private readonly workerFrom = 20_000,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // The CLI (no HTTP adapter) builds an index only if it searches. A server builds its first one as soon as it
    // listens, in a worker thread: the requests that need no index (all but search) answer meanwhile, without
    // waiting for jieba's dictionary (≈0.3 s) or the build, and a search waits for the build. Not listening (tests
    // that inject), it builds on first use.
    if (!this.adapterHost?.httpAdapter) return
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server | undefined
    if (server && !server.listening) {
      server.once('listening', () => {
        if (!this.snapshot) void this.rebuild(true).catch((e) => this.logger.warn(`first build: ${e}`))
      })
    } else await this.current()
    // This process's imports: rebuild once the chunks stop coming for a moment.
    this.events?.onProductsChanged(() => {
      if (this.debounce) clearTimeout(this.debounce)
      this.debounce = setTimeout(
        () => void this.refresh().catch((e) => this.logger.warn(`refresh: ${e}`)),
        CHANGE_DEBOUNCE_MS,
      )
      this.debounce.unref()
    })
    this.timer = setInterval(() => void this.refresh(false).catch((e) => this.logger.warn(`refresh: ${e}`)), POLL_MS)
    this.timer.unref()
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer)
    if (this.debounce) clearTimeout(this.debounce)
  }

  /** The snapshot to answer from (built on first use). */
  async current(): Promise<Snapshot> {
    return this.snapshot ?? (await this.rebuild())
  }

  /** Rebuilds when the catalogue changed since the current snapshot. */
  async refresh(full = true): Promise<void> {
    const version = await this.version(full || ++this.polls % COUNT_EVERY === 0)
    if (this.snapshot && version === this.snapshot.version) return
    await this.rebuild()
  }

  async settled(): Promise<void> {
    await this.building?.catch(() => undefined)
  }

  async search(query: EngineQuery, scope: FacetScope): Promise<EngineAnswer> {
    return searchSnapshot(await this.current(), query, scope)
  }

  async matchingSuppliers(query: EngineQuery): Promise<number[]> {
    return snapshotSuppliers(await this.current(), query)
  }

  async suggest(text: string, limit: number): Promise<EngineSuggestion[]> {
    return (await this.current()).suggester.suggest(text, limit)
  }

  async matching(queries: EngineQuery[], ids: number[]): Promise<number[][]> {
    if (!ids.length || !queries.length) return queries.map(() => [])
    // Twice: the first may join a build begun before the last announced chunk was committed; the second then
    // builds again only if the catalogue moved since (one version read when it did not).
    await this.refresh()
    await this.refresh()
    const { index } = await this.current()
    const wanted = new Set(ids)
    const ordinalOf = new Map<number, number>()
    for (let o = 0; o < index.size && ordinalOf.size < wanted.size; o++) {
      if (wanted.has(index.ids[o])) ordinalOf.set(index.ids[o], o)
    }
    return queries.map((query) => {
      const { match } = runSearch(index, { ...query, sort: 'fresh', offset: 0, limit: 0 }, searchWords)
      return ids.filter((id) => {
        const o = ordinalOf.get(id)
        return o !== undefined && match.has(o)
      })
    })
  }

  private rebuild(inWorker = false): Promise<Snapshot> {
    // One build at a time; a change arriving meanwhile is picked up by the next refresh.
    this.building ??= this.build(inWorker).finally(() => (this.building = null))
    return this.building
  }

  /** `preferWorker`: in a worker thread whatever the catalogue's size (when the compiled worker is there). */
  private async build(preferWorker = false): Promise<Snapshot> {
    const version = await this.version()
    return buildSnapshot(this.db, {
      version,
      expected: Number(version.split(':')[0]) || 0,
      workerFrom: this.workerFrom,
      preferWorker,
      install: (snapshot) => (this.snapshot = snapshot),
      // The build read every product through SQLite's page cache (16 MB, database/options.ts) on this process's
      // one connection: emptied, it refills with what answers read (a page of products each), not the catalogue.
      release:
        this.db.options.type === 'better-sqlite3'
          ? async () => void (await this.db.query('PRAGMA shrink_memory'))
          : undefined,
      logger: this.logger,
    })
  }

  /**
   * The catalogue's version: product count, newest id and newest update. The newest id and update are index
   * lookups; the count walks a whole index (≈ 0.2 s at 1,000,000 products, blocking this process), so a poll reads
   * it again only every COUNT_EVERY polls — it is only needed to notice rows deleted outside the app.
   */
  private async version(full = true): Promise<string> {
    const newest = await this.db
      .getRepository(Product)
      .createQueryBuilder('p')
      .select('MAX(p.id)', 'id')
      .addSelect('MAX(p.updatedAt)', 'at')
      .getRawOne<{ id: unknown; at: unknown }>()
    if (full || this.count === null) {
      const row = await this.db
        .getRepository(Product)
        .createQueryBuilder('p')
        .select('COUNT(*)', 'n')
        .getRawOne<{ n: unknown }>()
      this.count = Number(row?.n ?? 0)
    }
    const at = newest?.at instanceof Date ? newest.at.toISOString() : String(newest?.at ?? '')
    return `${this.count}:${String(newest?.id ?? '')}:${at}`
  }
}
