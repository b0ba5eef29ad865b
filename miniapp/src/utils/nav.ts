import Taro from '@tarojs/taro'
import { TAB_PAGES } from './paths'
import { isSinglePageMode } from './scene'

export const SINGLE_PAGE_HINT = '请前往小程序查看完整内容'

/** In single-page mode (Moments) navigation and login are not allowed: say so instead. Returns true when blocked. */
export function blockedInSinglePage(): boolean {
  if (!isSinglePageMode()) return false
  void Taro.showToast({ title: SINGLE_PAGE_HINT, icon: 'none', duration: 2500 })
  return true
}

/** Opens a page of the app: switchTab for tabBar pages, navigateTo otherwise. */
export function openPage(url: string): void {
  if (blockedInSinglePage()) return
  const path = url.split('?')[0]
  if (TAB_PAGES.includes(path)) void Taro.switchTab({ url: path })
  else void Taro.navigateTo({ url })
}

/** Decodes a page query value (H5 hands them over still encoded). */
export function param(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
