import { z } from 'zod'
import { CURSOR_MAX_LENGTH, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from './limits'

/** The largest id: id columns are 4-byte signed integers on every database (2^31 − 1). */
export const MAX_ID = 2_147_483_647

/** Numeric ids travel as numbers; path and query params arrive as strings and are coerced. */
export const Id = z.coerce.number().int().positive().max(MAX_ID)
export const Slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and single hyphens')
const IsoDate = z.string().describe('ISO 8601 date-time')

export const ARTICLE_STATUSES = ['draft', 'scheduled', 'published', 'archived'] as const
export const ArticleStatus = z.enum(ARTICLE_STATUSES)
export type ArticleStatus = z.infer<typeof ArticleStatus>

export const FEED_SORTS = ['latest', 'hot'] as const

/**
 * A node of WeChat's `rich-text`: an element with a whitelisted name and attributes, or a text node.
 * The server produces these from sanitised HTML; clients render them as they are.
 */
export type RichTextNode =
  { type: 'text'; text: string } | { name: string; attrs?: Record<string, string>; children?: RichTextNode[] }
export const RichTextNode: z.ZodType<RichTextNode> = z.lazy(() =>
  z.union([
    z.object({ type: z.literal('text'), text: z.string() }),
    z.object({
      name: z.string(),
      attrs: z.record(z.string(), z.string()).optional(),
      children: z.array(RichTextNode).optional(),
    }),
  ]),
)

export const AuthorRef = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  avatar: z.string().nullable(),
  verified: z.boolean(),
})
export type AuthorRef = z.infer<typeof AuthorRef>

export const AuthorProfile = AuthorRef.extend({
  bio: z.string(),
  articleCount: z.number().int(),
  columns: z.array(z.object({ id: z.number().int(), slug: z.string(), name: z.string() })),
})
export type AuthorProfile = z.infer<typeof AuthorProfile>

export const ColumnRef = z.object({ id: z.number().int(), slug: z.string(), name: z.string() })
export type ColumnRef = z.infer<typeof ColumnRef>

export const ColumnProfile = ColumnRef.extend({
  description: z.string(),
  cover: z.string().nullable(),
  author: AuthorRef.nullable(),
  articleCount: z.number().int(),
})
export type ColumnProfile = z.infer<typeof ColumnProfile>

export const TagRef = z.object({ id: z.number().int(), name: z.string() })
export type TagRef = z.infer<typeof TagRef>

export const TagProfile = TagRef.extend({ articleCount: z.number().int() })
export type TagProfile = z.infer<typeof TagProfile>

export const ArticleCounts = z.object({
  reads: z.number().int(),
  likes: z.number().int(),
  comments: z.number().int(),
  favorites: z.number().int(),
  shares: z.number().int(),
})
export type ArticleCounts = z.infer<typeof ArticleCounts>

/** An article in a list: everything a feed card shows. */
export const ArticleCard = z.object({
  id: z.number().int(),
  title: z.string(),
  summary: z.string(),
  cover: z.string().nullable(),
  author: AuthorRef,
  column: ColumnRef.nullable(),
  tags: z.array(TagRef),
  publishedAt: IsoDate,
  counts: ArticleCounts,
})
export type ArticleCard = z.infer<typeof ArticleCard>

/** A one-line link to another article (作者最近更新, 相关推荐). */
export const ArticleBrief = z.object({
  id: z.number().int(),
  title: z.string(),
  cover: z.string().nullable(),
  publishedAt: IsoDate,
})
export type ArticleBrief = z.infer<typeof ArticleBrief>

export const AdPlacement = z.enum(['article', 'feed'])
export type AdPlacement = z.infer<typeof AdPlacement>

/** An ad slot as a page shows it: WeChat's `ad` component when a unit id is set, our house ad otherwise. */
export const AdView = z.object({
  id: z.number().int(),
  placement: AdPlacement,
  wechatUnitId: z.string().nullable(),
  title: z.string(),
  imageUrl: z.string().nullable(),
  linkUrl: z.string().nullable(),
})
export type AdView = z.infer<typeof AdView>

/** Everything the article page needs, in one response that is the same for every reader (cacheable). */
export const ArticleDetail = ArticleCard.extend({
  body: z.array(RichTextNode),
  /** Characters of plain text in the body: the page folds long bodies behind 查看全文. */
  bodyLength: z.number().int(),
  authorProfile: AuthorProfile,
  authorLatest: z.array(ArticleBrief).max(3),
  related: z.array(ArticleBrief).max(6),
  ad: AdView.nullable(),
})
export type ArticleDetail = z.infer<typeof ArticleDetail>

export const FeedQuery = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  cursor: z.string().max(CURSOR_MAX_LENGTH).optional().describe('opaque; the nextCursor of the previous page'),
  sort: z.enum(FEED_SORTS).default('latest'),
  column: Slug.optional().describe('column slug'),
  tag: z.string().min(1).max(32).optional().describe('tag name'),
  author: Id.optional().describe('author id'),
  periodical: Id.optional().describe('periodical id: its issues’ articles'),
})
export type FeedQuery = z.infer<typeof FeedQuery>

export const FeedPage = z.object({
  items: z.array(ArticleCard),
  nextCursor: z.string().nullable(),
})
export type FeedPage = z.infer<typeof FeedPage>

export const ArticleParams = z.object({ id: Id })
export type ArticleParams = z.infer<typeof ArticleParams>
export const SlugParams = z.object({ slug: Slug })
export type SlugParams = z.infer<typeof SlugParams>
export const TagParams = z.object({ name: z.string().min(1).max(32) })
export type TagParams = z.infer<typeof TagParams>

export const ReadResult = z.object({ counted: z.boolean(), reads: z.number().int() })
export type ReadResult = z.infer<typeof ReadResult>

export const ColumnList = z.object({ items: z.array(ColumnProfile) })
export type ColumnList = z.infer<typeof ColumnList>
export const HotTags = z.object({ items: z.array(TagProfile) })
export type HotTags = z.infer<typeof HotTags>

export const PeriodicalIssueView = z.object({
  id: z.number().int(),
  number: z.number().int(),
  title: z.string(),
  publishedAt: IsoDate,
  articles: z.array(ArticleBrief),
})
export type PeriodicalIssueView = z.infer<typeof PeriodicalIssueView>

export const PeriodicalSummary = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  cover: z.string().nullable(),
  issueCount: z.number().int(),
})
export type PeriodicalSummary = z.infer<typeof PeriodicalSummary>

export const PeriodicalDetail = PeriodicalSummary.extend({ issues: z.array(PeriodicalIssueView) })
export type PeriodicalDetail = z.infer<typeof PeriodicalDetail>
export const PeriodicalList = z.object({ items: z.array(PeriodicalSummary) })
export type PeriodicalList = z.infer<typeof PeriodicalList>
