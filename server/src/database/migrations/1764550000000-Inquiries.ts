import {
  Table,
  TableColumn,
  TableIndex,
  type MigrationInterface,
  type QueryRunner,
  type TableColumnOptions,
} from 'typeorm'
import { timestampType } from '../column-types'

/**
 * 询价: buyers' inquiries to a product's supplier (server/src/inquiries/inquiry.entity.ts), and each supplier's
 * response figures (inquiries received, answered, median answer minutes) for the supplier card.
 */
export class Inquiries1764550000000 implements MigrationInterface {
  name = 'Inquiries1764550000000'

  async up(q: QueryRunner): Promise<void> {
    const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name,
      type: 'integer',
      ...extra,
    })
    const text = (name: string, length: number, isNullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable,
    })
    const time = (name: string, isNullable = false): TableColumnOptions => ({
      name,
      type: timestampType(q),
      isNullable,
    })
    const index = (name: string, columnNames: string[]) => new TableIndex({ name, columnNames })

    await q.addColumns('supplier', [
      new TableColumn(int('inquiryCount', { default: 0 })),
      new TableColumn(int('answeredCount', { default: 0 })),
      new TableColumn(int('medianAnswerMinutes', { isNullable: true })),
    ])
    await q.createTable(
      new Table({
        name: 'inquiry',
        columns: [
          int('id', { isPrimary: true, isGenerated: true, generationStrategy: 'increment' }),
          int('buyerId'),
          int('productId'),
          int('supplierId'),
          text('status', 16),
          int('quantity'),
          int('targetPrice', { isNullable: true }),
          text('deadline', 10, true),
          text('note', 500),
          text('contact', 40, true),
          int('answerPrice', { isNullable: true }),
          int('answerLeadTimeDays', { isNullable: true }),
          text('answerNote', 500, true),
          int('answeredBy', { isNullable: true }),
          time('answeredAt', true),
          int('answerMinutes', { isNullable: true }),
          text('closedBy', 8, true),
          time('createdAt'),
          time('updatedAt'),
        ],
        indices: [
          index('IDX_inquiry_buyer', ['buyerId', 'id']),
          index('IDX_inquiry_buyer_status', ['buyerId', 'status', 'id']),
          index('IDX_inquiry_supplier', ['supplierId', 'id']),
          index('IDX_inquiry_supplier_status', ['supplierId', 'status', 'id']),
          index('IDX_inquiry_supplier_answer', ['supplierId', 'answerMinutes']),
        ],
      }),
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('inquiry')
    await q.dropColumn('supplier', 'medianAnswerMinutes')
    await q.dropColumn('supplier', 'answeredCount')
    await q.dropColumn('supplier', 'inquiryCount')
  }
}
