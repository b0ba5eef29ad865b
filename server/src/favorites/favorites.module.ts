import { Module } from '@nestjs/common'
import { TypeOrmModule } from '@nestjs/typeorm'
import { Article } from '../content/article.entity'
import { ContentModule } from '../content/content.module'
import { User } from '../users/user.entity'
import { Favorite, FavoriteFolder } from './favorite.entity'
import { FavoritesController } from './favorites.controller'
import { FavoritesService } from './favorites.service'

@Module({
  imports: [TypeOrmModule.forFeature([FavoriteFolder, Favorite, Article, User]), ContentModule],
  controllers: [FavoritesController],
  providers: [FavoritesService],
  exports: [FavoritesService],
})
export class FavoritesModule {}
