import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import Skeleton from '@/components/Skeleton'
import StatusView from '@/components/StatusView'
import { call, errorMessage } from '@/api/client'
import { useResource } from '@/hooks/useResource'
import { thumbUrl } from '@/utils/media'
import { openPage } from '@/utils/nav'
import { PERIODICALS_PAGE, periodicalUrl } from '@/utils/paths'
import { usePageShare } from '@/share/usePageShare'
import '../components/entity.css'
import './index.css'

const fetchPeriodicals = () => call('periodicals')

/** All periodicals (one short list, not paged). */
export default function PeriodicalsPage() {
  const list = useResource('all', fetchPeriodicals)

  usePageShare({ page: PERIODICALS_PAGE, pageQuery: {}, title: '期刊订阅｜传感说' })

  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })

  const { state } = list
  if (state.status === 'loading') return <Skeleton className="entity-skeleton" blocks={3} />
  if (state.status === 'not-found' || (state.status === 'ready' && state.data.items.length === 0)) {
    return <StatusView title="暂无期刊" description="下拉刷新看看有没有新内容" />
  }
  if (state.status === 'error') {
    return <StatusView title="加载失败" description={errorMessage(state.error)} onRetry={() => void list.reload()} />
  }

  return (
    <View className="entity-page periodicals-page">
      <View className="periodicals-intro">
        <Text className="periodicals-intro__title">期刊订阅</Text>
        <Text className="periodicals-intro__desc">编辑部定期精选，把值得读的文章装订成册</Text>
      </View>
      {state.data.items.map((p) => (
        <View
          key={p.id}
          className="periodical-card card"
          data-id={p.id}
          hoverClass="card--hover"
          onClick={() => openPage(periodicalUrl(p.id))}
        >
          {p.cover ? (
            <Image
              className="periodical-card__cover"
              src={thumbUrl(p.cover, { width: 150, height: 200 }, 3 / 4)}
              mode="aspectFill"
            />
          ) : (
            <View className="periodical-card__cover periodical-card__cover--text">{p.name.slice(0, 2)}</View>
          )}
          <View className="periodical-card__info">
            <Text className="periodical-card__name">{p.name}</Text>
            <Text className="periodical-card__desc">{p.description}</Text>
            <Text className="periodical-card__count">共 {p.issueCount} 期</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
