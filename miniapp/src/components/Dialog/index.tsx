import type { ReactNode } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { flag } from '@/utils/flag'
import './index.css'

interface Props {
  title: string
  children: ReactNode
  /** Buttons, left to right; the page decides what they do. */
  actions: ReactNode
  className?: string
}

/** A centred dialog over a dimmed page (for what Taro.showModal cannot show: links, open-type buttons, lists). */
export default function Dialog({ title, children, actions, className = '' }: Props) {
  return (
    <View className="dialog-root">
      <View className="dialog-mask" catchMove />
      <View className={`dialog ${className}`} role="dialog">
        <Text className="dialog__title">{title}</Text>
        <View className="dialog__body">{children}</View>
        <View className="dialog__actions">{actions}</View>
      </View>
    </View>
  )
}

interface ButtonProps {
  children: ReactNode
  onClick?: () => void
  primary?: boolean
  danger?: boolean
  disabled?: boolean
  testId?: string
}

export function DialogButton({ children, onClick, primary, danger, disabled, testId }: ButtonProps) {
  const kind = danger ? ' dialog__button--danger' : primary ? ' dialog__button--primary' : ''
  return (
    <Button className={`dialog__button${kind}`} data-testid={testId} disabled={flag(!!disabled)} onClick={onClick}>
      {children}
    </Button>
  )
}
