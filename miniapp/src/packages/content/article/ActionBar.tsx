import { useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import type { ViewerState } from '@chuangan/shared'
import { call, showErrorToast } from '@/api/client'
import { ensureLogin, getSession, isWeapp } from '@/auth/session'
import { formatCount } from '@/utils/date'
import { blockedInSinglePage } from '@/utils/nav'
import { isSinglePageMode } from '@/utils/scene'

interface Props {
  articleId: number
  /** The like count of the (cacheable) article page, shown until the viewer's own state arrives. */
  likes: number
}

/**
 * The article's bottom bar: 点赞 now; 评论 and 收藏 will join it. Loading it never logs in: the viewer's own
 * state is fetched only when already signed in. A tap signs in silently in the mini-program when needed.
 */
export default function ActionBar({ articleId, likes }: Props) {
  const [state, setState] = useState<ViewerState>({ liked: false, likes })
  const busy = useRef(false)
  const tapped = useRef(false)

  useEffect(() => {
    if (!getSession()) return
    call('viewerState', { params: { id: articleId } })
      .then((viewer) => {
        if (!tapped.current) setState(viewer)
      })
      .catch(() => undefined)
  }, [articleId])

  const toggleLike = async () => {
    if (blockedInSinglePage() || busy.current) return
    busy.current = true
    tapped.current = true
    // nothing else changes the state while this runs (busy; the viewer's state is ignored once tapped)
    const before = state
    try {
      if (!getSession()) await ensureLogin()
      const liked = !before.liked
      setState({ liked, likes: Math.max(0, before.likes + (liked ? 1 : -1)) })
      try {
        setState(await call(liked ? 'likeArticle' : 'unlikeArticle', { params: { id: articleId } }))
      } catch (error) {
        setState(before)
        throw error
      }
    } catch (error) {
      showErrorToast(error)
    } finally {
      busy.current = false
    }
  }

  return (
    <View className="action-bar">
      <View
        className={`action-item like-button${state.liked ? ' like-button--active' : ''}`}
        hoverClass="action-item--hover"
        aria-pressed={state.liked}
        onClick={() => void toggleLike()}
      >
        <Text className="action-item__icon">{state.liked ? '♥' : '♡'}</Text>
        <Text className="action-item__label">点赞</Text>
        <Text className="like-count">{formatCount(state.likes)}</Text>
      </View>
      {isWeapp() && !isSinglePageMode() ? (
        <Button className="action-item share-button" openType="share" hoverClass="action-item--hover">
          <Text className="action-item__icon">↗</Text>
          <Text className="action-item__label">分享</Text>
        </Button>
      ) : null}
    </View>
  )
}
