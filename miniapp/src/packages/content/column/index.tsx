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
import { openPage, param } from '@/utils/nav'
import { authorUrl } from '@/utils/paths'
import { mediaUrl } from '@/utils/media'
import { usePageShare, useShareArrival } from '@/share/usePageShare'
import FollowButton from '../components/FollowButton'
import LoginSheet from '../article/LoginSheet'
import '../components/entity.css'

const fetchColumn = (slug: string) => call('column', { params: { slug } })

export default function ColumnPage() {
  const { params } = useRouter()
  const raw = param(params.slug)
  const slug = raw && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(raw) ? raw : null
  const column = useResource(slug, fetchColumn, ContentErrors.COLUMN_NOT_FOUND)
  const feed = useFeed(slug ? { column: slug } : null)
  const data = column.state.status === 'ready' ? column.state.data : null

  useEffect(() => {
    if (data) void Taro.setNavigationBarTitle({ title: data.name })
  }, [data])

  // a column is opened by its slug; its id (what shares are recorded under) comes with the column
  useShareArrival('column', data?.id ?? null)
  const cover = data?.cover ? mediaUrl(data.cover) : undefined
  usePageShare({
    type: 'column',
    id: data?.id ?? null,
    pageQuery: slug ? { slug } : {},
    title: data ? `${data.name}｜传感说专栏` : '传感说',
    image: cover,
    squareImage: cover,
  })

  usePullDownRefresh(() => {
    void Promise.allSettled([column.reload(), feed.reload()]).then(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void feed.loadMore()
  })

  const { state } = column
  if (state.status === 'loading') return <Skeleton className="entity-skeleton" blocks={3} />
  if (state.status === 'not-found') return <StatusView title="专栏不存在" />
  if (state.status === 'error') {
    const retry = () => void Promise.allSettled([column.reload(), feed.reload()])
    return <StatusView title="加载失败" description={errorMessage(state.error)} onRetry={retry} />
  }

  const c = state.data
  return (
    <View className="entity-page column-page">
      <View className="entity-head">
        <View className="entity-head__row">
          <View className="entity-head__avatar entity-head__avatar--text">{c.name.slice(0, 1)}</View>
          <View className="entity-head__info">
            <Text className="entity-head__name column-page__name">{c.name}</Text>
            <Text className="entity-head__stat">
              {c.author ? (
                <Text className="entity-head__link" onClick={() => openPage(authorUrl(c.author!.id))}>
                  {c.author.name}
                </Text>
              ) : null}
              {c.author ? ' · ' : ''}
              {c.articleCount} 篇文章
            </Text>
          </View>
          <FollowButton kind="column" id={c.id} showCount />
        </View>
        {c.description ? <Text className="entity-head__desc">{c.description}</Text> : null}
      </View>
      <Text className="entity-list-title">专栏文章</Text>
      <ArticleList feed={feed} emptyText="专栏里还没有文章" />
      <LoginSheet hint="登录后即可关注专栏，第一时间看到更新" />
    </View>
  )
}
