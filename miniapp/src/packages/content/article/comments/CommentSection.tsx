import { Button, Text, View } from '@tarojs/components'
import { FIRST_REPLIES } from '@chuangan/shared/limits'
import Skeleton from '@/components/Skeleton'
import { errorMessage } from '@/api/client'
import { formatCount } from '@/utils/date'
import CommentItem, { type CommentActions } from './CommentItem'
import type { CommentSort, Comments, Thread } from './useComments'
import './comments.css'

const SORTS: { value: CommentSort; label: string }[] = [
  { value: 'hot', label: '最热' },
  { value: 'newest', label: '最新' },
]

interface Props extends CommentActions {
  comments: Comments
  /** The exact count (the viewer's state, else the list's total). */
  count: number
  closed: boolean
  onWrite: () => void
}

function Replies({ thread, comments, actions }: { thread: Thread; comments: Comments; actions: CommentActions }) {
  const replies = thread.replies.filter((r) => r.id !== thread.authorReply?.id)
  const folded = thread.repliesCursor === undefined && thread.replyCount > replies.length
  const more = typeof thread.repliesCursor === 'string'
  const all = thread.repliesCursor === null && replies.length > FIRST_REPLIES
  if (!thread.authorReply && replies.length === 0 && !folded) return null
  return (
    <View className="replies">
      {/* the author's reply is pinned first */}
      {thread.authorReply ? <CommentItem comment={thread.authorReply} reply {...actions} /> : null}
      {replies.map((r) => (
        <CommentItem key={r.id} comment={r} reply {...actions} />
      ))}
      {thread.repliesLoading ? (
        <Text className="replies__toggle replies__toggle--busy">加载中…</Text>
      ) : folded || more ? (
        <Text
          className="replies__toggle"
          data-testid="replies-expand"
          onClick={() => void comments.expandReplies(thread.id)}
        >
          {folded ? `共 ${thread.replyCount} 条回复 · 展开` : '展开更多回复'}
        </Text>
      ) : all ? (
        <Text
          className="replies__toggle"
          data-testid="replies-collapse"
          onClick={() => comments.collapseReplies(thread.id)}
        >
          收起
        </Text>
      ) : null}
    </View>
  )
}

/** 评论 under the article: 最热 / 最新, threads (精选 first) with folded replies, 加载更多. */
export default function CommentSection({ comments, count, closed, onWrite, ...actions }: Props) {
  const body = () => {
    if (comments.status === 'loading') return <Skeleton className="comments-skeleton" blocks={2} />
    if (comments.status === 'error') {
      return (
        <View className="comments-state">
          <Text>评论加载失败：{errorMessage(comments.error)}</Text>
          <Button className="comments-state__retry" data-testid="comments-retry" onClick={() => void comments.reload()}>
            重试
          </Button>
        </View>
      )
    }
    if (comments.items.length === 0) {
      return (
        <View className="comments-state comments-empty" data-testid="comments-empty">
          <Text>{closed ? '暂无评论' : '还没有评论，来抢沙发'}</Text>
        </View>
      )
    }
    return (
      <View className="comment-list">
        {comments.items.map((thread) => (
          <View key={thread.id} className="thread">
            <CommentItem comment={thread} {...actions} />
            <Replies thread={thread} comments={comments} actions={actions} />
          </View>
        ))}
        {comments.loadingMore ? (
          <Text className="comments-more comments-more--busy">加载中…</Text>
        ) : comments.hasMore ? (
          <Text className="comments-more" data-testid="comments-more" onClick={() => void comments.loadMore()}>
            加载更多
          </Text>
        ) : (
          <Text className="comments-more comments-more--end">没有更多了</Text>
        )}
      </View>
    )
  }

  return (
    <View className="section comments" id="comments">
      <View className="section__head">
        <Text className="section__title">
          评论 <Text className="comments__count">{formatCount(count)}</Text>
        </Text>
        <View className="comments__sorts">
          {SORTS.map((s) => (
            <Text
              key={s.value}
              className={`comments__sort${s.value === comments.sort ? ' comments__sort--active' : ''}`}
              data-testid={`comments-sort-${s.value}`}
              onClick={() => comments.setSort(s.value)}
            >
              {s.label}
            </Text>
          ))}
        </View>
      </View>
      {closed ? (
        <View className="comments-closed" data-testid="comments-closed">
          评论已关闭
        </View>
      ) : (
        <View
          className="comments-write"
          data-testid="comment-write"
          hoverClass="comments-write--hover"
          onClick={onWrite}
        >
          写下你的评论…
        </View>
      )}
      {body()}
    </View>
  )
}
