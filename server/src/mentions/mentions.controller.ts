import { Controller } from '@nestjs/common'
import type { ArticleParams, ProductArticlesQuery, ProductParams } from '@chuangan/shared'
import { ContractParams, ContractQuery, Route } from '../common/contract'
import { MentionsService } from './mentions.service'

/** 文中相关产品 and back: what an article lists, and the articles that list a product. Public; both only read. */
@Controller()
export class MentionsController {
  constructor(private readonly mentions: MentionsService) {}

  @Route('articleProducts')
  ofArticle(@ContractParams('articleProducts') { id }: ArticleParams) {
    return this.mentions.ofArticle(id)
  }

  @Route('productArticles')
  ofProduct(
    @ContractParams('productArticles') { id }: ProductParams,
    @ContractQuery('productArticles') query: ProductArticlesQuery,
  ) {
    return this.mentions.ofProduct(id, query)
  }
}
