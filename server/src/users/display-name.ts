import { DELETED_USER_NAME } from '@chuangan/shared'
import type { User } from './user.entity'

/** What a reader is called when they set no nickname (WeChat's own stand-in). */
export const DEFAULT_NICKNAME = '微信用户'

/** The name shown for a user: 已注销用户 once the account is deleted, else the nickname or 微信用户. */
export function displayName(user: Pick<User, 'nickname' | 'deletedAt'>): string {
  return user.deletedAt ? DELETED_USER_NAME : user.nickname || DEFAULT_NICKNAME
}
