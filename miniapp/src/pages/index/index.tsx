import { useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import type { FeedQuery } from '@chuangan/shared'
import ArticleList from '@/components/ArticleList'
import { call } from '@/api/client'
import { useFeed } from '@/hooks/useFeed'
import { useResource } from '@/hooks/useResource'
import { usePageShare } from '@/share/usePageShare'
import './index.css'

type Sort = FeedQuery['sort']

const SORTS: { value: Sort; label: string }[] = [
  { value: 'latest', label: '最新' },
  { value: 'hot', label: '热门' },
]

const fetchColumns = () => call('columns')

export default function FeedPage() {
  const [column, setColumn] = useState('')
  const [sort, setSort] = useState<Sort>('latest')
  const feed = useFeed({ sort, column: column || undefined })
  // without columns the page still works: 推荐 alone
  const columns = useResource('columns', fetchColumns)
  const tabs = [
    { slug: '', name: '推荐' },
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
    const jobs = [feed.reload()]
    if (columns.state.status !== 'ready') jobs.push(columns.reload())
    void Promise.allSettled(jobs).then(() => Taro.stopPullDownRefresh())
  })

  useReachBottom(() => {
    void feed.loadMore()
  })

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
        <View className="sort-switch">
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
        <ArticleList feed={feed} />
      </View>
    </View>
  )
}
