import { Module } from '@nestjs/common'
import { NoticesModule } from '../notices/notices.module'
import { SearchModule } from '../search/search.module'
import { DemandsController } from './demands.controller'
import { DemandsService } from './demands.service'

/**
 * 求购: buyers' demands matched to suppliers through the search engine (docs/demands.md). ContentCheckService and
 * RateLimitService come from global modules. Exports DemandsService for account deletion (`forgetUser`).
 */
@Module({
  imports: [SearchModule, NoticesModule],
  controllers: [DemandsController],
  providers: [DemandsService],
  exports: [DemandsService],
})
export class DemandsModule {}
