import { Global, Module } from '@nestjs/common'
import { ContentCheckService } from './content-check.service'

/**
 * The content check for every piece of user text (comments, nicknames, …). Global: any feature injects
 * ContentCheckService. WechatClient comes from the global WechatModule.
 */
@Global()
@Module({
  providers: [ContentCheckService],
  exports: [ContentCheckService],
})
export class ModerationModule {}
