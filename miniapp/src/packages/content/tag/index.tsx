import { useEffect } from 'react'
import { ContentErrors } from '@chuangan/shared/errors'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import ArticleList from '@/components/ArticleList'
import Skeleton from '@/components/Skeleton'
import StatusView from '@/components/StatusView'
import { call, errorMessage } from '@/api/client'
import { useFeed } from '@/hooks/useFeed'
import { useResource } from '@/hooks/useResource'
import { param } from '@/utils/nav'
import { TAG_PAGE } from '@/utils/paths'
import { usePageShare } from '@/share/usePageShare'
import '../components/entity.css'

const fetchTag = (name: string) => call('tag', { params: { name } })

export default function TagPage() {
  const { params } = useRouter()
  const raw = param(params.name)?.trim()
  const name = raw && raw.length <= 32 ? raw : null
  const tag = useResource(name, fetchTag, ContentErrors.TAG_NOT_FOUND)
  const feed = useFeed(name ? { tag: name } : null)
  const data = tag.state.status === 'ready' ? tag.state.data : null

  useEffect(() => {
    if (data) void Taro.setNavigationBarTitle({ title: `#${data.name}` })
  }, [data])

  // a tag is no share target of the API: shared without attribution
  usePageShare({
    page: TAG_PAGE,
    pageQuery: name ? { name } : {},
    title: name ? `#${name}｜传感说标签` : '传感说',
  })

  usePullDownRefresh(() => {
    void Promise.allSettled([tag.reload(), feed.reload()]).then(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void feed.loadMore()
  })

  const { state } = tag
  if (state.status === 'loading') return <Skeleton className="entity-skeleton" blocks={3} />
  if (state.status === 'not-found') return <StatusView title={ContentErrors.TAG_NOT_FOUND.message} />
  if (state.status === 'error') {
    const retry = () => void Promise.allSettled([tag.reload(), feed.reload()])
    return <StatusView title="加载失败" description={errorMessage(state.error)} onRetry={retry} />
  }

  return (
    <View className="entity-page tag-page">
      <View className="entity-head">
        <View className="entity-head__row">
          <View className="entity-head__avatar entity-head__avatar--text">#</View>
          <View className="entity-head__info">
            <Text className="entity-head__name tag-page__name">#{state.data.name}</Text>
            <Text className="entity-head__stat">{state.data.articleCount} 篇文章</Text>
          </View>
        </View>
      </View>
      <ArticleList feed={feed} emptyText="这个标签下还没有文章" />
    </View>
  )
}
