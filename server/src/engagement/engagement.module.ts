import { Module } from '@nestjs/common'
import { TypeOrmModule } from '@nestjs/typeorm'
import { Article } from '../content/article.entity'
import { ArticleLike } from './article-like.entity'
import { EngagementController } from './engagement.controller'
import { LikesService } from './likes.service'

@Module({
  imports: [TypeOrmModule.forFeature([ArticleLike, Article])],
  controllers: [EngagementController],
  providers: [LikesService],
})
export class EngagementModule {}
