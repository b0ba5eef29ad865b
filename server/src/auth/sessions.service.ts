import { Injectable } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import { IsNull, Repository } from 'typeorm'
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata'
import { quoter, selectSql } from '../database/raw-sql'
import { User } from '../users/user.entity'
import { Session } from './session.entity'
import { hashToken, newToken } from './tokens'

const DAY = 86_400_000

@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  /** Opens a session for a user and returns its token (shown once, stored only as a hash). */
  async issue(userId: number, ttlDays = 30, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken()
    const expiresAt = new Date(now.getTime() + ttlDays * DAY)
    await this.sessions.insert({ tokenHash: hashToken(token), userId, expiresAt, revokedAt: null, createdAt: now })
    return { token, expiresAt }
  }

  /**
   * The user behind a live token, or null when it is unknown, expired or revoked: one statement on every signed-in
   * request (the session through `UQ_session_token`, its user by primary key). The SQL is written once and the row
   * hydrated column by column through the driver, as TypeORM would, instead of building a query for every request.
   */
  async resolve(token: string, now = new Date()): Promise<User | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null
    const em = this.users.manager
    this.resolveSql ??= this.buildResolveSql()
    const [row] = await selectSql<Record<string, unknown>>(em, this.resolveSql, {
      hash: hashToken(token),
      now, // bound as the query builder binds a Date, in each driver's own form
    })
    if (!row) return null
    const user = this.users.create()
    const driver = em.connection.driver
    for (const column of this.userColumns()) {
      ;(user as unknown as Record<string, unknown>)[column.propertyName] = driver.prepareHydratedValue(
        row[column.databaseName],
        column,
      )
    }
    return user
  }

  private resolveSql?: string
  private selected?: ColumnMetadata[]

  /** The user's columns a request carries (not the ones marked `select: false`, such as WeChat's session key). */
  private userColumns(): ColumnMetadata[] {
    return (this.selected ??= this.users.metadata.columns.filter((c) => c.isSelect))
  }

  private buildResolveSql(): string {
    const q = quoter(this.users.manager)
    const columns = this.userColumns().map((c) => `u.${q(c.databaseName)}`)
    return `SELECT ${columns.join(', ')} FROM ${q(this.users.metadata.tableName)} u
      INNER JOIN ${q(this.sessions.metadata.tableName)} s ON s.${q('userId')} = u.${q('id')}
      WHERE s.${q('tokenHash')} = :hash AND s.${q('revokedAt')} IS NULL AND s.${q('expiresAt')} > :now`
  }

  async revoke(token: string, now = new Date()): Promise<void> {
    await this.sessions.update({ tokenHash: hashToken(token), revokedAt: IsNull() }, { revokedAt: now })
  }
}
