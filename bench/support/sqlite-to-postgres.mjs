// Copies the content tables of a benchmark SQLite database (bench/seed-articles.mjs) into an emptied PostgreSQL
// database migrated by the server's own migrations, so the content benchmark can run on PostgreSQL with the same rows.
import path from 'node:path'
import { createRequire } from 'node:module'

const TABLES = ['author', 'content_column', 'tag', 'article', 'article_body', 'article_tag', 'article_related']

export async function copyToPostgres(root, sqliteFile, pgUrl) {
  const require = createRequire(path.join(root, 'server/package.json'))
  const { DataSource } = require('typeorm')
  const Database = require('better-sqlite3')
  const { Client } = require('pg')
  const { dataSourceOptions } = require(path.join(root, 'server/dist/database/options.js'))

  const pg = new Client({ connectionString: pgUrl })
  await pg.connect()
  await pg.query('SET client_min_messages = warning')
  await pg.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;')
  const ds = new DataSource(dataSourceOptions(pgUrl))
  await ds.initialize()
  await ds.runMigrations()
  await ds.destroy()

  const db = new Database(sqliteFile, { readonly: true })
  const started = Date.now()
  for (const table of TABLES) {
    const types = new Map(
      (
        await pg.query('SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1', [table])
      ).rows.map((r) => [r.column_name, r.data_type]),
    )
    const columns = db
      .prepare(`PRAGMA table_info("${table}")`)
      .all()
      .map((c) => c.name)
      .filter((c) => types.has(c))
    const convert = columns.map((c) => (types.get(c) === 'boolean' ? (v) => (v === null ? null : v === 1) : (v) => v))
    const perBatch = Math.floor(30_000 / columns.length)
    const quoted = columns.map((c) => `"${c}"`).join(', ')
    let batch = []
    let copied = 0
    const flush = async () => {
      if (!batch.length) return
      const values = batch.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`)
      await pg.query(`INSERT INTO "${table}" (${quoted}) VALUES ${values.join(', ')}`, batch.flat())
      copied += batch.length
      batch = []
      process.stderr.write(`\rcopying ${table}: ${copied.toLocaleString('en')} rows`)
    }
    for (const row of db.prepare(`SELECT ${quoted} FROM "${table}"`).raw().iterate()) {
      batch.push(row.map((v, i) => convert[i](v)))
      if (batch.length >= perBatch) await flush()
    }
    await flush()
    process.stderr.write('\n')
    if (types.has('id')) {
      await pg.query(
        `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), GREATEST((SELECT MAX(id) FROM "${table}"), 1))`,
      )
    }
  }
  await pg.query('ANALYZE')
  await pg.end()
  db.close()
  console.error(`copied into PostgreSQL in ${((Date.now() - started) / 1000).toFixed(0)} s`)
}
