import { AppError } from './app-error'
import { decodeCursor, encodeCursor } from './cursor'

const raw = (text: string) => Buffer.from(text).toString('base64url')

describe('keyset cursor', () => {
  it('round-trips a position', () => {
    const position = { key: Date.parse('2026-11-27T08:30:00.123Z'), id: 42 }
    expect(decodeCursor('latest', encodeCursor('latest', position), 'time')).toEqual(position)
    const score = { key: -2_147_483_648, id: 2_147_483_647 }
    expect(decodeCursor('hot', encodeCursor('hot', score), 'integer')).toEqual(score)
  })

  it.each([
    ['empty', '', 'time'],
    ['not base64 of a cursor', 'abc', 'time'],
    ['non-numeric id', raw('latest:1:x'), 'time'],
    ['too many parts', raw('latest:1:2:3'), 'time'],
    ['another order', encodeCursor('hot', { key: 5, id: 1 }), 'time'],
    // Numbers no id or integer column holds, and dates no database column holds: refused before any query.
    ['an id above 2^31 − 1', raw('latest:1764000000000:2147483648'), 'time'],
    ['a 15-digit id', raw('latest:1764000000000:999999999999999'), 'time'],
    ['a score above 2^31 − 1', raw('latest:2147483648:1'), 'integer'],
    ['a score below −2^31', raw('latest:-2147483649:1'), 'integer'],
    ['a 15-digit score', raw('latest:999999999999999:1'), 'integer'],
    ['a time after year 9999', raw('latest:999999999999999:1'), 'time'],
    ['a time before year 1000', raw('latest:-99999999999999:1'), 'time'],
  ] as const)('refuses %s with a 400 naming query.cursor', (_name, cursor, kind) => {
    let error: unknown
    try {
      decodeCursor('latest', cursor, kind)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).statusCode).toBe(400)
    expect((error as AppError).details?.[0].path).toBe('query.cursor')
  })
})
