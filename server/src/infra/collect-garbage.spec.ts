import { collectGarbage, limitMallocArenas, returnFreedMemory } from './collect-garbage'

describe('after a large build', () => {
  it('collects garbage and hands freed C heap pages back (glibc malloc_trim through koffi on Linux)', () => {
    // Garbage in the C heap: typed arrays' backing stores, freed by the collection, some between live ones.
    const keep: Uint8Array[] = []
    for (let i = 0; i < 20_000; i++) {
      const a = new Uint8Array(2048).fill(1)
      if (i % 50 === 0) keep.push(a)
    }
    collectGarbage()
    expect(returnFreedMemory()).toBe(process.platform === 'linux')
    expect(keep.every((a) => a[2047] === 1)).toBe(true)
  })
})

describe('malloc arenas', () => {
  it("caps glibc's arenas through mallopt on Linux (what MALLOC_ARENA_MAX sets at start)", () => {
    // The default cap (8 per core) is well above this process's threads, so setting it changes nothing here.
    expect(limitMallocArenas(64)).toBe(process.platform === 'linux')
  })
})
