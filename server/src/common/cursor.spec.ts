import { AppError } from './app-error'
import { decodeCursor, encodeCursor } from './cursor'

describe('keyset cursor', () => {
  it('round-trips a position', () => {
    const position = { key: Date.parse('2026-11-27T08:30:00.123Z'), id: 42 }
    expect(decodeCursor('latest', encodeCursor('latest', position))).toEqual(position)
  })

  it.each([
    ['empty', ''],
    ['not base64 of a cursor', 'abc'],
    ['non-numeric id', Buffer.from('latest:1:x').toString('base64url')],
    ['too many parts', Buffer.from('latest:1:2:3').toString('base64url')],
    ['another order', encodeCursor('hot', { key: 5, id: 1 })],
  ])('refuses %s with a 400 naming query.cursor', (_name, cursor) => {
    let error: unknown
    try {
      decodeCursor('latest', cursor)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).statusCode).toBe(400)
    expect((error as AppError).details?.[0].path).toBe('query.cursor')
  })
})
