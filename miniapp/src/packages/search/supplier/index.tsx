import { useEffect, useState } from 'react'
import { SearchErrors } from '@chuangan/shared/errors'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import type { ProductCard, SupplierProfile } from '@chuangan/shared'
import CompareTray from '@/components/CompareTray'
import ListFooter from '@/components/ListFooter'
import Skeleton from '@/components/Skeleton'
import StatusView from '@/components/StatusView'
import { call, errorMessage } from '@/api/client'
import { useCompare } from '@/hooks/useCompare'
import { PAGE_SIZE, usePagedList } from '@/hooks/usePagedList'
import { useResource } from '@/hooks/useResource'
import { useStableCallback } from '@/hooks/useStableCallback'
import { openPage, param } from '@/utils/nav'
import { productUrl } from '@/utils/paths'
import ProductItem from '../../../pages/search/ProductItem'
import { responseStats } from '../response'
import './index.css'

const fetchSupplier = (id: string) => call('supplier', { params: { id } })

function Profile({ supplier }: { supplier: SupplierProfile }) {
  const stats = responseStats(supplier)
  return (
    <View className="supplier-profile card" data-testid="supplier-profile" data-id={supplier.id}>
      <View className="supplier-profile__head">
        <Text className="supplier-profile__name" data-testid="supplier-name">
          {supplier.name}
        </Text>
        {supplier.verified ? <Text className="supplier-profile__verified">认证供应商</Text> : null}
      </View>
      <Text className="supplier-profile__line">
        {supplier.region} · 在售 {supplier.productCount} 款 · {supplier.since.slice(0, 4)} 年入驻
      </Text>
      {stats.length ? <Text className="supplier-profile__line">{stats.join(' · ')}</Text> : null}
      {supplier.contact ? <Text className="supplier-profile__line">联系：{supplier.contact}</Text> : null}
    </View>
  )
}

/** A supplier: its profile, then its products (searchable by model or name, by category; infinite scroll). */
export default function SupplierPage() {
  const { params } = useRouter()
  const raw = param(params.id)
  const id = raw && /^\d+$/.test(raw) ? raw : null
  const profile = useResource(id, fetchSupplier, SearchErrors.SUPPLIER_NOT_FOUND)
  const [text, setText] = useState('')
  const [q, setQ] = useState('')
  const [category, setCategory] = useState<number | null>(null)
  const compare = useCompare()
  const key = id ? `${id}|${q}|${category ?? ''}` : null
  const list = usePagedList<ProductCard>(key, (cursor) =>
    call('supplierProducts', {
      params: { id: id! },
      query: { q: q || undefined, category: category ?? undefined, limit: PAGE_SIZE, cursor },
    }),
  )
  const openProduct = useStableCallback((pid: number) => void openPage(productUrl(pid)))
  const toggle = useStableCallback((p: { id: number; model: string }) => compare.toggle({ id: p.id, model: p.model }))
  const supplier = profile.state.status === 'ready' ? profile.state.data : null

  useEffect(() => {
    if (supplier) void Taro.setNavigationBarTitle({ title: supplier.name })
  }, [supplier])
  usePullDownRefresh(() => {
    void Promise.allSettled([profile.reload(), list.reload()]).then(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.loadMore())

  if (profile.state.status === 'loading') return <Skeleton className="supplier-skeleton" blocks={4} />
  if (profile.state.status === 'not-found') return <StatusView title={SearchErrors.SUPPLIER_NOT_FOUND.message} />
  if (profile.state.status === 'error') {
    return (
      <StatusView
        title="加载失败"
        description={errorMessage(profile.state.error)}
        onRetry={() => void profile.reload()}
      />
    )
  }
  const data = profile.state.data
  return (
    <View className="supplier-page">
      <Profile supplier={data} />
      <View className="supplier-search">
        <Input
          className="supplier-search__input"
          data-testid="supplier-search"
          value={text}
          confirmType="search"
          placeholder="在该供应商内搜索型号或名称"
          maxlength={100}
          onInput={(e) => setText(e.detail.value)}
          onConfirm={(e) => setQ(e.detail.value.trim())}
        />
        {q ? (
          <Text
            className="supplier-search__clear"
            onClick={() => {
              setText('')
              setQ('')
            }}
          >
            清除
          </Text>
        ) : null}
      </View>
      {data.categories.length > 1 ? (
        <View className="supplier-categories">
          <Text
            className={`supplier-category${category === null ? ' supplier-category--on' : ''}`}
            onClick={() => setCategory(null)}
          >
            全部 {data.productCount}
          </Text>
          {data.categories.map((c) => (
            <Text
              key={c.id}
              className={`supplier-category${category === c.id ? ' supplier-category--on' : ''}`}
              data-testid="supplier-category"
              onClick={() => setCategory(c.id)}
            >
              {c.name} {c.count}
            </Text>
          ))}
        </View>
      ) : null}
      {list.status === 'loading' ? (
        <Skeleton blocks={3} />
      ) : list.status === 'error' ? (
        <StatusView title="产品加载失败" description={errorMessage(list.error)} onRetry={() => void list.reload()} />
      ) : list.items.length === 0 ? (
        <StatusView title={q ? `没有找到“${q}”相关的产品` : '该供应商暂无在售产品'} />
      ) : (
        <View className="supplier-products" data-testid="supplier-products">
          {list.items.map((p) => (
            <ProductItem key={p.id} product={p} onOpen={openProduct} inCompare={compare.has(p.id)} onCompare={toggle} />
          ))}
          <ListFooter {...list} />
        </View>
      )}
      <CompareTray compare={compare} />
    </View>
  )
}
