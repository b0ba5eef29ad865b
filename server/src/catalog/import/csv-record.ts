import { RecordError } from './record'

/** The fixed columns of an import CSV (docs/search.md); parameters are `param:<name>` columns. */
export const CSV_COLUMNS = [
  'supplier',
  'supplierRegion',
  'supplierVerified',
  'supplierContact',
  'model',
  'name',
  'brand',
  'category',
  'params',
  'priceBreaks',
  'moq',
  'stock',
  'leadTimeDays',
  'description',
  'datasheetUrl',
  'images',
] as const
export const PARAM_PREFIX = 'param:'

const FIXED = new Set<string>(CSV_COLUMNS)
const INTEGER_COLUMNS = new Set(['moq', 'stock', 'leadTimeDays'])
const TRUE = new Set(['true', '1', 'yes', 'y', '是'])
const FALSE = new Set(['false', '0', 'no', 'n', '否'])

/** The header's columns that are neither fixed nor parameters (reported once, then ignored). */
export function unknownColumns(header: string[]): string[] {
  return header.filter((h) => !FIXED.has(h) && !(h.startsWith(PARAM_PREFIX) && h.length > PARAM_PREFIX.length))
}

/**
 * One CSV row as an import record: empty cells are absent, numbers and booleans read from their text, price
 * breaks as `qty:price|qty:price` (or JSON), images separated by `|`, each `param:<name>` cell one parameter
 * (a value such as `0-1.6MPa`, enum values separated by `|`, or JSON for `{min, max, unit}`).
 */
export function csvRowToRecord(header: string[], cells: string[]): Record<string, unknown> {
  if (cells.length !== header.length)
    throw new RecordError(`the row has ${cells.length} cells, the header ${header.length} columns`)
  const record: Record<string, unknown> = {}
  const params: Record<string, unknown> = {}
  header.forEach((column, i) => {
    const cell = cells[i].trim()
    if (cell === '') return
    if (column.startsWith(PARAM_PREFIX)) {
      params[column.slice(PARAM_PREFIX.length).trim()] = /^[[{]/.test(cell) ? json(column, cell) : cell
    } else if (!FIXED.has(column)) {
      return
    } else if (column === 'params') {
      const parsed = json(column, cell)
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new RecordError('params: must be a JSON object')
      Object.assign(params, parsed)
    } else if (INTEGER_COLUMNS.has(column)) {
      record[column] = /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell
    } else if (column === 'supplierVerified') {
      const lower = cell.toLowerCase()
      record[column] = TRUE.has(lower) ? true : FALSE.has(lower) ? false : cell
    } else if (column === 'priceBreaks') {
      record[column] = cell.startsWith('[') ? json(column, cell) : priceBreaks(cell)
    } else if (column === 'images') {
      record[column] = cell
        .split('|')
        .map((url) => url.trim())
        .filter(Boolean)
    } else {
      record[column] = cell
    }
  })
  if (Object.keys(params).length) record.params = params
  return record
}

function json(column: string, cell: string): unknown {
  try {
    return JSON.parse(cell)
  } catch {
    throw new RecordError(`${column}: not valid JSON`)
  }
}

function priceBreaks(cell: string): Array<{ qty: number; price: number }> {
  return cell
    .split('|')
    .filter((pair) => pair.trim())
    .map((pair) => {
      const match = /^\s*(\d+)\s*[:：]\s*(\d+(?:\.\d+)?)\s*$/.exec(pair)
      if (!match) throw new RecordError(`priceBreaks: "${pair.trim()}" is not qty:price`)
      return { qty: Number(match[1]), price: Number(match[2]) }
    })
}
