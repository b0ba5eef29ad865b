import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { CommentStatus, MyCommentPage } from '@chuangan/shared'
import Skeleton from '@/components/Skeleton'
import ListFooter from '@/components/ListFooter'
import StatusView from '@/components/StatusView'
import { call, errorMessage } from '@/api/client'
import { PAGE_SIZE, usePagedList } from '@/hooks/usePagedList'
import { formatRelativeDate } from '@/utils/date'
import { openPage } from '@/utils/nav'
import { articleUrl } from '@/utils/paths'
import SignedIn from '../components/SignedIn'
import '../me.css'

export const STATUS_LABEL: Record<CommentStatus, string> = {
  published: '已发布',
  pending: '审核中',
  hidden: '已隐藏',
  deleted: '已删除',
}

type Item = MyCommentPage['items'][number]

function MyComments() {
  const list = usePagedList<Item>('my-comments', (cursor) =>
    call('myComments', { query: { limit: PAGE_SIZE, cursor } }),
  )
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void list.loadMore()
  })

  if (list.status === 'loading') return <Skeleton className="list-skeleton" blocks={4} />
  if (list.status === 'error') {
    return <StatusView title="加载失败" description={errorMessage(list.error)} onRetry={() => void list.reload()} />
  }
  if (list.items.length === 0) return <StatusView title="还没有发表过评论" description="去文章下面说两句吧" />

  return (
    <View className="me-list-page">
      <View className="me-rows">
        {list.items.map(({ comment, article }) => (
          <View
            key={comment.id}
            className="my-comment card"
            data-testid="my-comment"
            data-id={comment.id}
            data-status={comment.status}
            hoverClass="card--hover"
            onClick={() => openPage(articleUrl(article.id))}
          >
            <View className="my-comment__head">
              <Text className={`my-comment__status my-comment__status--${comment.status}`}>
                {STATUS_LABEL[comment.status]}
              </Text>
              <Text className="my-comment__time">{formatRelativeDate(comment.createdAt)}</Text>
            </View>
            <Text className="my-comment__content">
              {comment.replyTo ? <Text className="my-comment__reply-to">回复 @{comment.replyTo.name}：</Text> : null}
              {comment.status === 'deleted' ? '该评论已删除' : comment.content}
            </Text>
            <Text className="my-comment__article">原文：{article.title}</Text>
          </View>
        ))}
      </View>
      <ListFooter {...list} />
    </View>
  )
}

/** 我的评论: my comments and replies with their status (审核中 ones only I see); a tap opens the article. */
export default function MyCommentsPage() {
  return (
    <SignedIn>
      <MyComments />
    </SignedIn>
  )
}
