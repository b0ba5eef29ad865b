import { Injectable } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import { DataSource, type EntityManager } from 'typeorm'

/**
 * Runs a function in a database transaction. TypeORM's better-sqlite3 driver has one connection, where a
 * transaction cannot start while another is open and one rollback would discard the other's work, so on
 * SQLite transactions run one after another; PostgreSQL and MariaDB run them side by side.
 */
@Injectable()
export class Transactions {
  private tail: Promise<unknown> = Promise.resolve()
  private readonly serial: boolean

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.serial = db.options.type === 'better-sqlite3'
  }

  run<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serial) return this.db.transaction(fn)
    const result = this.tail.then(() => this.db.transaction(fn))
    this.tail = result.catch(() => undefined)
    return result
  }
}
