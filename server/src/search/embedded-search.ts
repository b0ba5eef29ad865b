import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import { DataSource } from 'typeorm'
import { Product } from '../catalog/catalog.entity'
import { searchWords } from '../infra/jieba'
import { loadCategories, loadDocs, type CategoryInfo } from './catalog-source'
import { SearchIndex, type SearchDoc } from './engine/search-index'
import { Suggester } from './engine/suggester'

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

/**
 * The embedded engine's index, in this process. Built from the database at start, then rebuilt in the background
 * whenever the catalogue's version (product count, newest `updatedAt`) moves — from this process's imports at once
 * (`refresh()`), from other processes' within `POLL_MS`. Searches keep answering from the previous snapshot while a
 * new one is built, then switch to it in one assignment.
 */
@Injectable()
export class EmbeddedSearch implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EmbeddedSearch.name)
  private snapshot: Snapshot | null = null
  private building: Promise<Snapshot> | null = null
  private timer: NodeJS.Timeout | null = null

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.current()
    this.timer = setInterval(() => void this.refresh().catch((e) => this.logger.warn(`refresh: ${e}`)), POLL_MS)
    this.timer.unref()
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer)
  }

  /** The snapshot to answer from (built on first use). */
  async current(): Promise<Snapshot> {
    return this.snapshot ?? (await this.rebuild())
  }

  /** Rebuilds when the catalogue changed since the current snapshot; returns the snapshot then in use. */
  async refresh(): Promise<Snapshot> {
    if (this.snapshot && (await this.version()) === this.snapshot.version) return this.snapshot
    return this.rebuild()
  }

  private rebuild(): Promise<Snapshot> {
    // One build at a time; a change arriving meanwhile is picked up by the next refresh.
    this.building ??= this.build().finally(() => (this.building = null))
    return this.building
  }

  private async build(): Promise<Snapshot> {
    const started = Date.now()
    const version = await this.version()
    const categories = await loadCategories(this.db)
    const docs: SearchDoc[] = []
    for await (const chunk of loadDocs(this.db, categories)) docs.push(...chunk)
    const index = new SearchIndex(docs, searchWords)
    const suggester = new Suggester(
      index,
      [...categories.values()].map((c) => ({ id: c.id, name: c.name, path: c.path })),
    )
    this.snapshot = { index, suggester, categories, version }
    this.logger.log(`search index: ${index.size} products in ${Date.now() - started} ms`)
    return this.snapshot
  }

  private async version(): Promise<string> {
    const row = await this.db
      .getRepository(Product)
      .createQueryBuilder('p')
      .select('COUNT(*)', 'n')
      .addSelect('MAX(p.updatedAt)', 'at')
      .getRawOne<{ n: unknown; at: unknown }>()
    return `${row?.n ?? 0}:${row?.at instanceof Date ? row.at.toISOString() : String(row?.at ?? '')}`
  }
}
