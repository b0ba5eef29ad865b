import { z } from 'zod'
import { CURSOR_MAX_LENGTH, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from './limits'
import { ArticleCard, ArticleDetail } from './content'
import { CommentPage } from './comments'

/** The caller's own relation to an article, kept apart from the article page so that page can be cached. */
export const ViewerState = z.object({
  liked: z.boolean(),
  likes: z.number().int(),
  /** My folders holding the article (empty: not collected). */
  folderIds: z.array(z.number().int()),
  favorites: z.number().int(),
  /** Published comments and replies. */
  comments: z.number().int(),
  commentsClosed: z.boolean(),
})
export type ViewerState = z.infer<typeof ViewerState>

/**
 * Everything an article page shows on first load, in one answer: the article (the same cached answer as
 * `GET /articles/:id`), the caller's own state (null when not signed in: the page then shows the article's counts)
 * and the first page of 热门 comments (COMMENT_PAGE_SIZE threads, the caller's votes and pending comments included).
 */
export const ArticlePageView = z.object({
  article: ArticleDetail,
  viewer: ViewerState.nullable(),
  comments: CommentPage,
})
export type ArticlePageView = z.infer<typeof ArticlePageView>

export const LikeResult = z.object({
  liked: z.boolean(),
  likes: z.number().int(),
})
export type LikeResult = z.infer<typeof LikeResult>

export const MyListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  cursor: z.string().max(CURSOR_MAX_LENGTH).optional(),
})
export type MyListQuery = z.infer<typeof MyListQuery>

/** Articles I liked, newest like first. */
export const MyLikesPage = z.object({
  items: z.array(z.object({ article: ArticleCard, likedAt: z.string() })),
  nextCursor: z.string().nullable(),
})
export type MyLikesPage = z.infer<typeof MyLikesPage>
