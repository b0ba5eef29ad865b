import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm'

/** Daily search counts per query, for 传感搜's hot searches. */
export class SearchTerms1764460000000 implements MigrationInterface {
  name = 'SearchTerms1764460000000'

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'search_term_day',
        columns: [
          { name: 'term', type: 'varchar', length: '100', isPrimary: true },
          { name: 'day', type: 'varchar', length: '10', isPrimary: true },
          { name: 'count', type: 'integer' },
        ],
      }),
    )
    await q.createIndex('search_term_day', new TableIndex({ name: 'IDX_search_term_day_day', columnNames: ['day'] }))
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('search_term_day')
  }
}
