import type { QueryRunner } from 'typeorm'

/** The timestamp type TypeORM maps a `Date` column to on the running driver, for migrations. */
export function timestampType(q: QueryRunner): string {
  return q.connection.driver.options.type === 'postgres' ? 'timestamp' : 'datetime'
}
