import { View } from '@tarojs/components'

interface Props {
  /** How many placeholder blocks to draw. */
  blocks?: number
  className?: string
}

/** Grey shimmering lines shown while the first answer is on its way. */
export default function Skeleton({ blocks = 3, className = '' }: Props) {
  return (
    <View className={`skeleton ${className}`} aria-busy="true" aria-label="加载中">
      {Array.from({ length: blocks }, (_, i) => (
        <View key={i} className="skeleton__block">
          <View className="skeleton__line skeleton__line--title" />
          <View className="skeleton__line" />
          <View className="skeleton__line skeleton__line--short" />
        </View>
      ))}
    </View>
  )
}
