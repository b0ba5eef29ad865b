/** Whether a driver error is a unique-key violation (SQLite, PostgreSQL, MariaDB/MySQL). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; errno?: unknown; driverError?: { code?: unknown; errno?: unknown } }
  const code = String(e?.driverError?.code ?? e?.code ?? '')
  const errno = Number(e?.driverError?.errno ?? e?.errno)
  return (
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === '23505' ||
    code === 'ER_DUP_ENTRY' ||
    errno === 1062
  )
}

/**
 * Whether a driver error is a number too large for its column: PostgreSQL 22003 (numeric_value_out_of_range),
 * MariaDB/MySQL 1264 (ER_WARN_DATA_OUT_OF_RANGE, an error in strict mode). SQLite has no such limit.
 */
export function isOutOfRange(error: unknown): boolean {
  const e = error as { code?: unknown; errno?: unknown; driverError?: { code?: unknown; errno?: unknown } }
  const code = String(e?.driverError?.code ?? e?.code ?? '')
  const errno = Number(e?.driverError?.errno ?? e?.errno)
  return code === '22003' || code === 'ER_WARN_DATA_OUT_OF_RANGE' || errno === 1264
}

/** A calendar day in China Standard Time (UTC+8, no daylight saving), as YYYY-MM-DD. */
export function chinaDay(at = new Date()): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
}

/** COUNT(*) and SUM() come back as strings on PostgreSQL and MariaDB, numbers on SQLite. */
export const toInt = (value: unknown): number => Number(value ?? 0) | 0

/**
 * A numeric key to bind as a query parameter. TypeORM's SQLite driver writes numbers into the SQL text, so every id
 * makes a new statement to prepare (and evicts its statement cache); bound as text the SQL stays the same. The value
 * still compares as a number: through INTEGER affinity on SQLite, implicit casts on PostgreSQL and MySQL.
 */
export const bindKey = (id: number): string => String(id)
