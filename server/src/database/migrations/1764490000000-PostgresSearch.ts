import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * The PostgreSQL search engine's index (search/postgres/, docs/search.md), on PostgreSQL only: SQLite and
 * MariaDB/MySQL use the embedded engine and get nothing here. No entity maps these tables (they are written and read
 * with SQL by the engine alone), so the migration check has nothing to compare them with.
 *
 * - `search_doc`: one row per product with the embedded engine's index terms (`h:` Chinese bigrams, `w:` words,
 *   `m:` model trigrams, `c:` category and ancestors, `e:key=VALUE` enum values, `r:` region, `s:in`) in one array
 *   under a GIN index, the columns filters, facets and sorts read, and a static rank; dropped with its product.
 * - `search_vocab`: terms the parser and suggestions need by value (enum values, Chinese words) with how many
 *   products carry each.
 *   A statement trigger on search_doc keeps it current.
 * - `search_state`: one row whose `version` the same trigger bumps on every change of search_doc, so each process
 *   knows when its cached facet counts are stale.
 * - `search_price_at(qtys, prices, qty)`: the unit price at a quantity from a product's price breaks.
 */
export class PostgresSearch1764490000000 implements MigrationInterface {
  name = 'PostgresSearch1764490000000'

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type !== 'postgres') return
    await q.query('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    await q.query(`
      CREATE TABLE "search_doc" (
        "product_id" integer PRIMARY KEY REFERENCES "product" ("id") ON DELETE CASCADE,
        "model" varchar(64) NOT NULL,
        "model_key" varchar(64) NOT NULL,
        "terms" text[] NOT NULL,
        "category_ids" integer[] NOT NULL,
        "enums" text[] NOT NULL,
        "region" varchar(32) NOT NULL,
        "stock" integer NOT NULL,
        "price_from" integer,
        "break_qty" integer[] NOT NULL,
        "break_price" integer[] NOT NULL,
        "rank" double precision NOT NULL,
        "updated_at" timestamp NOT NULL
      )`)
    await q.query('CREATE INDEX "IDX_search_doc_terms" ON "search_doc" USING gin ("terms")')
    await q.query('CREATE INDEX "IDX_search_doc_model_trgm" ON "search_doc" USING gin ("model_key" gin_trgm_ops)')
    await q.query('CREATE INDEX "IDX_search_doc_model_prefix" ON "search_doc" ("model_key" text_pattern_ops, "rank")')
    await q.query('CREATE INDEX "IDX_search_doc_rank" ON "search_doc" ("rank" DESC, "product_id")')
    await q.query('CREATE INDEX "IDX_search_doc_price" ON "search_doc" ("price_from", "rank" DESC)')
    await q.query('CREATE INDEX "IDX_search_doc_fresh" ON "search_doc" ("updated_at" DESC, "rank" DESC)')
    await q.query(`
      CREATE TABLE "search_vocab" (
        "term" text PRIMARY KEY,
        "df" integer NOT NULL
      )`)
    await q.query('CREATE INDEX "IDX_search_vocab_prefix" ON "search_vocab" ("term" text_pattern_ops)')
    await q.query('CREATE TABLE "search_state" ("id" integer PRIMARY KEY, "version" bigint NOT NULL)')
    await q.query('INSERT INTO "search_state" ("id", "version") VALUES (1, 0)')
    // search_vocab follows search_doc, whoever writes or deletes it (a product's delete cascades here too).
    await q.query(`
      CREATE FUNCTION search_vocab_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO search_vocab (term, df)
          SELECT t, count(*) FROM new_docs, unnest(new_docs.terms) t
          WHERE t LIKE 'e:%' OR (t LIKE 'w:%' AND t ~ '[一-鿿]') GROUP BY t ORDER BY t
          ON CONFLICT (term) DO UPDATE SET df = search_vocab.df + excluded.df;
        ELSIF TG_OP = 'UPDATE' THEN
          INSERT INTO search_vocab (term, df)
          SELECT t, sum(d) FROM (
            SELECT t, 1 AS d FROM new_docs, unnest(new_docs.terms) t
            UNION ALL SELECT t, -1 FROM old_docs, unnest(old_docs.terms) t
          ) x WHERE t LIKE 'e:%' OR (t LIKE 'w:%' AND t ~ '[一-鿿]') GROUP BY t HAVING sum(d) <> 0 ORDER BY t
          ON CONFLICT (term) DO UPDATE SET df = search_vocab.df + excluded.df;
          DELETE FROM search_vocab WHERE df <= 0 AND term IN (SELECT unnest(old_docs.terms) FROM old_docs);
        ELSE
          UPDATE search_vocab v SET df = v.df - x.n
          FROM (SELECT t, count(*) AS n FROM old_docs, unnest(old_docs.terms) t GROUP BY t) x
          WHERE v.term = x.t;
          DELETE FROM search_vocab WHERE df <= 0 AND term IN (SELECT unnest(old_docs.terms) FROM old_docs);
        END IF;
        UPDATE search_state SET version = version + 1 WHERE id = 1;
        RETURN NULL;
      END $$`)
    await q.query(`CREATE TRIGGER search_doc_vocab_insert AFTER INSERT ON "search_doc"
      REFERENCING NEW TABLE AS new_docs FOR EACH STATEMENT EXECUTE FUNCTION search_vocab_sync()`)
    await q.query(`CREATE TRIGGER search_doc_vocab_update AFTER UPDATE ON "search_doc"
      REFERENCING OLD TABLE AS old_docs NEW TABLE AS new_docs FOR EACH STATEMENT EXECUTE FUNCTION search_vocab_sync()`)
    await q.query(`CREATE TRIGGER search_doc_vocab_delete AFTER DELETE ON "search_doc"
      REFERENCING OLD TABLE AS old_docs FOR EACH STATEMENT EXECUTE FUNCTION search_vocab_sync()`)
    // The break with the largest quantity ≤ qty; below the first break, the first break's price (as the embedded
    // engine's SearchIndex.priceAt); null without breaks.
    await q.query(`
      CREATE FUNCTION search_price_at(qtys integer[], prices integer[], qty integer) RETURNS integer
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT COALESCE(
          (SELECT b.p FROM unnest(qtys, prices) WITH ORDINALITY AS b(q, p, i) WHERE b.q <= qty ORDER BY b.i DESC LIMIT 1),
          prices[1])
      $$`)
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type !== 'postgres') return
    await q.query('DROP FUNCTION IF EXISTS search_price_at(integer[], integer[], integer)')
    await q.query('DROP TABLE IF EXISTS "search_doc"')
    await q.query('DROP FUNCTION IF EXISTS search_vocab_sync()')
    await q.query('DROP TABLE IF EXISTS "search_vocab"')
    await q.query('DROP TABLE IF EXISTS "search_state"')
  }
}
