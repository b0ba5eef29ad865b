import { Controller, Req } from '@nestjs/common'
import type { FollowParams, MyFollowsQuery, MyListQuery } from '@chuangan/shared'
import type { AuthedRequest } from '../auth/auth.guard'
import { CurrentUser } from '../auth/current-user.decorator'
import { WantsViewer } from '../common/access'
import { ContractParams, ContractQuery, Route } from '../common/contract'
import type { User } from '../users/user.entity'
import { FollowsService } from './follows.service'

/** 关注 and 期刊订阅: the buttons, 我的关注 and the 关注 feed. */
@Controller()
export class FollowsController {
  constructor(private readonly follows: FollowsService) {}

  @Route('followState')
  @WantsViewer()
  state(@ContractParams('followState') { kind, id }: FollowParams, @Req() request: AuthedRequest) {
    return this.follows.state(request.user?.id ?? null, kind, id)
  }

  @Route('follow')
  follow(@CurrentUser() user: User, @ContractParams('follow') { kind, id }: FollowParams) {
    return this.follows.follow(user.id, kind, id)
  }

  @Route('unfollow')
  unfollow(@CurrentUser() user: User, @ContractParams('unfollow') { kind, id }: FollowParams) {
    return this.follows.unfollow(user.id, kind, id)
  }

  @Route('myFollows')
  mine(@CurrentUser() user: User, @ContractQuery('myFollows') query: MyFollowsQuery) {
    return this.follows.mine(user.id, query)
  }

  @Route('followingFeed')
  feed(@CurrentUser() user: User, @ContractQuery('followingFeed') query: MyListQuery) {
    return this.follows.feed(user.id, query)
  }
}
