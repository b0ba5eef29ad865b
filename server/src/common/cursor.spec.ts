import { AppError } from './app-error'
import { decodeCursor, encodeCursor } from './cursor'

describe('keyset cursor', () => {
  it('round-trips a position', () => {
    const position = { at: new Date('2026-11-27T08:30:00.123Z'), id: 42 }
    expect(decodeCursor(encodeCursor(position))).toEqual(position)
  })

  it.each(['', 'abc', Buffer.from('1:x').toString('base64url'), Buffer.from('1:2:3').toString('base64url')])(
    'refuses %p with a 400 naming query.cursor',
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(AppError)
      try {
        decodeCursor(cursor)
      } catch (e) {
        expect((e as AppError).statusCode).toBe(400)
        expect((e as AppError).details?.[0].path).toBe('query.cursor')
      }
    },
  )
})
