import { View } from '@tarojs/components'
import type { ArticleCard as Article } from '@chuangan/shared'
import ArticleCard from '@/components/ArticleCard'
import Skeleton from '@/components/Skeleton'
import ListFooter from '@/components/ListFooter'
import StatusView from '@/components/StatusView'
import { errorMessage } from '@/api/client'
import type { Feed } from '@/hooks/useFeed'
import { openPage } from '@/utils/nav'
import { articleUrl } from '@/utils/paths'
import './index.css'

interface Props {
  /** A paged list of articles (useFeed, or usePagedList of my likes, a folder …). */
  feed: Feed
  emptyText?: string
  /** Under the empty state's title (default: pull down to refresh). */
  emptyHint?: string
  onOpen?: (id: number) => void
  /** Adds a ··· button to each card. */
  onMore?: (article: Article) => void
}

const openArticle = (id: number) => openPage(articleUrl(id))

/**
 * A paged article list in all its states: skeleton, error with 重试, empty, cards and a footer
 * (加载中… / 没有更多了). The page wires pull-down and reach-bottom to `feed.reload` / `feed.loadMore`.
 */
export default function ArticleList({
  feed,
  emptyText = '暂无文章',
  emptyHint = '下拉刷新看看有没有新内容',
  onOpen = openArticle,
  onMore,
}: Props) {
  if (feed.status === 'loading') return <Skeleton className="list-skeleton" blocks={4} />
  if (feed.status === 'error') {
    return <StatusView title="加载失败" description={errorMessage(feed.error)} onRetry={() => void feed.reload()} />
  }
  if (feed.items.length === 0) return <StatusView title={emptyText} description={emptyHint} />

  return (
    <View className="article-list">
      {feed.items.map((article) => (
        <ArticleCard key={article.id} article={article} onOpen={onOpen} onMore={onMore} />
      ))}
      <ListFooter {...feed} />
    </View>
  )
}
