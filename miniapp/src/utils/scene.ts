import Taro from '@tarojs/taro'

/** Scene of a page opened from a Moments (朋友圈) share: it runs in single-page mode. */
export const SINGLE_PAGE_SCENE = 1154

function sceneOf(read: (() => { scene?: number } | undefined) | undefined): number | undefined {
  try {
    return read?.()?.scene
  } catch {
    return undefined
  }
}

/**
 * True when WeChat runs the mini-program in single-page mode (opened from Moments): no login, no
 * navigation APIs, no tabBar. Never true in H5.
 */
export function isSinglePageMode(): boolean {
  if (process.env.TARO_ENV === 'h5') return false
  const t = Taro as unknown as Record<string, (() => { scene?: number }) | undefined>
  return sceneOf(t.getEnterOptionsSync) === SINGLE_PAGE_SCENE || sceneOf(t.getLaunchOptionsSync) === SINGLE_PAGE_SCENE
}
