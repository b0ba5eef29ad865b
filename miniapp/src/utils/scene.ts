import Taro from '@tarojs/taro'

/** Scene of a page opened from a Moments (朋友圈) share: it runs in single-page mode. */
export const SINGLE_PAGE_SCENE = 1154

type EntryOptions = { scene?: unknown; query?: Record<string, unknown> } | undefined

// Named one by one, not looked up by name: the H5 build keeps only the Taro APIs the code names (transform-taroapi).
const READERS = {
  getLaunchOptionsSync: (): EntryOptions => Taro.getLaunchOptionsSync(),
  getEnterOptionsSync: (): EntryOptions => Taro.getEnterOptionsSync(),
}

/**
 * The scene WeChat reports through `reader`; undefined when the API is missing or throws. H5 has no scenes: only
 * `?scene=1154` in the address the app was opened with, a preview of single-page mode in a browser, gives one.
 */
function sceneOf(reader: keyof typeof READERS): number | undefined {
  try {
    const options = READERS[reader]()
    if (process.env.TARO_ENV === 'h5') {
      return options?.query?.scene === String(SINGLE_PAGE_SCENE) ? SINGLE_PAGE_SCENE : undefined
    }
    return typeof options?.scene === 'number' ? options.scene : undefined
  } catch {
    return undefined
  }
}

/** How the mini-program was cold-started (e.g. 1047: scanned a mini-program code); undefined in H5 (but see above). */
export function launchScene(): number | undefined {
  return sceneOf('getLaunchOptionsSync')
}

/** How the reader came in this time (the last hot start, else the cold start); undefined in H5. */
export function entryScene(): number | undefined {
  return sceneOf('getEnterOptionsSync') ?? launchScene()
}

/**
 * True when WeChat runs the mini-program in single-page mode (opened from Moments): no login, no
 * navigation APIs, no tabBar. In H5 only as a preview, opened with `?scene=1154`.
 */
export function isSinglePageMode(): boolean {
  return sceneOf('getEnterOptionsSync') === SINGLE_PAGE_SCENE || launchScene() === SINGLE_PAGE_SCENE
}
