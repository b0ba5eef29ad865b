/** Binary search over ascending typed arrays (postings, span value tables): the engine's one copy. */
type Sorted = Float32Array | Uint32Array

/** The first position whose value is ≥ `value` (the length when none is). */
export function lowerBound(sorted: Sorted, value: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid] < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The first position whose value is > `value` (the length when none is). */
export function upperBound(sorted: Sorted, value: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid] <= value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Whether an ascending list holds `value`. */
export function contains(list: Uint32Array, value: number): boolean {
  const at = lowerBound(list, value)
  return at < list.length && list[at] === value
}
