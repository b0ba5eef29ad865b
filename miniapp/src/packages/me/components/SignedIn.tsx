import type { ReactNode } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { useSession } from '@/auth/session'
import { openPage } from '@/utils/nav'
import { ME_PAGE } from '@/utils/paths'

/** 我的 pages show their content to a signed-in reader only; otherwise a way back to sign in. */
export default function SignedIn({ children }: { children: ReactNode }) {
  const session = useSession()
  if (session) return <>{children}</>
  return (
    <View className="state">
      <Text className="state__title">请先登录</Text>
      <Text>登录后查看你的收藏、评论和点赞</Text>
      <Button className="state__button" onClick={() => openPage(ME_PAGE)}>
        去登录
      </Button>
    </View>
  )
}
