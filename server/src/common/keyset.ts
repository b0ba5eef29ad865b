import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm'
import { decodeCursor, encodeCursor, type CursorKey } from './cursor'
import { bindKey } from './db'

/**
 * How a list is ordered and paged: by a sort key, ties broken by an id, in one direction. The cursor a page hands
 * out carries the last row's key and id, tagged with `order`, so a cursor of another order (or made up) is refused
 * with a 400 naming `query.cursor`.
 */
export interface KeysetSpec<T> {
  /** The tag in the cursor, e.g. `hot`, `new`, `likes`. */
  order: string
  /** The sort key: its SQL expression, what it holds, and how to read it from a row (ms for a time). */
  key: { column: string; kind: CursorKey; of: (row: T) => number }
  /** The tie-breaker: a unique column and how to read it from a row. */
  id: { column: string; of: (row: T) => number }
  /** Newest or largest first by default. */
  direction?: 'ASC' | 'DESC'
  /** From the request: page size and the cursor of the previous page, if any. */
  limit: number
  cursor?: string | null
}

export interface KeysetPage<T> {
  items: T[]
  nextCursor: string | null
}

/**
 * The one keyset pager: orders the query by (key, id), starts after the cursor's position, reads one row more than
 * the page to know whether another page follows, and returns the page with the next cursor. No OFFSET: a page costs
 * the same however deep, and a row inserted meanwhile neither repeats nor skips one.
 */
export async function keysetPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  spec: KeysetSpec<T>,
): Promise<KeysetPage<T>> {
  const direction = spec.direction ?? 'DESC'
  qb.orderBy(spec.key.column, direction)
    .addOrderBy(spec.id.column, direction)
    .limit(spec.limit + 1)
  if (spec.cursor) {
    const after = decodeCursor(spec.order, spec.cursor, spec.key.kind)
    const key = spec.key.kind === 'time' ? new Date(after.key) : after.key
    const op = direction === 'DESC' ? '<' : '>'
    qb.andWhere(
      new Brackets((w) =>
        w
          .where(`${spec.key.column} ${op} :keysetKey`, { keysetKey: key })
          .orWhere(`${spec.key.column} = :keysetKey AND ${spec.id.column} ${op} :keysetId`, {
            keysetId: bindKey(after.id),
          }),
      ),
    )
  }
  const rows = await qb.getMany()
  const items = rows.slice(0, spec.limit)
  const last = items[items.length - 1]
  const nextCursor =
    rows.length > spec.limit && last ? encodeCursor(spec.order, { key: spec.key.of(last), id: spec.id.of(last) }) : null
  return { items, nextCursor }
}
