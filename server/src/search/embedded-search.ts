import fs from 'node:fs'
import type { Server } from 'node:net'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common'
import { HttpAdapterHost } from '@nestjs/core'
import { InjectDataSource } from '@nestjs/typeorm'
import { DataSource } from 'typeorm'
import { Product } from '../catalog/catalog.entity'
import { CatalogEvents } from '../catalog/catalog-events'
import { collectGarbage, returnFreedMemory } from '../infra/collect-garbage'
import { loadQueryDictionary, searchWords } from '../infra/jieba'
import { loadCategories, loadDocs, type CategoryInfo } from './catalog-source'
import { matchingSuppliers, runSearch } from './engine/engine'
import { facetCounts } from './engine/facets'
import { SearchIndex, SearchIndexBuilder, type SearchDoc } from './engine/search-index'
import type { FromWorker, ToWorker, WorkerInput } from './index-worker'
import { Suggester } from './engine/suggester'
import { understood } from './query'
import {
  dominantCategory,
  type EngineAnswer,
  type EngineQuery,
  type EngineSuggestion,
  type FacetScope,
  type SearchEngine,
} from './search-engine'

/** The compiled worker (absent when running from TypeScript sources, as the unit tests do: they build in line). */
const WORKER_FILE = path.join(__dirname, 'index-worker.js')
/** How many chunks of documents may wait in the worker's queue. */
const CHUNKS_IN_FLIGHT = 2

/**
 * Builds the index in a worker thread (search/index-worker.ts): the documents are read here and posted in chunks,
 * the built arrays come back transferred, not copied. The builder's garbage and jieba's dictionary live and die on
 * the worker's heap, and this thread keeps answering requests while the catalogue is analysed.
 */
async function buildInWorker(
  docs: AsyncIterable<SearchDoc[]>,
  expected: number,
  boundKeys: Set<string>,
): Promise<SearchIndex> {
  const worker = new Worker(WORKER_FILE, { workerData: { expected, boundKeys } satisfies WorkerInput })
  const failed = new Promise<never>((_, reject) => {
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`index worker exited (${code}) before answering`)))
  })
  failed.catch(() => undefined)
  const replies: FromWorker[] = []
  let wake: (() => void) | null = null
  worker.on('message', (m: FromWorker) => {
    replies.push(m)
    wake?.()
  })
  const next = async (): Promise<FromWorker> => {
    while (!replies.length) await Promise.race([new Promise<void>((r) => (wake = r)), failed])
    return replies.shift()!
  }
  try {
    let inFlight = 0
    for await (const chunk of docs) {
      worker.postMessage({ docs: chunk } satisfies ToWorker)
      if (++inFlight >= CHUNKS_IN_FLIGHT) {
        await next()
        inFlight--
      }
    }
    worker.postMessage({ end: true } satisfies ToWorker)
    for (;;) {
      const reply = await next()
      if ('data' in reply) return SearchIndex.revive(reply.data)
    }
  } finally {
    void worker.terminate()
  }
}

const mb = (bytes: number) => Math.round(bytes / 1048576)

/** One built index with what answers from it need. */
export interface Snapshot {
  index: SearchIndex
  suggester: Suggester
  categories: Map<number, CategoryInfo>
  /** The catalogue version it was built from (product count and newest update). */
  version: string
}

/** How often each process checks whether the catalogue changed (another process may have imported). */
const POLL_MS = 5000
/** How long after this process's last imported chunk the index is rebuilt. */
const CHANGE_DEBOUNCE_MS = 300
/** From this many products a full garbage collection follows each build (below it the garbage is small). */
const GC_AFTER_BUILD = 50_000
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
    const { index } = await this.current()
    const result = runSearch(index, query, searchWords)
    let facets: EngineAnswer['facets'] = null
    if (query.facets) {
      const categories = facetCounts(index, result, {
        categoryIds: scope.categoryIds,
        params: [],
        regions: [],
      }).categories
      const dominant = dominantCategory(
        query.category,
        categories,
        result.total,
        (id) => this.snapshot?.categories.get(id)?.lineage.length ?? 0,
      )
      facets = facetCounts(index, result, {
        categoryIds: [],
        params: scope.paramsFor(dominant),
        regions: scope.regions,
      })
      facets.categories = categories
    }
    return {
      ids: result.ids,
      total: result.total,
      understood: understood(result.parsed, result.fuzzyModels),
      facets,
    }
  }

  async matchingSuppliers(query: EngineQuery): Promise<number[]> {
    const { index } = await this.current()
    return matchingSuppliers(index, query, searchWords)
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
    const started = Date.now()
    const version = await this.version()
    const categories = await loadCategories(this.db)
    const expected = Number(version.split(':')[0]) || 0
    const inWorker = (preferWorker || expected >= this.workerFrom) && fs.existsSync(WORKER_FILE)
    // Bounds are faceted only for facetable spans: the other keys need no bound orders.
    const boundKeys = new Set(
      [...categories.values()].flatMap((c) =>
        c.params.filter((p) => p.facetable && (p.kind === 'range' || p.kind === 'number')).map((p) => p.key),
      ),
    )
    // Streamed into the builder chunk by chunk: the catalogue is never held as objects, only as typed arrays.
    const docs = loadDocs(this.db, categories)
    let index: SearchIndex
    if (inWorker) index = await buildInWorker(docs, expected, boundKeys)
    else {
      const builder = new SearchIndexBuilder(searchWords, expected, boundKeys)
      for await (const chunk of docs) for (const doc of chunk) builder.add(doc)
      index = SearchIndex.from(builder)
    }
    const loaded = Date.now()
    const suggester = new Suggester(
      index,
      [...categories.values()].map((c) => ({ id: c.id, name: c.name, path: c.path })),
    )
    this.snapshot = { index, suggester, categories, version }
    const built = Date.now()
    // The builder's garbage (and the previous snapshot) collected now, in one pause here, not during a request,
    // and the memory it held handed back to the system.
    let after = ''
    if (index.size >= GC_AFTER_BUILD) {
      // The query segmenter's dictionary loaded first, so its parsing's garbage goes with the build's.
      loadQueryDictionary()
      collectGarbage()
      const rss = process.memoryUsage.rss()
      const trimmed = returnFreedMemory()
      after = `, then garbage collected${trimmed ? ` and freed memory returned (RSS ${mb(rss)} → ${mb(process.memoryUsage.rss())} MB)` : ''} in ${Date.now() - built} ms`
    }
    const bytes = index.bytes()
    this.logger.log(
      `search index: ${index.size} products in ${built - started} ms (read and analysed${inWorker ? ' in a worker thread' : ''} in ${loaded - started} ms${after}; ` +
        `typed arrays ${Object.entries(bytes)
          .map(([part, n]) => `${part} ${mb(n)}`)
          .join(', ')} MB)`,
    )
    return this.snapshot
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
