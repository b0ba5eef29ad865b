import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import type { DataSource, QueryRunner } from 'typeorm'

/** Advisory lock: held by a bulk load while its indexes are set aside, and by whoever builds them back. */
const LOCK = 1_764_610_000
/** Memory for one index build (a GIN index over a million rows builds in a few passes with this much). */
const BUILD_MEMORY = '256MB'

interface Deferred {
  name: string
  table_name: string
  definition: string
}

/**
 * A bulk load into empty tables on PostgreSQL (the catalogue's first import: `cli.ts import-products`). Their
 * secondary indexes — neither unique nor primary keys, so no statement of the load needs them — are dropped for the
 * load and built once afterwards: at 1,000,000 products, building `search_doc`'s six and `product_param`'s two at the
 * end costs a fraction of keeping them row by row (docs/search.md, "How the importer works").
 *
 * Each index set aside is recorded in `deferred_index` (name, table, definition from `pg_get_indexdef`) in the
 * transaction that drops it, and deleted in the transaction that builds it again, so none is ever lost: a load that
 * dies between leaves the records, and the next server start builds them (`DeferredIndexRestorer`). One at a time
 * (advisory lock): a second load while one runs, or one racing a restore, keeps its indexes.
 */
export class BulkLoad {
  private constructor(
    private readonly db: DataSource,
    private readonly runner: QueryRunner,
    readonly setAside: string[],
  ) {}

  /**
   * Sets the secondary indexes of `tables` aside if the database is PostgreSQL, no other load holds the lock and
   * `empty()` says the load starts from nothing; null otherwise (the load then runs with its indexes).
   */
  static async begin(db: DataSource, tables: string[], empty: () => Promise<boolean>): Promise<BulkLoad | null> {
    if (db.options.type !== 'postgres') return null
    const runner = db.createQueryRunner()
    await runner.connect()
    let kept = false
    try {
      const [lock] = (await runner.query('SELECT pg_try_advisory_lock($1) AS ok', [LOCK])) as Array<{ ok: boolean }>
      if (!lock.ok) return null
      try {
        if (!(await empty())) return null
        await runner.startTransaction()
        const found = (await runner.query(
          `SELECT c.relname AS name, t.relname AS table_name, pg_get_indexdef(i.indexrelid) AS definition
           FROM pg_index i
           JOIN pg_class c ON c.oid = i.indexrelid
           JOIN pg_class t ON t.oid = i.indrelid
           JOIN pg_namespace n ON n.oid = t.relnamespace
           WHERE n.nspname = current_schema() AND t.relname = ANY($1) AND NOT i.indisunique AND NOT i.indisprimary
           ORDER BY t.relname, c.relname`,
          [tables],
        )) as Deferred[]
        for (const index of found) {
          await runner.query(
            'INSERT INTO deferred_index (name, table_name, definition) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING',
            [index.name, index.table_name, index.definition],
          )
          await runner.query(`DROP INDEX ${quoted(index.name)}`)
        }
        await runner.commitTransaction()
        kept = true
        return new BulkLoad(
          db,
          runner,
          found.map((i) => i.name),
        )
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction()
        throw error
      } finally {
        if (!kept) await runner.query('SELECT pg_advisory_unlock($1)', [LOCK])
      }
    } finally {
      if (!kept) await runner.release()
    }
  }

  /** Builds back every index set aside (and any an earlier load left), then lets others load. */
  async end(onBuilt?: (name: string, ms: number) => void): Promise<void> {
    try {
      await buildDeferred(this.db, onBuilt)
    } finally {
      await this.runner.query('SELECT pg_advisory_unlock($1)', [LOCK]).catch(() => undefined)
      await this.runner.release()
    }
  }
}

/**
 * Runs `load` as a bulk load of `tables` when it starts from nothing (see BulkLoad), then, after `settled()` (writes
 * the load queued in the background: the search rows), builds the indexes back, telling `progress` each one.
 */
