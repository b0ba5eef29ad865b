import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import type { ConversationView } from '@chuangan/shared'
import Skeleton from '@/components/Skeleton'
import ListFooter from '@/components/ListFooter'
import StatusView from '@/components/StatusView'
import { call, errorMessage } from '@/api/client'
import { PAGE_SIZE, usePagedList } from '@/hooks/usePagedList'
import { formatRelativeDate } from '@/utils/date'
import { thumbUrl } from '@/utils/media'
import { openPage } from '@/utils/nav'
import { conversationUrl } from '@/utils/paths'
import SignedIn from '../components/SignedIn'
import '../me.css'
import './index.css'

/** The line under the author's name: the newest message I can see. */
export function preview(c: ConversationView): string {
  const m = c.lastMessage
  if (!m) return ''
  const text = m.status === 'deleted' ? '该消息已删除' : m.content
  if (m.status === 'pending') return `[审核中] ${text}`
  if (m.status === 'rejected') return `[未通过审核] ${text}`
  return m.mine ? `我：${text}` : text
}

function Conversations() {
  const list = usePagedList<ConversationView>('my-conversations', (cursor) =>
    call('myConversations', { query: { limit: PAGE_SIZE, cursor } }),
  )
  // back from a conversation: its unread count and order changed
  useDidShow(() => {
    if (list.status === 'ready') void list.reload()
  })
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
  if (list.items.length === 0) {
    return <StatusView title="还没有私信" description="在作者主页点「私信」，向作者请教问题" />
  }

  return (
    <View className="me-list-page dm-list-page">
      <View className="me-rows">
        {list.items.map((c) => {
          const avatar = thumbUrl(c.author.avatar, { width: 88, height: 88 }, 1)
          return (
            <View
              key={c.id}
              className="dm-row card"
              data-testid="conversation-row"
              data-id={c.id}
              hoverClass="card--hover"
              onClick={() => void openPage(conversationUrl(c.author.id))}
            >
              {avatar ? (
                <Image className="dm-row__avatar" src={avatar} mode="aspectFill" />
              ) : (
                <View className="dm-row__avatar dm-row__avatar--text">{c.author.name.slice(0, 1)}</View>
              )}
              <View className="dm-row__text">
                <View className="dm-row__line">
                  <Text className="dm-row__name">{c.author.name}</Text>
                  {c.lastMessage ? (
                    <Text className="dm-row__time">{formatRelativeDate(c.lastMessage.createdAt)}</Text>
                  ) : null}
                </View>
                <View className="dm-row__line">
                  <Text className="dm-row__preview">{preview(c)}</Text>
                  {c.unread > 0 ? (
                    <Text className="dm-row__unread" data-testid="conversation-unread">
                      {c.unread > 99 ? '99+' : c.unread}
                    </Text>
                  ) : null}
                  {c.blocked ? <Text className="dm-row__blocked">已屏蔽</Text> : null}
                </View>
              </View>
            </View>
          )
        })}
      </View>
      <ListFooter {...list} />
    </View>
  )
}

/** 我的私信: my conversations with authors, newest activity first, each with its unread count. */
export default function ConversationsPage() {
  return (
    <SignedIn>
      <Conversations />
    </SignedIn>
  )
}
