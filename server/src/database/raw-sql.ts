import { QueryFailedError, type EntityManager } from 'typeorm'
import { DateUtils } from 'typeorm/util/DateUtils'

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

/**
 * Runs a SELECT with named parameters (`:name`, `:...list`) and answers its rows as the driver gives them.
 *
 * On SQLite the statement goes straight to better-sqlite3 (`sqliteSelect`), the same connection TypeORM uses:
 * TypeORM's path scans the text for parameters on every call, awaits its query hooks and wraps the rows, which
 * cost more than an indexed read itself on the hot routes (session, article page, viewer state).
 */
export async function selectSql<T>(em: EntityManager, sql: string, params: Record<string, unknown>): Promise<T[]> {
  if (em.connection.options.type === 'better-sqlite3' && !logsQueries(em)) {
    const rows = sqliteSelect<T>(em, sql, params)
    if (rows) return rows
  }
  const [query, values] = em.connection.driver.escapeQueryWithParameters(sql, params)
  return (await em.query(query, values)) as T[]
}

function logsQueries(em: EntityManager): boolean {
  const logging = em.connection.options.logging
  return logging === true || logging === 'all' || (Array.isArray(logging) && logging.includes('query'))
}

/** A statement's text cut at its parameters, once per text. */
interface CompiledSql {
  /** The text between parameters (one more than `params`). */
  parts: string[]
  params: { key: string; list: boolean }[]
  /** The text with `?` for each parameter, when no parameter is a list (then it is the same for every call). */
  fixed: string | null
}

interface SqliteStatement {
  all(...values: unknown[]): unknown[]
  reader: boolean
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement
}

const MAX_STATEMENTS = 256
const compiled = new Map<string, CompiledSql>()
const statements = new WeakMap<SqliteConnection, Map<string, SqliteStatement>>()

/** TypeORM's parameter syntax (the same pattern its SQLite driver replaces). */
const PARAMETER = /:(\.\.\.)?([A-Za-z0-9_.]+)/g

function compile(sql: string): CompiledSql {
  const parts: string[] = []
  const params: CompiledSql['params'] = []
  let at = 0
  for (const m of sql.matchAll(PARAMETER)) {
    parts.push(sql.slice(at, m.index))
    params.push({ key: m[2], list: m[1] !== undefined })
    at = m.index + m[0].length
  }
  parts.push(sql.slice(at))
  const fixed = params.some((p) => p.list) ? null : parts.join('?')
  return { parts, params, fixed }
}

/**
 * A value as TypeORM's SQLite driver binds it (booleans as 0/1, dates as its UTC text). A number that is not in a
 * list TypeORM writes into the text as a literal, so an integer is bound as one (a BigInt: better-sqlite3 binds
 * every JavaScript number as a REAL, and a REAL compared with a TEXT column reads as '5.0', not '5').
 */
function sqliteValue(value: unknown, list: boolean): unknown {
  if (typeof value === 'number' && !list) return Number.isSafeInteger(value) ? BigInt(value) : value
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value instanceof Date) return DateUtils.mixedDateToUtcDatetimeString(value)
  return value
}

/**
 * The rows of a SELECT read directly from better-sqlite3, with TypeORM's binding rules; undefined when the call
 * needs TypeORM's own path (a parameter missing from `params` stays literal text there, a function is inlined).
 */
function sqliteSelect<T>(em: EntityManager, sql: string, params: Record<string, unknown>): T[] | undefined {
  let c = compiled.get(sql)
  if (!c) {
    if (compiled.size >= MAX_STATEMENTS) compiled.clear()
    compiled.set(sql, (c = compile(sql)))
  }
  const values: unknown[] = []
  let text = c.fixed
  for (const p of c.params) {
    if (!Object.prototype.hasOwnProperty.call(params, p.key)) return undefined
    const value = params[p.key]
    if (typeof value === 'function' || (typeof value === 'number' && !Number.isFinite(value))) return undefined
    if (p.list && !Array.isArray(value)) return undefined
    if (p.list) for (const v of value as unknown[]) values.push(sqliteValue(v, true))
    else values.push(sqliteValue(value, false))
  }
  if (text === null) {
    let i = 0
    text = c.parts[0]
    for (const p of c.params) {
      text += p.list ? new Array<string>((params[p.key] as unknown[]).length).fill('?').join(', ') : '?'
      text += c.parts[++i]
    }
  }
  const db = (em.connection.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection
  let cache = statements.get(db)
  if (!cache) statements.set(db, (cache = new Map()))
  let statement = cache.get(text)
  try {
    if (!statement) {
      if (cache.size >= MAX_STATEMENTS) cache.clear()
      statement = db.prepare(text)
      if (!statement.reader) return undefined
      cache.set(text, statement)
    }
    return statement.all(...values) as T[]
  } catch (err) {
    em.connection.logger.logQueryError(err as Error, text, values)
    throw new QueryFailedError(text, values, err as Error)
  }
}
