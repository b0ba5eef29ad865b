import { Controller } from '@nestjs/common'
import type { ArticleParams, ConversationListQuery, ConversationParams, MessageInput } from '@chuangan/shared'
import { CurrentUser } from '../auth/current-user.decorator'
import { ContractBody, ContractParams, ContractQuery, Route } from '../common/contract'
import { RateLimit } from '../rate-limit/rate-limit.guard'
import type { User } from '../users/user.entity'
import { MessagesService } from './messages.service'

/** 私信, the reader's side: writing to authors and 我的私信. */
@Controller()
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Route('myConversations')
  mine(@CurrentUser() user: User, @ContractQuery('myConversations') query: ConversationListQuery) {
    return this.messages.mine(user.id, query)
  }

  @Route('myUnreadMessages')
  async unread(@CurrentUser() user: User) {
    return { unread: await this.messages.unreadCount(user.id) }
  }

  @Route('conversationMessages')
  messagesOf(
    @CurrentUser() user: User,
    @ContractParams('conversationMessages') { id }: ConversationParams,
    @ContractQuery('conversationMessages') query: ConversationListQuery,
  ) {
    return this.messages.readerMessages(user.id, id, query)
  }

  @Route('readConversation')
  read(@CurrentUser() user: User, @ContractParams('readConversation') { id }: ConversationParams) {
    return this.messages.readerRead(user.id, id)
  }

  @Route('blockAuthor')
  block(@CurrentUser() user: User, @ContractParams('blockAuthor') { id }: ConversationParams) {
    return this.messages.readerBlock(user.id, id, true)
  }

  @Route('unblockAuthor')
  unblock(@CurrentUser() user: User, @ContractParams('unblockAuthor') { id }: ConversationParams) {
    return this.messages.readerBlock(user.id, id, false)
  }

  @Route('authorConversation')
  withAuthor(@CurrentUser() user: User, @ContractParams('authorConversation') { id }: ArticleParams) {
    return this.messages.withAuthor(user.id, id)
  }

  @Route('sendMessage')
  @RateLimit('message')
  send(
    @CurrentUser() user: User,
    @ContractParams('sendMessage') { id }: ArticleParams,
    @ContractBody('sendMessage') body: MessageInput,
  ) {
    return this.messages.send(user, id, body)
  }
}
