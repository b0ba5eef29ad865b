import { In, type EntityManager } from 'typeorm'
import { AppError } from '../common/app-error'
import { bindKey, isUniqueViolation } from '../common/db'
import { quoter, runSql, selectSql } from './raw-sql'

/**
 * The one locking and counting toolkit. Every change that moves a stored count runs in one transaction
 * (`Transactions.run`) that
 *
 *  1. locks its rows, always in this order, so two writers never wait for each other in a circle:
 *     the acting user's row (`lockUser`) → article rows, ascending id, all at once (`lockArticles`, `lockArticle`)
 *     → followed authors, columns, periodicals (`lockFollowed`) → conversations, ascending id (`lockConversations`)
 *     → a catalogue supplier (`lockSupplier`) → inquiries, ascending id (`lockInquiries`) → the thread's root comment → the comment itself (`lockComment`) → notice rows (notices/: written last, by
 *     the producers inside these transactions);
 *  2. changes its rows (`insertOnce` where a duplicate must be a no-op);
 *  3. sets each count from the rows (`recount`), never by adding or subtracting one.
 *
 * Locks are `SELECT … FOR UPDATE` on PostgreSQL and MariaDB; SQLite runs one transaction at a time
 * (database/sqlite-transactions.ts), so there they are plain reads. The toolkit names tables, not entity classes,
 * so the ground floor does not import the features whose rows it locks.
 */

type Row = Record<string, unknown>

/** The lock a row read takes on this engine. */
function lockOf(em: EntityManager): { mode: 'pessimistic_write' } | undefined {
  return em.connection.options.type === 'better-sqlite3' ? undefined : { mode: 'pessimistic_write' }
}

/**
 * Locks the acting user's row and makes sure the account is still there: 401 when it was deleted, as for a revoked
 * token. A request may pass the auth guard just before its account is deleted; deletion holds this lock while it
 * removes the account's rows, so a write that takes it first is removed with the rest and one that takes it after is
 * refused. Returns the columns asked for.
 */
export async function lockUser<T extends Row = { id: number }>(
  em: EntityManager,
  userId: number,
  columns: string[] = ['id'],
): Promise<T> {
  const q = quoter(em)
  const [user] = await lockedRows<T>(em, 'app_user', columns, `${q('id')} = :id AND ${q('deletedAt')} IS NULL`, {
    id: bindKey(userId),
  })
  if (!user) throw AppError.unauthorized()
  return user
}

/**
 * The rows of one table that a condition selects, locked on PostgreSQL and MariaDB (unless `lock: false`), with the
 * columns asked for typed as TypeORM would hydrate them (the driver's own conversion, from the table's metadata).
 * One raw statement, the same text each time (prepared once on SQLite): every write path takes these locks, and
 * TypeORM's find built and parsed the query anew on each call, which cost more than the read. `ascending` orders the
 * rows (and so the locks) by id. The locks that answer whole entities (conversations, supplier, inquiries, comment)
 * stay on TypeORM's find: their callers change and save the entity it returns.
 */
async function lockedRows<T extends Row>(
  em: EntityManager,
  table: string,
  columns: string[],
  where: string,
  params: Record<string, unknown>,
  { lock = true, ascending = false }: { lock?: boolean; ascending?: boolean } = {},
): Promise<T[]> {
  const q = quoter(em)
  const metadata = em.connection.getMetadata(table)
  const fields = columns.map((c) => {
    const column = metadata.findColumnWithPropertyName(c)
    if (!column) throw new Error(`${table} has no column ${c}`)
    return column
  })
  const sql =
    `SELECT ${fields.map((f) => `${q(f.databaseName)} AS ${q(f.propertyName)}`).join(', ')} FROM ${q(table)} ` +
    `WHERE ${where}${ascending ? ` ORDER BY ${q('id')}` : ''}${lock && lockOf(em) ? ' FOR UPDATE' : ''}`
  const rows = await selectSql<Row>(em, sql, params)
  const driver = em.connection.driver
  return rows.map((row) => {
    const typed: Row = {}
    for (const f of fields) typed[f.propertyName] = driver.prepareHydratedValue(row[f.propertyName], f)
    return typed as T
  })
}

