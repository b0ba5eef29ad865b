import { ErrorCode, MAX_ID } from '@chuangan/shared'
import { AppError } from './app-error'

/**
 * A keyset position: the sort key (a timestamp in ms, or a score) and the id that breaks ties, tagged with
 * the order it belongs to so a cursor from one order is refused by another. Opaque to clients.
 */
export interface KeysetPosition {
  key: number
  id: number
}

/**
 * What a cursor's key is compared with, and so which values it may hold: a timestamp in ms (a date column: years
 * 1000–9999, what every database stores) or an integer column (a score, a count or an id: a 4-byte signed integer on
 * every database). A key outside its range could only fail in the database.
 */
export type CursorKey = 'time' | 'integer'

const KEY_RANGE: Record<CursorKey, [number, number]> = {
  time: [Date.UTC(1000, 0, 1), Date.UTC(9999, 11, 31, 23, 59, 59, 999)],
  integer: [-MAX_ID - 1, MAX_ID],
}

export function encodeCursor(order: string, position: KeysetPosition): string {
  return Buffer.from(`${order}:${position.key}:${position.id}`).toString('base64url')
}

/** The position in a cursor of this order whose key is of this kind; 400 naming `query.cursor` for anything else. */
export function decodeCursor(order: string, cursor: string, kind: CursorKey): KeysetPosition {
  const match = /^([a-z]+):(-?\d{1,15}):(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString())
  const position = match && match[1] === order ? { key: Number(match[2]), id: Number(match[3]) } : null
  const [min, max] = KEY_RANGE[kind]
  if (!position || position.key < min || position.key > max || position.id > MAX_ID) {
    throw new AppError(400, ErrorCode.ValidationFailed, '分页游标无效，请从第一页重新加载', [
      { path: 'query.cursor', message: 'not a cursor returned by this API for this order' },
    ])
  }
  return position
}
