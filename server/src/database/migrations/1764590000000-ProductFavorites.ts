import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'
import { timestampType } from '../column-types'

/** Products in 收藏夹, beside the articles (see server/src/favorites/favorite.entity.ts, ProductFavorite). */
export class ProductFavorites1764590000000 implements MigrationInterface {
  name = 'ProductFavorites1764590000000'

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'product_favorite',
        columns: [
          { name: 'folderId', type: 'integer', isPrimary: true },
          { name: 'productId', type: 'integer', isPrimary: true },
          { name: 'userId', type: 'integer' },
          { name: 'createdAt', type: timestampType(q) },
        ],
        indices: [
          new TableIndex({ name: 'IDX_product_favorite_product', columnNames: ['productId', 'userId'] }),
          new TableIndex({ name: 'IDX_product_favorite_folder_recent', columnNames: ['folderId', 'createdAt'] }),
        ],
      }),
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('product_favorite')
  }
}