/** Locks article rows in ascending id order, 500 at a time, in one go (the order every writer locks articles in). */
export async function lockArticles(em: EntityManager, articleIds: number[]): Promise<void> {
  if (!lockOf(em)) return
  const sorted = [...new Set(articleIds)].sort((a, b) => a - b)
  const where = `${quoter(em)('id')} IN (:...ids)`
  for (let i = 0; i < sorted.length; i += 500) {
    await lockedRows(em, 'article', ['id'], where, { ids: sorted.slice(i, i + 500).map(bindKey) }, { ascending: true })
  }
}

/**
 * Locks one article row and returns the columns asked for; null when there is no such article, or (with
 * `published`) when it is not published. The caller throws its own feature's error.
 */
export async function lockArticle<T extends Row = { id: number; status: string }>(
  em: EntityManager,
  articleId: number,
  { published = false, columns = ['id', 'status'] }: { published?: boolean; columns?: string[] } = {},
): Promise<T | null> {
  const q = quoter(em)
  const [row] = await lockedRows<T>(
    em,
    'article',
    columns,
    published ? `${q('id')} = :id AND ${q('status')} = :status` : `${q('id')} = :id`,
    published ? { id: bindKey(articleId), status: 'published' } : { id: bindKey(articleId) },
  )
  return row ?? null
}

/**
 * Locks rows of a followed table (`author`, `content_column`, `periodical`) in ascending id order and returns those
 * found. Followed rows come after articles in the lock order: a follow locks user → target; account deletion locks
 * user → articles → targets.
 */
export async function lockFollowed<T extends Row = { id: number }>(
  em: EntityManager,
  table: 'author' | 'content_column' | 'periodical',
  ids: number[],
  columns: string[] = ['id'],
): Promise<T[]> {
  const unique = [...new Set(ids)]
  if (!unique.length) return []
  const where = `${quoter(em)('id')} IN (:...ids)`
  return lockedRows<T>(em, table, columns, where, { ids: unique.map(bindKey) }, { ascending: true })
}

/**
 * Locks conversation rows (私信) in ascending id order and returns those found, whole. They come after followed rows
 * in the lock order: a message locks its writer's user row → the conversation; account deletion locks user → articles
 * → followed rows → the account's conversations.
 */
export async function lockConversations<T extends object = Row>(em: EntityManager, ids: number[]): Promise<T[]> {
  const sorted = [...new Set(ids)].sort((a, b) => a - b)
  if (!sorted.length) return []
  const rows = await em.find('conversation', { where: { id: In(sorted) }, order: { id: 'ASC' }, lock: lockOf(em) })
  return rows as unknown as T[]
}

/**
 * Locks a catalogue supplier's row (询价: its response figures) and returns it whole; null when there is none. It
 * comes after conversations in the lock order: sending or answering an inquiry locks the acting user's row → the
 * supplier → the inquiry, so the supplier's figures are set by one writer at a time; account deletion locks
 * user → … → conversations → the account's inquiries (their supplier's figures do not change).
 */
export async function lockSupplier<T extends object = Row>(em: EntityManager, supplierId: number): Promise<T | null> {
  return (await em.findOne('supplier', { where: { id: supplierId }, lock: lockOf(em) })) as T | null
}

/** Locks inquiry rows (询价) in ascending id order and returns those found, whole: after their supplier's row. */
export async function lockInquiries<T extends object = Row>(em: EntityManager, ids: number[]): Promise<T[]> {
  const sorted = [...new Set(ids)].sort((a, b) => a - b)
  if (!sorted.length) return []
  const rows = await em.find('inquiry', { where: { id: In(sorted) }, order: { id: 'ASC' }, lock: lockOf(em) })
  return rows as unknown as T[]
}

