import { useEffect, useState, type ReactNode } from 'react'
import { SearchErrors } from '@chuangan/shared/errors'
import { BASE_UNIT } from '@chuangan/shared/units'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Image, Input, Swiper, SwiperItem, Text, View } from '@tarojs/components'
import type { Alternatives, ArticleCard, ProductDetail, ProductParamView } from '@chuangan/shared'
import CompareTray from '@/components/CompareTray'
import FolderSheet from '@/components/FolderSheet'
import Skeleton from '@/components/Skeleton'
import StatusView from '@/components/StatusView'
import { call, errorMessage, showErrorToast } from '@/api/client'
import { useSession } from '@/auth/session'
import { signInFirst } from '@/auth/signIn'
import { useCompare, type CompareSelection } from '@/hooks/useCompare'
import { useResource } from '@/hooks/useResource'
import { openPage, param } from '@/utils/nav'
import { formatRelativeDate } from '@/utils/date'
import { articleUrl, inquiryFormUrl, productUrl, supplierUrl } from '@/utils/paths'
import { parseQty, priceAt, yuan } from './pricing'
import { responseStats } from '../response'
import './index.css'

const fetchProduct = (id: string) => call('product', { params: { id } })
const fetchAlternatives = (id: string) => call('productAlternatives', { params: { id } })

function copy(text: string, title: string) {
  void Taro.setClipboardData({ data: text }).then(() => Taro.showToast({ title, icon: 'none' }))
}

function Section({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <View className="product-section card">
      <View className="product-section__head">
        <Text className="product-section__title">{title}</Text>
        {extra}
      </View>
      {children}
    </View>
  )
}

const round = (v: number) => String(Number(v.toPrecision(6)))

/** The value in its dimension's base unit, when the product wrote it in another unit (`0-1.6MPa` → `0~1600 kPa`). */
export function normalised(p: ProductParamView): string | null {
  if (!p.dimension || p.min === null || p.max === null) return null
  const unit = BASE_UNIT[p.dimension]
  if (p.display.includes(unit)) return null
  const span = p.min === p.max ? round(p.min) : `${round(p.min)}~${round(p.max)}`
  return `${span} ${unit}`
}

/** The price at the quantity the buyer types, with the breaks below. */
function Pricing({ product }: { product: ProductDetail }) {
  const [text, setText] = useState(String(Math.max(product.moq, 1)))
  const qty = parseQty(text)
  const unit = qty === null ? null : priceAt(product.priceBreaks, qty)
  return (
    <Section title="阶梯价格">
      <View className="qty-price" data-testid="qty-price">
        <Text className="qty-price__label">采购数量</Text>
        <Input
          className="qty-price__input"
          data-testid="qty-input"
          type="number"
          value={text}
          maxlength={10}
          onInput={(e) => setText(e.detail.value)}
        />
        <Text className="qty-price__label">件</Text>
        <View className="qty-price__result">
          {unit === null ? (
            <Text className="qty-price__hint">请输入数量</Text>
          ) : (
            <>
              <Text className="qty-price__unit" data-testid="qty-unit-price">
                {yuan(unit)}/件
              </Text>
              <Text className="qty-price__total">合计 {yuan(unit * qty!)}</Text>
            </>
          )}
        </View>
      </View>
      {qty !== null && qty < product.moq ? <Text className="qty-price__warn">起订量 {product.moq} 件</Text> : null}
      <View className="price-breaks" data-testid="price-breaks">
        <View className="price-breaks__row price-breaks__row--head">
          <Text>数量</Text>
          <Text>单价（含税）</Text>
        </View>
        {product.priceBreaks.map((b, i) => {
          const next = product.priceBreaks[i + 1]
          const active = qty !== null && qty >= b.qty && (!next || qty < next.qty)
          return (
            <View key={b.qty} className={`price-breaks__row${active ? ' price-breaks__row--active' : ''}`}>
              <Text>{b.qty.toLocaleString('en-US')}+</Text>
              <Text className="price-breaks__price">{yuan(b.price)}</Text>
            </View>
          )
        })}
      </View>
    </Section>
  )
}

