import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { NoticeKind, NoticePage, NoticeView } from '@chuangan/shared'
import Skeleton from '@/components/Skeleton'
import ListFooter from '@/components/ListFooter'
import StatusView from '@/components/StatusView'
import { call, errorMessage, showErrorToast } from '@/api/client'
import { PAGE_SIZE, usePagedList } from '@/hooks/usePagedList'
import { formatRelativeDate } from '@/utils/date'
import { SINGLE_PAGE_HINT, openPage } from '@/utils/nav'
import { refreshUnread, showUnread } from '@/utils/notices'
import { articleUrl, inquiryUrl, periodicalUrl } from '@/utils/paths'
import { searchWithSaved } from '@/utils/savedSearch'
import { isSinglePageMode } from '@/utils/scene'
import SignedIn from '../components/SignedIn'
import '../me.css'

/** The sender line and its icon, as 公众号 消息 shows who a message is from. */
const SENDER: Record<NoticeKind, { label: string; icon: string }> = {
  article: { label: '关注更新', icon: '新' },
  issue: { label: '期刊订阅', icon: '刊' },
  reply: { label: '评论回复', icon: '回' },
  editor_reply: { label: '作者回复', icon: '作' },
  comment_like: { label: '收到的赞', icon: '赞' },
  inquiry: { label: '新询价', icon: '询' },
  inquiry_answer: { label: '询价报价', icon: '价' },
  saved_search: { label: '订阅的搜索', icon: '搜' },
  demand: { label: '求购匹配', icon: '求' },
  demand_answer: { label: '求购回复', icon: '复' },
}

/** What happened, in one line. */
export function noticeTitle(n: NoticeView): string {
  const who = n.actor?.name ?? ''
  switch (n.kind) {
    case 'article':
      return n.article ? n.article.title : '文章已下线'
    case 'issue':
      return n.issue ? `${n.issue.periodical.name} 第 ${n.issue.number} 期：${n.issue.title}` : '新一期期刊'
    case 'reply':
      return `${who} 回复了你的评论`
    case 'editor_reply':
      return `${who}（作者）回复了你的评论`
    case 'comment_like':
      return n.count > 1 ? `${who} 等 ${n.count} 人赞了你的评论` : `${who} 赞了你的评论`
    case 'inquiry':
      return `${who} 询价 ${n.inquiry?.model ?? ''}`.trim()
    case 'inquiry_answer':
      return `${n.inquiry?.supplierName ?? who} 回复了你的询价`
    case 'saved_search':
      return n.savedSearch ? `「${n.savedSearch.name}」有 ${n.count} 个新产品` : '订阅的搜索已删除'
    case 'demand':
      return n.demand ? `新求购：${n.demand.category} ${n.demand.quantity} 件` : '求购已删除'
    case 'demand_answer':
      return n.demand ? `供应商回复了你的求购：${n.demand.category}` : '供应商回复了你的求购'
  }
}

/** The quoted words under the title. */
function noticeBody(n: NoticeView): string {
  if (n.comment) return n.comment.gone ? '该评论已删除' : n.comment.excerpt
  if (n.kind === 'article') return n.article ? '你关注的作者或专栏发布了新文章' : ''
  if (n.kind === 'inquiry_answer' && n.inquiry) return `${n.inquiry.model} 已报价，点击查看`
  if (n.kind === 'inquiry' && n.inquiry) return '请通过供应商后台回复'
  if (n.kind === 'saved_search') return n.savedSearch ? '符合你订阅条件的产品上新了，点开查看' : ''
  return ''
}

/** Where a notice leads: the article (at the comment thread for comment notices), or the periodical. */
function targetOf(n: NoticeView): string | null {
  if (n.kind === 'issue') return n.issue ? periodicalUrl(n.issue.periodical.id) : null
  if (n.kind === 'inquiry_answer') return n.inquiry ? inquiryUrl(n.inquiry.id) : null
  if (n.kind === 'inquiry') return null
  if (!n.article) return null
  return n.comment ? `${articleUrl(n.article.id)}&comment=${n.comment.rootId}` : articleUrl(n.article.id)
}

