import { In, MoreThan, type DataSource } from 'typeorm'
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
 * no OFFSET rescans), with their typed parameters and their supplier's region and badge.
 */
export async function* loadDocs(db: DataSource, categories: Map<number, CategoryInfo>): AsyncGenerator<SearchDoc[]> {
  const suppliers = new Map((await db.getRepository(Supplier).find()).map((s) => [s.id, s]))
  let after = 0
  for (;;) {
    const products = await db.getRepository(Product).find({
      where: { id: MoreThan(after) },
      order: { id: 'ASC' },
      take: CHUNK,
    })
    if (!products.length) return
    after = products[products.length - 1].id
    yield toDocs(db, products, categories, suppliers)
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

function parseBreaks(json: string): Array<{ qty: number; price: number }> {
  try {
    const breaks = JSON.parse(json) as Array<{ qty: number; price: number }>
    return Array.isArray(breaks) ? breaks.filter((b) => Number.isFinite(b.qty) && Number.isFinite(b.price)) : []
  } catch {
    return []
  }
}
