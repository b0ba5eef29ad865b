import { Injectable } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import { DataSource, In } from 'typeorm'
import {
  SearchErrors,
  modelKeyOf,
  type Comparison,
  type ProductCard,
  type ProductDetail,
  type SupplierProducts,
  type SupplierProductsQuery,
  type SupplierProfile,
} from '@chuangan/shared'
import { AppError } from '../common/app-error'
import { keysetPage } from '../common/keyset'
import { Product, ProductParam, Supplier } from './catalog.entity'
import { compareProducts } from './compare'
import { productCard, productDetail, responseFigures, type CategoryForView } from './product-views'
import type { StoredParamDef } from './taxonomy.service'
import { TaxonomyService } from './taxonomy.service'

/**
 * Products as buyers read them: cards for a list of ids (search results, later compare and folders) and one
 * product's page. The taxonomy is read once and again only when a product names a category it has not seen.
 */
@Injectable()
export class ProductsService {
  private categories: Map<number, CategoryForView> | null = null

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly taxonomy: TaxonomyService,
  ) {}

  /** Cards in the order of `ids`; ids no longer in the catalogue are left out. */
  async cards(ids: number[]): Promise<ProductCard[]> {
    if (!ids.length) return []
    const products = await this.db.getRepository(Product).find({ where: { id: In(ids) } })
    const suppliers = await this.suppliers(products)
    const categories = await this.categoriesFor(products)
    const byId = new Map(products.map((p) => [p.id, p]))
    return ids
      .map((id) => byId.get(id))
      .filter((p): p is Product => p !== undefined)
      .map((p) => productCard(p, categories.get(p.categoryId)!, suppliers.get(p.supplierId)!))
  }

  async detail(id: number): Promise<ProductDetail> {
    const product = await this.db.getRepository(Product).findOneBy({ id })
    if (!product) throw AppError.of(SearchErrors.PRODUCT_NOT_FOUND)
    const [suppliers, categories, rows] = await Promise.all([
      this.suppliers([product]),
      this.categoriesFor([product]),
      this.db.getRepository(ProductParam).findBy({ productId: id }),
    ])
    return productDetail(product, categories.get(product.categoryId)!, suppliers.get(product.supplierId)!, rows)
  }

  /** Typed parameter rows of many products (alternatives compare candidates with them). */
  async paramRows(ids: number[]): Promise<Map<number, ProductParam[]>> {
    const byProduct = new Map<number, ProductParam[]>(ids.map((id) => [id, []]))
    if (!ids.length) return byProduct
    for (const row of await this.db.getRepository(ProductParam).find({ where: { productId: In(ids) } })) {
      byProduct.get(row.productId)?.push(row)
    }
    return byProduct
  }

  /** Products side by side, in the order asked (an unknown id: 404). See compare.ts. */
  async compare(ids: number[]): Promise<Comparison> {
    const products = await Promise.all(ids.map((id) => this.detail(id)))
    const categories = await this.categoriesById()
    const defs = new Map<string, StoredParamDef>()
    for (const product of products) {
      for (const def of categories.get(product.category.id)?.params ?? [])
        if (!defs.has(def.key)) defs.set(def.key, def)
    }
    return compareProducts(products, (key) => defs.get(key))
  }

  /** A supplier's profile: its products counted, per category too. */
  async supplier(id: number): Promise<SupplierProfile> {
    const supplier = await this.db.getRepository(Supplier).findOneBy({ id })
    if (!supplier) throw AppError.of(SearchErrors.SUPPLIER_NOT_FOUND)
    const counts: Array<{ categoryId: number | string; count: number | string }> = await this.db
      .getRepository(Product)
      .createQueryBuilder('p')
      .select('p.categoryId', 'categoryId')
      .addSelect('COUNT(*)', 'count')
      .where('p.supplierId = :id', { id })
      .groupBy('p.categoryId')
      .getRawMany()
    const categories = await this.categoriesById()
    const perCategory = counts
      .map((c) => ({ category: categories.get(Number(c.categoryId)), count: Number(c.count) }))
      .filter((c): c is { category: CategoryForView; count: number } => c.category !== undefined)
      .map(({ category, count }) => ({ id: category.id, name: category.name, path: category.path, count }))
      .sort((a, b) => b.count - a.count || a.id - b.id)
    return {
      id: supplier.id,
      name: supplier.name,
      region: supplier.region,
      verified: Boolean(supplier.verified),
      contact: supplier.contact,
      productCount: perCategory.reduce((n, c) => n + c.count, 0),
      categories: perCategory,
      ...responseFigures(supplier),
      since: supplier.createdAt.toISOString(),
    }
  }

  /**
   * A supplier's products, newest id first, keyset-paged; `q` keeps those whose model (case and punctuation ignored)
   * or name contains it, `category` those in it or below. The search engines have no supplier filter yet
   * (docs/search.md), so this pages the catalogue itself.
   */
  async supplierProducts(id: number, query: SupplierProductsQuery): Promise<SupplierProducts> {
    const exists = await this.db.getRepository(Supplier).existsBy({ id })
    if (!exists) throw AppError.of(SearchErrors.SUPPLIER_NOT_FOUND)
    const qb = this.db
      .getRepository(Product)
      .createQueryBuilder('p')
      .where('p.supplierId = :supplierId', { supplierId: id })
    if (query.category !== undefined) {
      const categories = await this.categoriesById()
      const chosen = categories.get(query.category)
      if (!chosen) throw AppError.of(SearchErrors.UNKNOWN_CATEGORY, { field: 'query.category' })
      const within = [...categories.values()]
        .filter((c) => c.path === chosen.path || c.path.startsWith(`${chosen.path}/`))
        .map((c) => c.id)
      qb.andWhere('p.categoryId IN (:...within)', { within })
    }
    if (query.q) {
      const like = (text: string) => `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`
      const key = modelKeyOf(query.q)
      qb.andWhere(
        key
          ? "(p.modelKey LIKE :modelLike ESCAPE '!' OR p.name LIKE :nameLike ESCAPE '!')"
          : "p.name LIKE :nameLike ESCAPE '!'",
        { modelLike: like(key), nameLike: like(query.q) },
      )
    }
    const page = await keysetPage(qb, {
      order: 'supplier',
      key: { column: 'p.id', kind: 'integer', of: (p) => p.id },
      id: { column: 'p.id', of: (p) => p.id },
      limit: query.limit,
      cursor: query.cursor,
    })
    return { items: await this.cards(page.items.map((p) => p.id)), nextCursor: page.nextCursor }
  }

  /** Every category with its inherited parameter definitions, by id. */
  async categoriesById(): Promise<Map<number, CategoryForView>> {
    if (!this.categories) {
      const byPath = await this.taxonomy.categoriesByPath()
      this.categories = new Map(
        [...byPath.values()].map((c) => [
          c.id,
          { id: c.id, name: c.name, path: c.path, params: [...c.params.values()] },
        ]),
      )
    }
    return this.categories
  }

  private async categoriesFor(products: Product[]): Promise<Map<number, CategoryForView>> {
    let categories = await this.categoriesById()
    if (products.some((p) => !categories.has(p.categoryId))) {
      this.categories = null
      categories = await this.categoriesById()
    }
    return categories
  }

  private async suppliers(products: Product[]): Promise<Map<number, Supplier>> {
    const ids = [...new Set(products.map((p) => p.supplierId))]
    if (!ids.length) return new Map()
    const rows = await this.db.getRepository(Supplier).find({ where: { id: In(ids) } })
    return new Map(rows.map((s) => [s.id, s]))
  }
}
