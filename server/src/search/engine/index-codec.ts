import v8 from 'node:v8'
import type { IndexData } from './search-index'

/**
 * A built index as bytes, to be kept outside the process (the PostgreSQL engine's shared index,
 * search/postgres/shared-index.ts) and made whole again elsewhere. The index is a few large typed arrays under
 * maps, lists and strings: the typed arrays travel as their raw bytes, one after the other (`arrays`, about 200 MB
 * at 1,000,000 products, never copied into one buffer), and everything else as V8's structured-clone serialisation
 * with a marker where each typed array was (`skeleton`, a few MB: the term map, the category lineages).
 * `decodeIndex` allocates each array at its size and hands back byte views to fill in order, so a reader can copy
 * the stored bytes in chunk by chunk without holding them twice.
 */
export interface EncodedIndex {
  skeleton: Buffer
  /** Each typed array's bytes (views, not copies), in the order `decodeIndex` asks for them. */
  arrays: Uint8Array[]
}

/** Where a typed array was in the skeleton. */
interface ArrayRef {
  '@array': number
  type: string
  length: number
}

const CONSTRUCTORS: Record<string, new (length: number) => ArrayBufferView> = {
  Int8Array,
  Uint8Array,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  // A Node Buffer comes back as bytes (PackedStrings.revive makes a Buffer of them again, as after a worker's post).
  Buffer: Uint8Array,
}

// Tag tests, not instanceof: v8.deserialize makes Maps and Sets of the main realm, which a test's context does not share.
const isMap = (value: unknown): value is Map<unknown, unknown> =>
  Object.prototype.toString.call(value) === '[object Map]'
const isSet = (value: unknown): value is Set<unknown> => Object.prototype.toString.call(value) === '[object Set]'

const isRef = (value: unknown): value is ArrayRef =>
  typeof value === 'object' && value !== null && typeof (value as ArrayRef)['@array'] === 'number'

/** `format`: the caller's version of the stored layout, checked by `decodeIndex`. */
export function encodeIndex(data: IndexData, format = 0): EncodedIndex {
  const arrays: Uint8Array[] = []
  const strip = (value: unknown): unknown => {
    if (ArrayBuffer.isView(value)) {
      const type = value.constructor.name
      if (!(type in CONSTRUCTORS)) throw new Error(`index-codec: cannot store a ${type}`)
      arrays.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength))
      const length = (value as unknown as { length: number }).length
      return { '@array': arrays.length - 1, type, length } satisfies ArrayRef
    }
    if (isMap(value)) return new Map([...value].map(([k, v]) => [k, strip(v)]))
    if (isSet(value)) return new Set([...value].map(strip))
    if (Array.isArray(value)) return value.map(strip)
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strip(v)]))
    }
    return value
  }
  const skeleton = v8.serialize({ format, data: strip(data) })
  return { skeleton, arrays }
}

/**
 * The index data from a skeleton, its typed arrays allocated empty: fill each of `arrays` (byte views over them,
 * in order) with the stored bytes before the data is used (SearchIndex.revive). Null when the skeleton was written
 * with another `format` (or is not one).
 */
export function decodeIndex(skeleton: Buffer, format = 0): { data: IndexData; arrays: Uint8Array[] } | null {
  const arrays: Uint8Array[] = []
  const refs: ArrayBufferView[] = []
  const restore = (value: unknown): unknown => {
    if (isRef(value)) {
      const make = CONSTRUCTORS[value.type]
      if (!make) throw new Error(`index-codec: unknown array type ${value.type}`)
      const array = new make(value.length)
      refs[value['@array']] = array
      return array
    }
    if (isMap(value)) return new Map([...value].map(([k, v]) => [k, restore(v)]))
    if (isSet(value)) return new Set([...value].map(restore))
    if (Array.isArray(value)) return value.map(restore)
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, restore(v)]))
    }
    return value
  }
  let stored: { format?: unknown; data?: unknown }
  try {
    stored = v8.deserialize(skeleton) as typeof stored
  } catch {
    return null
  }
  if (!stored || typeof stored !== 'object' || stored.format !== format || !stored.data) return null
  const data = restore(stored.data) as IndexData
  for (let i = 0; i < refs.length; i++) {
    const a = refs[i]
    if (!a) throw new Error(`index-codec: array ${i} missing from the skeleton`)
    arrays.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength))
  }
  return { data, arrays }
}
