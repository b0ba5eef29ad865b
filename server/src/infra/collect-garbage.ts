import v8 from 'node:v8'
import vm from 'node:vm'

let gc: (() => void) | null | undefined

/**
 * A full garbage collection now, when the process can afford a pause of its choosing (after the search index is
 * built: the builder leaves ≈ 100 MB of dead lists, strings and arrays in the old generation at 1,000,000
 * products, which V8 would otherwise collect in a long pause during some later request, and which keeps RSS high
 * until then). Uses the node's own `gc` (`--expose-gc`) or enables the flag for a fresh context, as V8 allows at
 * run time; does nothing if neither works.
 */
export function collectGarbage(): void {
  if (gc === undefined) {
    gc = typeof globalThis.gc === 'function' ? globalThis.gc : null
    if (!gc) {
      try {
        v8.setFlagsFromString('--expose-gc')
        gc = vm.runInNewContext('gc') as () => void
      } catch {
        gc = null
      }
    }
  }
  // Twice: V8 frees the backing stores of dead typed arrays while sweeping after a collection, which the next
  // collection finishes first; after one call, ≈ 200 MB of them would still be held at 1,000,000 products.
  gc?.()
  gc?.()
}

interface Glibc {
  mallocTrim(pad: number): number
  mallopt(param: number, value: number): number
}
let glibc: Glibc | null | undefined

/** glibc's allocator functions through koffi (loaded on first use, ≈ 17 ms); null on another C library or platform. */
function loadGlibc(): Glibc | null {
  if (glibc === undefined) {
    glibc = null
    if (process.platform === 'linux') {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const koffi = require('koffi') as typeof import('koffi')
        const libc = koffi.load('libc.so.6')
        glibc = {
          mallocTrim: libc.func('int malloc_trim(size_t)') as (pad: number) => number,
          mallopt: libc.func('int mallopt(int, int)') as (param: number, value: number) => number,
        }
      } catch {
        glibc = null // musl, or no koffi binary for this platform
      }
    }
  }
  return glibc
}

/**
 * Hands the C heap's free pages back to the system: glibc's `malloc_trim(0)`. glibc returns freed memory by itself
 * only from the top of its heap; what a build frees in the middle — serialised chunks, SQLite's and V8's scratch
 * memory, between blocks still in use — stays resident. At 1,000,000 products that is ≈ 110 MB after a build, which
 * `MALLOC_TRIM_THRESHOLD_` and `MALLOC_MMAP_THRESHOLD_` do not reach. Returns whether it could (not on another C
 * library or platform).
 */
export function returnFreedMemory(): boolean {
  const libc = loadGlibc()
  if (!libc) return false
  libc.mallocTrim(0)
  return true
}

/** glibc's `M_ARENA_MAX` (malloc.h). */
const M_ARENA_MAX = -8

/**
 * Caps glibc's malloc arenas at `arenas` for threads that get one from now on (glibc's `mallopt(M_ARENA_MAX)`, what
 * the `MALLOC_ARENA_MAX` variable sets at start). By default each thread that allocates may get an arena of its own,
 * up to 8 per core, and an arena keeps what its thread freed: a poster quantised on each of libuv's four threads left
 * ≈ 30 MB resident that way. Called first thing as the server starts, before those threads allocate. Returns whether
 * it could.
 */
export function limitMallocArenas(arenas: number): boolean {
  const libc = loadGlibc()
  return libc ? libc.mallopt(M_ARENA_MAX, arenas) === 1 : false
}
