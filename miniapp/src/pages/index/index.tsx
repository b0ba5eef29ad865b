import { useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import type { FeedQuery } from '@chuangan/shared'
import ArticleList from '@/components/ArticleList'
import { call, showErrorToast } from '@/api/client'
import { isWeapp, useSession } from '@/auth/session'
import { signInFirst } from '@/auth/signIn'
import StatusView from '@/components/StatusView'
import { useFeed, useFollowingFeed } from '@/hooks/useFeed'
import { useResource } from '@/hooks/useResource'
import { usePageShare } from '@/share/usePageShare'
import { refreshUnread } from '@/utils/notices'
import './index.css'

type Sort = FeedQuery['sort']

const SORTS: { value: Sort; label: string }[] = [
  { value: 'latest', label: '最新' },
  { value: 'hot', label: '热门' },
]

const fetchColumns = () => call('columns')

/** The 关注 tab's slug (no column has it: slugs are lower-case letters, digits and dashes). */
const FOLLOWING = '@following'

export default function FeedPage() {
  const [column, setColumn] = useState('')
  const [sort, setSort] = useState<Sort>('latest')
  const following = column === FOLLOWING
  const signedIn = useSession() !== null
  const feed = useFeed(following ? null : { sort, column: column || undefined })
  const followingFeed = useFollowingFeed(following && signedIn)
  const shown = following ? followingFeed : feed
  // the 消息 badge on 我的 (the landing tab shows it too)
  useDidShow(() => {
    void refreshUnread()
  })
  // without columns the page still works: 推荐 alone
  const columns = useResource('columns', fetchColumns)
  const tabs = [
    { slug: '', name: '推荐' },
    { slug: FOLLOWING, name: '关注' },
    ...(columns.state.status === 'ready' ? columns.state.data.items : []).map((c) => ({ slug: c.slug, name: c.name })),
  ]

  const backToTop = () => void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
  const selectColumn = (slug: string) => {
    if (slug === column) return
    setColumn(slug)
    backToTop()
  }
  const selectSort = (value: Sort) => {
    if (value === sort) return
    setSort(value)
    backToTop()
  }

  usePageShare({ page: '/pages/index/index', pageQuery: {}, title: '传感说｜传感器行业资讯与技术深读' })

  usePullDownRefresh(() => {
    const jobs = [shown.reload()]
    if (columns.state.status !== 'ready') jobs.push(columns.reload())
    void Promise.allSettled(jobs).then(() => Taro.stopPullDownRefresh())
  })

  useReachBottom(() => {
    void shown.loadMore()
  })

  // The mini-program signs in silently; H5 signs in on 我的.
  const signIn = () =>
    isWeapp() ? void signInFirst().catch(showErrorToast) : void Taro.switchTab({ url: '/pages/me/index' })

  return (
    <View className="home">
      <View className="home__bar">
        <ScrollView className="column-tabs" scrollX enableFlex showScrollbar={false}>
          {tabs.map((tab) => (
            <View
              key={tab.slug || 'all'}
              className={`column-tab${tab.slug === column ? ' column-tab--active' : ''}`}
              data-slug={tab.slug}
              onClick={() => selectColumn(tab.slug)}
            >
              <Text className="column-tab__text">{tab.name}</Text>
            </View>
          ))}
        </ScrollView>
        <View className={`sort-switch${following ? ' sort-switch--hidden' : ''}`}>
          {SORTS.map((s) => (
            <Text
              key={s.value}
              className={`sort-switch__item${s.value === sort ? ' sort-switch__item--active' : ''}`}
              data-sort={s.value}
              onClick={() => selectSort(s.value)}
            >
              {s.label}
            </Text>
          ))}
        </View>
      </View>
      <View className="home__list">
        {following && !signedIn ? (
          <StatusView
            title="登录后查看关注"
            description="关注作者、专栏后，他们的新文章会出现在这里"
            action={{ label: '登录', onClick: signIn }}
          />
        ) : following ? (
          <ArticleList
            feed={followingFeed}
            emptyText="还没有关注任何作者或专栏"
            emptyHint="在文章页、作者页或专栏页点「关注」，新文章会出现在这里"
          />
        ) : (
          <ArticleList feed={feed} />
        )}
      </View>
    </View>
  )
}
