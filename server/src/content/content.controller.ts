import { Controller, Header, Req } from '@nestjs/common'
import type { ArticleParams, FeedQuery, ReadResult, SlugParams, TagParams } from '@chuangan/shared'
import { WantsViewer } from '../common/access'
import type { AuthedRequest } from '../auth/auth.guard'
import { ContractParams, ContractQuery, Route } from '../common/contract'
import { JSON_TYPE } from '../common/json-body'
import { ArticlesService } from './articles.service'
import { ContentCache } from './content-cache.service'
import { DirectoryService } from './directory.service'
import { readerKey } from './reader-key'

/**
 * Reader-facing content. What every reader sees alike is served from the content cache as ready JSON;
 * the caller's own state (likes, favorites) comes from separate small calls.
 */
@Controller()
export class ContentController {
  constructor(
    private readonly articles: ArticlesService,
    private readonly directory: DirectoryService,
    private readonly cache: ContentCache,
  ) {}

  @Route('ping')
  ping() {
    return { ok: true }
  }

  @Route('feed')
  @Header('content-type', JSON_TYPE)
  feed(@ContractQuery('feed') query: FeedQuery) {
    const key = `feed:${query.sort}:${query.limit}:${query.column ?? ''}:${query.tag ?? ''}:${query.author ?? ''}:${query.periodical ?? ''}:${query.cursor ?? ''}`
    return this.cache.json(key, () => this.articles.feed(query))
  }

  @Route('article')
  @Header('content-type', JSON_TYPE)
  article(@ContractParams('article') { id }: ArticleParams) {
    return this.articles.detailBody(id)
  }

  @Route('readArticle')
  @WantsViewer()
  read(@ContractParams('readArticle') { id }: ArticleParams, @Req() request: AuthedRequest): Promise<ReadResult> {
    return this.articles.countRead(id, readerKey(request))
  }

  @Route('author')
  @Header('content-type', JSON_TYPE)
  author(@ContractParams('author') { id }: ArticleParams) {
    return this.cache.json(`author:${id}`, () => this.articles.authorProfile(id))
  }

  @Route('columns')
  @Header('content-type', JSON_TYPE)
  columns() {
    return this.cache.json('columns', async () => ({ items: await this.directory.columnList() }))
  }

  @Route('column')
  @Header('content-type', JSON_TYPE)
  column(@ContractParams('column') { slug }: SlugParams) {
    return this.cache.json(`column:${slug}`, () => this.directory.column(slug))
  }

  @Route('hotTags')
  @Header('content-type', JSON_TYPE)
  hotTags() {
    return this.cache.json('tags:hot', async () => ({ items: await this.directory.hotTags() }))
  }

  @Route('tag')
  @Header('content-type', JSON_TYPE)
  tag(@ContractParams('tag') { name }: TagParams) {
    return this.cache.json(`tag:${name}`, () => this.directory.tag(name))
  }

  @Route('periodicals')
  @Header('content-type', JSON_TYPE)
  periodicals() {
    return this.cache.json('periodicals', async () => ({ items: await this.directory.periodicalList() }))
  }

  @Route('periodical')
  @Header('content-type', JSON_TYPE)
  periodical(@ContractParams('periodical') { id }: { id: number }) {
    return this.cache.json(`periodical:${id}`, () => this.directory.periodical(id))
  }
}
