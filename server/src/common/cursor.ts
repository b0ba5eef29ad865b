import { ErrorCode } from '@chuangan/shared'
import { AppError } from './app-error'

/** A keyset position: the sort value and the id that breaks ties. Opaque to clients. */
export interface KeysetPosition {
  at: Date
  id: number
}

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(`${position.at.getTime()}:${position.id}`).toString('base64url')
}

export function decodeCursor(cursor: string): KeysetPosition {
  const match = /^(\d{1,15}):(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString())
  if (!match) {
    throw new AppError(400, ErrorCode.ValidationFailed, '分页游标无效，请从第一页重新加载', [
      { path: 'query.cursor', message: 'not a cursor returned by this API' },
    ])
  }
  return { at: new Date(Number(match[1])), id: Number(match[2]) }
}
