import { Image, Text, View } from '@tarojs/components'
import type { ArticleBrief } from '@chuangan/shared'
import { formatDate } from '@/utils/date'
import { thumbUrl } from '@/utils/media'
import { openPage } from '@/utils/nav'
import { articleUrl } from '@/utils/paths'
import './index.css'

/** The cover thumbnail's box in design px (index.css `.brief__cover`). */
const COVER_BOX = { width: 168, height: 112 }

interface Props {
  items: ArticleBrief[]
  /** Extra class on each row (author-latest-item, related-item, issue-article). */
  itemClass: string
}

/** One-line article links with their dates (作者最近更新, 相关推荐, an issue's articles). */
export default function BriefList({ items, itemClass }: Props) {
  return (
    <View className="brief-list">
      {items.map((item) => (
        <View
          key={item.id}
          className={`brief ${itemClass}`}
          data-id={item.id}
          hoverClass="brief--hover"
          onClick={() => openPage(articleUrl(item.id))}
        >
          <View className="brief__text">
            <Text className="brief__title">{item.title}</Text>
            <Text className="brief__date">{formatDate(item.publishedAt)}</Text>
          </View>
          {item.cover ? (
            <Image className="brief__cover" src={thumbUrl(item.cover, COVER_BOX)} mode="aspectFill" lazyLoad />
          ) : null}
        </View>
      ))}
    </View>
  )
}
