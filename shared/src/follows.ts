import { z } from 'zod'
import { ArticleCard } from './content'
import { MyListQuery } from './engagement'

/** What a reader can follow: an author, a column, or a periodical (期刊订阅). */
export const FOLLOW_KINDS = ['author', 'column', 'periodical'] as const
export type FollowKind = (typeof FOLLOW_KINDS)[number]

export const FollowParams = z.object({
  kind: z.enum(FOLLOW_KINDS),
  id: z.coerce.number().int().positive().max(2_147_483_647),
})
export type FollowParams = z.infer<typeof FollowParams>

/** The caller's relation to one author, column or periodical, and its exact follower (subscriber) count. */
export const FollowState = z.object({
  following: z.boolean(),
  followers: z.number().int(),
})
export type FollowState = z.infer<typeof FollowState>

export const FollowTarget = z.object({
  kind: z.enum(FOLLOW_KINDS),
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  /** The author's avatar, the column's or periodical's cover. */
  image: z.string().nullable(),
  followers: z.number().int(),
})
export type FollowTarget = z.infer<typeof FollowTarget>

export const MyFollowsQuery = MyListQuery.extend({ kind: z.enum(FOLLOW_KINDS).optional() })
export type MyFollowsQuery = z.infer<typeof MyFollowsQuery>

/** 我的关注: what I follow, newest first. */
export const MyFollowsPage = z.object({
  items: z.array(z.object({ target: FollowTarget, followedAt: z.string() })),
  nextCursor: z.string().nullable(),
})
export type MyFollowsPage = z.infer<typeof MyFollowsPage>

/** The 关注 feed: what the authors and columns I follow published, newest first. */
export const FollowingFeedPage = z.object({
  items: z.array(ArticleCard),
  nextCursor: z.string().nullable(),
})
export type FollowingFeedPage = z.infer<typeof FollowingFeedPage>
