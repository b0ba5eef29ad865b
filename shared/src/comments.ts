import { z } from 'zod'
import { Id } from './content'
import {
  COMMENT_MAX_LENGTH,
  CURSOR_MAX_LENGTH,
  FIRST_REPLIES,
  PAGE_SIZE_DEFAULT,
  PAGE_SIZE_MAX,
  REPORT_NOTE_MAX_LENGTH,
  REPORT_REASONS,
} from './limits'

const IsoDate = z.string().describe('ISO 8601 date-time')

export const COMMENT_STATUSES = ['published', 'pending', 'hidden', 'deleted'] as const
export const CommentStatus = z.enum(COMMENT_STATUSES)
export type CommentStatus = z.infer<typeof CommentStatus>

/** Who wrote a comment. A deleted account shows as 已注销用户 with no id or avatar. */
export const CommentAuthor = z.object({
  userId: z.number().int().nullable(),
  name: z.string(),
  avatar: z.string().nullable(),
  /** 'author': an editor's reply as the article's author (pinned under the comment); 'deleted': 已注销用户. */
  badge: z.enum(['author', 'deleted']).nullable(),
})
export type CommentAuthor = z.infer<typeof CommentAuthor>

export const CommentVoteKind = z.enum(['like', 'dislike'])
export type CommentVoteKind = z.infer<typeof CommentVoteKind>

/** One comment or reply as the caller sees it. */
export const CommentView = z.object({
  id: z.number().int(),
  articleId: z.number().int(),
  /** The top-level comment a reply sits under; null for a top-level comment. */
  rootId: z.number().int().nullable(),
  /** For a reply to a reply: whom it answers (shown as 回复 @name). */
  replyTo: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  author: CommentAuthor,
  content: z.string(),
  /** pending (审核中) is visible only to its writer and to editors. */
  status: CommentStatus,
  featured: z.boolean(),
  likes: z.number().int(),
  dislikes: z.number().int(),
  /** The caller's own vote (null when anonymous or none). */
  myVote: CommentVoteKind.nullable(),
  /** True when the caller wrote it (may delete it). */
  mine: z.boolean(),
  createdAt: IsoDate,
})
export type CommentView = z.infer<typeof CommentView>

/** A top-level comment with its reply count, the author's pinned reply, and the first replies (folded). */
export const CommentThread = CommentView.extend({
  replyCount: z.number().int(),
  authorReply: CommentView.nullable(),
  replies: z.array(CommentView).max(FIRST_REPLIES),
})
export type CommentThread = z.infer<typeof CommentThread>

export const COMMENT_SORTS = ['hot', 'newest'] as const
export const CommentListQuery = z.object({
  sort: z.enum(COMMENT_SORTS).default('hot'),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  cursor: z.string().max(CURSOR_MAX_LENGTH).optional().describe('opaque; the nextCursor of the previous page'),
})
export type CommentListQuery = z.infer<typeof CommentListQuery>

export const CommentPage = z.object({
  /** Featured (精选) threads first on the first page, then by the chosen order. */
  items: z.array(CommentThread),
  nextCursor: z.string().nullable(),
  /** Published comments and replies on the article. */
  total: z.number().int(),
  /** Editors closed comments on this article: the list stays, writing is refused. */
  closed: z.boolean(),
})
export type CommentPage = z.infer<typeof CommentPage>

export const ReplyListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  cursor: z.string().max(CURSOR_MAX_LENGTH).optional(),
})
export type ReplyListQuery = z.infer<typeof ReplyListQuery>

export const ReplyPage = z.object({ items: z.array(CommentView), nextCursor: z.string().nullable() })
export type ReplyPage = z.infer<typeof ReplyPage>

export const CommentInput = z
  .object({
    content: z.string().trim().min(1, '评论不能为空').max(COMMENT_MAX_LENGTH, `评论最多 ${COMMENT_MAX_LENGTH} 字`),
    /** Answer this comment or reply; omit for a top-level comment. */
    replyTo: Id.optional(),
  })
  .strict()
export type CommentInput = z.infer<typeof CommentInput>

export const CommentParams = z.object({ id: Id })
export type CommentParams = z.infer<typeof CommentParams>

export const VoteInput = z.object({ vote: CommentVoteKind }).strict()
export type VoteInput = z.infer<typeof VoteInput>

export const VoteResult = z.object({
  myVote: CommentVoteKind.nullable(),
  likes: z.number().int(),
  dislikes: z.number().int(),
})
export type VoteResult = z.infer<typeof VoteResult>

export const ReportInput = z
  .object({
    reason: z.enum(REPORT_REASONS),
    note: z.string().trim().max(REPORT_NOTE_MAX_LENGTH).optional(),
  })
  .strict()
export type ReportInput = z.infer<typeof ReportInput>

/** My comments under 我的, each with its status and article. */
export const MyCommentPage = z.object({
  items: z.array(
    z.object({
      comment: CommentView,
      article: z.object({ id: z.number().int(), title: z.string() }),
    }),
  ),
  nextCursor: z.string().nullable(),
})
export type MyCommentPage = z.infer<typeof MyCommentPage>

// Editors

export const MODERATION_QUEUES = ['reported', 'pending', 'hidden'] as const
export const ModerationQuery = z.object({
  queue: z.enum(MODERATION_QUEUES).default('reported'),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  cursor: z.string().max(CURSOR_MAX_LENGTH).optional(),
})
export type ModerationQuery = z.infer<typeof ModerationQuery>

export const ModerationItem = z.object({
  comment: CommentView,
  article: z.object({ id: z.number().int(), title: z.string() }),
  reports: z.number().int(),
  reasons: z.array(z.enum(REPORT_REASONS)),
  /** msg_sec_check's verdict label when the check asked for review (e.g. 20001 时政). */
  checkLabel: z.number().int().nullable(),
})
export type ModerationItem = z.infer<typeof ModerationItem>

export const ModerationPage = z.object({ items: z.array(ModerationItem), nextCursor: z.string().nullable() })
export type ModerationPage = z.infer<typeof ModerationPage>

export const FeatureInput = z.object({ featured: z.boolean() }).strict()
export type FeatureInput = z.infer<typeof FeatureInput>

export const AuthorReplyInput = z.object({ content: z.string().trim().min(1).max(COMMENT_MAX_LENGTH) }).strict()
export type AuthorReplyInput = z.infer<typeof AuthorReplyInput>

export const CommentSettingsInput = z.object({ closed: z.boolean() }).strict()
export type CommentSettingsInput = z.infer<typeof CommentSettingsInput>
export const CommentSettings = z.object({ closed: z.boolean() })
