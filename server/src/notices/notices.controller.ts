import { Controller } from '@nestjs/common'
import type { NoticeListQuery, NoticeParams } from '@chuangan/shared'
import { CurrentUser } from '../auth/current-user.decorator'
import { ContractParams, ContractQuery, Route } from '../common/contract'
import type { User } from '../users/user.entity'
import { NoticesService } from './notices.service'

/** 消息: the signed-in reader's own notices (access `user`, from the contract). */
@Controller()
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Route('myNotices')
  list(@CurrentUser() user: User, @ContractQuery('myNotices') query: NoticeListQuery) {
    return this.notices.list(user.id, query)
  }

  @Route('unreadNotices')
  unread(@CurrentUser() user: User) {
    return this.notices.unread(user.id)
  }

  @Route('readNotice')
  read(@CurrentUser() user: User, @ContractParams('readNotice') { id }: NoticeParams) {
    return this.notices.read(user.id, id)
  }

  @Route('readAllNotices')
  readAll(@CurrentUser() user: User) {
    return this.notices.readAll(user.id)
  }
}
