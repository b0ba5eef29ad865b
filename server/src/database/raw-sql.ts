import type { EntityManager } from 'typeorm'

/**
 * Hand-written SQL for the few statements TypeORM's builders cannot express (INSERT … SELECT fan-outs), portable
 * across SQLite, PostgreSQL and MariaDB: identifiers quoted by the driver, `:name` parameters bound the driver's way.
 */

/** The driver's quoting of an identifier (`"userId"`, `` `userId` ``). */
export const quoter =
  (em: EntityManager) =>
  (name: string): string =>
    em.connection.driver.escape(name)

/**
 * A value in the select list of an INSERT … SELECT: PostgreSQL cannot infer a parameter's (or NULL's) type there
 * (DISTINCT resolves it as text), so it gets a cast; SQLite and MariaDB take it as is.
 */
export function typed(em: EntityManager, expression: string, type: 'integer' | 'varchar' | 'timestamp'): string {
  return em.connection.options.type === 'postgres' ? `CAST(${expression} AS ${type})` : expression
}

/** `INSERT` that skips rows a unique key already holds, in each engine's words (PostgreSQL appends ON CONFLICT). */
export function insertIgnoring(em: EntityManager, table: string, columns: string[], select: string): string {
  const q = quoter(em)
  const into = `${q(table)} (${columns.map(q).join(', ')}) ${select}`
  switch (em.connection.options.type) {
    case 'postgres':
      return `INSERT INTO ${into} ON CONFLICT DO NOTHING`
    case 'better-sqlite3':
      return `INSERT OR IGNORE INTO ${into}`
    default:
      return `INSERT IGNORE INTO ${into}`
  }
}

/**
 * Runs SQL with named parameters (`:name`); answers the rows it wrote (PostgreSQL, MariaDB and SQLite alike: read
 * from the driver's structured result, as the plain one carries no count for an INSERT on PostgreSQL or SQLite).
 */
export async function runSql(em: EntityManager, sql: string, params: Record<string, unknown>): Promise<number> {
  const [query, values] = em.connection.driver.escapeQueryWithParameters(sql, params)
  const runner = em.queryRunner ?? em.connection.createQueryRunner()
  try {
    const result = await runner.query(query, values, true)
    return result.affected ?? 0
  } finally {
    if (runner !== em.queryRunner) await runner.release()
  }
}

/** Runs a SELECT with named parameters (`:name`) and answers its rows as the driver gives them. */
export async function selectSql<T>(em: EntityManager, sql: string, params: Record<string, unknown>): Promise<T[]> {
  const [query, values] = em.connection.driver.escapeQueryWithParameters(sql, params)
  return (await em.query(query, values)) as T[]
}
