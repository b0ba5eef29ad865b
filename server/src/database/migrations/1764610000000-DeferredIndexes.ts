import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * `deferred_index` (database/deferred-indexes.ts), on PostgreSQL only: the secondary indexes a bulk load into an empty
 * catalogue dropped, with their definitions, until it builds them back — or, if it died, the next server start does.
 * No entity maps it.
 */
export class DeferredIndexes1764610000000 implements MigrationInterface {
  name = 'DeferredIndexes1764610000000'

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type !== 'postgres') return
    await q.query(
      'CREATE TABLE "deferred_index" ("name" text PRIMARY KEY, "table_name" text NOT NULL, "definition" text NOT NULL)',
    )
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type !== 'postgres') return
    await q.query('DROP TABLE "deferred_index"')
  }
}
