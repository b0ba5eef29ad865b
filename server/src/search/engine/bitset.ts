/**
 * A set of document ordinals as bits (1,000,000 documents: 125 KB). Intersections and counts run over 32-bit words,
 * so a facet count over a term that matches 400,000 documents costs 31,250 word operations, not 400,000 lookups.
 */
export class Bitset {
  readonly words: Uint32Array

  /** `words` given: a view on them (the index's own pools). Not given: zeroed, from the scratch inside `scoped`. */
  constructor(
    readonly size: number,
    words?: Uint32Array,
  ) {
    const length = (size + 31) >>> 5
    this.words = words ?? (scratch?.active && scratch.words === length ? scratch.take() : new Uint32Array(length))
  }

  /**
   * Runs `search`, a synchronous computation over one index of `size` documents, with every bitset it creates
   * (a term group's matches, a filter, the match, a facet's base) carved from buffers kept for the next search
   * instead of allocated one by one. At 1,000,000 documents each set is 125,000 bytes, just under glibc's 128 KB
   * mmap threshold: one by one they came from its heap, a search made a dozen or more, and the heap they left
   * fragmented held ≈ 25 MB more while queries ran. No set made inside may outlive the call (return plain data).
   */
  static scoped<T>(size: number, search: () => T): T {
    const length = (size + 31) >>> 5
    if (scratch?.active) return search() // nested: the outer scope's scratch (or none, for another size)
    if (scratch?.words !== length) scratch = new Scratch(length)
    scratch.active = true
    try {
      const result = search()
      if (result instanceof Promise) throw new Error('Bitset.scoped runs synchronous work only')
      return result
    } finally {
      scratch.release()
    }
  }

  static of(size: number, ordinals: ArrayLike<number>): Bitset {
    const set = new Bitset(size)
    for (let i = 0; i < ordinals.length; i++) set.add(ordinals[i])
    return set
  }

  static full(size: number): Bitset {
    const set = new Bitset(size)
    set.words.fill(0xffffffff)
    const tail = size & 31
    if (tail) set.words[set.words.length - 1] = (1 << tail) - 1 || 0xffffffff
    return set
  }

  add(ordinal: number): void {
    this.words[ordinal >>> 5] |= 1 << (ordinal & 31)
  }

  has(ordinal: number): boolean {
    return (this.words[ordinal >>> 5] & (1 << (ordinal & 31))) !== 0
  }

  clone(): Bitset {
    return new Bitset(this.size, this.words.slice())
  }

  /** In place: keeps what is also in `other`. */
  and(other: Bitset): this {
    const a = this.words
    const b = other.words
    for (let i = 0; i < a.length; i++) a[i] &= b[i]
    return this
  }

  /** In place: adds what is in `other`. */
  or(other: Bitset): this {
    const a = this.words
    const b = other.words
    for (let i = 0; i < a.length; i++) a[i] |= b[i]
    return this
  }

  count(): number {
    let n = 0
    for (let i = 0; i < this.words.length; i++) n += popcount(this.words[i])
    return n
  }

  /** |this ∩ other| without building the intersection. */
  andCount(other: Bitset): number {
    let n = 0
    const a = this.words
    const b = other.words
    for (let i = 0; i < a.length; i++) {
      const w = a[i] & b[i]
      if (w) n += popcount(w)
    }
    return n
  }

  /** Members in ascending order, stopping once `visit` returns false (early termination). */
  forEach(visit: (ordinal: number) => boolean | void): void {
    const words = this.words
    for (let i = 0; i < words.length; i++) {
      let w = words[i]
      while (w) {
        const bit = w & -w
        const ordinal = (i << 5) + 31 - Math.clz32(bit)
        if (visit(ordinal) === false) return
        w ^= bit
      }
    }
  }
}

/** Sets per scratch slab (at 1,000,000 documents: 2 MB, one mmap) and slabs kept between searches. */
const PER_SLAB = 16
const KEPT_SLABS = 4

/** The buffers of `Bitset.scoped`: sets of one word length, handed out in order and all free again on release. */
class Scratch {
  active = false
  private readonly slabs: Uint32Array[] = []
  private used = 0

  constructor(readonly words: number) {}

  take(): Uint32Array {
    const slab = Math.floor(this.used / PER_SLAB)
    const at = (this.used % PER_SLAB) * this.words
    if (slab === this.slabs.length) this.slabs.push(new Uint32Array(this.words * PER_SLAB))
    this.used++
    return this.slabs[slab]!.subarray(at, at + this.words).fill(0)
  }

  release(): void {
    this.active = false
    this.used = 0
    if (this.slabs.length > KEPT_SLABS) this.slabs.length = KEPT_SLABS
  }
}
let scratch: Scratch | null = null

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  x = (x + (x >>> 4)) & 0x0f0f0f0f
  return Math.imul(x, 0x01010101) >>> 24
}
