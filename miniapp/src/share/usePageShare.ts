import { useEffect, useRef } from 'react'
import Taro, { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { type ShareTarget, shareQuery, sharePath } from '@chuangan/shared/share'
import { isWeapp } from '@/auth/session'
import { entryScene, isSinglePageMode } from '@/utils/scene'
import { mySharerCode, recordShare, recordShareOpen } from './record'

interface ShareContent {
  /** The page's own query (`{ id }`, `{ slug }`, `{ name }` or none): what a share opens. */
  pageQuery: Record<string, string | number>
  title: string
  /** For chats: shown at 5:4 (WeChat crops other shapes; without one it takes a screenshot of the page). */
  image?: string
  /** For Moments: shown at 1:1 (without one WeChat shows the mini-program's logo). */
  squareImage?: string
}

/** A page the API counts shares of (an article, author, column or periodical): shared with my code, and recorded. */
export interface TargetShare extends ShareContent {
  type: ShareTarget
  /** The target's id, null until known (a column page knows its slug first); shares are recorded only with it. */
  id: number | null
}

/** Any other page worth sending (the landing tab, a tag, the periodicals): shared as it is, without attribution. */
export interface PlainShare extends ShareContent {
  /** The page's path (`/pages/index/index`). */
  page: string
}

export type PageShare = TargetShare | PlainShare

const plainQuery = (query: Record<string, string | number>) =>
  Object.entries(query)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&')

/**
 * Makes a page shareable (WeChat's ··· menu: 发送给朋友 and 分享到朋友圈; the article's share sheet uses the same
 * handler through its share button). A target's share carries the signed-in reader's code and each one WeChat hands
 * over is recorded; a plain page's share carries neither. The page config must also say
 * `enableShareAppMessage: true, enableShareTimeline: true` (test: share/__tests__/pages.test.tsx).
 */
export function usePageShare(share: PageShare): void {
  const { pageQuery, title, image, squareImage } = share
  useEffect(() => {
    // single-page mode has no menu of ours to change
    if (!isWeapp() || isSinglePageMode()) return
    // WeChat's own option (Taro passes it through; its type only knows QQ's showShareItems)
    const menus = { menus: ['shareAppMessage', 'shareTimeline'] } as Taro.showShareMenu.Option
    Taro.showShareMenu(menus).catch(() => undefined)
  }, [])

  useShareAppMessage(() => {
    let path: string
    if ('type' in share) {
      if (share.id !== null) recordShare({ type: share.type, id: share.id }, 'friend')
      path = sharePath(share.type, pageQuery, mySharerCode(), 'friend')
    } else {
      const query = plainQuery(pageQuery)
      path = query ? `${share.page}?${query}` : share.page
    }
    return { title, path, ...(image ? { imageUrl: image } : {}) }
  })
  useShareTimeline(() => {
    let query: string
    if ('type' in share) {
      if (share.id !== null) recordShare({ type: share.type, id: share.id }, 'timeline')
      query = shareQuery(pageQuery, mySharerCode(), 'timeline')
    } else {
      query = plainQuery(pageQuery)
    }
    return { title, query, ...(squareImage ? { imageUrl: squareImage } : {}) }
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
