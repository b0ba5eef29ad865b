import { Controller, Header } from '@nestjs/common'
import { COMMENT_PAGE_SIZE, type ArticleParams } from '@chuangan/shared'
import { WantsViewer } from '../common/access'
import { CurrentUser } from '../auth/current-user.decorator'
import { ContractParams, Route } from '../common/contract'
import { JSON_TYPE, jsonObject } from '../common/json-body'
import { ArticlesService } from '../content/articles.service'
import { LikesService } from '../engagement/likes.service'
import type { User } from '../users/user.entity'
import { CommentPages } from './comment-pages.service'

/**
 * An article page's first load in one answer (`ArticlePageView`): the article as the detail route serves it (the
 * cached bytes, spliced in as they are), the caller's own state (engagement's one statement; null when not signed in)
 * and the first page of 热门 comments as the comment route serves it (the shared cached page with the caller's part put
 * in). Here because comments sit above engagement and content, so this module may use both.
 */
@Controller()
export class ArticlePageController {
  constructor(
    private readonly articles: ArticlesService,
    private readonly likes: LikesService,
    private readonly pages: CommentPages,
  ) {}

  @Route('articlePage')
  @WantsViewer()
  @Header('content-type', JSON_TYPE)
  async page(@ContractParams('articlePage') { id }: ArticleParams, @CurrentUser() viewer?: User): Promise<Buffer> {
    // An unknown or unpublished article fails all three the same way (ARTICLE_NOT_FOUND).
    const [article, state, comments] = await Promise.all([
      this.articles.detailBody(id),
      viewer ? this.likes.state(viewer.id, id) : null,
      this.pages.list(id, { sort: 'hot', limit: COMMENT_PAGE_SIZE }, viewer ?? null),
    ])
    return jsonObject({ article, viewer: state, comments })
  }
}
