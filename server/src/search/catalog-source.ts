import { In, type DataSource } from 'typeorm'
import { Category, CategoryParam, Product, ProductParam, Supplier } from '../catalog/catalog.entity'
import type { SearchDoc } from './engine/search-index'

/** The category tree as search needs it: names and paths, ancestors, and each category's own parameters. */
export interface CategoryInfo {
  id: number
  parentId: number | null
  name: string
  path: string
  /** Root first, this category last. */
  lineage: number[]
  params: CategoryParam[]
}

const CHUNK = 5000

/** Every category with its lineage (ancestors first). */
export async function loadCategories(db: DataSource): Promise<Map<number, CategoryInfo>> {
  const [categories, params] = await Promise.all([
    db.getRepository(Category).find({ order: { depth: 'ASC', sortOrder: 'ASC', id: 'ASC' } }),
    db.getRepository(CategoryParam).find({ order: { sortOrder: 'ASC', id: 'ASC' } }),
  ])
  const byId = new Map<number, CategoryInfo>()
  for (const c of categories) {
    const parent = c.parentId !== null ? byId.get(c.parentId) : undefined
    byId.set(c.id, {
      id: c.id,
      parentId: c.parentId,
      name: c.name,
      path: c.path,
      lineage: [...(parent?.lineage ?? []), c.id],
      params: params.filter((p) => p.categoryId === c.id),
    })
  }
  return byId
}

/**
 * Reads the catalogue as search documents, `CHUNK` products at a time in id order (keyset, so memory stays flat and
 * no OFFSET rescans), with their typed parameters (read by primary-key range) and their supplier's region and badge.
 * Only the columns search needs, as raw rows: at 1,000,000 products, entity hydration and the descriptions, images
 * and parameter JSON would cost most of the build.
 */
export async function* loadDocs(db: DataSource, categories: Map<number, CategoryInfo>): AsyncGenerator<SearchDoc[]> {
  const suppliers = new Map((await db.getRepository(Supplier).find()).map((s) => [s.id, s]))
  const dimensions = new Map<string, string | null>()
  const dimensionOf = (categoryId: number, key: string): string | null => {
    const cacheKey = `${categoryId}:${key}`
    let dimension = dimensions.get(cacheKey)
    if (dimension === undefined) {
      dimension = null
      for (const id of categories.get(categoryId)?.lineage ?? []) {
        const def = categories.get(id)!.params.find((p) => p.key === key)
        if (def) {
          dimension = def.dimension
          break
        }
      }
      dimensions.set(cacheKey, dimension)
    }
    return dimension
  }
  let after = 0
  for (;;) {
    const products = await db
      .getRepository(Product)
      .createQueryBuilder('p')
      .select('p.id', 'id')
      .addSelect('p.model', 'model')
      .addSelect('p.name', 'name')
      .addSelect('p.brand', 'brand')
      .addSelect('p.categoryId', 'categoryId')
      .addSelect('p.priceBreaks', 'priceBreaks')
      .addSelect('p.stock', 'stock')
      .addSelect('p.supplierId', 'supplierId')
      .addSelect('p.updatedAt', 'updatedAt')
      .where('p.id > :after', { after })
      .orderBy('p.id', 'ASC')
      .limit(CHUNK)
      .getRawMany<RawProduct>()
    if (!products.length) return
    const first = Number(products[0].id)
    after = Number(products[products.length - 1].id)
    const params = await db
      .getRepository(ProductParam)
      .createQueryBuilder('pp')
      .select('pp.productId', 'productId')
      .addSelect('pp.key', 'key')
      .addSelect('pp.min', 'min')
      .addSelect('pp.max', 'max')
      .addSelect('pp.value', 'value')
      .where('pp.productId BETWEEN :first AND :after', { first, after })
      .getRawMany<RawParam>()
    const paramsOf = new Map<number, RawParam[]>()
    for (const p of params) {
      const id = Number(p.productId)
      const list = paramsOf.get(id)
      if (list) list.push(p)
      else paramsOf.set(id, [p])
    }
    yield products.map((row) => {
      const id = Number(row.id)
      const categoryId = Number(row.categoryId)
      const category = categories.get(categoryId)
      const supplier = suppliers.get(Number(row.supplierId))
      return {
        id,
        model: row.model,
        name: row.name,
        brand: row.brand,
        categoryIds: category?.lineage ?? [categoryId],
        categoryNames: (category?.lineage ?? []).map((c) => categories.get(c)!.name),
        params: (paramsOf.get(id) ?? []).map((p) => {
          const min = p.min === null ? null : Number(p.min)
          return {
            key: p.key,
            dimension: min !== null ? dimensionOf(categoryId, p.key) : null,
            min,
            max: p.max === null ? null : Number(p.max),
            value: p.value,
          }
        }),
        priceBreaks: parseBreaks(row.priceBreaks),
        stock: Number(row.stock),
        supplierId: Number(row.supplierId),
        region: supplier?.region ?? '',
        verified: supplier?.verified ?? false,
        updatedAt: millis(row.updatedAt),
      }
    })
  }
}

