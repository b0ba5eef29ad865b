import { collectGarbage, MALLOC_SETTINGS, returnFreedMemory, tuneMalloc } from './collect-garbage'

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

describe('glibc settings at start', () => {
  const linux = process.platform === 'linux'

  it('sets the arena cap and fixed mmap and trim thresholds through mallopt on Linux', () => {
    // This process's threads are well under any cap, and 128 KB thresholds only make large blocks mapped.
    expect(tuneMalloc('arenas', {})).toEqual(linux ? ['MALLOC_ARENA_MAX'] : [])
    expect(tuneMalloc('thresholds', {})).toEqual(linux ? MALLOC_SETTINGS.thresholds.map((s) => s.env) : [])
  })

  it('leaves a setting alone when its environment variable was set (glibc read it at start)', () => {
    expect(tuneMalloc('arenas', { MALLOC_ARENA_MAX: '4' })).toEqual([])
    expect(tuneMalloc('thresholds', { MALLOC_ARENA_MAX: '4', MALLOC_TRIM_THRESHOLD_: '0' })).toEqual(
      linux ? ['MALLOC_MMAP_THRESHOLD_'] : [],
    )
  })
})
