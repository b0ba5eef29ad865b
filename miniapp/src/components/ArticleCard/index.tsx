import { Text, View } from '@tarojs/components'
import type { ArticleSummary } from '@chuangan/shared'
import { formatCount, formatRelativeDate } from '@/utils/date'
import './index.css'

interface Props {
  article: ArticleSummary
  onOpen: (id: number) => void
}

export default function ArticleCard({ article, onOpen }: Props) {
  return (
    <View
      className="article-card"
      data-id={article.id}
      hoverClass="article-card--hover"
      onClick={() => onOpen(article.id)}
    >
      <Text className="article-card__title">{article.title}</Text>
      {article.summary ? <Text className="article-card__summary">{article.summary}</Text> : null}
      <View className="article-card__meta">
        <Text className="article-card__author">{article.authorName}</Text>
        <Text>{formatRelativeDate(article.publishedAt)}</Text>
        <Text className="article-card__stat">{formatCount(article.readCount)} 阅读</Text>
        <Text>{formatCount(article.likeCount)} 赞</Text>
      </View>
    </View>
  )
}
