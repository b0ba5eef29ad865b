import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'

/**
 * One 求购 demand of a buyer (`userId`). `filters` is the demand's constraints as JSON, in search's own shapes
 * (DemandFilters in shared/src/demands.ts); `categoryId` is also a column for the list. The status shown is
 * computed: `closedAt` set → closed, else the deadline passed → expired, else open (no sweep needed).
 * `contact` is wiped (null) when the buyer deletes the account.
 */
@Entity('demand')
@Index('IDX_demand_user', ['userId', 'id'])
export class Demand {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  @Column({ type: 'integer' })
  userId: number

  @Column({ type: 'integer' })
  categoryId: number

  @Column({ type: 'text' })
  filters: string

  @Column({ type: 'integer' })
  quantity: number

  @Column({ type: Date })
  deadline: Date

  @Column({ type: 'varchar', length: 500 })
  note: string

  @Column({ type: 'varchar', length: 40, nullable: true })
  contact: string | null

  /** Suppliers it was sent to (rows of demand_supplier), set when it is posted. */
  @Column({ type: 'integer', default: 0 })
  matchedCount: number

  @Column({ type: Date })
  createdAt: Date

  @Column({ type: Date, nullable: true })
  closedAt: Date | null
}

/**
 * A demand sent to one supplier (one row per demand and supplier: the unique index makes a second send a no-op),
 * carrying that supplier's one answer (`answeredAt` null until then; `price` in fen, null when not quoted).
 */
@Entity('demand_supplier')
@Index('UQ_demand_supplier', ['demandId', 'supplierId'], { unique: true })
@Index('IDX_demand_supplier_inbox', ['supplierId', 'id'])
export class DemandSupplier {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  @Column({ type: 'integer' })
  demandId: number

  @Column({ type: 'integer' })
  supplierId: number

  @Column({ type: Date })
  createdAt: Date

  /** The supplier account that answered. */
  @Column({ type: 'integer', nullable: true })
  answeredBy: number | null

  @Column({ type: 'integer', nullable: true })
  price: number | null

  @Column({ type: 'varchar', length: 500, nullable: true })
  answerNote: string | null

  @Column({ type: Date, nullable: true })
  answeredAt: Date | null
}
