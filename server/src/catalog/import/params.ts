import {
  BASE_UNIT,
  CATALOG_LIMITS,
  canonicalUnit,
  dimensionOf,
  parseQuantity,
  toBase,
  type Dimension,
  type ParamValue,
} from '@chuangan/shared'
import { TAXONOMY } from '../taxonomy'
import type { StoredParamDef } from '../taxonomy.service'
import type { ParamDef } from '../param-defs'

/** One typed row of product_param (before the product has an id). */
export interface ParamRow {
  key: string
  seq: number
  min: number | null
  max: number | null
  value: string | null
}

/** A parameter value that cannot be stored as its definition says; the message says which and why. */
export class ParamError extends Error {}

const NUMBER = String.raw`[-+]?\d+(?:\.\d+)?`
/** A dimensionless value or span, with an optional ± and unit: `0.25`, `±0.1%FS`, `0-100 %LEL`, `2.0mV/V`. */
const PLAIN = new RegExp(String.raw`^(±|\+/-)?\s*(${NUMBER})(?:\s*(?:-|~|～|至|到)\s*(${NUMBER}))?\s*([^\d\s].*)?$`)

/** Enum values as the taxonomy spells them, by key and a case/space-free form (`ip67` → `IP67`). */
const CANONICAL = new Map<string, Map<string, string>>()
const collect = (nodes: typeof TAXONOMY) => {
  for (const node of nodes) {
    for (const def of node.params ?? []) {
      const known = CANONICAL.get(def.key) ?? new Map<string, string>()
      for (const value of (def as ParamDef).values ?? []) known.set(fold(value), value)
      CANONICAL.set(def.key, known)
    }
    collect(node.children ?? [])
  }
}
collect(TAXONOMY)

function fold(value: string): string {
  return value
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase()
}

/** The typed rows of one parameter value, in its definition's base unit. Throws ParamError. */
export function paramRows(def: StoredParamDef, value: ParamValue): ParamRow[] {
  switch (def.kind) {
    case 'number':
    case 'range': {
      const { min, max } = def.dimension ? physical(def, value, def.dimension) : dimensionless(def, value)
      if (def.kind === 'number' && min !== max) {
        // `±0.1` states one magnitude; any other span is not one number.
        if (min === -max) return [{ key: def.key, seq: 0, min: max, max, value: null }]
        throw new ParamError(`expects one value, not a range`)
      }
      return [{ key: def.key, seq: 0, min, max, value: null }]
    }
    case 'enum': {
      const values = enumValues(def.key, value)
      return values.map((v, seq) => ({ key: def.key, seq, min: null, max: null, value: v }))
    }
    case 'text': {
      if (typeof value !== 'string' && typeof value !== 'number') throw new ParamError('expects a text')
      const text = String(value).trim()
      if (text.length > CATALOG_LIMITS.paramValue)
        throw new ParamError(`is longer than ${CATALOG_LIMITS.paramValue} characters`)
      return [{ key: def.key, seq: 0, min: null, max: null, value: text }]
    }
  }
}

/** A quantity of a dimension: any unit of it (a bare number is in the display unit), stored in the base unit. */
function physical(def: StoredParamDef, value: ParamValue, dimension: Dimension): { min: number; max: number } {
  const unitOf = (unit: string | undefined) => {
    const written = unit ?? def.unit ?? BASE_UNIT[dimension]
    const found = dimensionOf(written, dimension)
    if (!found) throw new ParamError(`unknown unit "${written}"`)
    if (found !== dimension) throw new ParamError(wrongDimension(written, found, dimension))
    return written
  }
  const base = (n: number, unit: string) => toBase(n, unit, dimension)!
  if (typeof value === 'number') {
    const unit = unitOf(undefined)
    return { min: base(value, unit), max: base(value, unit) }
  }
  if (Array.isArray(value)) throw new ParamError('expects one value or a range, not a list')
  if (typeof value === 'object') {
    const unit = unitOf(value.unit)
    if ('value' in value) return { min: base(value.value, unit), max: base(value.value, unit) }
    if (value.min > value.max) throw new ParamError(`min ${value.min} is above max ${value.max}`)
    return { min: base(value.min, unit), max: base(value.max, unit) }
  }
  const quantity = parseQuantity(value, dimension)
  if (quantity) {
    if (quantity.dimension !== dimension) {
      const unit = /[^\d\s.\-+~±]+$/.exec(value)?.[0] ?? ''
      throw new ParamError(wrongDimension(unit, quantity.dimension, dimension))
    }
    return { min: quantity.min, max: quantity.max }
  }
  // Numbers without a unit are in the display unit; anything else cannot be read.
  const plain = PLAIN.exec(value.trim())
  if (plain && !plain[4]) {
    const unit = unitOf(undefined)
    return span(plain, (n) => base(n, unit))
  }
  if (plain?.[4] && !canonicalUnit(plain[4], dimension)) throw new ParamError(`unknown unit "${plain[4].trim()}"`)
  throw new ParamError(`cannot read "${value}" as a ${dimension} (e.g. ${example(def, dimension)})`)
}

