import { useEffect } from 'react'
import { ContentErrors } from '@chuangan/shared/errors'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Skeleton from '@/components/Skeleton'
import StatusView from '@/components/StatusView'
import { call, errorMessage } from '@/api/client'
import { useResource } from '@/hooks/useResource'
import { formatDate } from '@/utils/date'
import { mediaUrl } from '@/utils/media'
import { pageId } from '@/share/record'
import { usePageShare, useShareArrival } from '@/share/usePageShare'
import BriefList from '../components/BriefList'
import FollowButton from '../components/FollowButton'
import LoginSheet from '../article/LoginSheet'
import '../components/entity.css'
import './index.css'

const fetchPeriodical = (id: string) => call('periodical', { params: { id } })

/** One periodical: its issues, newest first, each with its articles (the API returns them all). */
export default function PeriodicalPage() {
  const { params } = useRouter()
  const id = pageId(params, 'periodical')
  const periodical = useResource(id, fetchPeriodical, ContentErrors.PERIODICAL_NOT_FOUND)
  const data = periodical.state.status === 'ready' ? periodical.state.data : null

  useEffect(() => {
    if (data) void Taro.setNavigationBarTitle({ title: data.name })
  }, [data])

  useShareArrival('periodical', id ? Number(id) : null)
  const cover = data?.cover ? mediaUrl(data.cover) : undefined
  usePageShare({
    type: 'periodical',
    id: id ? Number(id) : null,
    pageQuery: id ? { id } : {},
    title: data ? `${data.name}｜传感说期刊` : '传感说',
    image: cover,
    squareImage: cover,
  })

  usePullDownRefresh(() => {
    void periodical.reload().finally(() => Taro.stopPullDownRefresh())
  })

  const { state } = periodical
  if (state.status === 'loading') return <Skeleton className="entity-skeleton" blocks={3} />
  if (state.status === 'not-found') return <StatusView title={ContentErrors.PERIODICAL_NOT_FOUND.message} />
  if (state.status === 'error') {
    return (
      <StatusView title="加载失败" description={errorMessage(state.error)} onRetry={() => void periodical.reload()} />
    )
  }

  const p = state.data
  return (
    <View className="entity-page periodical-page">
      <View className="entity-head">
        <View className="entity-head__row">
          <View className="entity-head__info entity-head__info--flush">
            <Text className="entity-head__name periodical-page__name">{p.name}</Text>
            <Text className="entity-head__stat">共 {p.issueCount} 期</Text>
          </View>
          <FollowButton kind="periodical" id={p.id} showCount />
        </View>
        {p.description ? <Text className="entity-head__desc">{p.description}</Text> : null}
      </View>
      {p.issues.length === 0 ? <StatusView title="还没有发布任何一期" /> : null}
      {p.issues.map((issue) => (
        <View key={issue.id} className="issue" data-number={issue.number}>
          <View className="issue__head">
            <Text className="issue__number">第 {issue.number} 期</Text>
            <Text className="issue__title one-line-title">{issue.title}</Text>
            <Text className="issue__date">{formatDate(issue.publishedAt)}</Text>
          </View>
          {issue.articles.length ? (
            <BriefList items={issue.articles} itemClass="issue-article" />
          ) : (
            <Text className="issue__empty">本期暂无文章</Text>
          )}
        </View>
      ))}
      <LoginSheet hint="登录后即可订阅期刊，新一期发布时提醒你" />
    </View>
  )
}
