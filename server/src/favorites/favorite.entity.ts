import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm'

/**
 * One of a reader's 收藏夹. Every reader has one default folder (made on first use; it can be renamed, not deleted).
 * How many articles and products a folder holds is counted from its rows when listed, never stored.
 */
@Entity('favorite_folder')
@Index('UQ_favorite_folder_name', ['userId', 'name'], { unique: true })
export class FavoriteFolder {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  @Column({ type: 'integer' })
  userId: number

  @Column({ type: 'varchar', length: 20 })
  name: string

  @Column({ type: 'boolean', default: false })
  isDefault: boolean

  @Column({ type: Date })
  createdAt: Date
}

/**
 * An article in one of a reader's folders. The article's `favoriteCount` always equals the number of distinct
 * readers holding it in at least one folder (counted through `IDX_favorite_article`).
 */
@Entity('favorite')
@Index('IDX_favorite_article', ['articleId', 'userId'])
@Index('IDX_favorite_folder_recent', ['folderId', 'createdAt'])
export class Favorite {
  @PrimaryColumn({ type: 'integer' })
  folderId: number

  @PrimaryColumn({ type: 'integer' })
  articleId: number

  /** The folder's owner, copied here so counting readers per article needs no join. */
  @Column({ type: 'integer' })
  userId: number

  @Column({ type: Date })
  createdAt: Date
}

/**
 * A product (传感搜's catalogue) in one of a reader's folders, beside the articles: its own table, as `favorite` is
 * keyed by article and counted into `article.favoriteCount`, which products do not have.
 */
@Entity('product_favorite')
@Index('IDX_product_favorite_product', ['productId', 'userId'])
@Index('IDX_product_favorite_folder_recent', ['folderId', 'createdAt'])
export class ProductFavorite {
  @PrimaryColumn({ type: 'integer' })
  folderId: number

  @PrimaryColumn({ type: 'integer' })
  productId: number

  /** The folder's owner, copied here so a product's folders for one reader need no join. */
  @Column({ type: 'integer' })
  userId: number

  @Column({ type: Date })
  createdAt: Date
}
