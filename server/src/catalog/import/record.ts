import { ImportRecord, modelKeyOf } from '@chuangan/shared'
import type { z } from 'zod'
import type { CategoryForImport } from '../taxonomy.service'
import { displayParam, ParamError, paramRows, type ParamRow } from './params'

/** A record ready to write: columns of product (prices in fen, JSON text) and its typed parameter rows. */
export interface PreparedProduct {
  supplier: { name: string; region: string; verified?: boolean; contact?: string }
  model: string
  modelKey: string
  name: string
  brand: string
  categoryId: number
  description: string
  datasheetUrl: string | null
  images: string
  params: string
  priceBreaks: string
  priceFrom: number | null
  moq: number
  stock: number
  leadTimeDays: number | null
  rows: ParamRow[]
}

/** Why a record cannot be imported, in words that name the field. */
export class RecordError extends Error {}

/**
 * Validates one record (already parsed from its format) against the contract and the taxonomy, and prepares its
 * columns. Throws RecordError naming the field and the reason.
 */
export function prepareRecord(raw: unknown, categories: Map<string, CategoryForImport>): PreparedProduct {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new RecordError('a record must be an object')
  const parsed = ImportRecord.safeParse(raw)
  if (!parsed.success) throw new RecordError(describeIssues(parsed.error.issues))
  const r = parsed.data
  const path = r.category
    .split('/')
    .map((part) => part.trim())
    .filter(Boolean)
    .join('/')
  const category = categories.get(path)
  if (!category) throw new RecordError(`category: unknown category path "${r.category}"`)

  const rows: ParamRow[] = []
  const display: Record<string, string> = {}
  const problems: string[] = []
  for (const [key, value] of Object.entries(r.params)) {
    const def = category.params.get(key)
    display[key] = displayParam(def, value)
    // A name the category does not define is kept for display only (not filterable).
    if (!def) continue
    try {
      const typed = paramRows(def, value)
      rows.push(...typed)
      if (def.kind === 'enum') display[key] = typed.map((r) => r.value).join(' / ')
    } catch (error) {
      if (!(error instanceof ParamError)) throw error
      problems.push(`params.${key}: ${error.message}`)
    }
  }
  if (problems.length) throw new RecordError(problems.join('; '))

  const breaks = [...r.priceBreaks]
    .sort((a, b) => a.qty - b.qty)
    .map((b) => ({ qty: b.qty, price: Math.round(b.price * 100) }))
  return {
    supplier: {
      name: r.supplier,
      region: r.supplierRegion,
      verified: r.supplierVerified,
      contact: r.supplierContact || undefined,
    },
    model: r.model,
    modelKey: modelKeyOf(r.model).slice(0, 64),
    name: r.name,
    brand: r.brand,
    categoryId: category.id,
    description: r.description,
    datasheetUrl: r.datasheetUrl,
    images: JSON.stringify(r.images),
    params: JSON.stringify(display),
    priceBreaks: JSON.stringify(breaks),
    priceFrom: breaks.length ? Math.min(...breaks.map((b) => b.price)) : null,
    moq: r.moq,
    stock: r.stock,
    leadTimeDays: r.leadTimeDays,
    rows,
  }
}

/** `model: is required; priceBreaks.0.qty: must be at least 1` — one clause per problem. */
export function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.join('.')
      let message = issue.message
      if (issue.code === 'invalid_type' && /received undefined$/.test(message)) message = 'is required'
      else if (issue.code === 'unrecognized_keys')
        return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
      return path ? `${path}: ${message}` : message
    })
    .join('; ')
}
