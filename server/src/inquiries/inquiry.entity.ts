import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'
import type { InquiryCloser, InquiryStatus } from '@chuangan/shared'

/**
 * One 询价: a buyer (`buyerId`) asks the supplier of a product (`supplierId`, copied from the product when sent, so
 * the inquiry stays with that supplier) for a price. Only the buyer and the supplier's accounts ever read it.
 * Prices are in fen (0.01 yuan), like the catalogue's. See docs/inquiries.md.
 */
@Entity('inquiry')
@Index('IDX_inquiry_buyer', ['buyerId', 'id'])
@Index('IDX_inquiry_buyer_status', ['buyerId', 'status', 'id'])
@Index('IDX_inquiry_supplier', ['supplierId', 'id'])
@Index('IDX_inquiry_supplier_status', ['supplierId', 'status', 'id'])
@Index('IDX_inquiry_supplier_answer', ['supplierId', 'answerMinutes'])
export class Inquiry {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  @Column({ type: 'integer' })
  buyerId: number

  @Column({ type: 'integer' })
  productId: number

  @Column({ type: 'integer' })
  supplierId: number

  // Plain varchars: enums differ on every driver; InquiriesService is the only writer.
  @Column({ type: 'varchar', length: 16 })
  status: InquiryStatus

  @Column({ type: 'integer' })
  quantity: number

  /** The buyer's hoped-for unit price, in fen. */
  @Column({ type: 'integer', nullable: true })
  targetPrice: number | null

  /** YYYY-MM-DD (China time). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  deadline: string | null

  @Column({ type: 'varchar', length: 500 })
  note: string

  /** The buyer's phone or WeChat id; null once the buyer's account is deleted. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  contact: string | null

  /** The supplier's unit price, in fen. */
  @Column({ type: 'integer', nullable: true })
  answerPrice: number | null

  @Column({ type: 'integer', nullable: true })
  answerLeadTimeDays: number | null

  @Column({ type: 'varchar', length: 500, nullable: true })
  answerNote: string | null

  /** The account that answered (a staff user of the supplier). */
  @Column({ type: 'integer', nullable: true })
  answeredBy: number | null

  @Column({ type: Date, nullable: true })
  answeredAt: Date | null

  /** Whole minutes from sending to answer (the supplier's median answer time is over these). */
  @Column({ type: 'integer', nullable: true })
  answerMinutes: number | null

  @Column({ type: 'varchar', length: 8, nullable: true })
  closedBy: InquiryCloser | null

  @Column({ type: Date })
  createdAt: Date

  @Column({ type: Date })
  updatedAt: Date
}
