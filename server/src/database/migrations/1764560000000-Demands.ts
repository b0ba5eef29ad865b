import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm'
import { timestampType } from '../column-types'

/** 求购: demands and the suppliers each was sent to, with their answers (see server/src/demands/demand.entity.ts). */
export class Demands1764560000000 implements MigrationInterface {
  name = 'Demands1764560000000'

  async up(q: QueryRunner): Promise<void> {
    const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: 'integer',
      ...extra,
    })
    const time = (name: string, isNullable = false): TableColumnOptions => ({
      name,
      type: timestampType(q),
      isNullable,
    })
    const index = (name: string, columnNames: string[], isUnique = false) =>
      new TableIndex({ name, columnNames, isUnique })

    await q.createTable(
      new Table({
        name: 'demand',
        columns: [
          int('id', { isPrimary: true, isGenerated: true, generationStrategy: 'increment' }),
          int('userId'),
          int('categoryId'),
          { name: 'filters', type: 'text' },
          int('quantity'),
          time('deadline'),
          { name: 'note', type: 'varchar', length: '500' },
          { name: 'contact', type: 'varchar', length: '40', isNullable: true },
          int('matchedCount', { default: 0 }),
          time('createdAt'),
          time('closedAt', true),
        ],
        indices: [index('IDX_demand_user', ['userId', 'id'])],
      }),
    )
    await q.createTable(
      new Table({
        name: 'demand_supplier',
        columns: [
          int('id', { isPrimary: true, isGenerated: true, generationStrategy: 'increment' }),
          int('demandId'),
          int('supplierId'),
          time('createdAt'),
          int('answeredBy', { isNullable: true }),
          int('price', { isNullable: true }),
          { name: 'answerNote', type: 'varchar', length: '500', isNullable: true },
          time('answeredAt', true),
        ],
        indices: [
          index('UQ_demand_supplier', ['demandId', 'supplierId'], true),
          index('IDX_demand_supplier_inbox', ['supplierId', 'id']),
        ],
      }),
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('demand_supplier')
    await q.dropTable('demand')
  }
}
