import { ErrorCode } from '@chuangan/shared'
import { IsNull, type EntityManager } from 'typeorm'
import { AppError } from '../common/app-error'
import { User } from './user.entity'

/**
 * Locks a user's row inside the caller's transaction (`SELECT … FOR UPDATE` where the engine has row locks; SQLite
 * runs transactions one at a time) and makes sure the account is still there: 401 when it was deleted, as for a
 * revoked token. A request may pass the auth guard just before its account is deleted; account deletion holds this
 * lock while it removes likes and favorites and marks the row deleted, so a write that takes it first is removed with
 * the rest, and one that takes it after sees `deletedAt`. Take it before any article or comment row (the order every
 * writer locks in).
 */
export async function lockLiveUser(
  em: EntityManager,
  lock: 'pessimistic_write' | undefined,
  userId: number,
): Promise<void> {
  const user = await em.findOne(User, {
    select: { id: true },
    where: { id: userId, deletedAt: IsNull() },
    lock: lock ? { mode: lock } : undefined,
  })
  if (!user) throw new AppError(401, ErrorCode.Unauthorized, '请先登录')
}
