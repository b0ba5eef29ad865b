import { z } from 'zod'
import { ProductCard } from './catalog'
import { FeedPage } from './content'
import { CURSOR_MAX_LENGTH, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from './limits'

/**
 * 文中相关产品: the products an article names by model number or covers by its tags' categories, and back from a
 * product the articles that mention it. Computed when an article is published or revised and when the catalogue
 * changes (docs/search.md, "Products in articles"), never per request.
 */

/** Why a product is listed: the article names its model number, or a tag of the article names its category. */
export const MENTION_REASONS = ['model', 'category'] as const
export type MentionReason = (typeof MENTION_REASONS)[number]

export const ArticleProduct = ProductCard.extend({ reason: z.enum(MENTION_REASONS) })
export type ArticleProduct = z.infer<typeof ArticleProduct>

/** `GET /articles/:id/products`: at most ARTICLE_PRODUCTS_MAX, named models first (in the order the text names them). */
export const ArticleProducts = z.object({ items: z.array(ArticleProduct) })
export type ArticleProducts = z.infer<typeof ArticleProducts>

export const ProductArticlesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  cursor: z.string().max(CURSOR_MAX_LENGTH).optional().describe('opaque; the nextCursor of the previous page'),
})
export type ProductArticlesQuery = z.infer<typeof ProductArticlesQuery>

/** `GET /products/:id/articles`: article cards, newest first. */
export const ProductArticles = FeedPage
export type ProductArticles = z.infer<typeof ProductArticles>
