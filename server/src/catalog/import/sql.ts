import type { DataSource, EntityManager, EntityTarget } from 'typeorm'

/**
 * Multi-row SQL for bulk writes, one text for the three databases' dialects. TypeORM's query builder costs tens of
 * microseconds a row in entity bookkeeping; a million products with their parameters need a plain statement.
 */
export class BulkSql {
  readonly mysql: boolean
  private readonly postgres: boolean

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
  pairs(name: string, columns: [string, string], types: [string, string], count: number): string {
    const rows: string[] = []
    for (let r = 0; r < count; r++) {
      if (this.postgres) rows.push(`($${2 * r + 1}::${types[0]}, $${2 * r + 2}::${types[1]})`)
      else rows.push('(?, ?)')
    }
    return `WITH ${name}(${columns.join(', ')}) AS (VALUES ${rows.join(', ')})`
  }

  /** Whether an INSERT can return the rows it wrote (SQLite 3.35+, PostgreSQL; not MariaDB's upsert). */
  get returning(): boolean {
    return !this.mysql
  }

  /** `col IN (…)` with its placeholders starting after `offset`. */
  inList(column: string, count: number, offset = 0): string {
    return `${this.id(column)} IN (${this.placeholders(count, offset)})`
  }

  /**
   * INSERT of many rows; with `upsert`, a row whose unique key (`conflict`) exists updates the `update` columns
   * instead (MariaDB: any unique key, which for our tables is the same one).
   */
  insert(table: string, columns: string[], rows: number, upsert?: { conflict: string[]; update: string[] }): string {
    const width = columns.length
    const tuples: string[] = []
    for (let r = 0; r < rows; r++) tuples.push(`(${this.placeholders(width, r * width)})`)
    let sql = `INSERT INTO ${this.id(table)} (${columns.map((c) => this.id(c)).join(', ')}) VALUES ${tuples.join(', ')}`
    if (upsert) {
      if (this.mysql) {
        sql += ` ON DUPLICATE KEY UPDATE ${upsert.update.map((c) => `${this.id(c)} = VALUES(${this.id(c)})`).join(', ')}`
      } else {
        sql +=
          ` ON CONFLICT (${upsert.conflict.map((c) => this.id(c)).join(', ')}) DO UPDATE SET ` +
          upsert.update.map((c) => `${this.id(c)} = excluded.${this.id(c)}`).join(', ')
      }
    }
    return sql
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
