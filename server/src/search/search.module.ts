import { Module } from '@nestjs/common'
import { CatalogModule } from '../catalog/catalog.module'
import { EmbeddedSearch } from './embedded-search'
import { HotSearches } from './hot-searches'
import { SEARCH_ENGINE } from './search-engine'
import { SearchController } from './search.controller'
import { SearchService } from './search.service'

/**
 * 传感搜: the search service and its engine. `SEARCH_ENGINE=embedded` keeps the index in this process (the default;
 * with MariaDB/MySQL each process keeps its own, see docs/search.md).
 */
@Module({
  imports: [CatalogModule],
  controllers: [SearchController],
  providers: [EmbeddedSearch, HotSearches, SearchService, { provide: SEARCH_ENGINE, useExisting: EmbeddedSearch }],
  exports: [SearchService],
})
export class SearchModule {}
