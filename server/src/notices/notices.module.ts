import { Module } from '@nestjs/common'
import { ContentModule } from '../content/content.module'
import { NoticesController } from './notices.controller'
import { NoticesService } from './notices.service'

/**
 * 消息 (in-app notices): fan-out on publish (PublishEvents listeners), producers for comments/ (replies, likes),
 * the reader's list, unread counts and read marks. Exports NoticesService for comments/ and account deletion.
 */
@Module({
  imports: [ContentModule],
  controllers: [NoticesController],
  providers: [NoticesService],
  exports: [NoticesService],
})
export class NoticesModule {}
