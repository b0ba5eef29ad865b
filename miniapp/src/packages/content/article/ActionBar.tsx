import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { ViewerState } from '@chuangan/shared'
import { isWeapp } from '@/auth/session'
import { formatCount } from '@/utils/date'
import { blockedInSinglePage } from '@/utils/nav'
import { isSinglePageMode } from '@/utils/scene'

interface Props {
  state: ViewerState
  onLike: () => void
  onComment: () => void
  onCollect: () => void
}

/** Outside WeChat there is no share button: say how to share from the browser or WeChat's menu. */
function shareHint(): void {
  if (blockedInSinglePage()) return
  void Taro.showModal({
    title: '分享',
    content: '1. 点击右上角 ··· \n2. 分享到朋友圈或发送给好友',
    showCancel: false,
    confirmText: '知道了',
  })
}

/** The article's bottom bar: 点赞, 评论, 收藏 (with counts) and 分享 (WeChat's own share for now). */
export default function ActionBar({ state, onLike, onComment, onCollect }: Props) {
  const collected = state.folderIds.length > 0
  const share = (
    <>
      <Text className="action-item__icon">↗</Text>
      <View className="action-item__line">
        <Text className="action-item__label">分享</Text>
      </View>
    </>
  )
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
      {isWeapp() && !isSinglePageMode() ? (
        <Button
          className="action-item share-button"
          data-testid="action-share"
          openType="share"
          hoverClass="action-item--hover"
        >
          {share}
        </Button>
      ) : (
        <View className="action-item share-hint" data-testid="action-share" onClick={shareHint}>
          {share}
        </View>
      )}
    </View>
  )
}
