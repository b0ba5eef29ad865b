import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm'
import { User } from '../users/user.entity'

/** A bearer token, stored only as its SHA-256; revocable, expiring. */
@Entity('session')
export class Session {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  @Index('UQ_session_token', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string

  @Column({ type: 'integer' })
  userId: number

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user: User

  @Column({ type: Date })
  expiresAt: Date

  @Column({ type: Date, nullable: true })
  revokedAt: Date | null

  @Column({ type: Date })
  createdAt: Date
}
