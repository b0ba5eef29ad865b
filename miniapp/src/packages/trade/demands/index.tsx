import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { BuyerDemand } from '@chuangan/shared'
import ListFooter from '@/components/ListFooter'
import Skeleton from '@/components/Skeleton'
import StatusView from '@/components/StatusView'
import { call } from '@/api/client'
import { PAGE_SIZE, usePagedList } from '@/hooks/usePagedList'
import { openPage } from '@/utils/nav'
import { DEMAND_NEW_PAGE, demandUrl } from '@/utils/paths'
import SignedIn from '../../me/components/SignedIn'
import { STATUS_LABEL, constraintChips, dateOf } from '../status'
import '../trade.css'

export function DemandRow({ demand }: { demand: BuyerDemand }) {
  return (
    <View
      className="trade-card"
      data-testid="demand-row"
      data-id={demand.id}
      onClick={() => void openPage(demandUrl(demand.id))}
    >
      <View className="trade-row">
        <Text className="trade-card__title">{demand.category.name}</Text>
        <Text className={`trade-badge trade-badge--${demand.status}`}>{STATUS_LABEL[demand.status]}</Text>
      </View>
      <Text className="trade-text">{constraintChips(demand.filters).join(' · ') || '不限参数'}</Text>
      <Text className="trade-meta">
        {demand.quantity} 件 · 截止 {dateOf(demand.deadline)} · 推送 {demand.matchedSuppliers} 家 · 回复{' '}
        {demand.answers.length}
      </Text>
    </View>
  )
}

function MyDemands() {
  const list = usePagedList<BuyerDemand>('my-demands', (cursor) =>
    call('myDemands', { query: { limit: PAGE_SIZE, cursor } }),
  )
  useDidShow(() => void list.reload())
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.loadMore())
  const post = () => void openPage(DEMAND_NEW_PAGE)
  if (list.status === 'loading') return <Skeleton />
  if (list.status === 'error') return <StatusView title="加载失败" onRetry={() => void list.reload()} />
  return (
    <View className="trade-page" data-testid="my-demands">
      <Button className="trade-submit" onClick={post}>
        发布求购
      </Button>
      <View style={{ height: '20px' }} />
      {list.items.length === 0 ? (
        <StatusView title="还没有发布过求购" description="写下需要的产品和参数，我们推送给有货的供应商" />
      ) : (
        <>
          {list.items.map((d) => (
            <DemandRow key={d.id} demand={d} />
          ))}
          <ListFooter {...list} />
        </>
      )}
    </View>
  )
}

/** 我的 → 求购: my demands with status badges, newest first. */
export default function MyDemandsPage() {
  return (
    <SignedIn>
      <MyDemands />
    </SignedIn>
  )
}
