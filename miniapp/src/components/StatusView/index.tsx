import { Button, Text, View } from '@tarojs/components'

interface Props {
  title: string
  description?: string
  /** Shows a 重试 button when given. */
  onRetry?: () => void
  /** Another button instead (登录, 去看看 …). */
  action?: { label: string; onClick: () => void }
}

/** The full-page empty, error and not-found states. */
export default function StatusView({ title, description, onRetry, action }: Props) {
  return (
    <View className="state">
      <Text className="state__title">{title}</Text>
      {description ? <Text>{description}</Text> : null}
      {onRetry ? (
        <Button className="state__button" onClick={onRetry}>
          重试
        </Button>
      ) : action ? (
        <Button className="state__button" onClick={action.onClick}>
          {action.label}
        </Button>
      ) : null}
    </View>
  )
}
