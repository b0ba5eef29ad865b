import { useCallback, useState } from 'react'
import { useLoad, useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { RichText, Text, View } from '@tarojs/components'
import type { ArticleDetail } from '@chuangan/shared'
import Skeleton from '@/components/Skeleton'
import StatusView from '@/components/StatusView'
import { ApiRequestError, call, errorMessage } from '@/api/client'
import { formatCount, formatRelativeDate } from '@/utils/date'
import { articleUrl } from '@/utils/paths'
import { fitImages } from '@/utils/richText'
import './index.css'

type State =
  | { status: 'loading' }
  | { status: 'ready'; article: ArticleDetail }
  | { status: 'not-found' }
  | { status: 'error'; error: unknown }

// May be opened from Moments in single-page mode: no login and no navigation APIs here on load.
export default function ArticlePage() {
  const { params } = useRouter()
  const id = params.id && /^\d+$/.test(params.id) ? params.id : null
  const [state, setState] = useState<State>(id ? { status: 'loading' } : { status: 'not-found' })

  const fetchArticle = useCallback(async () => {
    if (!id) return
    try {
      const article = await call('article', { params: { id } })
      setState({ status: 'ready', article })
    } catch (error) {
      if (error instanceof ApiRequestError && error.statusCode === 404) setState({ status: 'not-found' })
      else setState({ status: 'error', error })
    }
  }, [id])

  useLoad(() => {
    void fetchArticle()
  })

  const retry = () => {
    setState({ status: 'loading' })
    void fetchArticle()
  }

  const title = state.status === 'ready' ? state.article.title : '传感说'
  useShareAppMessage(() => ({ title, path: articleUrl(id ?? '') }))
  useShareTimeline(() => ({ title, query: `id=${id ?? ''}` }))

  if (state.status === 'loading') return <Skeleton className="article-skeleton" blocks={2} />
  if (state.status === 'not-found') return <StatusView title="文章不存在或已下线" />
  if (state.status === 'error') {
    return <StatusView title="加载失败" description={errorMessage(state.error)} onRetry={retry} />
  }

  const { article } = state
  return (
    <View className="article">
      <Text className="article-title">{article.title}</Text>
      <View className="article-meta">
        <Text className="article-meta__author">{article.authorName}</Text>
        <Text>{formatRelativeDate(article.publishedAt)}</Text>
        <Text className="article-meta__reads">{formatCount(article.readCount)} 阅读</Text>
      </View>
      <RichText className="article-body" nodes={fitImages(article.body)} />
    </View>
  )
}
