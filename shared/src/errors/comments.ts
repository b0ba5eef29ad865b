import { defineErrors } from './define'

/** Readers' comments, votes and reports, and the editors' side of them (精选, author replies). */
export const CommentErrors = defineErrors({
  /** Missing, deleted, not visible to the caller, or on an article that is not published. */
  COMMENT_NOT_FOUND: { status: 404, message: '评论不存在或已删除' },
  COMMENTS_CLOSED: { status: 409, message: '该文章已关闭评论' },
  /** `replyTo` names no comment on this article that the writer can see. */
  REPLY_TARGET_NOT_FOUND: { status: 400, message: '要回复的评论不存在或已删除' },
  /** `replyTo` names a comment still 审核中 or hidden. */
  REPLY_TARGET_NOT_PUBLISHED: { status: 400, message: '该评论尚未公开，暂不能回复' },
  VOTE_TARGET_NOT_PUBLISHED: { status: 409, message: '该评论尚未公开，暂不能投票' },
  /** Reporting a comment that is not published. */
  COMMENT_NOT_PUBLISHED: { status: 409, message: '该评论尚未公开' },
  OWN_COMMENT_REPORTED: { status: 409, message: '不能举报自己的评论' },
  NOT_COMMENT_OWNER: { status: 403, message: '只能删除自己的评论' },
  REPLY_NOT_FEATURABLE: { status: 409, message: '只能精选一级评论，不能精选回复' },
  UNPUBLISHED_NOT_FEATURABLE: { status: 409, message: '只能精选已公开的评论' },
  AUTHOR_REPLY_TARGET_NOT_PUBLISHED: { status: 409, message: '只能回复已公开的评论' },
})
