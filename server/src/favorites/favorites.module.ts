import { Module } from '@nestjs/common'
import { TypeOrmModule } from '@nestjs/typeorm'
import { Product } from '../catalog/catalog.entity'
import { CatalogModule } from '../catalog/catalog.module'
import { Article } from '../content/article.entity'
import { ContentModule } from '../content/content.module'
import { User } from '../users/user.entity'
import { Favorite, FavoriteFolder, ProductFavorite } from './favorite.entity'
import { FavoritesController } from './favorites.controller'
import { FavoritesService } from './favorites.service'

@Module({
  imports: [
    TypeOrmModule.forFeature([FavoriteFolder, Favorite, ProductFavorite, Article, Product, User]),
    ContentModule,
    CatalogModule,
  ],
  controllers: [FavoritesController],
  providers: [FavoritesService],
  exports: [FavoritesService],
})
export class FavoritesModule {}
