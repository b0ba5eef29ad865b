import type { DataSource, EntityManager, EntityTarget } from 'typeorm'
import { pgArray } from '../../database/pg-array'

/** On a unique key (`conflict`) that exists, update these columns instead (MariaDB: any unique key). */
export interface Upsert {
  conflict: string[]
  update: string[]
}

/**
 * Multi-row SQL for bulk writes, one text for the three databases' dialects. TypeORM's query builder costs tens of
 * microseconds a row in entity bookkeeping; a million products with their parameters need a plain statement.
 * SQLite and MariaDB get multi-row VALUES lists; PostgreSQL gets one array per column, read with `unnest` (see
 * database/pg-array.ts): the same rows, in the same order, through the same ON CONFLICT.
 */
export class BulkSql {
  readonly mysql: boolean
  readonly postgres: boolean

  constructor(private readonly db: DataSource) {
    const type = db.options.type
    this.mysql = type === 'mysql' || type === 'mariadb'
    this.postgres = type === 'postgres'
  }

  /** The most bound parameters one statement may carry (SQLite's limit is 32,766). */
  readonly maxParams = 30_000

  id(name: string): string {
    return this.mysql ? `\`${name}\`` : `"${name}"`
  }

  /** `?, ?, ?` or `$4, $5, $6` for `count` parameters after `offset` others. */
  placeholders(count: number, offset = 0): string {
    if (!this.postgres) return new Array<string>(count).fill('?').join(', ')
    return Array.from({ length: count }, (_, i) => `$${offset + i + 1}`).join(', ')
  }

  /**
   * A table of pairs to join with: `WITH <name>(a, b) AS (VALUES (?, ?), …)`. Looking up many (supplier, model)
   * pairs through two IN lists makes SQLite probe every supplier with every model; a join probes each pair once.
   */
  pairs(
    name: string,
    columns: [string, string],
    types: [string, string],
    rows: Array<[unknown, unknown]>,
  ): { sql: string; params: unknown[] } {
    if (this.postgres) {
      return {
        sql: `WITH ${name}(${columns.join(', ')}) AS (SELECT * FROM unnest($1::${types[0]}[], $2::${types[1]}[]))`,
        params: [pgArray(rows.map((r) => r[0])), pgArray(rows.map((r) => r[1]))],
      }
    }
    return {
      sql: `WITH ${name}(${columns.join(', ')}) AS (VALUES ${rows.map(() => '(?, ?)').join(', ')})`,
      params: rows.flat(),
    }
  }

  /** Whether an INSERT can return the rows it wrote (SQLite 3.35+, PostgreSQL; not MariaDB's upsert). */
  get returning(): boolean {
    return !this.mysql
  }

  /** `col IN (…)` (PostgreSQL: `col = ANY($1)`, one parameter) for values of a column of type `type`. */
  anyOf(column: string, type: string, values: unknown[]): { sql: string; params: unknown[] } {
    if (this.postgres) return { sql: `${this.id(column)} = ANY($1::${type}[])`, params: [pgArray(values)] }
    return { sql: `${this.id(column)} IN (${this.placeholders(values.length)})`, params: values }
  }

