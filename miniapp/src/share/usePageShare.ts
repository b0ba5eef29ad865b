import { useEffect, useRef } from 'react'
import Taro, { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { type ShareTarget, shareQuery, sharePath } from '@chuangan/shared/share'
import { isWeapp } from '@/auth/session'
import { entryScene, isSinglePageMode } from '@/utils/scene'
import { mySharerCode, recordShare, recordShareOpen } from './record'

export interface PageShare {
  type: ShareTarget
  /** The target's id, null until known (a column page knows its slug first); shares are recorded only with it. */
  id: number | null
  /** The page's own query (`{ id }` or `{ slug }`): what a share opens. */
  pageQuery: Record<string, string | number>
  title: string
  /** For chats: shown at 5:4 (WeChat crops other shapes; without one it takes a screenshot of the page). */
  image?: string
  /** For Moments: shown at 1:1 (without one WeChat shows the mini-program's logo). */
  squareImage?: string
}

/**
 * Makes a page shareable (WeChat's ··· menu: 发送给朋友 and 分享到朋友圈; the article's share sheet uses the same
 * handler through its share button) with the signed-in reader's code in the path, and records each share WeChat
 * hands over. The page config must also say `enableShareAppMessage: true, enableShareTimeline: true`.
 */
export function usePageShare({ type, id, pageQuery, title, image, squareImage }: PageShare): void {
  useEffect(() => {
    // single-page mode has no menu of ours to change
    if (!isWeapp() || isSinglePageMode()) return
    // WeChat's own option (Taro passes it through; its type only knows QQ's showShareItems)
    const menus = { menus: ['shareAppMessage', 'shareTimeline'] } as Taro.showShareMenu.Option
    Taro.showShareMenu(menus).catch(() => undefined)
  }, [])

  useShareAppMessage(() => {
    if (id !== null) recordShare({ type, id }, 'friend')
    return {
      title,
      path: sharePath(type, pageQuery, mySharerCode(), 'friend'),
      ...(image ? { imageUrl: image } : {}),
    }
  })
  useShareTimeline(() => {
    if (id !== null) recordShare({ type, id }, 'timeline')
    return {
      title,
      query: shareQuery(pageQuery, mySharerCode(), 'timeline'),
      ...(squareImage ? { imageUrl: squareImage } : {}),
    }
  })
}

/**
 * A page opened from a share records the open once per page view, as soon as it knows its target's id; it never
 * waits for it, signs in or navigates (single-page mode included).
 */
export function useShareArrival(type: ShareTarget, id: number | null): void {
  const { params } = useRouter()
  const done = useRef(false)
  useEffect(() => {
    if (done.current || id === null) return
    done.current = true
    recordShareOpen({ type, id }, params, entryScene())
  }, [type, id, params])
}
