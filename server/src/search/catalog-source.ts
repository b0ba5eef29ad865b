import { In, type DataSource } from 'typeorm'
import { Category, CategoryParam, Product, ProductParam, Supplier } from '../catalog/catalog.entity'
import type { WrittenProduct } from '../catalog/catalog-events'
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
  const toDocs = docsOf(categories)
  let after = 0
  for (;;) {
    const products = await selectProducts(db)
      .where('p.id > :after', { after })
      .orderBy('p.id', 'ASC')
      .limit(CHUNK)
      .getRawMany<RawProduct>()
    if (!products.length) return
    const first = Number(products[0].id)
    after = Number(products[products.length - 1].id)
    const params = await selectParams(db)
      .where('pp.productId BETWEEN :first AND :after', { first, after })
      .getRawMany<RawParam>()
    yield toDocs.rows(products, params, suppliers)
  }
}

/**
 * The search documents of some products (those that still exist), in id order: the same raw rows as `loadDocs`.
 * The ids are read as a range with the list inside it (an import's chunk is mostly consecutive ids): during a bulk
 * load the statistics lag, and PostgreSQL planned `productId = ANY(…)` alone as a scan of the whole parameter table
 * (1 s a chunk at 7 million rows, against 40 ms through the range). PostgreSQL gets the list as one array parameter
 * rather than thousands.
 */
export async function loadDocsByIds(
  db: DataSource,
  categories: Map<number, CategoryInfo>,
  ids: number[],
): Promise<SearchDoc[]> {
  if (!ids.length) return []
  const postgres = db.options.type === 'postgres'
  const byId = (column: string, list: number[]) => {
    let first = list[0]
    let last = list[0]
    for (const id of list) {
      if (id < first) first = id
      if (id > last) last = id
    }
    const among = postgres ? `${column} = ANY(:ids)` : `${column} IN (:...ids)`
    return [`${column} BETWEEN :first AND :last AND ${among}`, { first, last, ids: list }] as const
  }
  const products = await selectProducts(db)
    .where(...byId('p.id', ids))
    .orderBy('p.id', 'ASC')
    .getRawMany<RawProduct>()
  if (!products.length) return []
  const supplierIds = [...new Set(products.map((p) => Number(p.supplierId)))]
  const suppliers = new Map(
    (await db.getRepository(Supplier).find({ where: { id: In(supplierIds) } })).map((s) => [s.id, s]),
  )
  const params = await selectParams(db)
    .where(
      ...byId(
        'pp.productId',
        products.map((p) => Number(p.id)),
      ),
    )
    .getRawMany<RawParam>()
  return docsOf(categories).rows(products, params, suppliers)
}

/**
 * The search documents of products as an import's chunk wrote them (ProductsChanged.written): the same documents
 * `loadDocsByIds` would read back, without the reading.
 */
export function docsOfWritten(categories: Map<number, CategoryInfo>, written: WrittenProduct[]): SearchDoc[] {
  return docsOf(categories).written(written)
}

/**
 * Only the columns search needs, as raw rows: at 1,000,000 products, entity hydration and the descriptions, images
 * and parameter JSON would cost most of the build.
 */
function selectProducts(db: DataSource) {
  return db
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
}

function selectParams(db: DataSource) {
  return db
    .getRepository(ProductParam)
    .createQueryBuilder('pp')
    .select('pp.productId', 'productId')
    .addSelect('pp.key', 'key')
    .addSelect('pp.min', 'min')
    .addSelect('pp.max', 'max')
    .addSelect('pp.value', 'value')
}

/** Raw product and parameter rows as search documents (a parameter's dimension looked up once per category and key). */
function docsOf(categories: Map<number, CategoryInfo>) {
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
  const docOf = (
    row: RawProduct,
    params: Array<Omit<RawParam, 'productId'>>,
    supplier: Pick<Supplier, 'region' | 'verified'> | undefined,
  ): SearchDoc => {
    const id = Number(row.id)
    const categoryId = Number(row.categoryId)
    const category = categories.get(categoryId)
    return {
      id,
      model: row.model,
      name: row.name,
      brand: row.brand,
      categoryIds: category?.lineage ?? [categoryId],
      categoryNames: (category?.lineage ?? []).map((c) => categories.get(c)!.name),
      params: params.map((p) => {
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
  }
  return {
    /** Products with their parameter rows (any order) and suppliers by id. */
    rows(
      products: RawProduct[],
      params: RawParam[],
      suppliers: Map<number, Pick<Supplier, 'region' | 'verified'>>,
    ): SearchDoc[] {
      const paramsOf = new Map<number, RawParam[]>()
      for (const p of params) {
        const id = Number(p.productId)
        const list = paramsOf.get(id)
        if (list) list.push(p)
        else paramsOf.set(id, [p])
      }
      return products.map((row) =>
        docOf(row, paramsOf.get(Number(row.id)) ?? [], suppliers.get(Number(row.supplierId))),
      )
    },
    /** Products as an import wrote them. */
    written: (products: WrittenProduct[]): SearchDoc[] => products.map((w) => docOf(w, w.params, w.supplier)),
  }
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
