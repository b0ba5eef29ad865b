/**
 * A doorkeeper, as in TinyLFU's admission policy: remembers (approximately) which keys were asked for recently, in
 * a fixed 16 KB of bits, so that a cache can keep an entry only when it is asked for a second time. A sweep over
 * the long tail (a crawler, a reader paging through the archive) then neither pushes out what readers are reading
 * now nor fills the byte budget with answers nobody asks for again.
 *
 * Two bits a key (two FNV-1a hashes); after `window` new keys every bit is cleared, so "recently" means within the
 * last `window` distinct keys. With the defaults a key never asked for looks seen about 2% of the time.
 */
export class Doorkeeper {
  private readonly bits: Uint32Array
  private readonly mask: number
  private added = 0

  constructor(
    private readonly window = 10_000,
    log2Bits = 17,
  ) {
    this.bits = new Uint32Array(1 << (log2Bits - 5))
    this.mask = (1 << log2Bits) - 1
  }

  /** Whether `key` was recorded within the window; records it either way. */
  seenBefore(key: string): boolean {
    let h1 = 0x811c9dc5
    let h2 = 0x01000193
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i)
      h1 = Math.imul(h1 ^ c, 0x01000193)
      h2 = Math.imul(h2 ^ c, 0x5bd1e995)
    }
    const a = (h1 ^ (h1 >>> 15)) & this.mask
    const b = (h2 ^ (h2 >>> 13)) & this.mask
    const seen = this.test(a) && this.test(b)
    if (!seen) {
      if (++this.added > this.window) {
        this.bits.fill(0)
        this.added = 1
      }
      this.set(a)
      this.set(b)
    }
    return seen
  }

  private test(bit: number): boolean {
    return (this.bits[bit >>> 5] & (1 << (bit & 31))) !== 0
  }

  private set(bit: number): void {
    this.bits[bit >>> 5] |= 1 << (bit & 31)
  }
}
