import { Module } from '@nestjs/common'
import { CatalogModule } from '../catalog/catalog.module'
import { NoticesModule } from '../notices/notices.module'
import { SearchModule } from '../search/search.module'
import { SavedSearchesController } from './saved-searches.controller'
import { SavedSearchesService } from './saved-searches.service'

/**
 * 订阅的搜索: buyers' saved searches, and their matching against each imported chunk of products (through the
 * search service) with notices in 消息. Exports the service for account deletion.
 */
@Module({
  imports: [CatalogModule, SearchModule, NoticesModule],
  controllers: [SavedSearchesController],
  providers: [SavedSearchesService],
  exports: [SavedSearchesService],
})
export class SavedSearchesModule {}
