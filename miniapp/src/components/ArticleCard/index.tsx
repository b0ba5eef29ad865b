import { memo } from 'react'
import { Image, Text, View } from '@tarojs/components'
import type { ArticleCard as Article } from '@chuangan/shared'
import { formatCount, formatRelativeDate } from '@/utils/date'
import { thumbUrl } from '@/utils/media'
import './index.css'

interface Props {
  article: Article
  onOpen: (id: number) => void
  /** A ··· button at the end of the card (e.g. move or remove a favorite); its tap does not open the article. */
  onMore?: (article: Article) => void
}

/**
 * A feed row: title, author and date, up to three tags and counts; the cover as a thumbnail on the right. Memoised:
 * a list that grows redraws only its new cards.
 */
function ArticleCard({ article, onOpen, onMore }: Props) {
  // The thumbnail's box is 216 × 160 design px (index.css): a variant of the 16:9 cover that fills it, not the cover.
  const cover = thumbUrl(article.cover, { width: 216, height: 160 })
  return (
    <View
      className="article-card card"
      data-id={article.id}
      data-column={article.column?.slug ?? ''}
      hoverClass="card--hover"
      onClick={() => onOpen(article.id)}
    >
      <View className="article-card__main">
        <Text className="article-card__title">{article.title}</Text>
        <View className="article-card__meta">
          <Text className="article-card__author">{article.author.name}</Text>
          {article.author.verified ? (
            <Text className="article-card__verified" aria-label="认证作者">
              ✓
            </Text>
          ) : null}
          <Text className="article-card__dot">·</Text>
          <Text>{formatRelativeDate(article.publishedAt)}</Text>
        </View>
        <View className="article-card__foot">
          {article.tags.slice(0, 3).map((tag) => (
            <Text key={tag.id} className="article-card__tag">
              {tag.name}
            </Text>
          ))}
          <Text className="article-card__stats">
            {formatCount(article.counts.reads)} 阅读 · {formatCount(article.counts.likes)} 赞
          </Text>
          {onMore ? (
            <Text
              className="article-card__more"
              data-testid="article-more"
              aria-label="更多操作"
              onClick={(e) => {
                e.stopPropagation()
                onMore(article)
              }}
            >
              ···
            </Text>
          ) : null}
        </View>
      </View>
      {cover ? <Image className="article-card__cover" src={cover} mode="aspectFill" lazyLoad /> : null}
    </View>
  )
}

export default memo(ArticleCard)
