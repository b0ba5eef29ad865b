import { In, type EntityManager } from 'typeorm'
import { Article } from '../content/article.entity'

/** The article counters kept equal to their rows, and how each is counted. */
const COUNTED = {
  likeCount: { table: 'article_like', count: 'COUNT(*)' },
  // Readers holding the article in at least one folder.
  favoriteCount: { table: 'favorite', count: 'COUNT(DISTINCT r.userId)' },
} as const

export type CountedColumn = keyof typeof COUNTED

/**
 * Sets article counters from their rows in one UPDATE per 500 articles, inside the caller's transaction, which must
 * already hold the articles' row locks. The count is a subquery of the UPDATE on purpose: on MariaDB a plain SELECT
 * in a REPEATABLE READ transaction reads the snapshot taken at the transaction's first read, which may predate a
 * change another transaction committed while this one waited for a lock, whereas the UPDATE reads the latest rows.
 * Returns the new counts.
 */
export async function recountArticles(
  em: EntityManager,
  articleIds: number[],
  column: CountedColumn,
): Promise<Map<number, number>> {
  const ids = [...new Set(articleIds)]
  if (ids.length === 0) return new Map()
  const q = (name: string) => em.connection.driver.escape(name)
  const { table, count } = COUNTED[column]
  const rowCount = count.replace('r.userId', `r.${q('userId')}`)
  const subquery = `(SELECT ${rowCount} FROM ${q(table)} r WHERE r.${q('articleId')} = ${q('article')}.${q('id')})`
  const counts = new Map<number, number>()
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    await em
      .createQueryBuilder()
      .update(Article)
      .set({ [column]: () => subquery })
      .where({ id: In(chunk) })
      .execute()
    const rows = await em.find(Article, { select: { id: true, [column]: true }, where: { id: In(chunk) } })
    for (const a of rows) counts.set(a.id, a[column])
  }
  return counts
}

/**
 * Locks article rows in ascending id order, 500 at a time (`SELECT … FOR UPDATE`; nothing on SQLite, which runs one
 * transaction at a time). Every writer that locks several articles locks them this way, in one go, so two writers
 * never wait for each other in a circle.
 */
export async function lockArticles(
  em: EntityManager,
  articleIds: number[],
  mode: 'pessimistic_write' | undefined,
): Promise<void> {
  if (!mode) return
  const sorted = [...new Set(articleIds)].sort((a, b) => a - b)
  for (let i = 0; i < sorted.length; i += 500) {
    await em.find(Article, {
      select: { id: true },
      where: { id: In(sorted.slice(i, i + 500)) },
      order: { id: 'ASC' },
      lock: { mode },
    })
  }
}
