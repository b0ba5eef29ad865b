import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { FollowKind, FollowState } from '@chuangan/shared'
import { call, showErrorToast } from '@/api/client'
import { useSession } from '@/auth/session'
import { signInFirst } from '@/auth/signIn'
import { blockedInSinglePage } from '@/utils/nav'
import { askSubscribe, prefetchSubscriptions } from '@/utils/subscribe'
import './index.css'

interface Props {
  kind: FollowKind
  id: number
  /** Shows the follower count beside the button (`128 人关注`). */
  showCount?: boolean
  className?: string
}

const WORDS = {
  follow: { idle: '+ 关注', done: '已关注', toast: '已关注', count: '人关注' },
  subscribe: { idle: '+ 订阅', done: '已订阅', toast: '订阅成功', count: '人订阅' },
}

/**
 * 关注 (authors, columns) or 订阅 (periodicals). The state and exact count are read on show and again after a
 * sign-in; a tap signs in first when needed, then changes at once and takes the server's answer (rolled back when
 * refused). A new follow also opens WeChat's subscribe prompt (utils/subscribe.ts) when the reader has not refused it.
 * Single-page mode (opened from Moments) shows its hint instead.
 */
export default function FollowButton({ kind, id, showCount = false, className = '' }: Props) {
  const words = kind === 'periodical' ? WORDS.subscribe : WORDS.follow
  const [state, setState] = useState<FollowState | null>(null)
  const busy = useRef(false)
  const userId = useSession()?.user.id ?? null

  useEffect(() => {
    let live = true
    call('followState', { params: { kind, id } })
      .then((answer) => live && !busy.current && setState(answer))
      .catch(() => undefined) // the button still works; the count shows once known
    return () => {
      live = false
    }
  }, [kind, id, userId])

  // The prompt after a follow must open in the tap's own turn: know the templates before the tap.
  useEffect(() => prefetchSubscriptions(userId), [userId])

  const toggle = async () => {
    if (busy.current || blockedInSinglePage()) return
    busy.current = true
    // A new follow by a signed-in reader: WeChat's subscribe prompt, opened now (still the tap), while we follow.
    const prompt =
      userId !== null && !(state?.following ?? false) ? askSubscribe(kind === 'periodical' ? 'issue' : 'article') : null
    try {
      try {
        await signInFirst()
      } catch (error) {
        showErrorToast(error)
        return
      }
      const before = state ?? { following: false, followers: 0 }
      const following = !before.following
      setState({ following, followers: Math.max(0, before.followers + (following ? 1 : -1)) })
      try {
        setState(await call(following ? 'follow' : 'unfollow', { params: { kind, id } }))
        if (following && !prompt) void Taro.showToast({ title: words.toast, icon: 'success' })
      } catch (error) {
        setState(before)
        showErrorToast(error)
      }
    } finally {
      busy.current = false
    }
  }

  const following = state?.following ?? false
  return (
    <View className={`follow ${className}`}>
      <View
        className={`follow__button${following ? ' follow__button--done' : ''}`}
        hoverClass="follow__button--hover"
        data-kind={kind}
        onClick={(event) => {
          event.stopPropagation()
          void toggle()
        }}
      >
        <Text>{following ? words.done : words.idle}</Text>
      </View>
      {showCount && state ? (
        <Text className="follow__count">
          {state.followers} {words.count}
        </Text>
      ) : null}
    </View>
  )
}
