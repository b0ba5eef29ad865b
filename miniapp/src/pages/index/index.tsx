import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import ArticleCard from '@/components/ArticleCard'
import Skeleton from '@/components/Skeleton'
import StatusView from '@/components/StatusView'
import { errorMessage } from '@/api/client'
import { useFeed } from '@/hooks/useFeed'
import { articleUrl } from '@/utils/paths'
import './index.css'

function openArticle(id: number) {
  void Taro.navigateTo({ url: articleUrl(id) })
}

export default function FeedPage() {
  const feed = useFeed()

  usePullDownRefresh(() => {
    void feed.reload().finally(() => Taro.stopPullDownRefresh())
  })

  useReachBottom(() => {
    void feed.loadMore()
  })

  if (feed.status === 'loading') return <Skeleton className="feed-skeleton" blocks={4} />
  if (feed.status === 'error') {
    return <StatusView title="加载失败" description={errorMessage(feed.error)} onRetry={() => void feed.reload()} />
  }
  if (feed.items.length === 0) return <StatusView title="暂无文章" description="下拉刷新看看有没有新内容" />

  return (
    <View className="feed">
      {feed.items.map((article) => (
        <ArticleCard key={article.id} article={article} onOpen={openArticle} />
      ))}
      <View className="feed__footer">
        {feed.loadingMore ? (
          <Text>加载中…</Text>
        ) : feed.loadMoreFailed ? (
          <Text className="feed__retry" onClick={() => void feed.loadMore()}>
            加载失败，点击重试
          </Text>
        ) : feed.hasMore ? (
          <Text>上拉加载更多</Text>
        ) : (
          <Text>没有更多了</Text>
        )}
      </View>
    </View>
  )
}
