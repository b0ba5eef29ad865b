import { useEffect, type ReactNode } from 'react'
import { SearchErrors } from '@chuangan/shared/errors'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ProductDetail } from '@chuangan/shared'
import Skeleton from '@/components/Skeleton'
import StatusView from '@/components/StatusView'
import { call, errorMessage } from '@/api/client'
import { useResource } from '@/hooks/useResource'
import { param } from '@/utils/nav'
import './index.css'

const fetchProduct = (id: string) => call('product', { params: { id } })

const price = (yuan: number) => `¥${yuan.toFixed(2)}`

function copy(text: string, title: string) {
  void Taro.setClipboardData({ data: text }).then(() => Taro.showToast({ title, icon: 'none' }))
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View className="product-section card">
      <Text className="product-section__title">{title}</Text>
      {children}
    </View>
  )
}

/** A minimal product page (the full one, with compare and inquiries, is the next issue). */
function Product({ product }: { product: ProductDetail }) {
  const { supplier } = product
  return (
    <View className="product" data-testid="product" data-id={product.id}>
      <View className="product-head card">
        <Text className="product-head__model" data-testid="product-model">
          {product.model}
        </Text>
        <Text className="product-head__name">{product.name}</Text>
        <View className="product-head__meta">
          {product.brand ? <Text className="product-head__tag">品牌 {product.brand}</Text> : null}
          <Text className="product-head__tag">{product.category.path.split('/').join(' › ')}</Text>
        </View>
        <View className="product-head__trade">
          <View className="product-fact">
            <Text className="product-fact__value product-fact__value--price">
              {product.priceFrom === null ? '询价' : `${price(product.priceFrom)} 起`}
            </Text>
            <Text className="product-fact__label">单价</Text>
          </View>
          <View className="product-fact">
            <Text className={`product-fact__value${product.stock > 0 ? ' product-fact__value--in' : ''}`}>
              {product.stock > 0 ? product.stock.toLocaleString('en-US') : '无货'}
            </Text>
            <Text className="product-fact__label">库存（件）</Text>
          </View>
          <View className="product-fact">
            <Text className="product-fact__value">{product.moq}</Text>
            <Text className="product-fact__label">起订量</Text>
          </View>
          <View className="product-fact">
            <Text className="product-fact__value">
              {product.leadTimeDays === null ? '—' : `${product.leadTimeDays} 天`}
            </Text>
            <Text className="product-fact__label">交期</Text>
          </View>
        </View>
      </View>

      {product.priceBreaks.length ? (
        <Section title="阶梯价格">
          <View className="price-breaks" data-testid="price-breaks">
            <View className="price-breaks__row price-breaks__row--head">
              <Text>数量</Text>
              <Text>单价（含税）</Text>
            </View>
            {product.priceBreaks.map((b) => (
              <View key={b.qty} className="price-breaks__row">
                <Text>{b.qty.toLocaleString('en-US')}+</Text>
                <Text className="price-breaks__price">{price(b.price)}</Text>
              </View>
            ))}
          </View>
        </Section>
      ) : null}

      {product.params.length ? (
        <Section title="参数">
          <View className="param-table" data-testid="product-params">
            {product.params.map((p) => (
              <View key={p.key} className="param-table__row">
                <Text className="param-table__key">{p.key}</Text>
                <Text className="param-table__value">{p.display}</Text>
              </View>
            ))}
          </View>
        </Section>
      ) : null}

      {product.description ? (
        <Section title="产品介绍">
          <Text className="product-description">{product.description}</Text>
          {product.datasheetUrl ? (
            <Text
              className="product-link"
              onClick={() => product.datasheetUrl && copy(product.datasheetUrl, '规格书链接已复制')}
            >
              复制规格书链接
            </Text>
          ) : null}
        </Section>
      ) : null}

      <Section title="供应商">
        <View className="supplier" data-testid="product-supplier">
          <View className="supplier__head">
            <Text className="supplier__name">{supplier.name}</Text>
            {supplier.verified ? <Text className="supplier__verified">认证供应商</Text> : null}
          </View>
          <Text className="supplier__line">地区：{supplier.region}</Text>
          {supplier.contact ? (
            <View className="supplier__contact">
              <Text className="supplier__line">联系：{supplier.contact}</Text>
              <Text
                className="product-link"
                onClick={() => supplier.contact && copy(supplier.contact, '联系方式已复制')}
              >
                复制
              </Text>
            </View>
          ) : null}
        </View>
      </Section>
    </View>
  )
}

export default function ProductPage() {
  const { params } = useRouter()
  const raw = param(params.id)
  const id = raw && /^\d+$/.test(raw) ? raw : null
  const { state, reload } = useResource(id, fetchProduct, SearchErrors.PRODUCT_NOT_FOUND)
  const product = state.status === 'ready' ? state.data : null

  useEffect(() => {
    if (product) void Taro.setNavigationBarTitle({ title: product.model })
  }, [product])

  usePullDownRefresh(() => {
    void reload().then(() => Taro.stopPullDownRefresh())
  })

  if (state.status === 'loading') return <Skeleton className="product-skeleton" blocks={3} />
  if (state.status === 'not-found') return <StatusView title={SearchErrors.PRODUCT_NOT_FOUND.message} />
  if (state.status === 'error') {
    return <StatusView title="加载失败" description={errorMessage(state.error)} onRetry={() => void reload()} />
  }
  return <Product product={state.data} />
}
