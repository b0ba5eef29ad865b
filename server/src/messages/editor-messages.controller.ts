import { Controller } from '@nestjs/common'
import type {
  ConversationListQuery,
  ConversationParams,
  EditorConversationQuery,
  MessageIdParams,
  MessageInput,
} from '@chuangan/shared'
import { CurrentUser } from '../auth/current-user.decorator'
import { ContractBody, ContractParams, ContractQuery, Route } from '../common/contract'
import { RateLimit } from '../rate-limit/rate-limit.guard'
import type { User } from '../users/user.entity'
import { MessagesService } from './messages.service'

/**
 * 私信, the author's side under /api/editor (access `author`: an author account answers its own author's mail,
 * editors answer for authors without an account), and editors' review of held messages (access `editor`).
 */
@Controller()
export class EditorMessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Route('editorConversations')
  list(@CurrentUser() user: User, @ContractQuery('editorConversations') query: EditorConversationQuery) {
    return this.messages.authorList(user, query)
  }

  @Route('editorConversationMessages')
  messagesOf(
    @CurrentUser() user: User,
    @ContractParams('editorConversationMessages') { id }: ConversationParams,
    @ContractQuery('editorConversationMessages') query: ConversationListQuery,
  ) {
    return this.messages.authorMessages(user, id, query)
  }

  @Route('editorAnswer')
  @RateLimit('message')
  answer(
    @CurrentUser() user: User,
    @ContractParams('editorAnswer') { id }: ConversationParams,
    @ContractBody('editorAnswer') body: MessageInput,
  ) {
    return this.messages.answer(user, id, body)
  }

  @Route('editorReadConversation')
  read(@CurrentUser() user: User, @ContractParams('editorReadConversation') { id }: ConversationParams) {
    return this.messages.authorRead(user, id)
  }

  @Route('editorBlockReader')
  block(@CurrentUser() user: User, @ContractParams('editorBlockReader') { id }: ConversationParams) {
    return this.messages.authorBlock(user, id, true)
  }

  @Route('editorUnblockReader')
  unblock(@CurrentUser() user: User, @ContractParams('editorUnblockReader') { id }: ConversationParams) {
    return this.messages.authorBlock(user, id, false)
  }

  @Route('editorPendingMessages')
  pending(@ContractQuery('editorPendingMessages') query: ConversationListQuery) {
    return this.messages.pending(query)
  }

  @Route('editorPublishMessage')
  publish(@ContractParams('editorPublishMessage') { id }: MessageIdParams) {
    return this.messages.review(id, 'published')
  }

  @Route('editorRejectMessage')
  reject(@ContractParams('editorRejectMessage') { id }: MessageIdParams) {
    return this.messages.review(id, 'rejected')
  }
}
