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

/** glibc's mallopt parameters (malloc.h). */
const M_TRIM_THRESHOLD = -1
const M_MMAP_THRESHOLD = -3
const M_ARENA_MAX = -8

/**
 * How the server sets glibc's allocator (the arena cap first thing, the thresholds once it listens), each unless its
 * environment variable (read by glibc at start) is set:
 * - `M_ARENA_MAX` 2. By default each thread that allocates may get an arena of its own, up to 8 per core, and an arena
 *   keeps what its thread freed: a poster quantised on each of libuv's four threads left ≈ 30 MB resident that way.
 * - `M_MMAP_THRESHOLD` and `M_TRIM_THRESHOLD` 128 KB, fixed. glibc's defaults move: the mmap threshold starts at
 *   128 KB and rises to the size of every mapped block freed (up to 32 MB), the trim threshold to twice that. Once a
 *   few large buffers have come and gone (images, posters, JSON answers), blocks of up to megabytes come from the heap
 *   instead of their own mappings, and what is freed between blocks still in use stays resident. Fixed, a large
 *   block goes back to the system when freed and so does the heap's free top beyond 128 KB. Readers' benchmark (one
 *   round, the variables set at start): peak RSS 366 → 258 MB.
 */
export const MALLOC_SETTINGS = {
  /** First thing as the server starts: before libuv's threads allocate, since a thread keeps the arena it first got. */
  arenas: [{ env: 'MALLOC_ARENA_MAX', param: M_ARENA_MAX, value: 2 }],
  /**
   * Once the server listens: fixed from the start, the start's many large short-lived blocks (the bundle's source,
   * dictionaries, migrations' and demo content's buffers) were each mapped and unmapped, and the start took
   * ≈ 0.4 s longer (cold-start benchmark, existing database, 1.10 → 1.46 s).
   */
  thresholds: [
    { env: 'MALLOC_MMAP_THRESHOLD_', param: M_MMAP_THRESHOLD, value: 128 * 1024 },
    { env: 'MALLOC_TRIM_THRESHOLD_', param: M_TRIM_THRESHOLD, value: 128 * 1024 },
  ],
} as const

/**
 * Applies one group of `MALLOC_SETTINGS` through `mallopt` (koffi, ≈ 17 ms on first use). Returns the variables it
 * stood in for (none on another C library or platform).
 */
export function tuneMalloc(group: keyof typeof MALLOC_SETTINGS, env: NodeJS.ProcessEnv = process.env): string[] {
  const libc = loadGlibc()
  if (!libc) return []
  return MALLOC_SETTINGS[group].filter((s) => !env[s.env] && libc.mallopt(s.param, s.value) === 1).map((s) => s.env)
}
