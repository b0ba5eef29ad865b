import { Controller } from '@nestjs/common'
import type {
  AdSlotInput,
  ArticleInput,
  ArticleUpdate,
  AuthorInput,
  ColumnInput,
  EditorArticleQuery,
  IssueInput,
  PeriodicalInput,
  ScheduleInput,
} from '@chuangan/shared'
import { AdsService } from '../ads/ads.service'
import { CurrentUser } from '../auth/current-user.decorator'
import { ContractBody, ContractParams, ContractQuery, Route } from '../common/contract'
import { ContentCache } from '../content/content-cache.service'
import type { User } from '../users/user.entity'
import { EditorArticlesService } from './editor-articles.service'
import { EditorCatalogService } from './editor-catalog.service'

type IdParam = { id: number }

/** The editor API: access per route comes from the contract (authors: own drafts and stats; the rest editors). */
@Controller()
export class EditorController {
  constructor(
    private readonly articles: EditorArticlesService,
    private readonly catalog: EditorCatalogService,
    private readonly ads: AdsService,
    private readonly cache: ContentCache,
  ) {}

  @Route('editorArticles')
  list(@CurrentUser() user: User, @ContractQuery('editorArticles') query: EditorArticleQuery) {
    return this.articles.list(user, query)
  }

  @Route('editorCreateArticle')
  create(@CurrentUser() user: User, @ContractBody('editorCreateArticle') body: ArticleInput) {
    return this.articles.create(user, body)
  }

  @Route('editorArticle')
  get(@CurrentUser() user: User, @ContractParams('editorArticle') { id }: IdParam) {
    return this.articles.get(user, id)
  }

  @Route('editorUpdateArticle')
  update(
    @CurrentUser() user: User,
    @ContractParams('editorUpdateArticle') { id }: IdParam,
    @ContractBody('editorUpdateArticle') body: ArticleUpdate,
  ) {
    return this.articles.update(user, id, body)
  }

  @Route('editorPublishArticle')
  publish(@CurrentUser() user: User, @ContractParams('editorPublishArticle') { id }: IdParam) {
    return this.articles.publish(user, id)
  }

  @Route('editorScheduleArticle')
  schedule(
    @CurrentUser() user: User,
    @ContractParams('editorScheduleArticle') { id }: IdParam,
    @ContractBody('editorScheduleArticle') body: ScheduleInput,
  ) {
    return this.articles.schedule(user, id, body.publishAt)
  }

  @Route('editorArchiveArticle')
  archive(@CurrentUser() user: User, @ContractParams('editorArchiveArticle') { id }: IdParam) {
    return this.articles.archive(user, id)
  }

  @Route('editorArticleStats')
  stats(@CurrentUser() user: User, @ContractParams('editorArticleStats') { id }: IdParam) {
    return this.articles.stats(user, id)
  }

  @Route('editorCreateAuthor')
  createAuthor(@ContractBody('editorCreateAuthor') body: AuthorInput) {
    return this.catalog.createAuthor(body)
  }

  @Route('editorCreateColumn')
  createColumn(@ContractBody('editorCreateColumn') body: ColumnInput) {
    return this.catalog.createColumn(body)
  }

  @Route('editorUpdateColumn')
  updateColumn(
    @ContractParams('editorUpdateColumn') { id }: IdParam,
    @ContractBody('editorUpdateColumn') body: Partial<ColumnInput>,
  ) {
    return this.catalog.updateColumn(id, body)
  }

  @Route('editorCreateTag')
  createTag(@ContractBody('editorCreateTag') body: { name: string }) {
    return this.catalog.createTag(body.name)
  }

  @Route('editorCreatePeriodical')
  createPeriodical(@ContractBody('editorCreatePeriodical') body: PeriodicalInput) {
    return this.catalog.createPeriodical(body)
  }

  @Route('editorCreateIssue')
  createIssue(
    @ContractParams('editorCreateIssue') { id }: IdParam,
    @ContractBody('editorCreateIssue') body: IssueInput,
  ) {
    return this.catalog.createIssue(id, body)
  }

  @Route('editorAdSlots')
  async adSlots() {
    return { items: await this.ads.list() }
  }

  @Route('editorCreateAdSlot')
  async createAdSlot(@ContractBody('editorCreateAdSlot') body: AdSlotInput) {
    const slot = await this.ads.create(body)
    await this.cache.invalidate()
    return slot
  }

  @Route('editorUpdateAdSlot')
  async updateAdSlot(
    @ContractParams('editorUpdateAdSlot') { id }: IdParam,
    @ContractBody('editorUpdateAdSlot') body: AdSlotInput,
  ) {
    const slot = await this.ads.replace(id, body)
    await this.cache.invalidate()
    return slot
  }
}
