import { useRef } from 'react'
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { SavedSearchPage, SavedSearchView } from '@chuangan/shared'
import ListFooter from '@/components/ListFooter'
import Skeleton from '@/components/Skeleton'
import StatusView from '@/components/StatusView'
import { call, errorMessage, showErrorToast } from '@/api/client'
import { PAGE_SIZE, usePagedList } from '@/hooks/usePagedList'
import { formatRelativeDate } from '@/utils/date'
import { badgeText } from '@/utils/notices'
import { searchWithSaved } from '@/utils/savedSearch'
import SignedIn from '../components/SignedIn'
import '../me.css'

/** One line telling what a saved search asks for: its words and how many filters. */
export function savedSummary(s: SavedSearchView): string {
  const { query } = s
  const filters =
    (query.category !== undefined ? 1 : 0) +
    query.enum.length +
    query.range.length +
    query.region.length +
    (query.inStock ? 1 : 0) +
    (query.priceMax !== undefined ? 1 : 0)
  const parts = [query.q ? `“${query.q}”` : '全部产品', filters ? `${filters} 个筛选` : '']
  return parts.filter(Boolean).join(' · ')
}

function SavedSearches() {
  const list = usePagedList<SavedSearchView, SavedSearchPage>('my-saved-searches', (cursor) =>
    call('mySavedSearches', { query: { limit: PAGE_SIZE, cursor } }),
  )
  const hidden = useRef(false)
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void list.loadMore()
  })
  // back from 传感搜: the counts of what was opened are cleared on the server; show that
  useDidHide(() => {
    hidden.current = true
  })
  useDidShow(() => {
    if (hidden.current) void list.reload()
    hidden.current = false
  })

  const open = async (s: SavedSearchView) => {
    try {
      const opened = await call('openSavedSearch', { params: { id: s.id } })
      list.update((items) => items.map((x) => (x.id === s.id ? opened : x)))
      await searchWithSaved(opened.query)
    } catch (error) {
      showErrorToast(error)
    }
  }

  const remove = async (s: SavedSearchView) => {
    const { confirm } = await Taro.showModal({
      title: `取消订阅「${s.name}」`,
      content: '之后有新产品不再通知你',
      confirmText: '取消订阅',
      confirmColor: '#f53f3f',
    })
    if (!confirm) return
    try {
      await call('deleteSavedSearch', { params: { id: s.id } })
      list.update((items) => items.filter((x) => x.id !== s.id))
      void Taro.showToast({ title: '已取消订阅', icon: 'none' })
    } catch (error) {
      showErrorToast(error)
    }
  }

  if (list.status === 'loading') return <Skeleton className="list-skeleton" blocks={4} />
  if (list.status === 'error') {
    return <StatusView title="加载失败" description={errorMessage(list.error)} onRetry={() => void list.reload()} />
  }
  if (list.items.length === 0) {
    return <StatusView title="还没有订阅的搜索" description="在传感搜的结果页点「订阅」，有新产品时会通知你" />
  }
  const fresh = list.items.reduce((n, s) => n + s.newMatches, 0)
  return (
    <View className="me-list-page">
      <View className="me-toolbar">
        <Text className="me-toolbar__title one-line-title">
          {fresh ? `${badgeText(fresh)} 个新产品` : `共 ${list.items.length} 个订阅`}
        </Text>
        <Text className="me-toolbar__meta">点开即按原条件搜索</Text>
      </View>
      <View className="me-rows">
        {list.items.map((s) => (
          <View
            key={s.id}
            className="folder-row saved-search card"
            data-testid="saved-search"
            data-id={s.id}
            data-name={s.name}
            data-new={s.newMatches}
            hoverClass="card--hover"
            onClick={() => void open(s)}
          >
            <View className="folder-row__icon saved-search__icon">
              <Text>搜</Text>
              {s.newMatches ? (
                <Text className="saved-search__badge" data-testid="saved-search-badge">
                  {badgeText(s.newMatches)}
                </Text>
              ) : null}
            </View>
            <View className="folder-row__text">
              <Text className="folder-row__name one-line-title">{s.name}</Text>
              <Text className="folder-row__count">{savedSummary(s)}</Text>
              <Text className="saved-search__meta">
                {s.newMatches
                  ? `${s.newMatches} 个新产品 · ${formatRelativeDate(s.lastMatchedAt ?? s.createdAt)}`
                  : `订阅于 ${formatRelativeDate(s.createdAt)}`}
              </Text>
            </View>
            <Text
              className="folder-row__more"
              data-testid="saved-search-delete"
              aria-label="取消订阅"
              onClick={(e) => {
                e.stopPropagation()
                void remove(s)
              }}
            >
              ✕
            </Text>
          </View>
        ))}
      </View>
      <ListFooter {...list} />
    </View>
  )
}

/** 订阅的搜索: my saved searches with their new matches; a tap searches again with the saved filters. */
export default function SavedSearchesPage() {
  return (
    <SignedIn>
      <SavedSearches />
    </SignedIn>
  )
}
