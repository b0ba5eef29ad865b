import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import type { CommentView, CommentVoteKind } from '@chuangan/shared'
import { formatCount, formatRelativeDate } from '@/utils/date'
import { thumbUrl } from '@/utils/media'

/** Roughly what fits on one line of a comment (a 600 px column at 28 px). */
const CHARS_PER_LINE = 20
/** Longer comments open folded behind 展开. */
export const FOLD_OVER_LINES = 6

/** Estimated lines of `content` as shown: each paragraph wraps every CHARS_PER_LINE characters. */
export function estimatedLines(content: string): number {
  return content.split('\n').reduce((lines, p) => lines + Math.max(1, Math.ceil(p.length / CHARS_PER_LINE)), 0)
}

export interface CommentActions {
  onVote: (comment: CommentView, kind: CommentVoteKind) => void
  onReply: (comment: CommentView) => void
  onDelete: (comment: CommentView) => void
  onReport: (comment: CommentView) => void
}

interface Props extends CommentActions {
  comment: CommentView
  /** A reply (smaller, inside its thread) or a top-level comment. */
  reply?: boolean
}

function Avatar({ comment, reply }: { comment: CommentView; reply?: boolean }) {
  // 68 design px, 48 in a reply (comments.css).
  const box = reply ? 48 : 68
  const src = thumbUrl(comment.author.avatar, { width: box, height: box }, 1)
  const size = reply ? ' comment__avatar--small' : ''
  if (src) return <Image className={`comment__avatar${size}`} src={src} mode="aspectFill" lazyLoad />
  const gone = comment.author.badge === 'deleted'
  return (
    <View className={`comment__avatar comment__avatar--text${size}${gone ? ' comment__avatar--gone' : ''}`}>
      {gone ? '?' : comment.author.name.slice(0, 1) || '?'}
    </View>
  )
}

/** One comment or reply: who, when, what (folded when long), its votes and what I may do with it. */
export default function CommentItem({ comment, reply, onVote, onReply, onDelete, onReport }: Props) {
  const [unfolded, setUnfolded] = useState(false)
  const deleted = comment.status === 'deleted'
  const long = !deleted && estimatedLines(comment.content) > FOLD_OVER_LINES
  const folded = long && !unfolded
  const { author } = comment

  return (
    <View
      className={`comment${reply ? ' comment--reply' : ''}${comment.status === 'pending' ? ' comment--pending' : ''}`}
      data-testid={reply ? 'reply-item' : 'comment-item'}
      data-id={comment.id}
      data-status={comment.status}
    >
      <Avatar comment={comment} reply={reply} />
      <View className="comment__main">
        <View className="comment__head">
          <Text className={`comment__name${author.badge === 'deleted' ? ' comment__name--gone' : ''}`}>
            {author.name}
          </Text>
          {author.badge === 'author' ? <Text className="comment__badge comment__badge--author">作者</Text> : null}
          {comment.featured && !reply ? <Text className="comment__badge comment__badge--featured">精选</Text> : null}
          {comment.status === 'pending' ? (
            <Text className="comment__badge comment__badge--pending" data-testid="comment-pending">
              审核中
            </Text>
          ) : null}
        </View>

        {deleted ? (
          <Text className="comment__content comment__content--deleted">该评论已删除</Text>
        ) : (
          <Text className={`comment__content${folded ? ' comment__content--folded' : ''}`}>
            {comment.replyTo ? <Text className="comment__reply-to">回复 @{comment.replyTo.name}：</Text> : null}
            {comment.content}
          </Text>
        )}
        {long ? (
          <Text className="comment__unfold" data-testid="comment-unfold" onClick={() => setUnfolded(!unfolded)}>
            {folded ? '展开' : '收起'}
          </Text>
        ) : null}

        <View className="comment__foot">
          <Text className="comment__time">{formatRelativeDate(comment.createdAt)}</Text>
          {deleted ? null : (
            <View className="comment__actions">
              {comment.mine ? (
                <Text className="comment__action" data-testid="comment-delete" onClick={() => onDelete(comment)}>
                  删除
                </Text>
              ) : (
                <Text className="comment__action" data-testid="comment-report" onClick={() => onReport(comment)}>
                  举报
                </Text>
              )}
              {comment.status === 'published' ? (
                <Text className="comment__action" data-testid="comment-reply" onClick={() => onReply(comment)}>
                  回复
                </Text>
              ) : null}
              {comment.status === 'published' ? (
                <>
                  <View
                    className={`comment__vote comment-like${comment.myVote === 'like' ? ' comment__vote--on' : ''}`}
                    data-testid="comment-like"
                    aria-pressed={comment.myVote === 'like'}
                    onClick={() => onVote(comment, 'like')}
                  >
                    <Text className="comment__vote-icon">赞</Text>
                    <Text className="comment-like-count">{formatCount(comment.likes)}</Text>
                  </View>
                  <View
                    className={`comment__vote comment-dislike${comment.myVote === 'dislike' ? ' comment__vote--on' : ''}`}
                    data-testid="comment-dislike"
                    aria-pressed={comment.myVote === 'dislike'}
                    onClick={() => onVote(comment, 'dislike')}
                  >
                    <Text className="comment__vote-icon">踩</Text>
                    <Text className="comment-dislike-count">{formatCount(comment.dislikes)}</Text>
                  </View>
                </>
              ) : null}
            </View>
          )}
        </View>
      </View>
    </View>
  )
}
