import type { QueryRunner } from 'typeorm'

/** The timestamp type TypeORM maps a `Date` column to on the running driver, for migrations. */
export function timestampType(q: QueryRunner): string {
  return q.connection.driver.options.type === 'postgres' ? 'timestamp' : 'datetime'
}

/** A boolean column's default as TypeORM writes it on the running driver (1/0 on SQLite), so the check stays clean. */
export function booleanDefault(q: QueryRunner, value: boolean): boolean | number {
  return q.connection.driver.options.type === 'better-sqlite3' ? Number(value) : value
}
