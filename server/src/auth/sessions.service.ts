import { Injectable } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import { IsNull, Repository } from 'typeorm'
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
   * request (the session through `UQ_session_token`, its user by primary key).
   */
  async resolve(token: string, now = new Date()): Promise<User | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null
    return this.users
      .createQueryBuilder('u')
      .innerJoin(Session, 's', 's.userId = u.id')
      .where('s.tokenHash = :hash AND s.revokedAt IS NULL AND s.expiresAt > :now', { hash: hashToken(token), now })
      .getOne()
  }

  async revoke(token: string, now = new Date()): Promise<void> {
    await this.sessions.update({ tokenHash: hashToken(token), revokedAt: IsNull() }, { revokedAt: now })
  }
}
