import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm'
import { booleanDefault, timestampType } from '../column-types'

/** 私信: conversations between a reader and an author, and their messages (see server/src/messages/message.entity.ts). */
export class PrivateMessages1764520000000 implements MigrationInterface {
  name = 'PrivateMessages1764520000000'

  async up(q: QueryRunner): Promise<void> {
    const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: 'integer',
      ...extra,
    })
    const time = (name: string): TableColumnOptions => ({ name, type: timestampType(q) })
    const index = (name: string, columnNames: string[], isUnique = false) =>
      new TableIndex({ name, columnNames, isUnique })

    await q.createTable(
      new Table({
        name: 'conversation',
        columns: [
          int('id', { isPrimary: true, isGenerated: true, generationStrategy: 'increment' }),
          int('userId'),
          int('authorId'),
          int('readerLastId', { isNullable: true }),
          int('authorLastId', { isNullable: true }),
          int('readerReadId', { default: 0 }),
          int('authorReadId', { default: 0 }),
          int('readerUnread', { default: 0 }),
          int('authorUnread', { default: 0 }),
          { name: 'readerBlocked', type: 'boolean', default: booleanDefault(q, false) },
          { name: 'authorBlocked', type: 'boolean', default: booleanDefault(q, false) },
          time('createdAt'),
          time('updatedAt'),
        ],
        indices: [
          index('UQ_conversation_pair', ['userId', 'authorId'], true),
          index('IDX_conversation_reader', ['userId', 'readerLastId']),
          index('IDX_conversation_author', ['authorId', 'authorLastId']),
        ],
      }),
    )
    await q.createTable(
      new Table({
        name: 'private_message',
        columns: [
          int('id', { isPrimary: true, isGenerated: true, generationStrategy: 'increment' }),
          int('conversationId'),
          { name: 'sender', type: 'varchar', length: '16' },
          int('senderUserId'),
          { name: 'content', type: 'varchar', length: '500' },
          { name: 'status', type: 'varchar', length: '16' },
          int('checkLabel', { isNullable: true }),
          time('createdAt'),
        ],
        indices: [
          index('IDX_private_message_conversation', ['conversationId', 'id']),
          index('IDX_private_message_sender', ['senderUserId']),
          index('IDX_private_message_status', ['status', 'id']),
        ],
      }),
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('private_message')
    await q.dropTable('conversation')
  }
}
