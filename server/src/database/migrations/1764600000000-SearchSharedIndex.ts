import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The PostgreSQL search engine's shared index (search/postgres/shared-index.ts, docs/search.md), on PostgreSQL
 * only; nothing on SQLite and MariaDB/MySQL. No entity maps these objects.
 *
 * - `search_snapshot`: one built index of the catalogue as bytes (engine/index-codec.ts): part 0 its skeleton (a
 *   few MB), then its typed arrays one after the other in parts of at most 8 MB. Built by one server process once the catalogue is
 *   still, loaded by the others. UNLOGGED: it is derived data (about 200 MB at 1,000,000 products) that need not go
 *   through the write-ahead log; after a crash PostgreSQL empties it, the loaders find no rows and a process builds
 *   it again. Parts are stored uncompressed (EXTERNAL): they hardly compress and are read whole.
 * - `search_state.snapshot_version`: the `version` the stored index was built at; a process answers from it only
 *   while `version` still equals it.
 */
export class SearchSharedIndex1764600000000 implements MigrationInterface {
  name = 'SearchSharedIndex1764600000000'

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type !== 'postgres') return
    await q.query(
      `CREATE UNLOGGED TABLE "search_snapshot" (
         "version" bigint NOT NULL, "part" integer NOT NULL, "data" bytea NOT NULL, PRIMARY KEY ("version", "part"))`,
    )
    await q.query('ALTER TABLE "search_snapshot" ALTER COLUMN "data" SET STORAGE EXTERNAL')
    await q.query('ALTER TABLE "search_state" ADD "snapshot_version" bigint')
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type !== 'postgres') return
    await q.query('ALTER TABLE "search_state" DROP COLUMN "snapshot_version"')
    await q.query('DROP TABLE "search_snapshot"')
  }
}
