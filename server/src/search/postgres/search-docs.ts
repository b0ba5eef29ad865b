import type { DataSource } from 'typeorm'
import { pgArray } from '../../database/pg-array'
import type { WrittenProduct } from '../../catalog/catalog-events'
import { docsOfWritten, loadDocsByIds, type CategoryInfo } from '../catalog-source'
import { normalizeEnum, staticRank, type SearchDoc, type TextTermMemo } from '../engine/search-index'
import { latinTokens, modelKeyOf } from '../text'

/** One row of `search_doc` (migration 1764490000000-PostgresSearch). */
export interface SearchDocRow {
  id: number
  model: string
  model_key: string
  terms: string[]
  category_ids: number[]
  enums: string[]
  region: string
  stock: number
  price_from: number | null
  break_qty: number[]
  break_price: number[]
  rank: number
}

/**
 * A product's row, with the terms the embedded index gives it (SearchIndex's constructor): `h:` bigrams and `w:`
 * words of name, brand and category path, `w:` Latin tokens of the model, `c:` category and ancestors,
 * `e:key=VALUE` enum values. Model fragments are matched on `model_key` with pg_trgm instead of `m:` terms; region,
 * stock and price are columns.
 */
export function docRow(doc: SearchDoc, textTerms: TextTermMemo): SearchDocRow {
  const terms = new Set<string>()
  // Each text on its own, as the embedded builder does (no term spans the space that would join them).
  for (const text of [doc.name, doc.brand, ...doc.categoryNames]) for (const term of textTerms.of(text)) terms.add(term)
  for (const token of latinTokens(doc.model)) terms.add(`w:${token}`)
  for (const id of doc.categoryIds) terms.add(`c:${id}`)
  const enums = new Set<string>()
  for (const p of doc.params) {
    if (p.value != null && p.min == null) {
      const value = normalizeEnum(p.value)
      terms.add(`e:${p.key}=${value}`)
      enums.add(`${p.key}=${value}`)
    }
  }
  const prices = doc.priceBreaks.map((b) => b.price)
  return {
    id: doc.id,
    model: doc.model,
    model_key: modelKeyOf(doc.model),
    terms: [...terms],
    category_ids: doc.categoryIds,
    enums: [...enums],
    region: doc.region,
    stock: doc.stock,
    price_from: prices.length ? Math.min(...prices) : null,
    break_qty: doc.priceBreaks.map((b) => b.qty),
    break_price: prices,
    rank: staticRank(doc),
  }
}

/** Rows per statement (one array parameter per column; the vocabulary trigger runs once a statement). */
const ROWS_PER_STATEMENT = 4000

/**
 * Writes the search rows of some products (inserted or replaced), reading them as the embedded engine does
 * (catalog-source.ts), or, for those in `written` (an import's chunk as it wrote them), from there without reading
 * them back (those changed since, by another process, are read back). A product deleted meanwhile is skipped (its row
 * went with it, ON DELETE CASCADE); the products are locked against deletion while their rows are written, so a
 * racing delete waits instead of breaking the foreign key. `updated_at` is the one the row was made from: as written,
 * or copied from the product in the same statement when read back, so staleness is compared in the database's terms.
 * Answers how many rows were written. The rows travel as one array per column (database/pg-array.ts); an array
 * column as the text of each row's array.
 */
export async function writeSearchDocs(
  db: DataSource,
  categories: Map<number, CategoryInfo>,
  ids: number[],
  textTerms: TextTermMemo,
  written?: Map<number, WrittenProduct>,
): Promise<number> {
  const given: WrittenProduct[] = []
  const unknown: number[] = []
  for (const id of ids) {
    const product = written?.get(id)
    if (product) given.push(product)
    else unknown.push(id)
  }
  let count = 0
  if (given.length) {
    const done = await writeRows(db, docsOfWritten(categories, given), textTerms, true)
    count += done.size
    // Changed since (another process wrote it again) or gone: read back.
    for (const product of given) if (!done.has(product.id)) unknown.push(product.id)
  }
  if (unknown.length)
    count += (await writeRows(db, await loadDocsByIds(db, categories, unknown), textTerms, false)).size
  return count
}

/**
 * Upserts the rows of `docs`, `ROWS_PER_STATEMENT` at a time; answers the ids written. `asWritten`: the documents
 * come from products as an import wrote them, and a row is written only while its product still has their
 * `updatedAt`; otherwise `updated_at` is the product's, copied in the same statement.
 */
async function writeRows(
  db: DataSource,
  docs: SearchDoc[],
  textTerms: TextTermMemo,
  asWritten: boolean,
): Promise<Set<number>> {
  const done = new Set<number>()
  for (let i = 0; i < docs.length; i += ROWS_PER_STATEMENT) {
    const slice = docs.slice(i, i + ROWS_PER_STATEMENT)
    const rows = slice.map((d) => docRow(d, textTerms))
    const column = (value: (row: SearchDocRow) => unknown) => pgArray(rows.map(value))
    const nested = (value: (row: SearchDocRow) => unknown[]) => pgArray(rows.map((row) => pgArray(value(row))))
    const answer = (await db.query(
      `INSERT INTO search_doc (product_id, model, model_key, terms, category_ids, enums, region, stock, price_from,
         break_qty, break_price, rank, updated_at)
       SELECT r.id, r.model, r.model_key, r.terms::text[], r.category_ids::int[], r.enums::text[], r.region, r.stock,
         r.price_from, r.break_qty::int[], r.break_price::int[], r.rank, COALESCE(r.updated_at, p."updatedAt")
       FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[],
         $9::int[], $10::text[], $11::text[], $12::float8[], $13::timestamp[])
         AS r(id, model, model_key, terms, category_ids, enums, region, stock, price_from, break_qty, break_price, rank,
           updated_at)
       JOIN product p ON p.id = r.id
       WHERE r.updated_at IS NULL OR r.updated_at = p."updatedAt"
       ORDER BY r.id
       FOR KEY SHARE OF p
       ON CONFLICT (product_id) DO UPDATE SET model = excluded.model, model_key = excluded.model_key,
         terms = excluded.terms, category_ids = excluded.category_ids, enums = excluded.enums,
         region = excluded.region, stock = excluded.stock, price_from = excluded.price_from,
         break_qty = excluded.break_qty, break_price = excluded.break_price, rank = excluded.rank,
         updated_at = excluded.updated_at
       RETURNING product_id`,
      [
        column((r) => r.id),
        column((r) => r.model),
        column((r) => r.model_key),
        nested((r) => r.terms),
        nested((r) => r.category_ids),
        nested((r) => r.enums),
        column((r) => r.region),
        column((r) => r.stock),
        column((r) => r.price_from),
        nested((r) => r.break_qty),
        nested((r) => r.break_price),
        column((r) => r.rank),
        pgArray(slice.map((d) => (asWritten ? new Date(d.updatedAt) : null))),
      ],
    )) as Array<{ product_id: number }>
    for (const row of answer) done.add(Number(row.product_id))
  }
  return done
}

/** Products whose search row is missing or older than the product (or its supplier's region). */
export async function staleProductIds(db: DataSource, limit: number): Promise<number[]> {
  const rows = (await db.query(
    `SELECT p.id FROM product p
       LEFT JOIN search_doc d ON d.product_id = p.id
       LEFT JOIN supplier s ON s.id = p."supplierId"
     WHERE d.product_id IS NULL OR d.updated_at <> p."updatedAt" OR d.region <> COALESCE(s.region, '')
     ORDER BY p.id LIMIT $1`,
    [limit],
  )) as Array<{ id: number }>
  return rows.map((r) => Number(r.id))
}
