import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import './index.css'

interface Props {
  open: boolean
  onClose: () => void
  title?: ReactNode
  /** Extra class on the panel (composer, folder-sheet …). */
  className?: string
  children: ReactNode
}

/** A panel sliding up from the bottom over a dimmed page; a tap on the dim area or on ✕ closes it. */
export default function Sheet({ open, onClose, title, className = '', children }: Props) {
  if (!open) return null
  return (
    <View className="sheet-root">
      <View className="sheet-mask" catchMove onClick={onClose} />
      <View className={`sheet ${className}`}>
        {title !== undefined ? (
          <View className="sheet__head">
            <View className="sheet__title">{title}</View>
            <Text className="sheet__close" data-testid="sheet-close" aria-label="关闭" onClick={onClose}>
              ✕
            </Text>
          </View>
        ) : null}
        {children}
      </View>
    </View>
  )
}
