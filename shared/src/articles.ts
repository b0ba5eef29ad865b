import { z } from 'zod'

/** Numeric ids travel as numbers; path and query params arrive as strings and are coerced. */
export const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)

export const ArticleSummary = z.object({
  id: z.number().int(),
  title: z.string(),
  summary: z.string(),
  cover: z.string().nullable(),
  authorName: z.string(),
  publishedAt: z.string().describe('ISO 8601'),
  readCount: z.number().int(),
  likeCount: z.number().int(),
  commentCount: z.number().int(),
})
export type ArticleSummary = z.infer<typeof ArticleSummary>

export const ArticleDetail = ArticleSummary.extend({
  body: z.string().describe('sanitised HTML'),
})
export type ArticleDetail = z.infer<typeof ArticleDetail>

export const FeedQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().max(200).optional().describe('opaque; the nextCursor of the previous page'),
})
export type FeedQuery = z.infer<typeof FeedQuery>

export const FeedPage = z.object({
  items: z.array(ArticleSummary),
  nextCursor: z.string().nullable(),
})
export type FeedPage = z.infer<typeof FeedPage>

export const ArticleParams = z.object({ id: Id })
export type ArticleParams = z.infer<typeof ArticleParams>
