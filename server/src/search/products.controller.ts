import { Controller } from '@nestjs/common'
import type {
  AlternativesQuery,
  CompareQuery,
  ProductParams,
  SupplierParams,
  SupplierProductsQuery,
} from '@chuangan/shared'
import { ProductsService } from '../catalog/products.service'
import { ContractParams, ContractQuery, Route } from '../common/contract'
import { AlternativesService } from './alternatives.service'

/** 传感搜 2's public pages: a product's alternatives, compare, a supplier and its products. */
@Controller()
export class ProductsController {
  constructor(
    private readonly products: ProductsService,
    private readonly alternatives: AlternativesService,
  ) {}

  @Route('productCompare')
  compare(@ContractQuery('productCompare') { ids }: CompareQuery) {
    return this.products.compare(ids)
  }

  @Route('productAlternatives')
  alternativesOf(
    @ContractParams('productAlternatives') { id }: ProductParams,
    @ContractQuery('productAlternatives') { limit }: AlternativesQuery,
  ) {
    return this.alternatives.of(id, limit)
  }

  @Route('supplier')
  supplier(@ContractParams('supplier') { id }: SupplierParams) {
    return this.products.supplier(id)
  }

  @Route('supplierProducts')
  supplierProducts(
    @ContractParams('supplierProducts') { id }: SupplierParams,
    @ContractQuery('supplierProducts') query: SupplierProductsQuery,
  ) {
    return this.products.supplierProducts(id, query)
  }
}
