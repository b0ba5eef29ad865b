import { Module } from '@nestjs/common'
import { TypeOrmModule } from '@nestjs/typeorm'
import { Article } from './article.entity'
import { ArticlesController } from './articles.controller'
import { ArticlesService } from './articles.service'
import { DemoContentService } from './demo-content.service'

@Module({
  imports: [TypeOrmModule.forFeature([Article])],
  controllers: [ArticlesController],
  providers: [ArticlesService, DemoContentService],
  exports: [ArticlesService, DemoContentService],
})
export class ContentModule {}
