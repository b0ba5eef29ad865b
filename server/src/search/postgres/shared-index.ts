import type { Logger } from '@nestjs/common'
import type { DataSource } from 'typeorm'
import { loadCategories } from '../catalog-source'
import { decodeIndex, encodeIndex } from '../engine/index-codec'
import { SearchIndex } from '../engine/search-index'
import { buildSnapshot, settle, snapshotOf, type Snapshot } from '../snapshot'

/** Bytes per stored part: a part travels as one bytea (hex on the wire, so twice this as a string while it is read). */
const PART_BYTES = 8 << 20
/** Advisory lock key: one process builds and stores the shared index at a time. */
const BUILD_LOCK = 1_764_600_000
/**
 * The stored layout's version (the codec's and IndexData's): bump it with any change to either. An index stored in
 * another format is not loaded; it is forgotten, and a process of this code builds it again.
 */
export const SHARED_INDEX_FORMAT = 1

/** What `publish` did. */
export type PublishOutcome = 'stored' | 'current' | 'busy' | 'moved'

const mb = (bytes: number) => Math.round(bytes / 1048576)

/**
 * The PostgreSQL engine's shared index (docs/search.md, "Shared index"): the embedded engine's index of the whole
 * catalogue, built by one server process once the catalogue is still and stored in `search_snapshot` at the
 * `search_state.version` it was built from; every other process loads it instead of building its own. While it is
 * current a process answers searches from it in memory; after any change the engine answers in SQL until the next
 * one is stored (postgres-search.ts decides which).
 */
export class SharedIndex {
  constructor(
    private readonly db: DataSource,
    private readonly logger: Logger,
  ) {}

  /** The catalogue's version and the stored index's (null: none stored). */
  async state(): Promise<{ version: string; stored: string | null }> {
    const [row] = (await this.db.query('SELECT version, snapshot_version FROM search_state WHERE id = 1')) as Array<{
      version: string
      snapshot_version: string | null
    }>
    return {
      version: String(row?.version ?? ''),
      stored: row?.snapshot_version == null ? null : String(row.snapshot_version),
    }
  }

