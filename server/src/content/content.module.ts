import { Module } from '@nestjs/common'
import { TypeOrmModule } from '@nestjs/typeorm'
import { AdsModule } from '../ads/ads.module'
import { Article, ArticleBody, ArticleRead, ArticleRelated, ArticleTerm } from './article.entity'
import { ArticleWriter } from './article-writer.service'
import { ArticlesService } from './articles.service'
import { Author } from './author.entity'
import { CardsService } from './cards.service'
import { ContentColumn } from './column.entity'
import { ContentCache } from './content-cache.service'
import { ContentController } from './content.controller'
import { DirectoryService } from './directory.service'
import { ImportService } from './import/import.service'
import { Periodical, PeriodicalIssue, PeriodicalIssueArticle } from './periodical.entity'
import { PublishEvents } from './publish-events'
import { PublishingService } from './publishing.service'
import { RelatedService } from './related/related.service'
import { ArticleTag, Tag } from './tag.entity'

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Article,
      ArticleBody,
      ArticleRead,
      ArticleRelated,
      ArticleTerm,
      ArticleTag,
      Author,
      ContentColumn,
      Tag,
      Periodical,
      PeriodicalIssue,
      PeriodicalIssueArticle,
    ]),
    AdsModule,
  ],
  controllers: [ContentController],
  providers: [
    ArticlesService,
    CardsService,
    DirectoryService,
    ContentCache,
    ArticleWriter,
    PublishingService,
    PublishEvents,
    RelatedService,
    ImportService,
  ],
  exports: [
    TypeOrmModule,
    ArticlesService,
    ContentCache,
    CardsService,
    ArticleWriter,
    PublishingService,
    PublishEvents,
    ImportService,
  ],
})
export class ContentModule {}