function AlternativesSection({ id }: { id: string }) {
  const { state, reload } = useResource(id, fetchAlternatives)
  const body = (alt: Alternatives) =>
    alt.items.length === 0 ? (
      <Text className="alternatives__empty" data-testid="alternatives-empty">
        同类产品中暂无参数兼容的替代型号
      </Text>
    ) : (
      alt.items.map((p) => (
        <View
          key={p.id}
          className="alternative"
          data-testid="alternative"
          data-model={p.model}
          hoverClass="card--hover"
          onClick={() => void openPage(productUrl(p.id))}
        >
          <View className="alternative__main">
            <Text className="alternative__model">{p.model}</Text>
            <Text className="alternative__name">{p.name}</Text>
            <Text className="alternative__params">{p.keyParams.join(' · ')}</Text>
          </View>
          <View className="alternative__side">
            <Text className="alternative__price">{p.priceFrom === null ? '询价' : `${yuan(p.priceFrom)} 起`}</Text>
            <Text className="alternative__supplier">{p.supplier.name}</Text>
          </View>
        </View>
      ))
    )
  return (
    <Section title="替代型号">
      {state.status === 'loading' ? (
        <Skeleton blocks={1} />
      ) : state.status === 'ready' ? (
        <View data-testid="alternatives">
          {state.data.basis.spans.length || state.data.basis.outputs.length ? (
            <Text className="alternatives__basis">
              同为{state.data.basis.category.name}
              {state.data.basis.spans.map((s) => `，${s.key}覆盖 ${s.display}`).join('')}
              {state.data.basis.outputs.map((o) => `，${o.key}含 ${o.values.join('/')}`).join('')}；按参数接近程度排序
            </Text>
          ) : null}
          {body(state.data)}
        </View>
      ) : (
        <View className="alternatives__error">
          <Text>替代型号加载失败</Text>
          <Text className="product-link" onClick={() => void reload()}>
            重试
          </Text>
        </View>
      )}
    </Section>
  )
}

/** How many articles 相关文章 shows at first and adds per 查看更多. */
const ARTICLES_PAGE = 5

/** 相关文章: published articles that name this product's model or are tagged with its category; hidden when none. */
function ProductArticlesSection({ id }: { id: string }) {
  const [list, setList] = useState<{ id: string; items: ArticleCard[]; next: string | null } | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    let live = true
    call('productArticles', { params: { id }, query: { limit: ARTICLES_PAGE } })
      .then((page) => live && setList({ id, items: page.items, next: page.nextCursor }))
      .catch(() => live && setList({ id, items: [], next: null }))
    return () => {
      live = false
    }
  }, [id])
  const shown = list && list.id === id ? list : null
  const more = async () => {
    if (!shown?.next || busy) return
    setBusy(true)
    try {
      const page = await call('productArticles', {
        params: { id },
        query: { limit: ARTICLES_PAGE, cursor: shown.next },
      })
      setList((prev) =>
        prev && prev.id === id ? { id, items: [...prev.items, ...page.items], next: page.nextCursor } : prev,
      )
    } catch (error) {
      showErrorToast(error)
    } finally {
      setBusy(false)
    }
  }
  const items = shown?.items
  const next = shown?.next
  if (!items?.length) return null
  return (
    <Section title="相关文章">
      <View data-testid="product-articles">
        {items.map((a) => (
          <View
            key={a.id}
            className="product-article"
            data-testid="product-article"
            data-id={a.id}
            hoverClass="card--hover"
            onClick={() => void openPage(articleUrl(a.id))}
          >
            <Text className="product-article__title">{a.title}</Text>
            <Text className="product-article__meta">
              {a.author.name} · {formatRelativeDate(a.publishedAt)}
            </Text>
          </View>
        ))}
        {next ? (
          <Text className="product-link product-articles__more" onClick={() => void more()}>
            {busy ? '加载中…' : '查看更多'}
          </Text>
        ) : null}
      </View>
    </Section>
  )
}

/** Response rate and median answer time, once the inquiries feature knows them; nothing when unknown. */
function SupplierStats({ supplier }: { supplier: ProductDetail['supplier'] }) {
  const stats = responseStats(supplier)
  if (!stats.length) return null
  return (
    <Text className="supplier__line" data-testid="supplier-stats">
      {stats.join(' · ')}
    </Text>
  )
}

/** 收藏 a product into my folders, with the folder sheet articles use; ★ 已收藏 while it is in any of them. */
function CollectButton({ productId }: { productId: number }) {
  const session = useSession()
  const [stored, setFolderIds] = useState<number[]>([])
  const [open, setOpen] = useState(false)
  // signed out: in none of my folders
  const folderIds = session ? stored : []
  useEffect(() => {
    if (!session) return
    call('productFolders', { params: { id: productId } })
      .then((state) => setFolderIds(state.folderIds))
      .catch(() => undefined)
  }, [session, productId])

  const start = async () => {
    try {
      await signInFirst()
      setOpen(true)
    } catch (error) {
      showErrorToast(error)
    }
  }
  /** 完成: optimistic, rolled back when the API refuses. */
  const collect = async (next: number[], before: number[]) => {
    setFolderIds(next)
    try {
      setFolderIds((await call('collectProduct', { params: { id: productId }, body: { folderIds: next } })).folderIds)
      void Taro.showToast({ title: next.length ? '已收藏' : '已取消收藏', icon: 'none' })
    } catch (error) {
      setFolderIds(before)
      showErrorToast(error)
    }
  }
  const on = folderIds.length > 0
  return (
    <>
      <Text
        className={`product-compare product-collect${on ? ' product-collect--on' : ''}`}
        data-testid="product-collect"
        data-collected={on ? '1' : '0'}
        onClick={() => void start()}
      >
        {on ? '★ 已收藏' : '☆ 收藏'}
      </Text>
      {open ? (
        <FolderSheet
          holding={() => call('productFolders', { params: { id: productId } }).then((s) => s.folderIds)}
          onClose={() => setOpen(false)}
          onDone={(ids, before) => void collect(ids, before)}
        />
      ) : null}
    </>
  )
}

