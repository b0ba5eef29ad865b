import { Injectable } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import { DataSource, In } from 'typeorm'
import { SearchErrors, type ProductCard, type ProductDetail } from '@chuangan/shared'
import { AppError } from '../common/app-error'
import { Product, ProductParam, Supplier } from './catalog.entity'
import { productCard, productDetail, type CategoryForView } from './product-views'
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
