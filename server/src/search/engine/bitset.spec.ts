import { Bitset } from './bitset'

describe('Bitset.scoped', () => {
  it('gives zeroed sets from buffers it keeps for the next search', () => {
    let first: Bitset | undefined
    const counted = Bitset.scoped(1000, () => {
      first = Bitset.full(1000)
      const other = new Bitset(1000)
      other.add(7)
      return first.andCount(other)
    })
    expect(counted).toBe(1)
    const again = Bitset.scoped(1000, () => {
      const set = new Bitset(1000)
      // The same memory as the previous search's first set, cleared.
      expect(set.words.buffer).toBe(first!.words.buffer)
      expect(set.words.byteOffset).toBe(first!.words.byteOffset)
      return set.count()
    })
    expect(again).toBe(0)
  })

  it('hands out distinct sets within one search, past one slab', () => {
    Bitset.scoped(100, () => {
      const sets = Array.from({ length: 40 }, (_, i) => Bitset.of(100, [i]))
      expect(sets.map((s) => s.count())).toEqual(sets.map(() => 1))
      expect(sets.every((s, i) => s.has(i))).toBe(true)
    })
  })

  it('leaves sets of another size, sets made outside, and sets given their words alone', () => {
    const outside = new Bitset(1000)
    const own = new Uint32Array(32)
    Bitset.scoped(1000, () => {
      expect(new Bitset(64).words.buffer).not.toBe(new Bitset(1000).words.buffer)
      expect(new Bitset(1000, own).words).toBe(own)
    })
    expect(outside.words.byteLength).toBe(128)
    expect(new Bitset(1000).words.buffer.byteLength).toBe(128) // outside a scope: its own buffer
  })

  it('refuses asynchronous work, whose sets would outlive the scope', () => {
    expect(() => Bitset.scoped(10, async () => new Bitset(10).count())).toThrow(/synchronous/)
    expect(new Bitset(10).words.buffer.byteLength).toBe(4) // released: a later set is not from the scratch
  })
})