function Product({ product, compare }: { product: ProductDetail; compare: CompareSelection }) {
  const { supplier } = product
  const inCompare = compare.has(product.id)
  return (
    <View className="product" data-testid="product" data-id={product.id}>
      {product.images.length ? (
        <Swiper className="product-images card" indicatorDots={product.images.length > 1} data-testid="product-images">
          {product.images.map((src) => (
            <SwiperItem key={src}>
              <Image
                className="product-images__image"
                src={src}
                mode="aspectFit"
                onClick={() => void Taro.previewImage({ current: src, urls: product.images })}
              />
            </SwiperItem>
          ))}
        </Swiper>
      ) : null}
      <View className="product-head card">
        <View className="product-head__top">
          <Text className="product-head__model" data-testid="product-model">
            {product.model}
          </Text>
          <View className="product-head__actions">
            <Text
              className={`product-compare${inCompare ? ' product-compare--on' : ''}`}
              data-testid="product-compare"
              onClick={() => compare.toggle({ id: product.id, model: product.model })}
            >
              {inCompare ? '✓ 已加对比' : '+ 加入对比'}
            </Text>
            <CollectButton productId={product.id} />
          </View>
        </View>
        <Text className="product-head__name">{product.name}</Text>
        <View className="product-head__meta">
          {product.brand ? <Text className="product-head__tag">品牌 {product.brand}</Text> : null}
          <Text className="product-head__tag">{product.category.path.split('/').join(' › ')}</Text>
        </View>
        <View className="product-head__trade">
          <View className="product-fact">
            <Text className="product-fact__value product-fact__value--price">
              {product.priceFrom === null ? '询价' : `${yuan(product.priceFrom)} 起`}
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
              {product.leadTimeDays === null ? '—' : product.leadTimeDays === 0 ? '现货' : `${product.leadTimeDays} 天`}
            </Text>
            <Text className="product-fact__label">交期</Text>
          </View>
        </View>
        <View
          className="product-inquire"
          data-testid="product-inquire"
          hoverClass="product-inquire--hover"
          onClick={() => void openPage(inquiryFormUrl(product.id))}
        >
          询价
        </View>
      </View>

      {product.priceBreaks.length ? <Pricing product={product} /> : null}

      {product.params.length ? (
        <Section title="参数">
          <View className="param-table" data-testid="product-params">
            {product.params.map((p) => {
              const base = normalised(p)
              return (
                <View key={p.key} className="param-table__row" data-key={p.key}>
                  <Text className="param-table__key">{p.key}</Text>
                  <View className="param-table__value">
                    <Text>{p.display}</Text>
                    {base ? <Text className="param-table__base">= {base}</Text> : null}
                  </View>
                </View>
              )
            })}
          </View>
        </Section>
      ) : null}

      {product.description || product.datasheetUrl ? (
        <Section title="产品介绍">
          {product.description ? <Text className="product-description">{product.description}</Text> : null}
          {product.datasheetUrl ? (
            <View className="datasheet" data-testid="datasheet">
              <Text className="datasheet__icon">PDF</Text>
              <Text className="datasheet__name">规格书 · {product.model}</Text>
              <Text
                className="product-link"
                onClick={() => product.datasheetUrl && copy(product.datasheetUrl, '规格书链接已复制')}
              >
                复制链接
              </Text>
            </View>
          ) : null}
        </Section>
      ) : null}

      <Section
        title="供应商"
        extra={
          <Text
            className="product-link"
            data-testid="open-supplier"
            onClick={() => void openPage(supplierUrl(supplier.id))}
          >
            进入店铺 ›
          </Text>
        }
      >
        <View className="supplier" data-testid="product-supplier">
          <View className="supplier__head" onClick={() => void openPage(supplierUrl(supplier.id))}>
            <Text className="supplier__name">{supplier.name}</Text>
            {supplier.verified ? <Text className="supplier__verified">认证供应商</Text> : null}
          </View>
          <Text className="supplier__line">地区：{supplier.region}</Text>
          <SupplierStats supplier={supplier} />
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

      <AlternativesSection id={String(product.id)} />
      <ProductArticlesSection id={String(product.id)} />
      <CompareTray compare={compare} />
    </View>
  )
}

export default function ProductPage() {
  const { params } = useRouter()
  const raw = param(params.id)
  const id = raw && /^\d+$/.test(raw) ? raw : null
  const { state, reload } = useResource(id, fetchProduct, SearchErrors.PRODUCT_NOT_FOUND)
  const product = state.status === 'ready' ? state.data : null
  const compare = useCompare()

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
  return <Product product={state.data} compare={compare} />
}
