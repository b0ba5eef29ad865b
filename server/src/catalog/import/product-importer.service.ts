import { Injectable, Logger } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import { DataSource } from 'typeorm'
import type { ImportFailure, ImportFormat, ImportSummary } from '@chuangan/shared'
import { Transactions } from '../../database/transactions'
import { CatalogEvents } from '../catalog-events'
import { TaxonomyService, type CategoryForImport } from '../taxonomy.service'
import { ProductWriter } from './product-writer'
import { inProcess, preparedItems, type PreparedItem } from './prepared-source'
import type { PreparedProduct } from './record'
import { formatOf, type ByteCounter, type SourceItem } from './sources'
import { BulkSql } from './sql'

/** Where an import is: bytes of the file read, records seen, and what became of them. */
export interface ImportProgress {
  bytesRead: number
  bytesTotal: number
  records: number
  created: number
  updated: number
  failed: number
  /** The last call: everything is written. */
  done: boolean
}

export interface ImportOptions {
  /** Default: from the file's extension. */
  format?: ImportFormat
  onProgress?: (progress: ImportProgress) => void
  /** Products per transaction. */
  chunkSize?: number
}

/** The prepared records of an import, given the categories by path. */
type Source = (categories: Map<string, CategoryForImport>) => AsyncGenerator<PreparedItem[]>

/**
 * Products per transaction: fewer commits write each touched index page fewer times (on SQLite 4,000 imported
 * faster than 1,000), and a chunk still commits in about a second.
 */
const CHUNK = 4000
/** SQLite settings while importing (on 300,000 products they saved CPU and wall time in most runs here). */
const IMPORT_PRAGMAS: Array<[string, number]> = [
  ['cache_size', -256 * 1024], // KiB
  ['mmap_size', 2 ** 31 - 65536], // SQLite's default ceiling
  ['wal_autocheckpoint', 20_000], // pages
]

/**
 * Imports products from JSON (one array), JSON Lines or CSV (docs/search.md), streaming. Each record is checked
 * alone: a bad one is reported with its line and reason while the good ones import. Good records are written in
 * chunks, each in one transaction (suppliers by name, products by (supplier, model), parameter rows replaced); each
 * committed chunk is announced through CatalogEvents. While a chunk is written the next one is read and checked.
 */
@Injectable()
export class ProductImporter {
  private readonly logger = new Logger(ProductImporter.name)

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
    private readonly taxonomy: TaxonomyService,
    private readonly events: CatalogEvents,
  ) {}

  async importFile(file: string, options: ImportOptions = {}): Promise<ImportSummary> {
    const format = options.format ?? formatOf(file)
    if (!format) throw new Error(`cannot tell the format of ${file}: name it .json, .jsonl or .csv, or pass a format`)
    const counter: ByteCounter = { read: 0, total: 0 }
    return this.importItems((categories) => preparedItems(file, format, categories, counter), options, counter)
  }

  /** Imports records already in memory (the demo catalogue, tests); `line` is the record's position from 1. */
  importRecords(records: unknown[], options: Omit<ImportOptions, 'format'> = {}): Promise<ImportSummary> {
    async function* items(): AsyncGenerator<SourceItem[]> {
      yield records.map((record, i) => ({ line: i + 1, record }))
    }
    return this.importItems((categories) => inProcess(items(), categories), options, { read: 0, total: 0 })
  }

  private async importItems(
    source: Source,
    options: Omit<ImportOptions, 'format'>,
    counter: ByteCounter,
  ): Promise<ImportSummary> {
    // SQLite, while importing: a larger page cache, the file mapped into memory (reads without a system call each)
    // and fewer WAL checkpoints; the parameter indexes of a large catalogue are written all over.
    const sqlite = this.db.options.type === 'better-sqlite3'
    const saved: Array<[string, number]> = []
    if (sqlite) {
      for (const [pragma, value] of IMPORT_PRAGMAS) {
        const row = ((await this.db.query(`PRAGMA ${pragma}`)) as Array<Record<string, number>>)[0]
        saved.push([pragma, Number(Object.values(row ?? {})[0] ?? 0)])
        await this.db.query(`PRAGMA ${pragma} = ${value}`)
      }
    }
    try {
      return await this.importChunks(source, options, counter)
    } finally {
      for (const [pragma, value] of saved) await this.db.query(`PRAGMA ${pragma} = ${value}`)
    }
  }

  private async importChunks(
    source: Source,
    options: Omit<ImportOptions, 'format'>,
    counter: ByteCounter,
  ): Promise<ImportSummary> {
    await this.taxonomy.apply()
    const categories: Map<string, CategoryForImport> = await this.taxonomy.categoriesByPath()
    const sql = new BulkSql(this.db)
    const writer = new ProductWriter(sql)
    const size = options.chunkSize ?? CHUNK
    const failed: ImportFailure[] = []
    let created = 0
    let updated = 0
    let records = 0
    const progress = (done = false) =>
      options.onProgress?.({
        done,
        bytesRead: counter.read,
        bytesTotal: counter.total,
        records,
        created,
        updated,
        failed: failed.length,
      })

    const write = async (chunk: Array<{ line: number; product: PreparedProduct }>) => {
      const now = new Date()
      try {
        let attempts = 0
        const change = await this.transactions.run((em) => {
          // A deadlock victim runs again: what it learnt of the suppliers was rolled back with it.
          if (attempts++) writer.forget()
          return writer.write(
            em,
            chunk.map((c) => c.product),
            now,
          )
        })
        created += change.created.length
        updated += change.updated.length
        this.events.emitProductsChanged(change)
      } catch (error) {
        writer.forget()
        if (chunk.length === 1) {
          failed.push({ line: chunk[0].line, reason: `database: ${(error as Error).message.split('\n')[0]}` })
          return
        }
        // Something in the chunk was refused by the database: write one by one to find it.
        this.logger.warn(`a chunk failed (${(error as Error).message.split('\n')[0]}); retrying its records one by one`)
        for (const one of chunk) await write([one])
      }
    }

    let chunk: Array<{ line: number; product: PreparedProduct }> = []
    let keys = new Set<string>()
    let writing: Promise<void> = Promise.resolve()
    const flush = async () => {
      await writing // at most one chunk in flight while the next is read
      if (!chunk.length) return
      const full = chunk
      chunk = []
      keys = new Set()
      writing = write(full)
    }

    for await (const batch of source(categories)) {
      for (const item of batch) {
        records++
        if ('error' in item) {
          failed.push({ line: item.line, reason: item.error })
          continue
        }
        const product = item.product
        // The same product twice in one chunk: the earlier one is written first, then the later one updates it.
        const key = `${sql.sameKey(product.supplier.name)}\u0000${sql.sameKey(product.model)}`
        if (keys.has(key)) await flush()
        keys.add(key)
        chunk.push({ line: item.line, product })
        if (chunk.length >= size) await flush()
      }
      progress()
    }
    await flush()
    await writing
    progress(true)
    failed.sort((a, b) => a.line - b.line)
    return { created, updated, failed }
  }
}
