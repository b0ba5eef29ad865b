/**
 * Units of the sensor catalogue, zod-free (the mini-program shows them too). Every quantity is stored and compared in
 * its dimension's base unit, so a product listed as 0–1.6 MPa is found by a buyer who asks for 10 bar: both become
 * kPa. Factors are physical facts; the aliases are what catalogues and buyers actually write (kPa, KPA, 千帕, ℃, °C …).
 */

export const DIMENSIONS = [
  'pressure',
  'temperature',
  'current',
  'voltage',
  'length',
  'mass',
  'force',
  'torque',
  'flow',
  'frequency',
  'time',
  'humidity',
  'acceleration',
  'power',
  'resistance',
  'concentration',
] as const
export type Dimension = (typeof DIMENSIONS)[number]

/** The unit every value of a dimension is stored in. */
export const BASE_UNIT: Record<Dimension, string> = {
  pressure: 'kPa',
  temperature: '℃',
  current: 'mA',
  voltage: 'V',
  length: 'mm',
  mass: 'kg',
  force: 'N',
  torque: 'N·m',
  flow: 'L/min',
  frequency: 'Hz',
  time: 'ms',
  humidity: '%RH',
  acceleration: 'g',
  power: 'W',
  resistance: 'Ω',
  concentration: 'ppm',
}

interface UnitDef {
  dimension: Dimension
  /** Base value = value × factor + offset. */
  factor: number
  offset?: number
}

/** Canonical unit symbol → definition. */
const UNITS: Record<string, UnitDef> = {
  Pa: { dimension: 'pressure', factor: 0.001 },
  kPa: { dimension: 'pressure', factor: 1 },
  MPa: { dimension: 'pressure', factor: 1000 },
  bar: { dimension: 'pressure', factor: 100 },
  mbar: { dimension: 'pressure', factor: 0.1 },
  psi: { dimension: 'pressure', factor: 6.894757 },
  atm: { dimension: 'pressure', factor: 101.325 },
  mmH2O: { dimension: 'pressure', factor: 0.00980665 },
  '℃': { dimension: 'temperature', factor: 1 },
  K: { dimension: 'temperature', factor: 1, offset: -273.15 },
  '℉': { dimension: 'temperature', factor: 5 / 9, offset: (-32 * 5) / 9 },
  uA: { dimension: 'current', factor: 0.001 },
  mA: { dimension: 'current', factor: 1 },
  A: { dimension: 'current', factor: 1000 },
  kA: { dimension: 'current', factor: 1_000_000 },
  mV: { dimension: 'voltage', factor: 0.001 },
  V: { dimension: 'voltage', factor: 1 },
  kV: { dimension: 'voltage', factor: 1000 },
  um: { dimension: 'length', factor: 0.001 },
  mm: { dimension: 'length', factor: 1 },
  cm: { dimension: 'length', factor: 10 },
  m: { dimension: 'length', factor: 1000 },
  mg: { dimension: 'mass', factor: 0.000001 },
  g: { dimension: 'mass', factor: 0.001 },
  kg: { dimension: 'mass', factor: 1 },
  t: { dimension: 'mass', factor: 1000 },
  N: { dimension: 'force', factor: 1 },
  kN: { dimension: 'force', factor: 1000 },
  'N·m': { dimension: 'torque', factor: 1 },
  'kN·m': { dimension: 'torque', factor: 1000 },
  'mL/min': { dimension: 'flow', factor: 0.001 },
  'L/min': { dimension: 'flow', factor: 1 },
  'L/h': { dimension: 'flow', factor: 1 / 60 },
  'm³/h': { dimension: 'flow', factor: 1000 / 60 },
  Hz: { dimension: 'frequency', factor: 1 },
  kHz: { dimension: 'frequency', factor: 1000 },
  MHz: { dimension: 'frequency', factor: 1_000_000 },
  us: { dimension: 'time', factor: 0.001 },
  ms: { dimension: 'time', factor: 1 },
  s: { dimension: 'time', factor: 1000 },
  '%RH': { dimension: 'humidity', factor: 1 },
  g_n: { dimension: 'acceleration', factor: 1 },
  'm/s²': { dimension: 'acceleration', factor: 1 / 9.80665 },
  mW: { dimension: 'power', factor: 0.001 },
  W: { dimension: 'power', factor: 1 },
  kW: { dimension: 'power', factor: 1000 },
  Ω: { dimension: 'resistance', factor: 1 },
  kΩ: { dimension: 'resistance', factor: 1000 },
  MΩ: { dimension: 'resistance', factor: 1_000_000 },
  ppb: { dimension: 'concentration', factor: 0.001 },
  ppm: { dimension: 'concentration', factor: 1 },
  '%VOL': { dimension: 'concentration', factor: 10_000 },
}

