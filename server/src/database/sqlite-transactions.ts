import type { DataSource, QueryRunner } from 'typeorm'
import { BetterSqlite3QueryRunner } from 'typeorm/driver/better-sqlite3/BetterSqlite3QueryRunner'
import type { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver'

/**
 * One transaction at a time on SQLite's one connection, as a pool of one connection would give.
 *
 * TypeORM's better-sqlite3 driver hands every caller one shared query runner. Unrelated flows then meet inside
 * one transaction: a repository `save()` (TypeORM opens a transaction of its own unless one is active) while a
 * `Transactions.run` transaction is open joins it and commits or rolls back with it, or both issue `BEGIN`
 * ("cannot start a transaction within a transaction"); a plain `insert` or `update` from another request lands
 * in the open transaction and is lost if that one rolls back.
 *
 * Here each `createQueryRunner()` answers a runner of its own, as on PostgreSQL and MariaDB, all on the one
 * connection and one statement cache. The runner that begins a transaction owns the connection until its outermost
 * commit or rollback; another runner's transaction, or its single writing statement, waits for its turn, in the
 * order they came. Reads do not wait: they see the open transaction's rows, as they always did on one connection.
 *
 * The rule that follows is PostgreSQL's: inside a transaction, write through its EntityManager (`em`). A write
 * through another repository there would wait for the transaction it is part of.
 */
export function gateSqliteTransactions(db: DataSource): void {
  if (db.options.type !== 'better-sqlite3') return
  const driver = db.driver as BetterSqlite3Driver
  const turns = new Turns()
  const statements = new Map<string, unknown>()
  driver.createQueryRunner = () => new TurnTakingRunner(driver, turns, statements)
}

/**
 * Statements that only read, a pragma's value asked included; anything else waits while another runner's transaction
 * is open, a pragma set included (`PRAGMA synchronous = OFF` is refused inside a transaction).
 */
const READING = /^\s*(?:select|explain)\b|^\s*pragma\s+[\w.]+\s*;?\s*$/i

/** Who holds the connection (a runner in a transaction or running one write) and who waits, in order. */
class Turns {
  owner: QueryRunner | null = null
  private readonly waiting: { runner: QueryRunner; admit(): void }[] = []

  take(runner: QueryRunner): Promise<void> | undefined {
    if (this.owner === null) {
      this.owner = runner
      return undefined
    }
    return new Promise<void>((admit) => this.waiting.push({ runner, admit }))
  }

  /** Hands the connection straight to the next waiter, so that nobody slips in between. */
  pass(runner: QueryRunner): void {
    if (this.owner !== runner) return
    const next = this.waiting.shift()
    this.owner = next ? next.runner : null
    next?.admit()
  }
}

class TurnTakingRunner extends BetterSqlite3QueryRunner {
  constructor(
    driver: BetterSqlite3Driver,
    private readonly turns: Turns,
    statements: Map<string, unknown>,
  ) {
    super(driver)
    // One cache of prepared statements for the connection, as the shared runner had. TypeORM keeps it in a private
    // field: if a new version renames it, fail here rather than give every runner a cache of its own.
    const self = this as unknown as { stmtCache?: unknown }
    if (!(self.stmtCache instanceof Map))
      throw new Error('BetterSqlite3QueryRunner has no stmtCache: update ' + __filename)
    self.stmtCache = statements
  }

  override async startTransaction(...args: Parameters<QueryRunner['startTransaction']>): Promise<void> {
    if (this.transactionDepth > 0) return super.startTransaction(...args) // a savepoint in our own transaction
    await this.turns.take(this)
    try {
      await super.startTransaction(...args)
    } catch (error) {
      this.turns.pass(this)
      throw error
    }
  }

  override async commitTransaction(): Promise<void> {
    await super.commitTransaction()
    if (this.transactionDepth === 0) this.turns.pass(this)
  }

  override async rollbackTransaction(): Promise<void> {
    const outermost = this.transactionDepth <= 1
    try {
      await super.rollbackTransaction()
    } finally {
      if (outermost) {
        // Even when ROLLBACK failed (SQLite had already rolled back), this runner's transaction is over.
        this.isTransactionActive = false
        this.transactionDepth = 0
        this.turns.pass(this)
      }
    }
  }

  override async query(...args: Parameters<QueryRunner['query']>): ReturnType<QueryRunner['query']> {
    if (this.turns.owner === this || READING.test(args[0])) return super.query(...args)
    await this.turns.take(this)
    try {
      return await super.query(...args)
    } finally {
      this.turns.pass(this)
    }
  }
}
