import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'
import { timestampType } from '../column-types'

/** Following authors and columns and subscribing to periodicals, with each one's exact follower count. */
export class Follows1764480000000 implements MigrationInterface {
  name = 'Follows1764480000000'

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'follow',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'userId', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'targetId', type: 'integer' },
          { name: 'createdAt', type: timestampType(q) },
        ],
      }),
    )
    await q.createIndex(
      'follow',
      new TableIndex({ name: 'UQ_follow_user_target', columnNames: ['userId', 'kind', 'targetId'], isUnique: true }),
    )
    await q.createIndex('follow', new TableIndex({ name: 'IDX_follow_target', columnNames: ['kind', 'targetId'] }))
    for (const table of ['author', 'content_column', 'periodical']) {
      await q.addColumn(table, new TableColumn({ name: 'followerCount', type: 'integer', default: 0 }))
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['author', 'content_column', 'periodical']) await q.dropColumn(table, 'followerCount')
    await q.dropTable('follow')
  }
}
