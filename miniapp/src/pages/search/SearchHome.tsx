import { Text, View } from '@tarojs/components'
import type { CategoryTree, HotSearches } from '@chuangan/shared'
import Skeleton from '@/components/Skeleton'
import type { Resource } from '@/hooks/useResource'

interface Props {
  hot: Resource<HotSearches>
  categories: Resource<CategoryTree>
  recent: string[]
  onSearch: (q: string) => void
  onCategory: (category: { id: number; name: string }) => void
  onClearRecent: () => void
  onRetryCategories: () => void
}

/** Before a search: my recent searches, hot searches and the top categories as entry points. */
export default function SearchHome({
  hot,
  categories,
  recent,
  onSearch,
  onCategory,
  onClearRecent,
  onRetryCategories,
}: Props) {
  const hotItems = hot.status === 'ready' ? hot.data.items : []
  return (
    <View className="search-home">
      {recent.length ? (
        <View className="search-home__section" data-testid="recent-searches">
          <View className="search-home__head">
            <Text className="search-home__title">最近搜索</Text>
            <Text className="search-home__action" data-testid="recent-clear" onClick={onClearRecent}>
              清空
            </Text>
          </View>
          <View className="word-chips">
            {recent.map((q) => (
              <Text key={q} className="word-chip" data-testid="recent-search" onClick={() => onSearch(q)}>
                {q}
              </Text>
            ))}
          </View>
        </View>
      ) : null}

      {hotItems.length ? (
        <View className="search-home__section" data-testid="hot-searches">
          <View className="search-home__head">
            <Text className="search-home__title">热门搜索</Text>
          </View>
          <View className="word-chips">
            {hotItems.map((q, i) => (
              <Text
                key={q}
                className={`word-chip${i < 3 ? ' word-chip--hot' : ''}`}
                data-testid="hot-search"
                onClick={() => onSearch(q)}
              >
                {q}
              </Text>
            ))}
          </View>
        </View>
      ) : null}

      <View className="search-home__section" data-testid="category-entries">
        <View className="search-home__head">
          <Text className="search-home__title">产品分类</Text>
        </View>
        {categories.status === 'ready' ? (
          <View className="category-grid">
            {categories.data.items.map((c) => (
              <View
                key={c.id}
                className="category-entry"
                hoverClass="category-entry--hover"
                data-testid="category-entry"
                data-id={c.id}
                onClick={() => onCategory({ id: c.id, name: c.name })}
              >
                <Text className="category-entry__name">{c.name}</Text>
                <Text className="category-entry__count">{c.count} 款</Text>
              </View>
            ))}
          </View>
        ) : categories.status === 'loading' ? (
          <Skeleton blocks={2} className="search-home__skeleton" />
        ) : (
          <View className="search-home__failed">
            <Text>分类加载失败，</Text>
            <Text className="search-home__retry" onClick={onRetryCategories}>
              点击重试
            </Text>
          </View>
        )}
      </View>
    </View>
  )
}
