import { Button, Text, View } from '@tarojs/components'
import type { CategoryRef, ProductCard } from '@chuangan/shared'
import ListFooter from '@/components/ListFooter'
import Skeleton from '@/components/Skeleton'
import StatusView from '@/components/StatusView'
import { errorMessage } from '@/api/client'
import { filterChips, filterCount, NO_FILTERS, SORTS, type SearchFilters, type SearchRequest } from './query'
import ProductItem from './ProductItem'
import type { Search } from './useSearch'

interface Props {
  request: SearchRequest
  search: Search
  onSort: (sort: SearchRequest['sort']) => void
  onFilters: (filters: SearchFilters) => void
  onOpenFilters: () => void
  onSearch: (q: string) => void
  onCategory: (category: Pick<CategoryRef, 'id' | 'name'>) => void
  onOpen: (id: number) => void
  inCompare?: (id: number) => boolean
  onCompare?: (product: ProductCard) => void
  /** 订阅 this search (save it; new matching products are noticed). */
  onSubscribe?: () => void
  /** Saved already in this visit. */
  subscribed?: boolean
}

/** Nothing matched: offer the broader query and the nearest category the API hints at, or dropping the filters. */
function NoMatch({ request, search, onSearch, onCategory, onFilters }: Props) {
  const hint = search.summary?.hint
  const broader = hint?.broaderQuery && hint.broaderQuery !== request.q ? hint.broaderQuery : null
  const nearest = hint?.category ?? null
  const filtered = filterCount(request.filters) > 0
  const offers = Boolean(broader || nearest || filtered)
  return (
    <View className="state no-match" data-testid="search-empty">
      <Text className="state__title">{request.q ? `没有找到“${request.q}”相关的产品` : '没有符合条件的产品'}</Text>
      <Text>{offers ? '换个说法，或者试试：' : '换个关键词，或少写几个参数再搜'}</Text>
      {offers ? (
        <View className="no-match__offers">
          {broader ? (
            <Button className="no-match__offer" data-testid="hint-query" onClick={() => onSearch(broader)}>
              搜索“{broader}”
            </Button>
          ) : null}
          {nearest ? (
            <Button className="no-match__offer" data-testid="hint-category" onClick={() => onCategory(nearest)}>
              看看{nearest.name}
            </Button>
          ) : null}
          {filtered ? (
            <Button
              className="no-match__offer no-match__offer--plain"
              data-testid="hint-clear-filters"
              onClick={() => onFilters(NO_FILTERS)}
            >
              清除筛选
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}

/** The result list: sort and 筛选, what the query was understood as, the set filters, cards and paging. */
export default function Results(props: Props) {
  const { request, search, onSort, onFilters, onOpenFilters, onOpen, inCompare, onCompare, onSubscribe, subscribed } =
    props
  const { list, summary } = search
  const chips = filterChips(request.filters)
  const count = filterCount(request.filters)
  const understood = summary?.understood ?? []

  return (
    <View className="results">
      <View className="results__bar">
        <View className="sort-tabs">
          {SORTS.map((s) => (
            <Text
              key={s.value}
              className={`sort-tabs__item${s.value === request.sort ? ' sort-tabs__item--active' : ''}`}
              data-testid="sort"
              data-sort={s.value}
              onClick={() => s.value !== request.sort && onSort(s.value)}
            >
              {s.label}
            </Text>
          ))}
        </View>
        <View className="results__actions">
          {onSubscribe ? (
            <View
              className={`filter-button subscribe-button${subscribed ? ' filter-button--active' : ''}`}
              data-testid="save-search"
              data-saved={subscribed ? '1' : '0'}
              onClick={() => !subscribed && onSubscribe()}
            >
              <Text>{subscribed ? '已订阅' : '订阅'}</Text>
            </View>
          ) : null}
          <View
            className={`filter-button${count ? ' filter-button--active' : ''}`}
            data-testid="open-filters"
            onClick={onOpenFilters}
          >
            <Text>筛选</Text>
            {count ? <Text className="filter-button__badge">{count}</Text> : null}
          </View>
        </View>
      </View>

      {understood.length || chips.length ? (
        <View className="results__chips">
          {understood.map((u) => (
            <Text
              key={`${u.kind}:${u.text}`}
              className={`understood-chip understood-chip--${u.kind}`}
              data-testid="understood"
            >
              {u.label}
            </Text>
          ))}
          {chips.map((chip) => (
            <Text
              key={chip.key}
              className="filter-chip"
              data-testid="filter-chip"
              onClick={() => onFilters(chip.without)}
            >
              {chip.label} ✕
            </Text>
          ))}
        </View>
      ) : null}

      {list.status === 'loading' ? (
        <Skeleton blocks={4} className="results__skeleton" />
      ) : list.status === 'error' ? (
        <StatusView title="搜索失败" description={errorMessage(list.error)} onRetry={() => void list.reload()} />
      ) : list.items.length === 0 ? (
        <NoMatch {...props} />
      ) : (
        <View className="results__list">
          {summary ? (
            <Text className="results__total" data-testid="results-total" data-total={summary.total}>
              共 {summary.total} 件产品
            </Text>
          ) : null}
          {list.items.map((p) => (
            <ProductItem
              key={p.id}
              product={p}
              onOpen={onOpen}
              inCompare={inCompare?.(p.id) ?? false}
              onCompare={onCompare}
            />
          ))}
          <ListFooter {...list} />
        </View>
      )}
    </View>
  )
}
