import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import { DataSource, MoreThanOrEqual } from 'typeorm'
import { SEARCH_LIMITS } from '@chuangan/shared'
import { chinaDay, toInt } from '../common/db'
import { normalize } from './text'
import { SearchTermDay } from './search-term.entity'

/** How often counts gathered in memory are added to the table; and how long the hot list is kept. */
const FLUSH_MS = 15_000
const HOT_TTL_MS = 60_000
const HOT_DAYS = 7
const HOT_SIZE = 10

/**
 * Hot searches: each first-page query is counted in memory and added to `search_term_day` every FLUSH_MS (one
 * upsert a term, adding to what other processes wrote), so a search never waits on a write. The hot list is the
 * most searched queries of the last 7 days, cached a minute per process.
 */
@Injectable()
export class HotSearches implements OnApplicationShutdown {
  private readonly logger = new Logger(HotSearches.name)
  private pending = new Map<string, number>()
  private timer: NodeJS.Timeout | null = null
  private cached: { at: number; items: string[] } | null = null

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  record(query: string): void {
    const term = normalize(query).slice(0, SEARCH_LIMITS.query)
    if (!term) return
    this.pending.set(term, (this.pending.get(term) ?? 0) + 1)
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush().catch((e) => this.logger.warn(`flush: ${e}`)), FLUSH_MS)
      this.timer.unref()
    }
  }

  /** Adds the counts gathered so far to the table (also on shutdown and in tests). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const batch = this.pending
    this.pending = new Map()
    if (!batch.size) return
    const day = chinaDay()
    const rows = [...batch].map(([term, count]) => ({ term, day, count }))
    const type = this.db.options.type
    for (let i = 0; i < rows.length; i += 200) {
      const chunk = rows.slice(i, i + 200)
      if (type === 'mariadb' || type === 'mysql') {
        const values = chunk.map(() => '(?, ?, ?)').join(', ')
        await this.db.query(
          `INSERT INTO search_term_day (term, day, count) VALUES ${values} ON DUPLICATE KEY UPDATE count = count + VALUES(count)`,
          chunk.flatMap((r) => [r.term, r.day, r.count]),
        )
      } else {
        const p = type === 'postgres' ? (n: number) => `$${n}` : () => '?'
        const values = chunk.map((_, j) => `(${p(j * 3 + 1)}, ${p(j * 3 + 2)}, ${p(j * 3 + 3)})`).join(', ')
        await this.db.query(
          `INSERT INTO search_term_day (term, day, count) VALUES ${values} ON CONFLICT (term, day) DO UPDATE SET count = search_term_day.count + excluded.count`,
          chunk.flatMap((r) => [r.term, r.day, r.count]),
        )
      }
    }
    this.cached = null
  }

  async hot(): Promise<string[]> {
    if (this.cached && Date.now() - this.cached.at < HOT_TTL_MS) return this.cached.items
    const since = chinaDay(new Date(Date.now() - (HOT_DAYS - 1) * 86_400_000))
    const rows = await this.db
      .getRepository(SearchTermDay)
      .createQueryBuilder('t')
      .select('t.term', 'term')
      .addSelect('SUM(t.count)', 'n')
      .where({ day: MoreThanOrEqual(since) })
      .groupBy('t.term')
      .orderBy('n', 'DESC')
      .addOrderBy('t.term', 'ASC')
      .limit(HOT_SIZE)
      .getRawMany<{ term: string; n: unknown }>()
    const items = rows.filter((r) => toInt(r.n) >= 2).map((r) => r.term)
    this.cached = { at: Date.now(), items }
    return items
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush().catch((e) => this.logger.warn(`flush at shutdown: ${e}`))
  }
}
