import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm'

/** A node of the category tree (压力传感器 → 压力变送器); `path` is the names from the root joined by `/`. */
@Entity('category')
export class Category {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  @Column({ type: 'integer', nullable: true })
  parentId: number | null

  @Column({ type: 'varchar', length: 32 })
  name: string

  @Index('UQ_category_path', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  path: string

  @Column({ type: 'integer' })
  depth: number

  @Column({ type: 'integer' })
  sortOrder: number
}

/**
 * A parameter a category's products carry (a category also has its ancestors' parameters). `kind`: number (one
 * value), range (min–max), enum (one or more of a set), text. Numbers and ranges have a unit dimension and are stored
 * in its base unit (shared/src/units.ts); `unit` is the unit they are shown in.
 */
@Entity('category_param')
@Index('UQ_category_param_key', ['categoryId', 'key'], { unique: true })
export class CategoryParam {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  @Column({ type: 'integer' })
  categoryId: number

  /** The name a record uses for it (量程, 输出信号 …); unique in the category. */
  @Column({ type: 'varchar', length: 32 })
  key: string

  @Column({ type: 'varchar', length: 8 })
  kind: 'number' | 'range' | 'enum' | 'text'

  @Column({ type: 'varchar', length: 16, nullable: true })
  dimension: string | null

  @Column({ type: 'varchar', length: 16, nullable: true })
  unit: string | null

  @Column({ type: 'boolean' })
  facetable: boolean

  @Column({ type: 'integer' })
  sortOrder: number
}

@Entity('supplier')
export class Supplier {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  @Index('UQ_supplier_name', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  name: string

  @Column({ type: 'varchar', length: 32 })
  region: string

  @Column({ type: 'boolean' })
  verified: boolean

  @Column({ type: 'varchar', length: 200, nullable: true })
  contact: string | null

  /**
   * 询价 response figures, kept by inquiries/ in the transaction that creates or answers an inquiry (under this
   * row's lock): inquiries received, inquiries answered, and the median minutes from an inquiry to its answer
   * (null before the first answer).
   */
  @Column({ type: 'integer', default: 0 })
  inquiryCount: number

  @Column({ type: 'integer', default: 0 })
  answeredCount: number

  @Column({ type: 'integer', nullable: true })
  medianAnswerMinutes: number | null

  @Column({ type: Date })
  createdAt: Date

  @Column({ type: Date })
  updatedAt: Date
}

/**
 * A product a supplier sells; (supplier, model) is its identity, so a re-import updates it. `modelKey` is the model
 * without case and punctuation (`LJ12A3-4-Z/BX` → `LJ12A34ZBX`), what model searches compare. `params` keeps the
 * record's parameters as written (for display); `product_param` holds them typed, in base units, for filters.
 * Prices are in fen (0.01 yuan).
 */
@Entity('product')
@Index('UQ_product_supplier_model', ['supplierId', 'model'], { unique: true })
@Index('IDX_product_category', ['categoryId'])
@Index('IDX_product_model_key', ['modelKey'])
@Index('IDX_product_updated_at', ['updatedAt'])
export class Product {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number

  @Column({ type: 'integer' })
  supplierId: number

  @Column({ type: 'varchar', length: 64 })
  model: string

  @Column({ type: 'varchar', length: 64 })
  modelKey: string

  @Column({ type: 'varchar', length: 120 })
  name: string

  @Column({ type: 'varchar', length: 64 })
  brand: string

  @Column({ type: 'integer' })
  categoryId: number

  @Column({ type: 'text' })
  description: string

  @Column({ type: 'varchar', length: 500, nullable: true })
  datasheetUrl: string | null

  /** JSON: image URLs. */
  @Column({ type: 'text' })
  images: string

  /** JSON: the parameters as the record gave them, name → value. */
  @Column({ type: 'text' })
  params: string

  /** JSON: price breaks [{ qty, price }] with price in fen, ascending qty. */
  @Column({ type: 'text' })
  priceBreaks: string

  /** The lowest unit price of any break, in fen; null when the supplier gives no price (询价). */
  @Column({ type: 'integer', nullable: true })
  priceFrom: number | null

  @Column({ type: 'integer' })
  moq: number

  @Column({ type: 'integer' })
  stock: number

  @Column({ type: 'integer', nullable: true })
  leadTimeDays: number | null

  @Column({ type: Date })
  createdAt: Date

  @Column({ type: Date })
  updatedAt: Date
}

/**
 * One typed parameter value of a product, for filters and facets: a number or range in base units (`min` = `max`
 * for a single value), or one enum value (a product with several outputs has several rows), or a text.
 */
@Entity('product_param')
@Index('IDX_product_param_range', ['key', 'min', 'max'])
@Index('IDX_product_param_value', ['key', 'value'])
export class ProductParam {
  @PrimaryColumn({ type: 'integer' })
  productId: number

  @PrimaryColumn({ type: 'varchar', length: 32 })
  key: string

  /** 0 for a number, a range or a text; 0, 1, 2 … for the values of an enum. */
  @PrimaryColumn({ type: 'integer' })
  seq: number

  @Column({ type: 'double precision', nullable: true })
  min: number | null

  @Column({ type: 'double precision', nullable: true })
  max: number | null

  @Column({ type: 'varchar', length: 64, nullable: true })
  value: string | null
}
