import { memo, useMemo, useState } from 'react'
import { View } from '@tarojs/components'
import type { ArticleCard as Article } from '@chuangan/shared'
import ArticleCard from '@/components/ArticleCard'
import Skeleton from '@/components/Skeleton'
import ListFooter from '@/components/ListFooter'
import StatusView from '@/components/StatusView'
import { errorMessage } from '@/api/client'
import type { Feed } from '@/hooks/useFeed'
import { useNearViewport } from '@/hooks/useNearViewport'
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

/** Cards per block: a block far off screen is drawn as one empty node of its height. */
export const BLOCK_SIZE = 5

const openArticle = (id: number) => void openPage(articleUrl(id))

let lists = 0

interface BlockProps {
  id: string
  articles: Article[]
  onOpen: (id: number) => void
  onMore?: (article: Article) => void
}

/** A run of cards, or while it is far off screen (and measured) a placeholder of the same height. */
const Block = memo(
  function Block({ id, articles, onOpen, onMore }: BlockProps) {
    const { near, height } = useNearViewport(id)
    if (!near) return <View id={id} className="article-list__block" style={{ height: `${height}px` }} />
    return (
      <View id={id} className="article-list__block">
        {articles.map((article) => (
          <ArticleCard key={article.id} article={article} onOpen={onOpen} onMore={onMore} />
        ))}
      </View>
    )
  },
  // a new page makes new slices: a block whose cards are the same objects stays as it is
  (a, b) =>
    a.id === b.id &&
    a.onOpen === b.onOpen &&
    a.onMore === b.onMore &&
    a.articles.length === b.articles.length &&
    a.articles.every((article, i) => article === b.articles[i]),
)

/**
 * A paged article list in all its states: skeleton, error with 重试, empty, cards and a footer
 * (加载中… / 没有更多了). The page wires pull-down and reach-bottom to `feed.reload` / `feed.loadMore`.
 * However far the reader scrolls, only the cards within about a screen are drawn (WeChat wants < 1,000 nodes).
 */
export default function ArticleList({
  feed,
  emptyText = '暂无文章',
  emptyHint = '下拉刷新看看有没有新内容',
  onOpen = openArticle,
  onMore,
}: Props) {
  const [listId] = useState(() => `article-list-${++lists}`)
  const blocks = useMemo(() => {
    const runs: Article[][] = []
    for (let i = 0; i < feed.items.length; i += BLOCK_SIZE) runs.push(feed.items.slice(i, i + BLOCK_SIZE))
    return runs
  }, [feed.items])

  if (feed.status === 'loading') return <Skeleton className="list-skeleton" blocks={4} />
  if (feed.status === 'error') {
    return <StatusView title="加载失败" description={errorMessage(feed.error)} onRetry={() => void feed.reload()} />
  }
  if (feed.items.length === 0) return <StatusView title={emptyText} description={emptyHint} />

  return (
    <View className="article-list">
      {blocks.map((articles, i) => (
        <Block key={i} id={`${listId}-${i}`} articles={articles} onOpen={onOpen} onMore={onMore} />
      ))}
      <ListFooter {...feed} />
    </View>
  )
}