/** What people write → canonical symbol. Matched case-sensitively first, then case-insensitively. */
const ALIASES: Record<string, string> = {
  pa: 'Pa',
  帕: 'Pa',
  kpa: 'kPa',
  千帕: 'kPa',
  mpa: 'MPa',
  兆帕: 'MPa',
  巴: 'bar',
  毫巴: 'mbar',
  '°C': '℃',
  '°c': '℃',
  摄氏度: '℃',
  度: '℃',
  '°F': '℉',
  开尔文: 'K',
  μA: 'uA',
  µA: 'uA',
  毫安: 'mA',
  安: 'A',
  安培: 'A',
  千安: 'kA',
  毫伏: 'mV',
  伏: 'V',
  伏特: 'V',
  千伏: 'kV',
  μm: 'um',
  µm: 'um',
  微米: 'um',
  毫米: 'mm',
  厘米: 'cm',
  米: 'm',
  毫克: 'mg',
  克: 'g',
  千克: 'kg',
  公斤: 'kg',
  吨: 't',
  牛: 'N',
  千牛: 'kN',
  Nm: 'N·m',
  'N.m': 'N·m',
  'N*m': 'N·m',
  牛米: 'N·m',
  kNm: 'kN·m',
  'kN.m': 'kN·m',
  'ml/min': 'mL/min',
  'l/min': 'L/min',
  LPM: 'L/min',
  'l/h': 'L/h',
  'm3/h': 'm³/h',
  'm^3/h': 'm³/h',
  立方米每小时: 'm³/h',
  hz: 'Hz',
  赫兹: 'Hz',
  khz: 'kHz',
  mhz: 'MHz',
  μs: 'us',
  µs: 'us',
  微秒: 'us',
  毫秒: 'ms',
  秒: 's',
  '%': '%RH',
  RH: '%RH',
  '%rh': '%RH',
  G: 'g_n',
  gn: 'g_n',
  'm/s2': 'm/s²',
  'm/s^2': 'm/s²',
  mw: 'mW',
  w: 'W',
  瓦: 'W',
  kw: 'kW',
  千瓦: 'kW',
  ohm: 'Ω',
  欧: 'Ω',
  欧姆: 'Ω',
  kohm: 'kΩ',
  千欧: 'kΩ',
  Mohm: 'MΩ',
  兆欧: 'MΩ',
  'VOL%': '%VOL',
  '%V/V': '%VOL',
}

/**
 * Symbols that mean another unit inside one dimension: an accelerometer's `±16g` is 16 g_n, not 16 grams. Used when
 * the dimension is known (a parameter's definition), before the general table.
 */
const IN_DIMENSION: Partial<Record<Dimension, Record<string, string>>> = {
  acceleration: { g: 'g_n', G: 'g_n' },
}

const LOWER_ALIASES = new Map(
  [...Object.keys(UNITS).map((u) => [u, u]), ...Object.entries(ALIASES)].map(([from, to]) => [from.toLowerCase(), to]),
)

/**
 * The canonical symbol of a unit as written (`KPA`, `千帕`, `°C` …), or null when unknown. With `within`, a symbol
 * that means a unit of that dimension there wins (`g` within acceleration is g_n).
 */
