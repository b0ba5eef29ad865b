import fs from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { Logger } from '@nestjs/common'
import type { DataSource } from 'typeorm'
import { collectGarbage, returnFreedMemory } from '../infra/collect-garbage'
import { loadQueryDictionary, searchWords } from '../infra/jieba'
import { loadCategories, loadDocs, type CategoryInfo } from './catalog-source'
import { Bitset } from './engine/bitset'
import { matchingSuppliers, runSearch } from './engine/engine'
import { facetCounts } from './engine/facets'
import { SearchIndex, SearchIndexBuilder, type Segment, type SearchDoc } from './engine/search-index'
import { Suggester } from './engine/suggester'
import type { FromWorker, ToWorker, WorkerInput } from './index-worker'
import { understood } from './query'
import { dominantCategory, type EngineAnswer, type EngineQuery, type FacetScope } from './search-engine'

/**
 * One built index of the catalogue with what answers from it need, and the answers themselves: the embedded
 * engine (embedded-search.ts) builds and keeps one per process; the PostgreSQL engine (postgres/shared-index.ts)
 * builds one in one process, stores it in the database, and the others load it.
 */
export interface Snapshot {
  index: SearchIndex
  suggester: Suggester
  categories: Map<number, CategoryInfo>
  /** The catalogue version it was built from (each engine has its own notion of version). */
  version: string
}

/** The compiled worker (absent when running from TypeScript sources, as the unit tests do: they build in line). */
const WORKER_FILE = path.join(__dirname, 'index-worker.js')
/** How many chunks of documents may wait in the worker's queue. */
const CHUNKS_IN_FLIGHT = 2
/** From this many products a full garbage collection follows each build or load (below it the garbage is small). */
const GC_FROM = 50_000

const mb = (bytes: number) => Math.round(bytes / 1048576)

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

export interface BuildOptions {
  version: string
  /** The number of products expected (sizes the builder; picks the worker). */
  expected: number
  /** From how many products the build runs in a worker thread. */
  workerFrom: number
  /** In a worker thread whatever the catalogue's size (when the compiled worker is there). */
  preferWorker?: boolean
  /** Called with the new snapshot before the build's garbage is collected, so the previous one goes with it. */
  install: (snapshot: Snapshot) => void
  /** Frees what reading the catalogue left cached (SQLite's page cache), before the freed memory is returned. */
  release?: () => Promise<void>
  logger: Logger
}

/** Reads the whole catalogue from the database and builds its index (streamed: never held as objects). */
export async function buildSnapshot(db: DataSource, options: BuildOptions): Promise<Snapshot> {
  const started = Date.now()
  const categories = await loadCategories(db)
  const inWorker = (options.preferWorker || options.expected >= options.workerFrom) && fs.existsSync(WORKER_FILE)
  // Bounds are faceted only for facetable spans: the other keys need no bound orders.
  const boundKeys = new Set(
    [...categories.values()].flatMap((c) =>
      c.params.filter((p) => p.facetable && (p.kind === 'range' || p.kind === 'number')).map((p) => p.key),
    ),
  )
  const docs = loadDocs(db, categories)
  let index: SearchIndex
  if (inWorker) index = await buildInWorker(docs, options.expected, boundKeys)
  else {
    const builder = new SearchIndexBuilder(searchWords, options.expected, boundKeys)
    for await (const chunk of docs) for (const doc of chunk) builder.add(doc)
    index = SearchIndex.from(builder)
  }
  const snapshot = snapshotOf(index, categories, options.version)
  options.install(snapshot)
  if (index.size >= GC_FROM) await options.release?.()
  const built = Date.now()
  const after = settle(index)
  options.logger.log(
    `search index: ${index.size} products in ${built - started} ms (read and analysed${inWorker ? ' in a worker thread' : ''}${after}; ` +
      `typed arrays ${Object.entries(index.bytes())
        .map(([part, n]) => `${part} ${mb(n)}`)
        .join(', ')} MB)`,
  )
  return snapshot
}

/** A snapshot of a built or loaded index. */
export function snapshotOf(index: SearchIndex, categories: Map<number, CategoryInfo>, version: string): Snapshot {
  const suggester = new Suggester(
    index,
    [...categories.values()].map((c) => ({ id: c.id, name: c.name, path: c.path })),
  )
  return { index, suggester, categories, version }
}

/**
 * After a large index is built or loaded and installed: the garbage (builder's lists, the previous snapshot)
 * collected now, in one pause of our choosing rather than during a request, and the memory it held handed back to
 * the system. Returns what it did, for the log.
 */
export function settle(index: SearchIndex): string {
  if (index.size < GC_FROM) return ''
  const started = Date.now()
  // The query segmenter's dictionary loaded first, so its parsing's garbage goes with the build's.
  loadQueryDictionary()
  collectGarbage()
  const rss = process.memoryUsage.rss()
  const trimmed = returnFreedMemory()
  return `, then garbage collected${trimmed ? ` and freed memory returned (RSS ${mb(rss)} → ${mb(process.memoryUsage.rss())} MB)` : ''} in ${Date.now() - started} ms`
}

/** A search answered from a snapshot: the page's ids, the total, what was understood and the facet counts. */
export function searchSnapshot(
  snapshot: Snapshot,
  query: EngineQuery,
  scope: FacetScope,
  segment: Segment = searchWords,
): EngineAnswer {
  return Bitset.scoped(snapshot.index.size, () => answer(snapshot, query, scope, segment))
}

function answer(snapshot: Snapshot, query: EngineQuery, scope: FacetScope, segment: Segment): EngineAnswer {
  const { index } = snapshot
  const result = runSearch(index, query, segment)
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
      (id) => snapshot.categories.get(id)?.lineage.length ?? 0,
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

/** The distinct suppliers with a product the query matches (求购 matching), from a snapshot. */
export function snapshotSuppliers(snapshot: Snapshot, query: EngineQuery, segment: Segment = searchWords): number[] {
  return Bitset.scoped(snapshot.index.size, () => matchingSuppliers(snapshot.index, query, segment))
}
