import { Column, Entity, Index, PrimaryColumn } from 'typeorm'

/** How often a query was searched on one day (China time): hot searches are the most searched of the last 7 days. */
@Entity('search_term_day')
@Index('IDX_search_term_day_day', ['day'])
export class SearchTermDay {
  /** The query as typed, trimmed, spaces collapsed, Latin lower-cased. */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  term: string

  /** YYYY-MM-DD, China time. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string

  @Column({ type: 'integer' })
  count: number
}
