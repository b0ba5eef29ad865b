import { DemandErrors } from '@chuangan/shared/errors'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { BuyerDemand, ProductCard } from '@chuangan/shared'
import ListFooter from '@/components/ListFooter'
import Skeleton from '@/components/Skeleton'
import StatusView from '@/components/StatusView'
import { call, showErrorToast } from '@/api/client'
import { PAGE_SIZE, usePagedList } from '@/hooks/usePagedList'
import { useResource } from '@/hooks/useResource'
import { openPage, param } from '@/utils/nav'
import { productUrl } from '@/utils/paths'
import ProductItem from '../../../pages/search/ProductItem'
import SignedIn from '../../me/components/SignedIn'
import { STATUS_LABEL, constraintChips, dateOf } from '../status'
import '../trade.css'

const fetchDemand = (id: string) => call('myDemand', { params: { id } })

function Summary({ demand, onClose }: { demand: BuyerDemand; onClose: () => void }) {
  return (
    <View className="trade-card" data-testid="demand-summary">
      <View className="trade-row">
        <Text className="trade-card__title">{demand.category.path}</Text>
        <Text className={`trade-badge trade-badge--${demand.status}`}>{STATUS_LABEL[demand.status]}</Text>
      </View>
      <View className="trade-chips">
        {constraintChips(demand.filters).map((c) => (
          <Text className="trade-chip" key={c}>
            {c}
          </Text>
        ))}
      </View>
      <Text className="trade-text">
        数量 {demand.quantity} 件 · 截止 {dateOf(demand.deadline)}
      </Text>
      {demand.note ? <Text className="trade-text">{demand.note}</Text> : null}
      <Text className="trade-meta">联系方式：{demand.contact ?? '已清除'}（仅匹配的供应商可见）</Text>
      <Text className="trade-meta">已推送给 {demand.matchedSuppliers} 家有匹配产品的供应商</Text>
      {demand.status === 'open' ? (
        <Button className="trade-submit trade-submit--ghost" onClick={onClose}>
          关闭求购
        </Button>
      ) : null}
    </View>
  )
}

function Answers({ demand }: { demand: BuyerDemand }) {
  return (
    <View className="trade-card" data-testid="demand-answers">
      <Text className="trade-card__title">供应商回复（{demand.answers.length}）</Text>
      {demand.answers.length === 0 ? <Text className="trade-meta">暂无回复</Text> : null}
      {demand.answers.map((a) => (
        <View className="trade-answer" key={a.supplier.id}>
          <View className="trade-row">
            <Text className="trade-text">
              {a.supplier.name}
              {a.supplier.verified ? ' · 认证' : ''}
            </Text>
            {a.price !== null ? <Text className="trade-text">¥{a.price}/件</Text> : null}
          </View>
          <Text className="trade-text">{a.note}</Text>
          <Text className="trade-meta">
            {a.supplier.region} · {dateOf(a.at)}
          </Text>
        </View>
      ))}
    </View>
  )
}

/** One of my demands: what I asked, the answers, and the products matching it now (ranked as search ranks them). */
function Demand({ id }: { id: string }) {
  const demand = useResource(id, fetchDemand, DemandErrors.DEMAND_NOT_FOUND)
  const products = usePagedList<ProductCard>(`demand-products:${id}`, (cursor) =>
    call('myDemandProducts', { params: { id }, query: { limit: PAGE_SIZE, cursor } }),
  )
  usePullDownRefresh(() => {
    void Promise.all([demand.reload(), products.reload()]).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void products.loadMore())
  if (demand.state.status === 'loading') return <Skeleton />
  if (demand.state.status === 'not-found') return <StatusView title="求购不存在" />
  if (demand.state.status === 'error') return <StatusView title="加载失败" onRetry={() => void demand.reload()} />
  const close = async () => {
    const { confirm } = await Taro.showModal({ title: '关闭求购', content: '关闭后供应商不能再回复' })
    if (!confirm) return
    try {
      await call('closeDemand', { params: { id } })
      await demand.reload()
    } catch (error) {
      showErrorToast(error)
    }
  }
  return (
    <View className="trade-page" data-testid="demand-detail">
      <Summary demand={demand.state.data} onClose={() => void close()} />
      <Answers demand={demand.state.data} />
      <Text className="trade-card__title">匹配的产品</Text>
      {products.items.map((p) => (
        <ProductItem key={p.id} product={p} onOpen={(pid) => void openPage(productUrl(pid))} />
      ))}
      {products.status === 'ready' && products.items.length === 0 ? (
        <Text className="trade-meta">暂无匹配的产品</Text>
      ) : (
        <ListFooter {...products} />
      )}
    </View>
  )
}

export default function DemandPage() {
  const { params } = useRouter()
  const raw = param(params.id)
  const id = raw && /^\d+$/.test(raw) ? raw : null
  return <SignedIn>{id ? <Demand id={id} /> : <StatusView title="求购不存在" />}</SignedIn>
}