/** A value without a dimension: a number in the definition's unit (`%FS`, `mV/V`), which a string may repeat. */
function dimensionless(def: StoredParamDef, value: ParamValue): { min: number; max: number } {
  const expected = def.unit ?? ''
  const checkUnit = (unit: string | undefined) => {
    if (!unit) return
    const u = unit.trim().toLowerCase()
    const e = expected.toLowerCase()
    // `%` is short for `%FS` and `%LEL`.
    if (u !== e && !(u === '%' && e.startsWith('%')))
      throw new ParamError(`unit "${unit.trim()}", expected ${expected}`)
  }
  if (typeof value === 'number') return { min: value, max: value }
  if (Array.isArray(value)) throw new ParamError('expects one value or a range, not a list')
  if (typeof value === 'object') {
    checkUnit(value.unit)
    if ('value' in value) return { min: value.value, max: value.value }
    if (value.min > value.max) throw new ParamError(`min ${value.min} is above max ${value.max}`)
    return { min: value.min, max: value.max }
  }
  const plain = PLAIN.exec(value.trim())
  if (!plain) throw new ParamError(`cannot read "${value}" as a number in ${expected}`)
  checkUnit(plain[4])
  return span(plain, (n) => n)
}

function span(match: RegExpExecArray, convert: (n: number) => number): { min: number; max: number } {
  const [, plusMinus, a, b] = match
  const first = convert(Number(a))
  if (plusMinus) return { min: convert(-Math.abs(Number(a))), max: convert(Math.abs(Number(a))) }
  if (b === undefined) return { min: first, max: first }
  const second = convert(Number(b))
  return { min: Math.min(first, second), max: Math.max(first, second) }
}

function enumValues(key: string, value: ParamValue): string[] {
  const list =
    typeof value === 'string'
      ? value.split('|')
      : typeof value === 'number'
        ? [String(value)]
        : Array.isArray(value)
          ? value
          : null
  if (!list) throw new ParamError('expects one of its values or a list of them, not an object')
  const known = CANONICAL.get(key)
  const out: string[] = []
  for (const raw of list) {
    const trimmed = raw.trim()
    if (!trimmed) continue
    let v = known?.get(fold(trimmed)) ?? trimmed
    if (key === '防护等级') {
      if (!/^IP\d{2}K?$/i.test(fold(trimmed))) throw new ParamError(`"${trimmed}" is not an IP code such as IP67`)
      v = fold(trimmed)
    }
    if (v.length > CATALOG_LIMITS.paramValue)
      throw new ParamError(`value is longer than ${CATALOG_LIMITS.paramValue} characters`)
    if (!out.includes(v)) out.push(v)
  }
  if (!out.length) throw new ParamError('is empty')
  return out
}

function wrongDimension(unit: string, found: Dimension, expected: Dimension): string {
  return `unit "${unit.trim()}" is a ${found} unit, expected a ${expected} unit`
}

function example(def: StoredParamDef, dimension: Dimension): string {
  const unit = def.unit ?? BASE_UNIT[dimension]
  return def.kind === 'range' ? `0-10${unit}` : `10${unit}`
}

/** How a parameter is shown: as written, with the display unit added to bare numbers. */
export function displayParam(def: StoredParamDef | undefined, value: ParamValue): string {
  const unit = def?.unit ?? ''
  if (typeof value === 'number') return `${value}${unit}`
  if (typeof value === 'string')
    return def?.kind === 'enum'
      ? value
          .split('|')
          .map((v) => v.trim())
          .join(' / ')
      : value
  if (Array.isArray(value)) return value.join(' / ')
  if ('value' in value) return `${value.value}${value.unit ?? unit}`
  return `${value.min}-${value.max}${value.unit ?? unit}`
}
