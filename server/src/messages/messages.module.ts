import { Module } from '@nestjs/common'
import { EditorMessagesController } from './editor-messages.controller'
import { MessagesController } from './messages.controller'
import { MessagesService } from './messages.service'

/**
 * 私信: conversations between readers and authors, the author's side in the editor API, editors' review of held
 * messages. ContentCheckService and RateLimitService come from global modules. Exports MessagesService for account
 * deletion (`forgetUser`) and the 我的 badge (`unreadCount`).
 */
@Module({
  controllers: [MessagesController, EditorMessagesController],
  providers: [MessagesService],
  exports: [MessagesService],
})
export class MessagesModule {}
