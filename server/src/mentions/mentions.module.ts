import { Module } from '@nestjs/common'
import { CatalogModule } from '../catalog/catalog.module'
import { ContentModule } from '../content/content.module'
import { MentionsController } from './mentions.controller'
import { MentionsService } from './mentions.service'

/**
 * 文中相关产品: products an article names or covers by its tags, and the articles back from a product. Listens to
 * content's publish events and the catalogue's change notices; docs/search.md, "Products in articles".
 */
@Module({
  imports: [ContentModule, CatalogModule],
  controllers: [MentionsController],
  providers: [MentionsService],
  exports: [MentionsService],
})
export class MentionsModule {}
