import { Text } from '@tarojs/components'
import { useSignInRequest } from '@/auth/signIn'
import DevLoginForm from '@/components/DevLoginForm'
import Sheet from '@/components/Sheet'

/**
 * H5: a reader who taps 点赞, 评论 or 收藏 while signed out signs in right here (auth/signIn.ts), and the action
 * goes on once signed in. Never opens in the mini-program, which signs in silently.
 */
export default function LoginSheet({ hint = '登录后即可点赞、评论和收藏' }: { hint?: string }) {
  const { open, cancel } = useSignInRequest()
  return (
    <Sheet open={open} onClose={cancel} title="登录" className="login-sheet">
      <Text className="login-sheet__hint">{hint}</Text>
      <DevLoginForm />
    </Sheet>
  )
}
