/**
 * Binary search, the engine's one copy: over ascending typed arrays (postings, span value tables, columns) and, through
 * `partitionPoint`, over anything sorted that is read by position (model keys, suggestion words).
 */
type Sorted = Float32Array | Uint32Array | Int32Array

/** The first position in [0, length) for which `before` is false, given `before` holds for a prefix of positions. */
export function partitionPoint(length: number, before: (at: number) => boolean): number {
  let lo = 0
  let hi = length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (before(mid)) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The first position whose value is ≥ `value` (the length when none is). */
export function lowerBound(sorted: Sorted, value: number): number {
  return partitionPoint(sorted.length, (at) => sorted[at] < value)
}

/** The first position whose value is > `value` (the length when none is). */
export function upperBound(sorted: Sorted, value: number): number {
  return partitionPoint(sorted.length, (at) => sorted[at] <= value)
}

/** Whether an ascending list holds `value`. */
export function contains(list: Uint32Array, value: number): boolean {
  const at = lowerBound(list, value)
  return at < list.length && list[at] === value
}
