import { Module } from '@nestjs/common'
import { EditorModule } from '../editor/editor.module'
import { ShareController } from './share.controller'
import { ShareStatsService } from './share-stats.service'
import { SharesService } from './shares.service'

/**
 * Share attribution: share events (who shared what, through which channel), the opens they brought (once per reader
 * per sharer and target; new or returning reader) and the stats editors and authors see. Posters and mini-program
 * codes live in the poster module. RateLimitService comes from the global RateLimitModule.
 */
@Module({
  imports: [EditorModule],
  controllers: [ShareController],
  providers: [SharesService, ShareStatsService],
})
export class ShareModule {}
