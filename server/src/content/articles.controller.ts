import { Controller } from '@nestjs/common'
import type { ArticleParams, FeedQuery } from '@chuangan/shared'
import { ContractParams, ContractQuery, Route } from '../common/contract'
import { ArticlesService } from './articles.service'

@Controller()
export class ArticlesController {
  constructor(private readonly articles: ArticlesService) {}

  @Route('feed')
  feed(@ContractQuery('feed') query: FeedQuery) {
    return this.articles.feed(query)
  }

  @Route('article')
  article(@ContractParams('article') params: ArticleParams) {
    return this.articles.findPublished(params.id)
  }
}
