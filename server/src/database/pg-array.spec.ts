import { pgArray } from './pg-array'

describe('pgArray', () => {
  it('writes plain values bare and quotes only what the array syntax needs', () => {
    expect(pgArray([])).toBe('{}')
    expect(pgArray([1, -2.5, null, undefined, true, false])).toBe('{1,-2.5,NULL,NULL,t,f}')
    expect(pgArray(['h:压力', 'w:rs485', 'e:输出信号=4-20MA'])).toBe('{h:压力,w:rs485,e:输出信号=4-20MA}')
    expect(pgArray(['', 'NULL', 'null', 'a b', 'a,b', '{x}', '\t'])).toBe('{"","NULL","null","a b","a,b","{x}","\t"}')
    expect(pgArray(['say "hi"', 'back\\slash'])).toBe('{"say \\"hi\\"","back\\\\slash"}')
  })

  it('nests: an inner array is one quoted element without escapes', () => {
    expect(pgArray([pgArray(['a', 'b']), pgArray([])])).toBe('{"{a,b}","{}"}')
  })

  it('writes a date as node-postgres writes a date parameter', () => {
    const date = new Date(2026, 11, 7, 1, 2, 3, 45)
    const offset = -date.getTimezoneOffset()
    const zone = `${offset < 0 ? '-' : '+'}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`
    expect(pgArray([date])).toBe(`{2026-12-07T01:02:03.045${zone}}`)
  })
})
