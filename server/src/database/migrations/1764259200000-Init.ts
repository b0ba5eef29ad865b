import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'
import { timestampType } from '../column-types'

export class Init1764259200000 implements MigrationInterface {
  name = 'Init1764259200000'

  async up(q: QueryRunner): Promise<void> {
    const ts = timestampType(q)
    await q.createTable(
      new Table({
        name: 'article',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'summary', type: 'varchar', length: '500', default: "''" },
          { name: 'cover', type: 'varchar', length: '500', isNullable: true },
          { name: 'authorName', type: 'varchar', length: '64' },
          { name: 'body', type: 'text' },
          { name: 'status', type: 'varchar', length: '16', default: "'draft'" },
          { name: 'publishedAt', type: ts, isNullable: true },
          { name: 'readCount', type: 'integer', default: 0 },
          { name: 'likeCount', type: 'integer', default: 0 },
          { name: 'commentCount', type: 'integer', default: 0 },
          { name: 'createdAt', type: ts },
          { name: 'updatedAt', type: ts },
        ],
        indices: [new TableIndex({ name: 'IDX_article_feed', columnNames: ['status', 'publishedAt', 'id'] })],
      }),
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('article', true)
  }
}
