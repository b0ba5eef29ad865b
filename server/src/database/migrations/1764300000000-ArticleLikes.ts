import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'
import { timestampType } from '../column-types'

export class ArticleLikes1764300000000 implements MigrationInterface {
  name = 'ArticleLikes1764300000000'

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'article_like',
        columns: [
          { name: 'articleId', type: 'integer', isPrimary: true },
          { name: 'userId', type: 'integer', isPrimary: true },
          { name: 'createdAt', type: timestampType(q) },
        ],
        indices: [new TableIndex({ name: 'IDX_article_like_user', columnNames: ['userId', 'createdAt'] })],
      }),
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('article_like', true, true, true)
  }
}
