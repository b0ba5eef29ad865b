import { z } from 'zod'
import { CURSOR_MAX_LENGTH, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from './limits'
import { ArticleCard, ArticleStatus, AdPlacement, Id, Slug } from './content'

const TagName = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .refine((s) => !/[<>]/.test(s), 'no angle brackets')
const Url = z
  .string()
  .max(500)
  .refine((s) => /^(https?:\/\/|\/)/.test(s), 'an http(s) URL or a path starting with /')

/** What an editor (or an author, for their own drafts) may set on an article. Unknown keys are refused. */
export const ArticleInput = z
  .object({
    title: z.string().trim().min(1).max(200),
    summary: z.string().trim().max(500).optional(),
    bodyFormat: z.enum(['markdown', 'html']).default('markdown'),
    body: z.string().min(1).max(200_000),
    authorId: Id.optional().describe('editors only; authors always write as themselves'),
    columnId: Id.nullable().optional(),
    tags: z.array(TagName).max(8).default([]),
    cover: Url.nullable().optional(),
    slug: Slug.optional(),
  })
  .strict()
export type ArticleInput = z.infer<typeof ArticleInput>

export const ArticleUpdate = ArticleInput.partial().strict()
export type ArticleUpdate = z.infer<typeof ArticleUpdate>

export const ScheduleInput = z.object({ publishAt: z.iso.datetime({ offset: true }) }).strict()
export type ScheduleInput = z.infer<typeof ScheduleInput>

export const EditorArticle = ArticleCard.extend({
  slug: z.string().nullable(),
  status: ArticleStatus,
  bodyFormat: z.enum(['markdown', 'html']),
  bodySource: z.string(),
  bodyHtml: z.string(),
  updatedAt: z.string(),
})
export type EditorArticle = z.infer<typeof EditorArticle>

export const EditorArticleQuery = z.object({
  status: ArticleStatus.optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  cursor: z.string().max(CURSOR_MAX_LENGTH).optional(),
})
export type EditorArticleQuery = z.infer<typeof EditorArticleQuery>

export const EditorArticleList = z.object({ items: z.array(EditorArticle), nextCursor: z.string().nullable() })
export type EditorArticleList = z.infer<typeof EditorArticleList>

export const ArticleStats = z.object({
  id: z.number().int(),
  title: z.string(),
  status: ArticleStatus,
  counts: z.object({
    reads: z.number().int(),
    likes: z.number().int(),
    comments: z.number().int(),
    favorites: z.number().int(),
    shares: z.number().int(),
  }),
  readers: z.number().int().describe('distinct reader-days counted'),
  readsByDay: z.array(z.object({ day: z.string(), reads: z.number().int() })),
  hotScore: z.number(),
})
export type ArticleStats = z.infer<typeof ArticleStats>

export const AuthorInput = z
  .object({
    slug: Slug,
    name: z.string().trim().min(1).max(64),
    bio: z.string().trim().max(300).default(''),
    avatar: Url.nullable().optional(),
    verified: z.boolean().default(false),
    userId: Id.nullable().optional().describe('the account that writes as this author'),
  })
  .strict()
export type AuthorInput = z.infer<typeof AuthorInput>

export const ColumnInput = z
  .object({
    slug: Slug,
    name: z.string().trim().min(1).max(32),
    description: z.string().trim().max(300).default(''),
    cover: Url.nullable().optional(),
    authorId: Id.nullable().optional(),
    position: z.number().int().min(0).max(1000).default(0),
  })
  .strict()
export type ColumnInput = z.infer<typeof ColumnInput>
export const ColumnUpdate = ColumnInput.partial().strict()

export const TagInput = z.object({ name: TagName }).strict()

export const PeriodicalInput = z
  .object({
    slug: Slug,
    name: z.string().trim().min(1).max(64),
    description: z.string().trim().max(500).default(''),
    cover: Url.nullable().optional(),
  })
  .strict()
export type PeriodicalInput = z.infer<typeof PeriodicalInput>

export const IssueInput = z
  .object({
    number: z.number().int().min(1).max(100_000),
    title: z.string().trim().min(1).max(100),
    publishedAt: z.iso.datetime({ offset: true }).optional(),
    articleIds: z.array(Id).min(1).max(50),
  })
  .strict()
export type IssueInput = z.infer<typeof IssueInput>

export const AdSlotInput = z
  .object({
    placement: AdPlacement,
    title: z.string().trim().min(1).max(64),
    wechatUnitId: z
      .string()
      .regex(/^adunit-[0-9a-f]{8,32}$/, 'a WeChat ad unit id like adunit-0123abcd')
      .nullable()
      .optional(),
    imageUrl: Url.nullable().optional(),
    linkUrl: Url.nullable().optional(),
    startsAt: z.iso.datetime({ offset: true }).nullable().optional(),
    endsAt: z.iso.datetime({ offset: true }).nullable().optional(),
    active: z.boolean().default(true),
  })
  .strict()
  .refine((a) => a.wechatUnitId || a.imageUrl, { message: 'a WeChat ad unit id or a house-ad image is required' })
  .refine((a) => !a.startsAt || !a.endsAt || a.startsAt < a.endsAt, {
    message: 'startsAt must be before endsAt',
    path: ['endsAt'],
  })
export type AdSlotInput = z.infer<typeof AdSlotInput>

export const AdSlotView = z.object({
  id: z.number().int(),
  placement: AdPlacement,
  title: z.string(),
  wechatUnitId: z.string().nullable(),
  imageUrl: z.string().nullable(),
  linkUrl: z.string().nullable(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  active: z.boolean(),
})
export type AdSlotView = z.infer<typeof AdSlotView>
export const AdSlotList = z.object({ items: z.array(AdSlotView) })

export const Created = z.object({ id: z.number().int() })
export const IdParams = z.object({ id: Id })
