import type { EntityManager } from 'typeorm'
import { Product, ProductParam, Supplier } from '../catalog.entity'
import type { ProductsChanged } from '../catalog-events'
import type { ParamRow } from './params'
import type { PreparedProduct } from './record'
import type { BulkSql } from './sql'

interface KnownSupplier {
  id: number
  region: string
  verified: boolean
  contact: string | null
}

const PRODUCT_COLUMNS = [
  'supplierId',
  'model',
  'modelKey',
  'name',
  'brand',
  'categoryId',
  'description',
  'datasheetUrl',
  'images',
  'params',
  'priceBreaks',
  'priceFrom',
  'moq',
  'stock',
  'leadTimeDays',
  'createdAt',
  'updatedAt',
] as const
/** On re-import everything but the identity and the creation time is replaced. */
const UPDATED_COLUMNS = PRODUCT_COLUMNS.filter((c) => c !== 'supplierId' && c !== 'createdAt')
const PARAM_COLUMNS = ['productId', 'key', 'seq', 'min', 'max', 'value'] as const

/**
 * Writes chunks of prepared products inside a transaction the caller opens: suppliers created or updated by name,
 * products upserted by (supplier, model) in multi-row statements, their parameter rows replaced. Keeps the
 * suppliers it has seen (call `forget()` after a rolled-back chunk).
 */
export class ProductWriter {
  private suppliers = new Map<string, KnownSupplier>()

  constructor(private readonly sql: BulkSql) {}

  forget(): void {
    this.suppliers = new Map()
  }

  async write(em: EntityManager, products: PreparedProduct[], now: Date): Promise<ProductsChanged> {
    await this.sql.begin(em)
    const supplierIds = await this.resolveSuppliers(em, products, now)
    const sql = this.sql
    const at = sql.persisted(Product, 'updatedAt', now)
    const keyOf = (supplierId: number, model: string) => `${supplierId}\u0000${sql.sameKey(model)}`
    const lookup = async (wanted: Array<{ supplierId: number; model: string }>) => {
      const found = new Map<string, number>()
      const pairs = sql.pairs(
        'w',
        ['s', 'm'],
        ['integer', 'varchar'],
        wanted.map((w) => [w.supplierId, w.model]),
      )
      const rows = await sql.run(
        em,
        `${pairs.sql} SELECT p.${sql.id('id')} AS ${sql.id('id')}, ` +
          `p.${sql.id('supplierId')} AS ${sql.id('supplierId')}, p.${sql.id('model')} AS ${sql.id('model')} ` +
          `FROM w JOIN ${sql.id('product')} p ON p.${sql.id('supplierId')} = w.s AND p.${sql.id('model')} = w.m`,
        pairs.params,
      )
      for (const row of rows) found.set(keyOf(Number(row.supplierId), String(row.model)), Number(row.id))
      return found
    }

    // In the order of the unique index, which then grows a few pages at a time.
    const keyed = products
      .map((p) => ({ p, supplierId: supplierIds.get(sql.sameKey(p.supplier.name))! }))
      .sort((a, b) => a.supplierId - b.supplierId || compare(a.p.model, b.p.model))
    // PostgreSQL tells from the upsert itself which rows existed (`inserted` below); elsewhere they are looked up.
    const existing = sql.postgres
      ? new Map<string, number>()
      : await lookup(keyed.map((k) => ({ supplierId: k.supplierId, model: k.p.model })))

    const written = new Map<string, number>()
    const returned = await sql.insertRows(
      em,
      Product,
      PRODUCT_COLUMNS,
      keyed.map(({ p, supplierId }) => [
        supplierId,
        p.model,
        p.modelKey,
        p.name,
        p.brand,
        p.categoryId,
        p.description,
        p.datasheetUrl,
        p.images,
        p.params,
        p.priceBreaks,
        p.priceFrom,
        p.moq,
        p.stock,
        p.leadTimeDays,
        at,
        at,
      ]),
      {
        upsert: { conflict: ['supplierId', 'model'], update: UPDATED_COLUMNS },
        returning: ['id', 'supplierId', 'model'],
        inserted: true,
      },
    )
    for (const row of returned) {
      const key = keyOf(Number(row.supplierId), String(row.model))
      written.set(key, Number(row.id))
      if (row.inserted === false) existing.set(key, Number(row.id))
    }

    const created = keyed.filter((k) => !existing.has(keyOf(k.supplierId, k.p.model)))
    const createdIds =
      sql.returning || !created.length
        ? written
        : await lookup(created.map((k) => ({ supplierId: k.supplierId, model: k.p.model })))
    const idOf = (k: (typeof keyed)[number]) => {
      const key = keyOf(k.supplierId, k.p.model)
      return existing.get(key) ?? createdIds.get(key)!
    }

    const updatedIds = [...existing.values()]
    if (updatedIds.length) {
      const where = sql.anyOf('productId', 'integer', updatedIds)
      await sql.run(em, `DELETE FROM ${sql.id('product_param')} WHERE ${where.sql}`, where.params)
    }
    const rows: Array<ParamRow & { productId: number }> = []
    for (const k of keyed) {
      const productId = idOf(k)
      for (const r of k.p.rows) rows.push({ productId, ...r })
    }
    // In index order (key, then value or span): both parameter indexes then fill a few pages at a time instead of
    // touching one page per row.
    rows.sort(
      (a, b) => compare(a.key, b.key) || compare(a.value, b.value) || compare(a.min, b.min) || compare(a.max, b.max),
    )
    await sql.insertRows(
      em,
      ProductParam,
      PARAM_COLUMNS,
      rows.map((r) => [r.productId, r.key, r.seq, r.min, r.max, r.value]),
    )
    // For the PostgreSQL search engine's rows (ProductsChanged.written); the other databases' engines read back.
    const asWritten = !sql.postgres
      ? undefined
      : keyed.map((k) => {
          const supplier = this.suppliers.get(sql.sameKey(k.p.supplier.name))!
          return {
            id: idOf(k),
            model: k.p.model,
            name: k.p.name,
            brand: k.p.brand,
            categoryId: k.p.categoryId,
            priceBreaks: k.p.priceBreaks,
            stock: k.p.stock,
            supplierId: k.supplierId,
            supplier: { region: supplier.region, verified: supplier.verified },
            updatedAt: now,
            params: k.p.rows,
          }
        })
    return { created: created.map(idOf), updated: updatedIds, written: asWritten }
  }

