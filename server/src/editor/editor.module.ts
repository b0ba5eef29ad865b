import { Module } from '@nestjs/common'
import { AdsModule } from '../ads/ads.module'
import { ContentModule } from '../content/content.module'
import { EditorArticlesService } from './editor-articles.service'
import { EditorCatalogService } from './editor-catalog.service'
import { EditorController } from './editor.controller'

@Module({
  imports: [ContentModule, AdsModule],
  controllers: [EditorController],
  providers: [EditorArticlesService, EditorCatalogService],
  exports: [EditorArticlesService],
})
export class EditorModule {}
