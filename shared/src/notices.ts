import { z } from 'zod'
import { CURSOR_MAX_LENGTH, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from './limits'

/**
 * 消息 (in-app notices), one row per recipient:
 * - `article`: a new article by an author, or in a column, I follow;
 * - `issue`: a new issue of a periodical I subscribe to;
 * - `reply`: a reply to my comment;
 * - `comment_like`: likes on my comment, batched (one unread notice per comment counts them: N 人赞了你的评论);
 * - `editor_reply`: the article's author (an editor writing as the author) answered my comment;
 * - `inquiry`: a buyer sent my supplier an inquiry (询价; to each account of the supplier);
 * - `inquiry_answer`: the supplier answered my inquiry;
 * - `saved_search`: new products match one of my 订阅的搜索 (at most one a day per saved search, counting them);
 * - `demand`: (supplier accounts) a buyer's 求购 matched my products;
 * - `demand_answer`: (the buyer) a supplier answered my 求购.
 */
export const NOTICE_KINDS = [
  'article',
  'issue',
  'reply',
  'comment_like',
  'editor_reply',
  'inquiry',
  'inquiry_answer',
  'saved_search',
  'demand',
  'demand_answer',
] as const
export type NoticeKind = (typeof NOTICE_KINDS)[number]

export const NoticeParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) })
export type NoticeParams = z.infer<typeof NoticeParams>

export const NoticeListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  cursor: z.string().max(CURSOR_MAX_LENGTH).optional(),
})
export type NoticeListQuery = z.infer<typeof NoticeListQuery>

/** Who did it: the replier, the latest liker, or the article's author (editor_reply); null for article and issue. */
export const NoticeActor = z.object({
  userId: z.number().int().nullable(),
  name: z.string(),
  avatar: z.string().nullable(),
})
export type NoticeActor = z.infer<typeof NoticeActor>

export const NoticeView = z.object({
  id: z.number().int(),
  kind: z.enum(NOTICE_KINDS),
  read: z.boolean(),
  /** The latest activity: the publish, the reply, the latest like in this batch. */
  at: z.string(),
  /**
   * comment_like: readers who liked since the notice was (re)opened; saved_search: products matched since I last
   * opened the saved search; 1 for the other kinds.
   */
  count: z.number().int(),
  actor: NoticeActor.nullable(),
  /** The article to open (article, reply, comment_like, editor_reply); null when it is gone or unpublished. */
  article: z.object({ id: z.number().int(), title: z.string() }).nullable(),
  /** issue: the new issue and its periodical. */
  issue: z
    .object({
      id: z.number().int(),
      number: z.number().int(),
      title: z.string(),
      periodical: z.object({ id: z.number().int(), name: z.string() }),
    })
    .nullable(),
  /**
   * reply / editor_reply: the reply (its thread's top-level comment in `rootId`); comment_like: my comment.
   * `excerpt` is empty when the comment was deleted or hidden since.
   */
  comment: z
    .object({
      id: z.number().int(),
      rootId: z.number().int(),
      excerpt: z.string(),
      gone: z.boolean(),
    })
    .nullable(),
  /** inquiry / inquiry_answer: the inquiry to open (the buyer's page or the supplier's), its product and supplier. */
  inquiry: z
    .object({
      id: z.number().int(),
      model: z.string(),
      supplierName: z.string(),
    })
    .nullable(),
  /** saved_search: the saved search to open; null when it was deleted since. */
  savedSearch: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** demand / demand_answer: the demand (its category and quantity); null when it is gone. */
  demand: z.object({ id: z.number().int(), category: z.string(), quantity: z.number().int() }).nullable(),
})
export type NoticeView = z.infer<typeof NoticeView>

export const NoticePage = z.object({
  items: z.array(NoticeView),
  nextCursor: z.string().nullable(),
})
export type NoticePage = z.infer<typeof NoticePage>

/** Unread notices, for the tab-bar badge and the 消息 entry on 我的. */
export const UnreadNotices = z.object({
  total: z.number().int(),
  byKind: z.object(
    Object.fromEntries(NOTICE_KINDS.map((k) => [k, z.number().int()])) as Record<NoticeKind, z.ZodNumber>,
  ),
})
export type UnreadNotices = z.infer<typeof UnreadNotices>