export function canonicalUnit(written: string, within?: Dimension): string | null {
  const unit = written.trim()
  if (!unit) return null
  const local = within && IN_DIMENSION[within]?.[unit]
  if (local) return local
  if (UNITS[unit]) return unit
  if (ALIASES[unit]) return ALIASES[unit]
  return LOWER_ALIASES.get(unit.toLowerCase()) ?? null
}

export function dimensionOf(unit: string, within?: Dimension): Dimension | null {
  const canonical = canonicalUnit(unit, within)
  return canonical ? UNITS[canonical].dimension : null
}

/** A value in `unit` expressed in its dimension's base unit (null for an unknown unit). */
export function toBase(value: number, unit: string, within?: Dimension): number | null {
  const canonical = canonicalUnit(unit, within)
  if (!canonical) return null
  const { factor, offset = 0 } = UNITS[canonical]
  return round(value * factor + offset)
}

/** A base-unit value expressed in `unit` (for showing one unit per row). */
export function fromBase(value: number, unit: string, within?: Dimension): number | null {
  const canonical = canonicalUnit(unit, within)
  if (!canonical) return null
  const { factor, offset = 0 } = UNITS[canonical]
  return round((value - offset) / factor)
}

/** Rounds away binary noise (0.1 × 3) without losing what sensors state (at most 9 significant digits). */
const round = (n: number): number => Number(n.toPrecision(12))

/** A quantity or a span of one dimension, in base units. A single value is a span of zero width. */
export interface Quantity {
  dimension: Dimension
  min: number
  max: number
}

const NUMBER = String.raw`[-+]?\d+(?:\.\d+)?`
const UNIT = String.raw`[A-Za-z°℃℉%μµΩ·³²^*./\u4e00-\u9fa5]{1,8}\d?(?:/[A-Za-z]{1,3})?`
const SPAN = new RegExp(String.raw`^(${NUMBER})\s*(${UNIT})?\s*(?:-|~|～|至|到|—|–|…)\s*(${NUMBER})\s*(${UNIT})$`)
const SINGLE = new RegExp(String.raw`^(${NUMBER})\s*(${UNIT})$`)
const PLUS_MINUS = new RegExp(String.raw`^(?:±|\+/-|\+-)\s*(\d+(?:\.\d+)?)\s*(${UNIT})$`)

/**
 * Reads `10bar`, `0-1.6MPa`, `-40~125℃`, `4-20mA`, `0.5 mm`, `±16g` into base units; null for anything else
 * (`RS485`, `M18`). In `0MPa-10bar` each end keeps its own unit. With `within`, units read as that dimension's
 * first (`±16g` within acceleration is ±16 g_n); the result may still be of another dimension, for the caller to
 * refuse.
 */
export function parseQuantity(text: string, within?: Dimension): Quantity | null {
  const t = text.trim().replace(/，/g, ',')
  const span = SPAN.exec(t)
  if (span) {
    const [, a, unitA, b, unitB] = span
    const dimension = dimensionOf(unitB, within)
    if (!dimension || (unitA && dimensionOf(unitA, within) !== dimension)) return null
    const lo = toBase(Number(a), unitA ?? unitB, within)!
    const hi = toBase(Number(b), unitB, within)!
    return { dimension, min: Math.min(lo, hi), max: Math.max(lo, hi) }
  }
  const plusMinus = PLUS_MINUS.exec(t)
  if (plusMinus) {
    const dimension = dimensionOf(plusMinus[2], within)
    if (!dimension) return null
    const lo = toBase(-Number(plusMinus[1]), plusMinus[2], within)!
    const hi = toBase(Number(plusMinus[1]), plusMinus[2], within)!
    return { dimension, min: lo, max: hi }
  }
  const single = SINGLE.exec(t)
  if (single) {
    const dimension = dimensionOf(single[2], within)
    if (!dimension) return null
    const value = toBase(Number(single[1]), single[2], within)!
    return { dimension, min: value, max: value }
  }
  return null
}

/** Whether a product's span covers a value or overlaps a span the buyer asks for (both in base units). */
export function spanMatches(product: { min: number; max: number }, asked: { min: number; max: number }): boolean {
  return product.min <= asked.max && asked.min <= product.max
}
