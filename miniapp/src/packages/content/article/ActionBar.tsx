import { Text, View } from '@tarojs/components'
import type { ViewerState } from '@chuangan/shared'
import { formatCount } from '@/utils/date'

interface Props {
  state: ViewerState
  onLike: () => void
  onComment: () => void
  onCollect: () => void
  onShare: () => void
}

/** The article's bottom bar: 点赞, 评论, 收藏 (with counts) and 分享 (opens the share sheet). */
export default function ActionBar({ state, onLike, onComment, onCollect, onShare }: Props) {
  const collected = state.folderIds.length > 0
  return (
    <View className="action-bar">
      <View
        className={`action-item like-button${state.liked ? ' like-button--active' : ''}`}
        data-testid="action-like"
        hoverClass="action-item--hover"
        aria-pressed={state.liked}
        onClick={onLike}
      >
        <Text className="action-item__icon">{state.liked ? '♥' : '♡'}</Text>
        <View className="action-item__line">
          <Text className="action-item__label">点赞</Text>
          <Text className="action-item__count like-count">{formatCount(state.likes)}</Text>
        </View>
      </View>
      <View
        className="action-item comment-button"
        data-testid="action-comment"
        hoverClass="action-item--hover"
        onClick={onComment}
      >
        <Text className="action-item__icon">✎</Text>
        <View className="action-item__line">
          <Text className="action-item__label">评论</Text>
          <Text className="action-item__count comment-count">{formatCount(state.comments)}</Text>
        </View>
      </View>
      <View
        className={`action-item collect-button${collected ? ' collect-button--active' : ''}`}
        data-testid="action-collect"
        hoverClass="action-item--hover"
        aria-pressed={collected}
        onClick={onCollect}
      >
        <Text className="action-item__icon">{collected ? '★' : '☆'}</Text>
        <View className="action-item__line">
          <Text className="action-item__label">收藏</Text>
          <Text className="action-item__count favorite-count">{formatCount(state.favorites)}</Text>
        </View>
      </View>
      <View
        className="action-item share-button"
        data-testid="action-share"
        hoverClass="action-item--hover"
        onClick={onShare}
      >
        <Text className="action-item__icon">↗</Text>
        <View className="action-item__line">
          <Text className="action-item__label">分享</Text>
        </View>
      </View>
    </View>
  )
}