/** The search documents of some products (those that still exist), in id order. */
export async function loadDocsByIds(
  db: DataSource,
  categories: Map<number, CategoryInfo>,
  ids: number[],
): Promise<SearchDoc[]> {
  if (!ids.length) return []
  const products = await db.getRepository(Product).find({ where: { id: In(ids) }, order: { id: 'ASC' } })
  const supplierIds = [...new Set(products.map((p) => p.supplierId))]
  const suppliers = new Map(
    (supplierIds.length ? await db.getRepository(Supplier).find({ where: { id: In(supplierIds) } }) : []).map((s) => [
      s.id,
      s,
    ]),
  )
  return toDocs(db, products, categories, suppliers)
}

/** Products with their typed parameters and their supplier's region and badge, as search documents. */
async function toDocs(
  db: DataSource,
  products: Product[],
  categories: Map<number, CategoryInfo>,
  suppliers: Map<number, Supplier>,
): Promise<SearchDoc[]> {
  if (!products.length) return []
  const params = await db.getRepository(ProductParam).find({ where: { productId: In(products.map((p) => p.id)) } })
  const paramsOf = new Map<number, ProductParam[]>()
  for (const p of params) paramsOf.set(p.productId, [...(paramsOf.get(p.productId) ?? []), p])
  const dimensionOf = (categoryId: number, key: string): string | null => {
    for (const id of categories.get(categoryId)?.lineage ?? []) {
      const def = categories.get(id)!.params.find((p) => p.key === key)
      if (def) return def.dimension
    }
    return null
  }
  return products.map((p) => {
    const category = categories.get(p.categoryId)
    const supplier = suppliers.get(p.supplierId)
    return {
      id: p.id,
      model: p.model,
      name: p.name,
      brand: p.brand,
      categoryIds: category?.lineage ?? [p.categoryId],
      categoryNames: (category?.lineage ?? []).map((id) => categories.get(id)!.name),
      params: (paramsOf.get(p.id) ?? []).map((row) => ({
        key: row.key,
        dimension: row.min !== null ? dimensionOf(p.categoryId, row.key) : null,
        min: row.min,
        max: row.max,
        value: row.value,
      })),
      priceBreaks: parseBreaks(p.priceBreaks),
      stock: p.stock,
      supplierId: p.supplierId,
      region: supplier?.region ?? '',
      verified: supplier?.verified ?? false,
      updatedAt: p.updatedAt.getTime(),
    }
  })
}

interface RawProduct {
  id: number | string
  model: string
  name: string
  brand: string
  categoryId: number | string
  priceBreaks: string
  stock: number | string
  supplierId: number | string
  updatedAt: Date | string
}

interface RawParam {
  productId: number | string
  key: string
  min: number | string | null
  max: number | string | null
  value: string | null
}

/** A timestamp as the drivers return it raw: a Date (pg, mysql) or SQLite's UTC text `2026-12-05 07:28:08.123`. */
function millis(value: Date | string): number {
  if (value instanceof Date) return value.getTime()
  let text = value
  if (/^\d\d\d\d-\d\d-\d\d \d\d:\d\d/.test(text)) text = text.replace(' ', 'T')
  if (/^\d\d\d\d-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d\d\d)?)?$/.test(text)) text += 'Z'
  return new Date(text).getTime()
}

function parseBreaks(json: string): Array<{ qty: number; price: number }> {
  try {
    const breaks = JSON.parse(json) as Array<{ qty: number; price: number }>
    return Array.isArray(breaks) ? breaks.filter((b) => Number.isFinite(b.qty) && Number.isFinite(b.price)) : []
  } catch {
    return []
  }
}
