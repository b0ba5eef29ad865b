import { useEffect, useRef, useState } from 'react'
import Taro, { getCurrentInstance } from '@tarojs/taro'

/** How far above and below the screen (px) a block still counts as near: about a screen each way. */
export const NEAR_MARGIN = 800

/** Whether a block is near the screen, and its height when it was last seen (0: not measured). */
export interface Nearness {
  near: boolean
  height: number
}

type Listener = (near: boolean, height: number) => void

// The H5 page scrolls inside its .taro_page (Taro's router), or in the window when that does not scroll.
function observeInBrowser(id: string, listener: Listener): () => void {
  const element = document.getElementById(id)
  if (!element) return () => undefined
  if (typeof IntersectionObserver === 'undefined') {
    listener(true, 0) // no way to tell: near
    return () => undefined
  }
  const page = element.closest('.taro_page')
  const scrolls = page !== null && /(auto|scroll)/.test(getComputedStyle(page).overflowY)
  const observer = new IntersectionObserver(
    (entries) => entries.forEach((entry) => listener(entry.isIntersecting, entry.boundingClientRect.height)),
    { root: scrolls ? page : null, rootMargin: `${NEAR_MARGIN}px 0px` },
  )
  observer.observe(element)
  return () => observer.disconnect()
}

// WeChat: an observer in the page's own scope (captured at first render: another page may be on top later), set up
// once the node has reached the view layer (Taro.nextTick: after the pending setData), or WeChat would not find it.
function observeInPage(scope: unknown, id: string, listener: Listener): () => void {
  if (!scope) return () => undefined
  let observer: Taro.IntersectionObserver | null = null
  let gone = false
  Taro.nextTick(() => {
    if (gone) return
    observer = Taro.createIntersectionObserver(scope as TaroGeneral.IAnyObject, { thresholds: [0] })
    observer
      .relativeToViewport({ top: NEAR_MARGIN, bottom: NEAR_MARGIN })
      .observe(`#${id}`, (res) => listener((res.intersectionRatio ?? 0) > 0, res.boundingClientRect?.height ?? 0))
  })
  return () => {
    gone = true
    observer?.disconnect()
  }
}

/**
 * Follows whether the element with this `id` is within about a screen of the visible part of its page (weapp and
 * H5 alike). Starts as near (`initiallyNear`: false for a block that should wait until it is seen, e.g. a section
 * loaded lazily); a block that has not been measured (height 0, e.g. a hidden page) counts as near.
 */
export function useNearViewport(id: string, { initiallyNear = true }: { initiallyNear?: boolean } = {}): Nearness {
  const [state, setState] = useState<Nearness>({ near: initiallyNear, height: 0 })
  const scope = useRef(getCurrentInstance().page)
  useEffect(() => {
    const listener: Listener = (near, height) =>
      setState((prev) => {
        const next = { near: near || height <= 0, height: height > 0 ? height : prev.height }
        return next.near === prev.near && next.height === prev.height ? prev : next
      })
    return process.env.TARO_ENV === 'h5' ? observeInBrowser(id, listener) : observeInPage(scope.current, id, listener)
  }, [id])
  return state
}
