import { Module } from '@nestjs/common'
import { TypeOrmModule } from '@nestjs/typeorm'
import { Article } from '../content/article.entity'
import { ContentModule } from '../content/content.module'
import { ArticleLike } from './article-like.entity'
import { EngagementController } from './engagement.controller'
import { LikesService } from './likes.service'

@Module({
  imports: [TypeOrmModule.forFeature([ArticleLike, Article]), ContentModule],
  controllers: [EngagementController],
  providers: [LikesService],
  exports: [LikesService],
})
export class EngagementModule {}