  /**
   * Writes rows (each the values of `columns`, entity property names, in order) into an entity's table, upserting
   * with `upsert`; answers the rows `returning` asked for (not on MariaDB: see `returning`), on PostgreSQL with
   * `inserted` (a boolean: inserted, not updated) when asked. SQLite and MariaDB:
   * statements of at most `maxParams` parameters; PostgreSQL: one statement with an array per column.
   */
  async insertRows<T>(
    em: EntityManager,
    entity: EntityTarget<T>,
    columns: readonly string[],
    rows: unknown[][],
    options: { upsert?: Upsert; returning?: string[]; inserted?: boolean } = {},
  ): Promise<Array<Record<string, unknown>>> {
    if (!rows.length) return []
    const metadata = this.db.getMetadata(entity)
    const table = metadata.tableName
    const names = columns.map((property) => metadata.findColumnWithPropertyName(property)!.databaseName)
    const returned = (options.returning ?? []).map((c) => this.id(c))
    // A row the statement inserted has no xmax yet; one an upsert updated carries this transaction's.
    if (options.inserted && this.postgres) returned.push(`(xmax = 0) AS ${this.id('inserted')}`)
    const returning = returned.length && this.returning ? ` RETURNING ${returned.join(', ')}` : ''
    const upsert = options.upsert ? this.onConflict(options.upsert) : ''
    if (this.postgres) {
      const arrays = columns.map((property, i) => {
        const type = this.db.driver.normalizeType(metadata.findColumnWithPropertyName(property)!)
        return `$${i + 1}::${type}[]`
      })
      const params = columns.map((_, i) => pgArray(rows.map((row) => row[i])))
      const statement =
        `INSERT INTO ${this.id(table)} (${names.map((c) => this.id(c)).join(', ')}) ` +
        `SELECT * FROM unnest(${arrays.join(', ')})${upsert}${returning}`
      return this.run(em, statement, params)
    }
    const out: Array<Record<string, unknown>> = []
    const perStatement = Math.floor(this.maxParams / columns.length)
    for (let i = 0; i < rows.length; i += perStatement) {
      const slice = rows.slice(i, i + perStatement)
      const statement = this.insert(table, names, slice.length) + upsert + returning
      out.push(...(await this.run(em, statement, slice.flat())))
    }
    return out
  }

  /**
   * What a chunk's transaction needs first. PostgreSQL: its commit does not wait for the WAL to reach the disk
   * (`synchronous_commit = off`, this transaction only): a crash of the database server can lose the last chunks
   * committed in the fraction of a second before it, which a re-import writes again; the database stays consistent.
   */
  async begin(em: EntityManager): Promise<void> {
    if (this.postgres) await em.query('SET LOCAL synchronous_commit = off')
  }

  /** INSERT of many rows as a VALUES list (SQLite, MariaDB). */
  private insert(table: string, columns: string[], rows: number): string {
    const width = columns.length
    const tuples: string[] = []
    for (let r = 0; r < rows; r++) tuples.push(`(${this.placeholders(width, r * width)})`)
    return `INSERT INTO ${this.id(table)} (${columns.map((c) => this.id(c)).join(', ')}) VALUES ${tuples.join(', ')}`
  }

  /**
   * A row whose unique key (`conflict`) exists updates the `update` columns instead (MariaDB: any unique key, which
   * for our tables is the same one).
   */
  private onConflict(upsert: Upsert): string {
    if (this.mysql) {
      return ` ON DUPLICATE KEY UPDATE ${upsert.update.map((c) => `${this.id(c)} = VALUES(${this.id(c)})`).join(', ')}`
    }
    return (
      ` ON CONFLICT (${upsert.conflict.map((c) => this.id(c)).join(', ')}) DO UPDATE SET ` +
      upsert.update.map((c) => `${this.id(c)} = excluded.${this.id(c)}`).join(', ')
    )
  }

  /** A value as the driver stores it for an entity's column (dates and booleans differ per database). */
  persisted<T>(entity: EntityTarget<T>, property: string, value: unknown): unknown {
    const column = this.db.getMetadata(entity).findColumnWithPropertyName(property)!
    return this.db.driver.preparePersistentValue(value, column)
  }

  /**
   * How the database compares a unique varchar: MariaDB's utf8mb4_unicode_ci ignores case (and trailing spaces),
   * so `pt-1` and `PT-1` are one model there; SQLite and PostgreSQL compare exactly.
   */
  sameKey(text: string): string {
    return this.mysql ? text.toLowerCase().trimEnd() : text
  }

  async run(em: EntityManager, sql: string, params: unknown[]): Promise<Array<Record<string, unknown>>> {
    const rows = (await em.query(sql, params)) as unknown
    return Array.isArray(rows) ? (rows as Array<Record<string, unknown>>) : []
  }
}
