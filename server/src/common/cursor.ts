import { ErrorCode } from '@chuangan/shared'
import { AppError } from './app-error'

/**
 * A keyset position: the sort key (a timestamp in ms, or a score) and the id that breaks ties, tagged with
 * the order it belongs to so a cursor from one order is refused by another. Opaque to clients.
 */
export interface KeysetPosition {
  key: number
  id: number
}

export function encodeCursor(order: string, position: KeysetPosition): string {
  return Buffer.from(`${order}:${position.key}:${position.id}`).toString('base64url')
}

export function decodeCursor(order: string, cursor: string): KeysetPosition {
  const match = /^([a-z]+):(-?\d{1,15}):(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString())
  if (!match || match[1] !== order) {
    throw new AppError(400, ErrorCode.ValidationFailed, '分页游标无效，请从第一页重新加载', [
      { path: 'query.cursor', message: 'not a cursor returned by this API for this order' },
    ])
  }
  return { key: Number(match[2]), id: Number(match[3]) }
}
