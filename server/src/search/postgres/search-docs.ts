import type { DataSource } from 'typeorm'
import { loadDocsByIds, type CategoryInfo } from '../catalog-source'
import { normalizeEnum, staticRank, textTerms, type Segment, type SearchDoc } from '../engine/search-index'
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
export function docRow(doc: SearchDoc, segment: Segment): SearchDocRow {
  const terms = new Set<string>()
  for (const term of textTerms([doc.name, doc.brand, ...doc.categoryNames].join(' '), segment)) terms.add(term)
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

/** Rows per statement (one JSON parameter each). */
const ROWS_PER_STATEMENT = 1000

/**
 * Writes the search rows of some products (inserted or replaced), reading them as the embedded engine does
 * (catalog-source.ts). A product deleted meanwhile is skipped (its row went with it, ON DELETE CASCADE); the
 * products are locked against deletion while their rows are written, so a racing delete waits instead of breaking
 * the foreign key.
 * `updated_at` is copied from the product in the same statement, so staleness is compared in the database's terms.
 */
export async function writeSearchDocs(
  db: DataSource,
  categories: Map<number, CategoryInfo>,
  ids: number[],
  segment: Segment,
): Promise<number> {
  const docs = await loadDocsByIds(db, categories, ids)
  for (let i = 0; i < docs.length; i += ROWS_PER_STATEMENT) {
    const rows = docs.slice(i, i + ROWS_PER_STATEMENT).map((d) => docRow(d, segment))
    await db.query(
      `INSERT INTO search_doc (product_id, model, model_key, terms, category_ids, enums, region, stock, price_from,
         break_qty, break_price, rank, updated_at)
       SELECT r.id, r.model, r.model_key,
         ARRAY(SELECT jsonb_array_elements_text(r.terms)),
         ARRAY(SELECT jsonb_array_elements_text(r.category_ids)::int),
         ARRAY(SELECT jsonb_array_elements_text(r.enums)),
         r.region, r.stock, r.price_from,
         ARRAY(SELECT jsonb_array_elements_text(r.break_qty)::int),
         ARRAY(SELECT jsonb_array_elements_text(r.break_price)::int),
         r.rank, p."updatedAt"
       FROM jsonb_to_recordset($1::jsonb) AS r(id int, model text, model_key text, terms jsonb, category_ids jsonb,
         enums jsonb, region text, stock int, price_from int, break_qty jsonb, break_price jsonb, rank float8)
       JOIN product p ON p.id = r.id
       ORDER BY r.id
       FOR KEY SHARE OF p
       ON CONFLICT (product_id) DO UPDATE SET model = excluded.model, model_key = excluded.model_key,
         terms = excluded.terms, category_ids = excluded.category_ids, enums = excluded.enums,
         region = excluded.region, stock = excluded.stock, price_from = excluded.price_from,
         break_qty = excluded.break_qty, break_price = excluded.break_price, rank = excluded.rank,
         updated_at = excluded.updated_at`,
      [JSON.stringify(rows)],
    )
  }
  return docs.length
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
