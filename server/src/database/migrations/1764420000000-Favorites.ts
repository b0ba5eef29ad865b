import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'
import { booleanDefault, timestampType } from '../column-types'

/** Readers' 收藏夹 (`favorite_folder`) and the articles in them (`favorite`). */
export class Favorites1764420000000 implements MigrationInterface {
  name = 'Favorites1764420000000'

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'favorite_folder',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'userId', type: 'integer' },
          { name: 'name', type: 'varchar', length: '20' },
          { name: 'isDefault', type: 'boolean', default: booleanDefault(q, false) },
          { name: 'createdAt', type: timestampType(q) },
        ],
        indices: [new TableIndex({ name: 'UQ_favorite_folder_name', columnNames: ['userId', 'name'], isUnique: true })],
      }),
    )
    await q.createTable(
      new Table({
        name: 'favorite',
        columns: [
          { name: 'folderId', type: 'integer', isPrimary: true },
          { name: 'articleId', type: 'integer', isPrimary: true },
          { name: 'userId', type: 'integer' },
          { name: 'createdAt', type: timestampType(q) },
        ],
        indices: [
          new TableIndex({ name: 'IDX_favorite_article', columnNames: ['articleId', 'userId'] }),
          new TableIndex({ name: 'IDX_favorite_folder_recent', columnNames: ['folderId', 'createdAt'] }),
        ],
      }),
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('favorite', true, true, true)
    await q.dropTable('favorite_folder', true, true, true)
  }
}
