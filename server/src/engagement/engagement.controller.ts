import { Controller } from '@nestjs/common'
import type { ArticleParams, MyListQuery } from '@chuangan/shared'
import { CurrentUser } from '../auth/current-user.decorator'
import { ContractParams, ContractQuery, Route } from '../common/contract'
import type { User } from '../users/user.entity'
import { LikesService } from './likes.service'

/** What a signed-in reader does to an article. */
@Controller()
export class EngagementController {
  constructor(private readonly likes: LikesService) {}

  @Route('viewerState')
  state(@CurrentUser() user: User, @ContractParams('viewerState') { id }: ArticleParams) {
    return this.likes.state(user.id, id)
  }

  @Route('myLikes')
  myLikes(@CurrentUser() user: User, @ContractQuery('myLikes') query: MyListQuery) {
    return this.likes.mine(user.id, query)
  }

  @Route('likeArticle')
  like(@CurrentUser() user: User, @ContractParams('likeArticle') { id }: ArticleParams) {
    return this.likes.like(user.id, id)
  }

  @Route('unlikeArticle')
  unlike(@CurrentUser() user: User, @ContractParams('unlikeArticle') { id }: ArticleParams) {
    return this.likes.unlike(user.id, id)
  }
}
