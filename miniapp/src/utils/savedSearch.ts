import Taro from '@tarojs/taro'
import type { SavedSearchQuery } from '@chuangan/shared'
import { SEARCH_PAGE } from './paths'

/** Where 订阅的搜索 leaves a saved query for the 传感搜 tab (a tab page takes no URL parameters). */
const PENDING_KEY = 'chuangan:pending-search'

/** Opens 传感搜 with a saved search's query and filters (read there by `takePendingSearch`). */
export async function searchWithSaved(query: SavedSearchQuery): Promise<void> {
  Taro.setStorageSync(PENDING_KEY, JSON.stringify(query))
  await Taro.switchTab({ url: SEARCH_PAGE })
}

/** The saved query left for 传感搜, once (then forgotten). */
export function takePendingSearch(): SavedSearchQuery | null {
  let text: unknown
  try {
    text = Taro.getStorageSync(PENDING_KEY)
  } catch {
    return null
  }
  if (!text || typeof text !== 'string') return null
  Taro.removeStorageSync(PENDING_KEY)
  try {
    return JSON.parse(text) as SavedSearchQuery
  } catch {
    return null
  }
}
