import { Column, Entity, Index, PrimaryColumn } from 'typeorm'
import type { MentionReason } from '@chuangan/shared'

/**
 * 文中相关产品: a product a published article lists, because its text names the product's model number (`model`) or
 * one of its tags names the product's category or a category above it (`category`). `rank` orders an article's list:
 * named models first, in the order the text names them. Rows exist only for published articles.
 */
@Entity('article_product')
@Index('IDX_article_product_product', ['productId', 'articleId'])
export class ArticleProduct {
  @PrimaryColumn({ type: 'integer' })
  articleId: number

  @PrimaryColumn({ type: 'integer' })
  productId: number

  @Column({ type: 'varchar', length: 8 })
  reason: MentionReason

  @Column({ type: 'integer' })
  rank: number
}

/**
 * The model keys (`modelKeyOf`) a published article's text names, whether or not a product has them yet: when the
 * catalogue gains or changes a product, only the articles naming its key are looked at again.
 */
@Entity('article_model_key')
@Index('IDX_article_model_key_key', ['modelKey', 'articleId'])
export class ArticleModelKey {
  @PrimaryColumn({ type: 'integer' })
  articleId: number

  @PrimaryColumn({ type: 'varchar', length: 64 })
  modelKey: string
}