export async function withDeferredIndexes<T>(
  db: DataSource,
  options: {
    tables: string[]
    empty: () => Promise<boolean>
    settled: () => Promise<void>
    progress: (line: string) => void
  },
  load: () => Promise<T>,
): Promise<T> {
  const bulk = await BulkLoad.begin(db, options.tables, options.empty)
  if (bulk?.setAside.length) {
    options.progress(`first load into an empty catalogue: ${bulk.setAside.length} indexes built after it`)
  }
  try {
    return await load()
  } finally {
    if (bulk) {
      await options.settled()
      const started = Date.now()
      await bulk.end((name, ms) => options.progress(`index ${name} built in ${(ms / 1000).toFixed(1)} s`))
      if (bulk.setAside.length) {
        options.progress(`indexes built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
      }
    }
  }
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`

/**
 * Builds every recorded index on two connections side by side, each taking the next from one queue, GIN indexes and
 * those of the largest tables first (PostgreSQL 15 builds a GIN index on one core; `search_doc`'s term index is
 * about half of the work at 1,000,000 products, and the other connection builds the rest meanwhile). Building two
 * indexes of one table at once is allowed (both take SHARE locks). Each build and the deletion of its record commit
 * together. The caller holds the lock.
 */
async function buildDeferred(db: DataSource, onBuilt?: (name: string, ms: number) => void): Promise<number> {
  const all = (await db.query(
    `SELECT d.name, d.table_name, d.definition FROM deferred_index d
     LEFT JOIN pg_class t ON t.relname = d.table_name AND t.relkind = 'r'
     ORDER BY (d.definition LIKE '% USING gin %') DESC, t.reltuples DESC NULLS LAST, d.name`,
  )) as Deferred[]
  const queue = [...all]
  await Promise.all(
    [0, 1].map(async () => {
      for (let index = queue.shift(); index; index = queue.shift()) {
        const started = Date.now()
        await db.transaction(async (em) => {
          await em.query(`SET LOCAL maintenance_work_mem = '${BUILD_MEMORY}'`)
          // Built by a load that died after building it but before the record went: nothing to do.
          const [{ there }] = (await em.query('SELECT to_regclass($1) IS NOT NULL AS there', [
            quoted(index.name),
          ])) as Array<{ there: boolean }>
          if (!there) await em.query(index.definition)
          await em.query('DELETE FROM deferred_index WHERE name = $1', [index.name])
        })
        onBuilt?.(index.name, Date.now() - started)
      }
    }),
  )
  return all.length
}

/**
 * At start: builds the indexes a bulk load set aside and did not build back (it died), in the background, unless a
 * load is running (it holds the lock and builds them itself). PostgreSQL only; nothing to do elsewhere.
 */
@Injectable()
export class DeferredIndexRestorer implements OnApplicationBootstrap {
  private readonly logger = new Logger(DeferredIndexRestorer.name)
  private running: Promise<void> = Promise.resolve()

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  onApplicationBootstrap(): void {
    if (this.db.options.type !== 'postgres') return
    this.running = this.restore().then(
      () => undefined,
      (error) => this.logger.error(`deferred indexes: ${String(error)}`),
    )
  }

  /** Resolves when the restore begun at start is over (tests). */
  idle(): Promise<void> {
    return this.running
  }

  /** Builds every recorded index if no load holds the lock; returns how many were built (0 if locked out). */
  async restore(): Promise<number> {
    const [{ n }] = (await this.db.query('SELECT count(*)::int AS n FROM deferred_index')) as Array<{ n: number }>
    if (!n) return 0
    const runner = this.db.createQueryRunner()
    await runner.connect()
    try {
      const [lock] = (await runner.query('SELECT pg_try_advisory_lock($1) AS ok', [LOCK])) as Array<{ ok: boolean }>
      if (!lock.ok) return 0
      try {
        const started = Date.now()
        const built = await buildDeferred(this.db)
        if (built)
          this.logger.warn(
            `deferred indexes: built ${built} left by an interrupted bulk load in ${Date.now() - started} ms`,
          )
        return built
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [LOCK])
      }
    } finally {
      await runner.release()
    }
  }
}