/** Locks a comment row (a thread's root first, then the comment, when both) and returns it whole; null when gone. */
export async function lockComment<T extends object>(em: EntityManager, commentId: number): Promise<T | null> {
  return (await em.findOne('comment', { where: { id: commentId }, lock: lockOf(em) })) as T | null
}

let savepoints = 0

/**
 * Runs an insert that may meet a unique key it is allowed to meet (a reader's second like, vote or report): a
 * savepoint absorbs the duplicate and keeps PostgreSQL's transaction usable. Returns whether a row was inserted.
 */
export async function insertOnce(em: EntityManager, insert: () => Promise<unknown>): Promise<boolean> {
  const savepoint = `insert_once_${++savepoints % 1_000_000}`
  await em.query(`SAVEPOINT ${savepoint}`)
  try {
    await insert()
    await em.query(`RELEASE SAVEPOINT ${savepoint}`)
    return true
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    await em.query(`ROLLBACK TO SAVEPOINT ${savepoint}`)
    return false
  }
}

/** How one stored count is counted: the rows of `from` whose `by` column holds the counted row's id. */
export interface Counter {
  from: string
  by: string
  /** Equality conditions on the counted rows. */
  where?: Record<string, string | number | boolean>
  /** Count distinct values of this column instead of rows (readers, not favorites). */
  distinct?: string
}

/**
 * Sets counts of `table` rows from the rows they count, in one UPDATE per 500 ids, inside the caller's transaction,
 * which must hold the counted rows' locks. The count is a subquery of the UPDATE on purpose: on MariaDB a plain
 * SELECT in a REPEATABLE READ transaction reads the snapshot of the transaction's first read, which may predate a
 * change another transaction committed while this one waited for a lock; the UPDATE reads the latest rows.
 * Returns the new counts by id.
 */
export async function recount<C extends string>(
  em: EntityManager,
  table: string,
  ids: number[],
  counters: Record<C, Counter>,
): Promise<Map<number, Record<C, number>>> {
  const unique = [...new Set(ids)]
  const counts = new Map<number, Record<C, number>>()
  if (unique.length === 0) return counts
  const q = quoter(em)
  const metadata = em.connection.getMetadata(table)
  const set: string[] = []
  const parameters: Record<string, unknown> = {}
  for (const [column, counter] of Object.entries(counters) as Array<[C, Counter]>) {
    const counted = counter.distinct ? `COUNT(DISTINCT r.${q(counter.distinct)})` : 'COUNT(*)'
    const conditions = [`r.${q(counter.by)} = ${q(table)}.${q('id')}`]
    for (const [name, value] of Object.entries(counter.where ?? {})) {
      const parameter = `rc_${column}_${name}`
      conditions.push(`r.${q(name)} = :${parameter}`)
      parameters[parameter] = value
    }
    const target = metadata.findColumnWithPropertyName(column)?.databaseName ?? column
    set.push(`${q(target)} = (SELECT ${counted} FROM ${q(counter.from)} r WHERE ${conditions.join(' AND ')})`)
  }
  const columns = Object.keys(counters) as C[]
  // Raw statements, the same text for the same number of ids (TypeORM's builders cost more than these writes).
  const update = `UPDATE ${q(table)} SET ${set.join(', ')} WHERE ${q(table)}.${q('id')} IN (:...ids)`
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500)
    await runSql(em, update, { ...parameters, ids: chunk.map(bindKey) })
    const rows = await lockedRows<Row>(
      em,
      table,
      ['id', ...columns],
      `${q('id')} IN (:...ids)`,
      { ids: chunk.map(bindKey) },
      { lock: false },
    )
    for (const row of rows) {
      counts.set(Number(row.id), Object.fromEntries(columns.map((c) => [c, Number(row[c])])) as Record<C, number>)
    }
  }
  return counts
}
