import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm'

export const ROLES = ['reader', 'author', 'editor', 'supplier'] as const
export type Role = (typeof ROLES)[number]

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  @Index('UQ_user_openid', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  openid: string | null

  @Column({ type: 'varchar', length: 64, nullable: true })
  unionid: string | null

  /** WeChat's session_key from the latest sign-in; never leaves the server. */
  @Column({ type: 'varchar', length: 64, nullable: true, select: false })
  wechatSessionKey: string | null

  @Column({ type: 'varchar', length: 64, default: '' })
  nickname: string

  /** The public code in my share paths and poster scenes (8 letters/digits, random; see share/share-code.ts). */
  @Index('UQ_user_share_code', { unique: true })
  @Column({ type: 'varchar', length: 8 })
  shareCode: string

  @Column({ type: 'varchar', length: 500, nullable: true })
  avatarUrl: string | null

  // A plain varchar: enums differ on every driver; the services are the only writers.
  @Column({ type: 'varchar', length: 16, default: 'reader' })
  role: Role

  /** For a supplier account: the catalogue supplier it answers for (set by `cli.js create-staff --supplier`). */
  @Index('IDX_user_supplier')
  @Column({ type: 'integer', nullable: true })
  supplierId: number | null

  @Column({ type: Date })
  createdAt: Date

  /** Set when the account was deleted: personal fields are cleared, the row stays so comments show 已注销用户. */
  @Column({ type: Date, nullable: true })
  deletedAt: Date | null
}
