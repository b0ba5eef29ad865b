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
