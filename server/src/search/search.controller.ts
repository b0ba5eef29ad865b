import { Controller } from '@nestjs/common'
import type { ProductParams, SearchQuery, SuggestQuery } from '@chuangan/shared'
import { ProductsService } from '../catalog/products.service'
import { ContractParams, ContractQuery, Route } from '../common/contract'
import { SearchService } from './search.service'

/** 传感搜's public API: search, suggestions, hot searches, the category tree and a product. */
@Controller()
export class SearchController {
  constructor(
    private readonly search: SearchService,
    private readonly products: ProductsService,
  ) {}

  @Route('search')
  find(@ContractQuery('search') query: SearchQuery) {
    return this.search.search(query)
  }

  @Route('searchSuggest')
  suggest(@ContractQuery('searchSuggest') { q }: SuggestQuery) {
    return this.search.suggest(q)
  }

  @Route('searchHot')
  hot() {
    return this.search.hot()
  }

  @Route('categories')
  categories() {
    return this.search.categoryTree()
  }

  @Route('product')
  product(@ContractParams('product') { id }: ProductParams) {
    return this.products.detail(id)
  }
}
