import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Faster PostgreSQL search (search/postgres/, docs/search.md), on PostgreSQL only; nothing on SQLite and
 * MariaDB/MySQL. No entity maps these objects, so the migration check has nothing to compare them with.
 *
 * - `IDX_search_doc_model_suggest` replaces `IDX_search_doc_model_prefix`: model keys in byte order, then best rank,
 *   with the model itself, so a suggestion's first 500 keys of a prefix are one index-only range read instead of
 *   every row of the prefix read and sorted (a one-letter prefix holds 100,000 rows at 1,000,000 products).
 * - `search_count`: the answers of the count statements a search for one frequent word alone runs (a `w:` word held
 *   by at least 1 % of products, a category name, a word of the parser's dictionary, or no words: its total, facet
 *   counts and range bounds), keyed by a hash of the statement, computed in the background from one snapshot;
 *   `search_state.counts_version` is the `version` of that snapshot, so a process reads them only while they are
 *   current.
 */
export class PostgresSearchCounts1764596000000 implements MigrationInterface {
  name = 'PostgresSearchCounts1764596000000'

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type !== 'postgres') return
    await q.query(
      `CREATE INDEX "IDX_search_doc_model_suggest" ON "search_doc"
         ("model_key" text_pattern_ops, "rank" DESC, "product_id") INCLUDE ("model")`,
    )
    await q.query('DROP INDEX "IDX_search_doc_model_prefix"')
    await q.query('CREATE TABLE "search_count" ("key" text PRIMARY KEY, "rows" jsonb NOT NULL)')
    await q.query('ALTER TABLE "search_state" ADD "counts_version" bigint')
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type !== 'postgres') return
    await q.query('ALTER TABLE "search_state" DROP COLUMN "counts_version"')
    await q.query('DROP TABLE "search_count"')
    await q.query('CREATE INDEX "IDX_search_doc_model_prefix" ON "search_doc" ("model_key" text_pattern_ops, "rank")')
    await q.query('DROP INDEX "IDX_search_doc_model_suggest"')
  }
}
