import { Module } from '@nestjs/common'
import { CatalogModule } from '../catalog/catalog.module'
import { ContentModule } from '../content/content.module'
import { DemoCatalogService } from './demo-catalog.service'
import { DemoContentService } from './demo-content.service'

/**
 * The demo site (`DEMO_CONTENT=1`, `cli seed-demo`): articles through the importer, then demo readers whose likes,
 * favorites, shares, opens and comments are real rows; the demo catalogue through the product importer. It spans every feature, so it sits on the top floor.
 */
@Module({
  imports: [ContentModule, CatalogModule],
  providers: [DemoContentService, DemoCatalogService],
  exports: [DemoContentService, DemoCatalogService],
})
export class DemoModule {}
