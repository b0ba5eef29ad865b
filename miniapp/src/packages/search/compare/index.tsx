import { useState } from 'react'
import { SearchErrors } from '@chuangan/shared/errors'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Switch, Text, View } from '@tarojs/components'
import type { CompareRow, Comparison, ProductCard } from '@chuangan/shared'
import Skeleton from '@/components/Skeleton'
import StatusView from '@/components/StatusView'
import { call, errorMessage } from '@/api/client'
import { useCompare } from '@/hooks/useCompare'
import { useResource } from '@/hooks/useResource'
import { COMPARE_MAX } from '@/utils/compare'
import { openPage, param } from '@/utils/nav'
import { productUrl, SEARCH_PAGE } from '@/utils/paths'
import './index.css'

const fetchComparison = (ids: string) => call('productCompare', { query: { ids } })

/** `1,2,3` from the page URL: distinct positive ids, at most COMPARE_MAX. */
export function idsFromParam(raw: string | undefined): number[] {
  if (!raw) return []
  const ids = raw
    .split(',')
    .map((s) => Number(s))
    .filter((n) => Number.isInteger(n) && n > 0)
  return [...new Set(ids)].slice(0, COMPARE_MAX)
}

const price = (p: ProductCard) => (p.priceFrom === null ? '询价' : `¥${p.priceFrom.toFixed(2)} 起`)
const lead = (p: ProductCard) =>
  p.leadTimeDays === null ? '—' : p.leadTimeDays === 0 ? '现货' : `${p.leadTimeDays} 天`

/** Trade facts every product has, as rows above the parameters. */
const TRADE: Array<{ label: string; of: (p: ProductCard) => string }> = [
  { label: '单价', of: price },
  { label: '库存', of: (p) => (p.stock > 0 ? `${p.stock.toLocaleString('en-US')} 件` : '无货') },
  { label: '起订量', of: (p) => `${p.moq} 件` },
  { label: '交期', of: lead },
  { label: '供应商', of: (p) => `${p.supplier.name}${p.supplier.verified ? '（认证）' : ''}` },
  { label: '地区', of: (p) => p.supplier.region },
  { label: '分类', of: (p) => p.category.name },
]

/** A cell's number in the row's unit (the unit is in the row's label), and the value as the product lists it. */
function Cell({ row, index }: { row: CompareRow; index: number }) {
  const cell = row.cells[index]
  if (!cell) return <Text className="compare-cell compare-cell--none">—</Text>
  const inUnit = row.unit && cell.text.endsWith(` ${row.unit}`) ? cell.text.slice(0, -row.unit.length - 1) : cell.text
  const asListed = row.unit && !cell.display.includes(row.unit) ? cell.display : null
  return (
    <View className="compare-cell">
      <Text>{inUnit}</Text>
      {asListed ? <Text className="compare-cell__listed">{asListed}</Text> : null}
    </View>
  )
}

function Table({ data, onRemove }: { data: Comparison; onRemove: (id: number) => void }) {
  const [onlyDiff, setOnlyDiff] = useState(false)
  const rows = onlyDiff ? data.rows.filter((r) => r.differs) : data.rows
  const trade = TRADE.map((t) => ({ ...t, values: data.products.map(t.of) })).filter(
    (t) => !onlyDiff || new Set(t.values).size > 1,
  )
  return (
    <View className="compare" data-testid="compare">
      <View className="compare-tools">
        <Text className="compare-tools__count">已选 {data.products.length} 个产品</Text>
        <View className="compare-tools__diff">
          <Text>只看不同</Text>
          <Switch
            className="compare-tools__switch"
            data-testid="only-diff"
            checked={onlyDiff}
            color="#1668dc"
            onChange={(e) => setOnlyDiff(e.detail.value)}
          />
        </View>
      </View>
      <View className="compare-table card">
        <View className="compare-row compare-row--head">
          <Text className="compare-label">型号</Text>
          {data.products.map((p) => (
            <View key={p.id} className="compare-cell compare-product" data-testid="compare-product" data-id={p.id}>
              <Text className="compare-product__model" onClick={() => void openPage(productUrl(p.id))}>
                {p.model}
              </Text>
              <Text className="compare-product__name">{p.name}</Text>
              <Text
                className="compare-product__remove"
                data-testid="compare-column-remove"
                onClick={() => onRemove(p.id)}
              >
                移除
              </Text>
            </View>
          ))}
        </View>
        {trade.map((t) => (
          <View key={t.label} className={`compare-row${new Set(t.values).size > 1 ? ' compare-row--diff' : ''}`}>
            <Text className="compare-label">{t.label}</Text>
            {t.values.map((v, i) => (
              <Text key={data.products[i].id} className="compare-cell">
                {v}
              </Text>
            ))}
          </View>
        ))}
        <View className="compare-row compare-row--section">
          <Text>参数（同一行同一单位）</Text>
        </View>
        {rows.map((row) => (
          <View
            key={row.key}
            className={`compare-row${row.differs ? ' compare-row--diff' : ''}`}
            data-testid="compare-row"
            data-key={row.key}
            data-differs={row.differs ? '1' : '0'}
          >
            <View className="compare-label">
              <Text>{row.key}</Text>
              {row.unit ? <Text className="compare-label__unit">{row.unit}</Text> : null}
            </View>
            {data.products.map((p, i) => (
              <Cell key={p.id} row={row} index={i} />
            ))}
          </View>
        ))}
        {onlyDiff && rows.length === 0 ? <Text className="compare-same">参数完全相同</Text> : null}
      </View>
      <Text className="compare-note">标色的行表示取值不同；数值已换算为该行单位，小字为产品原始标注。</Text>
    </View>
  )
}

/** Compare up to 4 products: trade facts, then parameters aligned by key in one unit a row, differences marked. */
export default function ComparePage() {
  const { params } = useRouter()
  const compare = useCompare()
  const [ids, setIds] = useState<number[]>(() => {
    const fromUrl = idsFromParam(param(params.ids))
    return fromUrl.length ? fromUrl : compare.items.map((i) => i.id)
  })
  const key = ids.length ? ids.join(',') : null
  const { state, reload } = useResource(key, fetchComparison, SearchErrors.PRODUCT_NOT_FOUND)

  usePullDownRefresh(() => {
    void reload().then(() => Taro.stopPullDownRefresh())
  })

  const remove = (id: number) => {
    compare.remove(id)
    setIds(ids.filter((i) => i !== id))
  }
  const toSearch = { label: '去搜索', onClick: () => void Taro.switchTab({ url: SEARCH_PAGE }) }

  if (!ids.length) {
    return (
      <StatusView
        title="还没有选择对比的产品"
        description="在搜索结果或产品页点“对比”加入，最多 4 个"
        action={toSearch}
      />
    )
  }
  if (state.status === 'loading') return <Skeleton className="compare-skeleton" blocks={4} />
  if (state.status === 'not-found') {
    return (
      <StatusView
        title="有产品已下架"
        description={SearchErrors.PRODUCT_NOT_FOUND.message}
        action={{
          label: '清空对比',
          onClick: () => {
            compare.clear()
            setIds([])
          },
        }}
      />
    )
  }
  if (state.status === 'error') {
    return <StatusView title="加载失败" description={errorMessage(state.error)} onRetry={() => void reload()} />
  }
  return <Table data={state.data} onRemove={remove} />
}