  /**
   * Builds the index from the catalogue and stores it, unless another process is building (advisory lock: `busy`) or
   * the stored one is current (`current`). `install` gets the snapshot as soon as it is built (this process answers
   * from it while it is current). The stored version is set only if the catalogue's version did not move during the
   * build, in the same transaction as the parts (`stored`; else nothing is stored: `moved`).
   */
  async publish(options: { workerFrom: number; install: (s: Snapshot) => void }): Promise<PublishOutcome> {
    const runner = this.db.createQueryRunner()
    await runner.connect()
    try {
      const [lock] = (await runner.query('SELECT pg_try_advisory_lock($1) AS ok', [BUILD_LOCK])) as Array<{
        ok: boolean
      }>
      if (!lock.ok) return 'busy'
      try {
        const { version, stored } = await this.state()
        if (version === stored) return 'current'
        const started = Date.now()
        const [{ n }] = (await runner.query('SELECT count(*) AS n FROM product')) as Array<{ n: string }>
        const snapshot = await buildSnapshot(this.db, {
          version,
          expected: Number(n),
          workerFrom: options.workerFrom,
          install: options.install,
          logger: this.logger,
        })
        const built = Date.now()
        const { skeleton, arrays } = encodeIndex(snapshot.index.data(), SHARED_INDEX_FORMAT)
        const bytes = skeleton.byteLength + arrays.reduce((sum, a) => sum + a.byteLength, 0)
        await runner.startTransaction()
        try {
          await runner.query('DELETE FROM search_snapshot')
          let part = 0
          const insert = (data: Buffer) =>
            runner.query('INSERT INTO search_snapshot (version, part, data) VALUES ($1, $2, $3)', [
              version,
              part++,
              data,
            ])
          await insert(skeleton)
          // The arrays' bytes one after the other, cut into parts of PART_BYTES.
          const buffer = Buffer.allocUnsafe(PART_BYTES)
          let filled = 0
          for (const array of arrays) {
            for (let at = 0; at < array.byteLength;) {
              const n = Math.min(PART_BYTES - filled, array.byteLength - at)
              buffer.set(array.subarray(at, at + n), filled)
              filled += n
              at += n
              if (filled === PART_BYTES) {
                await insert(buffer)
                filled = 0
              }
            }
          }
          if (filled) await insert(buffer.subarray(0, filled))
          const current = (await runner.query(
            'UPDATE search_state SET snapshot_version = $1 WHERE id = 1 AND version = $1 RETURNING id',
            [version],
          )) as unknown[]
          if (!current.length) {
            await runner.rollbackTransaction()
            this.logger.log(
              `shared search index: the catalogue changed during the build of version ${version}; not stored`,
            )
            return 'moved'
          }
          await runner.commitTransaction()
          this.logger.log(
            `shared search index: version ${version} (${snapshot.index.size} products) built in ${built - started} ms, ` +
              `stored in ${Date.now() - built} ms (${mb(bytes)} MB in ${part} parts)`,
          )
        } catch (error) {
          if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined)
          throw error
        }
        return 'stored'
      } finally {
        // Whatever happened above: out of any transaction first, so that the unlock cannot fail on an aborted one and
        // leave a pooled connection holding the lock.
        await runner.query('ROLLBACK').catch(() => undefined)
        await runner.query('SELECT pg_advisory_unlock($1)', [BUILD_LOCK])
      }
    } finally {
      await runner.release()
    }
  }

  /**
   * The stored index of `version`, read in one snapshot of the database (a publisher replacing it meanwhile does not
   * tear it); null when none of that version is stored (replaced, or emptied by a crash: UNLOGGED).
   */
  async load(version: string): Promise<Snapshot | null> {
    const started = Date.now()
    const runner = this.db.createQueryRunner()
    await runner.connect()
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
      const [{ parts }] = (await runner.query('SELECT count(*)::int AS parts FROM search_snapshot WHERE version = $1', [
        version,
      ])) as Array<{ parts: number }>
      const forget = async (why: string) => {
        await runner.query('ROLLBACK')
        // Forgotten, so that a process of this code builds it again.
        await this.db.query('UPDATE search_state SET snapshot_version = NULL WHERE id = 1 AND snapshot_version = $1', [
          version,
        ])
        this.logger.warn(`shared search index: version ${version} ${why}; it will be built again`)
        return null
      }
      // Recorded but gone: a crash emptied the unlogged table.
      if (!parts) return await forget('is recorded but not stored')
      const read = async (part: number): Promise<Buffer> => {
        const [row] = (await runner.query('SELECT data FROM search_snapshot WHERE version = $1 AND part = $2', [
          version,
          part,
        ])) as Array<{ data: Buffer }>
        if (!row) throw new Error(`shared search index: part ${part} of version ${version} missing`)
        return row.data
      }
      const decoded = decodeIndex(await read(0), SHARED_INDEX_FORMAT)
      if (!decoded) return await forget(`was stored in another format than ${SHARED_INDEX_FORMAT}`)
      const { data, arrays } = decoded
      let array = 0
      let at = 0
      for (let part = 1; part < parts; part++) {
        const bytes = await read(part)
        for (let from = 0; from < bytes.byteLength;) {
          while (array < arrays.length && at === arrays[array].byteLength) {
            array++
            at = 0
          }
          if (array === arrays.length) throw new Error(`shared search index: version ${version} has extra bytes`)
          const n = Math.min(arrays[array].byteLength - at, bytes.byteLength - from)
          arrays[array].set(bytes.subarray(from, from + n), at)
          at += n
          from += n
        }
      }
      while (array < arrays.length && at === arrays[array].byteLength) {
        array++
        at = 0
      }
      if (array !== arrays.length) throw new Error(`shared search index: version ${version} is cut short`)
      await runner.query('COMMIT')
      const index = SearchIndex.revive(data)
      const snapshot = snapshotOf(index, await loadCategories(this.db), version)
      const loaded = Date.now()
      const after = settle(index)
      this.logger.log(
        `shared search index: version ${version} (${index.size} products) loaded in ${loaded - started} ms${after}`,
      )
      return snapshot
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      await runner.release()
    }
  }
}
