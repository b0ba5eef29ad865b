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

interface Action {
  /** Names its classes (`like-button`, `like-button--active`) and test id (`action-like`). */
  name: string
  label: string
  icon: string
  /** On or off, for the toggles (点赞, 收藏); undefined for plain actions. */
  pressed?: boolean
  count?: { value: number; className: string }
  onClick: () => void
}

function ActionItem({ name, label, icon, pressed, count, onClick }: Action) {
  return (
    <View
      className={`action-item ${name}-button${pressed ? ` ${name}-button--active` : ''}`}
      data-testid={`action-${name}`}
      hoverClass="action-item--hover"
      aria-pressed={pressed}
      onClick={onClick}
    >
      <Text className="action-item__icon">{icon}</Text>
      <View className="action-item__line">
        <Text className="action-item__label">{label}</Text>
        {count ? <Text className={`action-item__count ${count.className}`}>{formatCount(count.value)}</Text> : null}
      </View>
    </View>
  )
}

/** The article's bottom bar: 点赞, 评论, 收藏 (with counts) and 分享 (opens the share sheet). */
export default function ActionBar({ state, onLike, onComment, onCollect, onShare }: Props) {
  const collected = state.folderIds.length > 0
  const actions: Action[] = [
    {
      name: 'like',
      label: '点赞',
      icon: state.liked ? '♥' : '♡',
      pressed: state.liked,
      count: { value: state.likes, className: 'like-count' },
      onClick: onLike,
    },
    {
      name: 'comment',
      label: '评论',
      icon: '✎',
      count: { value: state.comments, className: 'comment-count' },
      onClick: onComment,
    },
    {
      name: 'collect',
      label: '收藏',
      icon: collected ? '★' : '☆',
      pressed: collected,
      count: { value: state.favorites, className: 'favorite-count' },
      onClick: onCollect,
    },
    { name: 'share', label: '分享', icon: '↗', onClick: onShare },
  ]
  return (
    <View className="action-bar">
      {actions.map((action) => (
        <ActionItem key={action.name} {...action} />
      ))}
    </View>
  )
}
