import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'
import { timestampType } from '../column-types'

/** Subscribe-message credits per reader and template, and the outbox of deliveries that publishing fills. */
export class Deliveries1764530000000 implements MigrationInterface {
  name = 'Deliveries1764530000000'

  async up(q: QueryRunner): Promise<void> {
    const time = timestampType(q)
    await q.createTable(
      new Table({
        name: 'subscribe_grant',
        columns: [
          { name: 'userId', type: 'integer', isPrimary: true },
          { name: 'templateId', type: 'varchar', length: '64', isPrimary: true },
          { name: 'credits', type: 'integer', default: 0 },
          { name: 'answer', type: 'varchar', length: '8' },
          { name: 'updatedAt', type: time },
        ],
      }),
    )
    await q.createTable(
      new Table({
        name: 'delivery',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'subject', type: 'varchar', length: '8' },
          { name: 'subjectId', type: 'integer' },
          { name: 'userId', type: 'integer' },
          { name: 'state', type: 'varchar', length: '12' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'dueAt', type: time },
          { name: 'claim', type: 'varchar', length: '40', isNullable: true },
          { name: 'claimedUntil', type: time, isNullable: true },
          { name: 'lastError', type: 'varchar', length: '200', isNullable: true },
          { name: 'sentAt', type: time, isNullable: true },
          { name: 'createdAt', type: time },
        ],
      }),
    )
    await q.createIndex(
      'delivery',
      new TableIndex({
        name: 'UQ_delivery_subject_user',
        columnNames: ['subject', 'subjectId', 'userId'],
        isUnique: true,
      }),
    )
    await q.createIndex('delivery', new TableIndex({ name: 'IDX_delivery_due', columnNames: ['state', 'dueAt'] }))
    await q.createIndex('delivery', new TableIndex({ name: 'IDX_delivery_claim', columnNames: ['claim'] }))
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('delivery')
    await q.dropTable('subscribe_grant')
  }
}
