import Taro from '@tarojs/taro'

/** Scene of a page opened from a Moments (朋友圈) share: it runs in single-page mode. */
export const SINGLE_PAGE_SCENE = 1154

type SceneReader = 'getLaunchOptionsSync' | 'getEnterOptionsSync'

/** The scene WeChat reports through `reader`; undefined in H5 or when the API is missing or throws. */
function sceneOf(reader: SceneReader): number | undefined {
  if (process.env.TARO_ENV === 'h5') return undefined
  const read = (Taro as unknown as Record<string, (() => { scene?: unknown } | undefined) | undefined>)[reader]
  try {
    const scene = read?.()?.scene
    return typeof scene === 'number' ? scene : undefined
  } catch {
    return undefined
  }
}

/** How the mini-program was cold-started (e.g. 1047: scanned a mini-program code); undefined in H5. */
export function launchScene(): number | undefined {
  return sceneOf('getLaunchOptionsSync')
}

/** How the reader came in this time (the last hot start, else the cold start); undefined in H5. */
export function entryScene(): number | undefined {
  return sceneOf('getEnterOptionsSync') ?? launchScene()
}

/**
 * True when WeChat runs the mini-program in single-page mode (opened from Moments): no login, no
 * navigation APIs, no tabBar. Never true in H5.
 */
export function isSinglePageMode(): boolean {
  return sceneOf('getEnterOptionsSync') === SINGLE_PAGE_SCENE || launchScene() === SINGLE_PAGE_SCENE
}
