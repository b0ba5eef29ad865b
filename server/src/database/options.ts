import path from 'node:path'
import fs from 'node:fs'
import type { DataSourceOptions } from 'typeorm'
import { entities } from './entities'
import { migrations } from './migrations'

export type DatabaseType = 'better-sqlite3' | 'postgres' | 'mysql' | 'mariadb'

/**
 * One data source from one URL: `sqlite:<file>` (or `sqlite::memory:`), `postgres://…`, `mysql://…`, `mariadb://…`.
 * The schema comes from migrations only; `synchronize` stays off everywhere.
 */
export function dataSourceOptions(url: string, opts: { logging?: boolean } = {}): DataSourceOptions {
  const common = {
    entities,
    migrations,
    migrationsRun: false,
    synchronize: false,
    logging: opts.logging ? ['query' as const, 'error' as const] : ['error' as const],
  }
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length) || 'data/chuangan.sqlite'
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
    return {
      ...common,
      type: 'better-sqlite3',
      database: file,
      enableWAL: file !== ':memory:',
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma('foreign_keys = ON')
        db.pragma('busy_timeout = 5000')
        db.pragma('synchronous = NORMAL')
        // 16 MB of page cache keeps the B-tree interior pages of a large database in memory.
        db.pragma('cache_size = -16000')
      },
    }
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    return { ...common, type: 'postgres', url, extra: { max: 10 } }
  }
  if (/^(mysql|mariadb):\/\//.test(url)) {
    // mysql2 speaks to both; TypeORM's `mariadb` type picks MariaDB's SQL dialect where they differ.
    const type = url.startsWith('mariadb:') ? 'mariadb' : 'mysql'
    return {
      ...common,
      type,
      url: url.replace(/^mariadb:/, 'mysql:'),
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      extra: { connectionLimit: 10 },
    }
  }
  throw new Error(`unsupported DATABASE_URL: ${url}`)
}
