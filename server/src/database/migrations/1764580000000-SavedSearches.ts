import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm'
import { timestampType } from '../column-types'

/** 订阅的搜索: buyers' saved searches (see server/src/saved-searches/saved-search.entity.ts). */
export class SavedSearches1764580000000 implements MigrationInterface {
  name = 'SavedSearches1764580000000'

  async up(q: QueryRunner): Promise<void> {
    const time = (name: string, isNullable = false): TableColumnOptions => ({
      name,
      type: timestampType(q),
      isNullable,
    })
    await q.createTable(
      new Table({
        name: 'saved_search',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'userId', type: 'integer' },
          { name: 'name', type: 'varchar', length: '30' },
          { name: 'query', type: 'text' },
          { name: 'newMatches', type: 'integer', default: 0 },
          time('lastMatchedAt', true),
          time('lastNotifiedAt', true),
          time('lastOpenedAt', true),
          time('createdAt'),
        ],
        indices: [new TableIndex({ name: 'IDX_saved_search_list', columnNames: ['userId', 'createdAt', 'id'] })],
      }),
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('saved_search')
  }
}
