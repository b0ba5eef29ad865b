import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'

/**
 * One of a buyer's 订阅的搜索: a 传感搜 query kept under a name. `query` holds the checked request (SavedSearchQuery)
 * as JSON text, portable on every driver. `newMatches` counts the products matched since the buyer last opened it;
 * `lastNotifiedAt` is when a `saved_search` notice last went out (at most one a day, see saved-searches.service.ts).
 */
@Entity('saved_search')
@Index('IDX_saved_search_list', ['userId', 'createdAt', 'id'])
export class SavedSearch {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  @Column({ type: 'integer' })
  userId: number

  @Column({ type: 'varchar', length: 30 })
  name: string

  @Column({ type: 'text' })
  query: string

  @Column({ type: 'integer', default: 0 })
  newMatches: number

  @Column({ type: Date, nullable: true })
  lastMatchedAt: Date | null

  @Column({ type: Date, nullable: true })
  lastNotifiedAt: Date | null

  @Column({ type: Date, nullable: true })
  lastOpenedAt: Date | null

  @Column({ type: Date })
  createdAt: Date
}
