import { randomInt } from 'node:crypto'
import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'
import { timestampType } from '../column-types'

const CODE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** 8 random letters/digits (the same rule as share/share-code.ts, kept here so this migration never changes). */
function shareCode(): string {
  let code = ''
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return code
}

/**
 * Sharing: every user gets a public share code (existing users one each, drawn here), share events (`share_event`)
 * and the opens they brought (`share_open`, once per reader per sharer and target), and an index to ask whether a
 * reader key has read anything before.
 */
export class Shares1764430000000 implements MigrationInterface {
  name = 'Shares1764430000000'

  async up(q: QueryRunner): Promise<void> {
    // Nullable first, filled row by row through the query builder (the same on every driver), then required.
    await q.addColumn(
      'app_user',
      new TableColumn({ name: 'shareCode', type: 'varchar', length: '8', isNullable: true }),
    )
    const users = await q.manager.createQueryBuilder().select('u.id', 'id').from('app_user', 'u').getRawMany()
    const used = new Set<string>()
    for (const { id } of users as { id: number | string }[]) {
      let code = shareCode()
      while (used.has(code)) code = shareCode()
      used.add(code)
      await q.manager
        .createQueryBuilder()
        .update('app_user')
        .set({ shareCode: code })
        .where('id = :id', { id: Number(id) })
        .execute()
    }
    await q.changeColumn(
      'app_user',
      'shareCode',
      new TableColumn({ name: 'shareCode', type: 'varchar', length: '8', isNullable: false }),
    )
    await q.createIndex(
      'app_user',
      new TableIndex({ name: 'UQ_user_share_code', columnNames: ['shareCode'], isUnique: true }),
    )

    await q.createTable(
      new Table({
        name: 'share_event',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'sharerId', type: 'integer' },
          { name: 'targetType', type: 'varchar', length: '16' },
          { name: 'targetId', type: 'integer' },
          { name: 'channel', type: 'varchar', length: '16' },
          { name: 'createdAt', type: timestampType(q) },
        ],
        indices: [
          new TableIndex({ name: 'IDX_share_event_target', columnNames: ['targetType', 'targetId', 'channel'] }),
        ],
      }),
    )
    await q.createTable(
      new Table({
        name: 'share_open',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'sharerId', type: 'integer' },
          { name: 'targetType', type: 'varchar', length: '16' },
          { name: 'targetId', type: 'integer' },
          { name: 'channel', type: 'varchar', length: '16' },
          { name: 'readerKey', type: 'varchar', length: '64' },
          { name: 'newReader', type: 'boolean' },
          { name: 'scene', type: 'integer', isNullable: true },
          { name: 'createdAt', type: timestampType(q) },
        ],
        indices: [
          new TableIndex({
            name: 'UQ_share_open_once',
            columnNames: ['sharerId', 'targetType', 'targetId', 'readerKey'],
            isUnique: true,
          }),
          new TableIndex({ name: 'IDX_share_open_target', columnNames: ['targetType', 'targetId', 'channel'] }),
          new TableIndex({ name: 'IDX_share_open_reader', columnNames: ['readerKey'] }),
        ],
      }),
    )
    await q.createIndex('article_read', new TableIndex({ name: 'IDX_article_read_reader', columnNames: ['readerKey'] }))
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('article_read', 'IDX_article_read_reader')
    await q.dropTable('share_open', true, true, true)
    await q.dropTable('share_event', true, true, true)
    await q.dropIndex('app_user', 'UQ_user_share_code')
    await q.dropColumn('app_user', 'shareCode')
  }
}
