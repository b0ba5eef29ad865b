import { Injectable, Logger } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import { DataSource, type EntityManager } from 'typeorm'

/** Attempts of a transaction the database chose as a deadlock victim (the first run included). */
const DEADLOCK_ATTEMPTS = 4

/**
 * Whether the database rolled a transaction back to break a deadlock (or a serialization conflict): MariaDB/MySQL
 * 1213 ER_LOCK_DEADLOCK, PostgreSQL 40P01 deadlock_detected and 40001 serialization_failure. Such a transaction did
 * nothing and may simply run again.
 */
export function isDeadlock(error: unknown): boolean {
  const e = error as { code?: unknown; errno?: unknown; driverError?: { code?: unknown; errno?: unknown } } | null
  const code = e?.driverError?.code ?? e?.code
  const errno = e?.driverError?.errno ?? e?.errno
  return errno === 1213 || code === 'ER_LOCK_DEADLOCK' || code === '40P01' || code === '40001'
}

/**
 * Runs a function in a database transaction. On SQLite's one connection transactions take turns
 * (database/sqlite-transactions.ts); PostgreSQL and MariaDB run them side by side. There, the lock order
 * (database/locks.ts) keeps writers from waiting in a circle on the rows they lock, but MariaDB's REPEATABLE READ
 * also takes gap and insert-intention locks that no order controls: a transaction the database picks as a
 * deadlock victim was rolled back whole and runs again (up to DEADLOCK_ATTEMPTS, after a short random pause), so
 * the caller sees its answer, not a 500. `fn` must therefore do nothing outside the database that cannot be done twice.
 */
@Injectable()
export class Transactions {
  private readonly logger = new Logger(Transactions.name)

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async run<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(fn)
      } catch (error) {
        if (!isDeadlock(error) || attempt >= DEADLOCK_ATTEMPTS) throw error
        this.logger.warn(`deadlock victim, running the transaction again (attempt ${attempt + 1})`)
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt))
      }
    }
  }
}