  /** Supplier ids by name (as the database compares names); new suppliers created, changed ones updated. */
  private async resolveSuppliers(
    em: EntityManager,
    products: PreparedProduct[],
    now: Date,
  ): Promise<Map<string, number>> {
    const repo = em.getRepository(Supplier)
    const sql = this.sql
    // The last record of a chunk says what a supplier is now.
    const wanted = new Map<string, PreparedProduct['supplier']>()
    for (const p of products) wanted.set(sql.sameKey(p.supplier.name), p.supplier)

    const unknown = [...wanted.keys()].filter((k) => !this.suppliers.has(k))
    const remember = (rows: Supplier[]) => {
      for (const s of rows) {
        this.suppliers.set(sql.sameKey(s.name), {
          id: s.id,
          region: s.region,
          verified: Boolean(s.verified),
          contact: s.contact,
        })
      }
    }
    const find = (keys: string[]) =>
      keys.length
        ? repo
            .createQueryBuilder('s')
            .where('s.name IN (:...names)', { names: keys.map((k) => wanted.get(k)!.name) })
            .getMany()
        : Promise.resolve([])
    remember(await find(unknown))
    const missing = unknown.filter((k) => !this.suppliers.has(k))
    if (missing.length) {
      await repo
        .createQueryBuilder()
        .insert()
        .values(
          missing.map((k) => {
            const s = wanted.get(k)!
            return {
              name: s.name,
              region: s.region,
              verified: s.verified ?? false,
              contact: s.contact ?? null,
              createdAt: now,
              updatedAt: now,
            }
          }),
        )
        .orIgnore()
        .updateEntity(false)
        .execute()
      remember(await find(missing))
    }

    const ids = new Map<string, number>()
    for (const [key, s] of wanted) {
      const known = this.suppliers.get(key)
      if (!known) throw new Error(`supplier "${s.name}" could not be created`)
      ids.set(key, known.id)
      const next = {
        region: s.region,
        verified: s.verified ?? known.verified,
        contact: s.contact ?? known.contact,
      }
      if (next.region !== known.region || next.verified !== known.verified || next.contact !== known.contact) {
        await repo.update({ id: known.id }, { ...next, updatedAt: now })
        Object.assign(known, next)
      }
    }
    return ids
  }
}

/** Nulls first, then numbers or strings in ascending order. */
function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  return a < b ? -1 : 1
}
