import { Module } from '@nestjs/common'
import { EditorModule } from '../editor/editor.module'
import { OfficialAccountQr } from './official-account'
import { ShareController } from './share.controller'
import { ShareStatsService } from './share-stats.service'
import { SharesService } from './shares.service'

/**
 * Share attribution: share events (who shared what, through which channel), the opens they brought (once per reader
 * per sharer and target; new or returning reader) and the stats editors and authors see. Posters and mini-program
 * codes live in the poster module; the official account's QR code (关注公众号) is written here at start. RateLimitService comes from the global RateLimitModule.
 */
@Module({
  imports: [EditorModule],
  controllers: [ShareController],
  providers: [SharesService, ShareStatsService, OfficialAccountQr],
})
export class ShareModule {}
