import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'
import { timestampType } from '../column-types'

/** 消息: in-app notices, one row per recipient (server/src/notices, docs/notices.md). */
export class Notices1764510000000 implements MigrationInterface {
  name = 'Notices1764510000000'

  async up(q: QueryRunner): Promise<void> {
    const timestamp = timestampType(q)
    await q.createTable(
      new Table({
        name: 'notice',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'userId', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'subjectId', type: 'integer' },
          { name: 'articleId', type: 'integer', isNullable: true },
          { name: 'actorId', type: 'integer', isNullable: true },
          { name: 'count', type: 'integer', default: 1 },
          { name: 'since', type: timestamp },
          { name: 'createdAt', type: timestamp },
          { name: 'at', type: timestamp },
          { name: 'readAt', type: timestamp, isNullable: true },
        ],
      }),
    )
    await q.createIndex(
      'notice',
      new TableIndex({ name: 'UQ_notice_subject', columnNames: ['userId', 'kind', 'subjectId'], isUnique: true }),
    )
    await q.createIndex('notice', new TableIndex({ name: 'IDX_notice_list', columnNames: ['userId', 'at', 'id'] }))
    await q.createIndex(
      'notice',
      new TableIndex({ name: 'IDX_notice_unread', columnNames: ['userId', 'readAt', 'kind'] }),
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('notice')
  }
}
