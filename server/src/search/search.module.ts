import { Module } from '@nestjs/common'
import { HttpAdapterHost } from '@nestjs/core'
import { getDataSourceToken } from '@nestjs/typeorm'
import type { DataSource } from 'typeorm'
import { CatalogEvents } from '../catalog/catalog-events'
import { CatalogModule } from '../catalog/catalog.module'
import { APP_CONFIG, type AppConfig } from '../config/config'
import { EmbeddedSearch } from './embedded-search'
import { HotSearches } from './hot-searches'
import { PostgresSearch } from './postgres/postgres-search'
import { SEARCH_ENGINE, type SearchEngine } from './search-engine'
import { AlternativesService } from './alternatives.service'
import { ProductsController } from './products.controller'
import { SearchController } from './search.controller'
import { SearchService } from './search.service'

/**
 * 传感搜: the search service and its engine, picked by `SEARCH_ENGINE` (config.ts): `embedded` keeps the index in
 * this process (the default on SQLite and MariaDB/MySQL, where each process keeps its own, see docs/search.md);
 * `postgres` answers from the database (the default on PostgreSQL; from the shared index it stores there while that is
 * current, SEARCH_SHARED_INDEX). Only the chosen engine is created.
 */
@Module({
  imports: [CatalogModule],
  controllers: [SearchController, ProductsController],
  providers: [
    HotSearches,
    SearchService,
    AlternativesService,
    {
      provide: SEARCH_ENGINE,
      inject: [APP_CONFIG, getDataSourceToken(), CatalogEvents, { token: HttpAdapterHost, optional: true }],
      useFactory: (
        config: AppConfig,
        db: DataSource,
        events: CatalogEvents,
        adapterHost?: HttpAdapterHost,
      ): SearchEngine =>
        config.SEARCH_ENGINE === 'postgres'
          ? Object.assign(new PostgresSearch(db, events), {
              sharedIndex: config.SEARCH_SHARED_INDEX,
              workerFrom: config.SEARCH_INDEX_WORKER_FROM,
              serving: () => Boolean(adapterHost?.httpAdapter),
            })
          : new EmbeddedSearch(db, adapterHost, events, config.SEARCH_INDEX_WORKER_FROM),
    },
  ],
  exports: [SearchService],
})
export class SearchModule {}