/** 今天, 昨天, 11月20日: the day a group of notices falls on. */
function dayOf(iso: string, now = new Date()): string {
  const relative = formatRelativeDate(iso, now)
  return /前$|刚刚/.test(relative) ? '今天' : relative
}

function Notices() {
  const list = usePagedList<NoticeView, NoticePage>('my-notices', (cursor) =>
    call('myNotices', { query: { limit: PAGE_SIZE, cursor } }),
  )
  usePullDownRefresh(() => {
    void Promise.all([list.reload(), refreshUnread()]).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void list.loadMore()
  })
  useDidShow(() => {
    void refreshUnread()
  })

  const markRead = (ids: number[] | 'all') =>
    list.update((items) => items.map((n) => (ids === 'all' || ids.includes(n.id) ? { ...n, read: true } : n)))

  const open = (n: NoticeView) => {
    if (!n.read) {
      markRead([n.id])
      call('readNotice', { params: { id: n.id } })
        .then((unread) => showUnread(unread.total))
        .catch(() => undefined)
    }
    if (n.kind === 'saved_search') {
      if (!n.savedSearch) return void Taro.showToast({ title: '订阅的搜索已删除', icon: 'none' })
      call('openSavedSearch', { params: { id: n.savedSearch.id } })
        .then((saved) => searchWithSaved(saved.query))
        .catch(showErrorToast)
      return
    }
    const url = targetOf(n)
    if (url) void openPage(url)
    else void Taro.showToast({ title: '内容已下线', icon: 'none' })
  }

  const readAll = async () => {
    try {
      const unread = await call('readAllNotices')
      markRead('all')
      showUnread(unread.total)
      void Taro.showToast({ title: '已全部标为已读', icon: 'none' })
    } catch (error) {
      showErrorToast(error)
    }
  }

  if (list.status === 'loading') return <Skeleton className="list-skeleton" blocks={5} />
  if (list.status === 'error') {
    return <StatusView title="加载失败" description={errorMessage(list.error)} onRetry={() => void list.reload()} />
  }
  if (list.items.length === 0) {
    return <StatusView title="暂无消息" description="关注作者、专栏或期刊后，新文章和评论互动会出现在这里" />
  }

  const unreadShown = list.items.some((n) => !n.read)
  const days = list.items.map((n) => dayOf(n.at))
  return (
    <View className="me-list-page notices-page">
      <View className="me-toolbar">
        <Text className="notices-toolbar__title">{unreadShown ? '有新消息' : '全部消息'}</Text>
        <Text
          className={`me-toolbar__action${unreadShown ? '' : ' me-toolbar__action--off'}`}
          data-testid="notices-read-all"
          onClick={() => void readAll()}
        >
          全部已读
        </Text>
      </View>
      <View className="me-rows">
        {list.items.map((n, i) => {
          const divider = i === 0 || days[i] !== days[i - 1] ? days[i] : null
          const sender = SENDER[n.kind]
          const body = noticeBody(n)
          return (
            <View key={n.id}>
              {divider ? <Text className="notice-day">{divider}</Text> : null}
              <View
                className={`notice card${n.read ? ' notice--read' : ''}`}
                data-testid="notice"
                data-id={n.id}
                data-kind={n.kind}
                data-read={n.read ? '1' : '0'}
                hoverClass="card--hover"
                onClick={() => open(n)}
              >
                <View className={`notice__icon notice__icon--${n.kind}`}>
                  <Text>{sender.icon}</Text>
                  {n.read ? null : <View className="notice__dot" data-testid="notice-dot" />}
                </View>
                <View className="notice__main">
                  <View className="notice__head">
                    <Text className="notice__sender">{sender.label}</Text>
                    <Text className="notice__time">{formatRelativeDate(n.at)}</Text>
                  </View>
                  <Text className="notice__title">{noticeTitle(n)}</Text>
                  {body ? <Text className="notice__body">{body}</Text> : null}
                  {n.comment && n.article ? <Text className="notice__article">原文：{n.article.title}</Text> : null}
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

/** 消息: new articles and issues of what I follow, replies, likes and author replies; a tap opens it and reads it. */
export default function NoticesPage() {
  if (isSinglePageMode()) return <StatusView title="消息" description={SINGLE_PAGE_HINT} />
  return (
    <SignedIn>
      <Notices />
    </SignedIn>
  )
}
