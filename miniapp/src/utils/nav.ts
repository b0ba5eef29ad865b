import Taro from '@tarojs/taro'
import { TAB_PAGES } from './paths'
import { isSinglePageMode } from './scene'

export const SINGLE_PAGE_HINT = '请前往小程序查看完整内容'
export const NAVIGATION_FAILED = '页面打开失败，请稍后重试'

/** WeChat keeps at most 10 pages open: navigateTo fails beyond (and Taro's promise rejects). */
export const PAGE_STACK_LIMIT = 10
/**
 * From this many open pages on, a page that is already open is gone back to instead of opened again, and a page
 * of the kind on top replaces it (article → article) instead of stacking.
 */
export const DEEP_STACK = 5

/** In single-page mode (Moments) navigation and login are not allowed: say so instead. Returns true when blocked. */
export function blockedInSinglePage(): boolean {
  if (!isSinglePageMode()) return false
  void Taro.showToast({ title: SINGLE_PAGE_HINT, icon: 'none', duration: 2500 })
  return true
}

/** An open page as navigation compares it: its path with a leading slash, and its query. */
export interface OpenPage {
  path: string
  query: Record<string, string | undefined>
}

export type NavigationPlan =
  | { api: 'switchTab' | 'navigateTo' | 'redirectTo'; url: string }
  | { api: 'navigateBack'; delta: number }
  /** The page asked for is the one on top. */
  | { api: 'none' }

function parse(url: string): OpenPage {
  const [path, search = ''] = url.split('?')
  const query: Record<string, string> = {}
  for (const pair of search.split('&').filter(Boolean)) {
    const at = pair.indexOf('=')
    query[at < 0 ? pair : pair.slice(0, at)] = at < 0 ? '' : pair.slice(at + 1)
  }
  return { path: path.startsWith('/') ? path : `/${path}`, query }
}

/** A query value as written, whether it came encoded (a URL, H5) or decoded (WeChat's page options). */
function same(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && (param(a) ?? a) === (param(b) ?? b)
}

/** True when `open` shows what `target` asks for: the same path, and the target's query (id, slug …) in it. */
function shows(open: OpenPage, target: OpenPage): boolean {
  return open.path === target.path && Object.entries(target.query).every(([k, v]) => same(open.query[k], v))
}

/**
 * How to open `url` with `stack` open (bottom first) so that the stack never passes WeChat's limit: switchTab for a
 * tab page; nothing for the page on top; when deep, back to the page if it is open, or in place of the page on top
 * when that is of the same kind; in place of the top page when the stack is full; else navigateTo.
 */
export function planNavigation(stack: OpenPage[], url: string): NavigationPlan {
  const target = parse(url)
  if (TAB_PAGES.includes(target.path)) return { api: 'switchTab', url: target.path }
  const top = stack[stack.length - 1]
  if (top && shows(top, target)) return { api: 'none' }
  if (stack.length >= DEEP_STACK) {
    for (let i = stack.length - 2; i >= 0; i--) {
      if (shows(stack[i], target)) return { api: 'navigateBack', delta: stack.length - 1 - i }
    }
    if (top.path === target.path) return { api: 'redirectTo', url }
  }
  if (stack.length >= PAGE_STACK_LIMIT) return { api: 'redirectTo', url }
  return { api: 'navigateTo', url }
}

/** The open pages as WeChat (or Taro's H5 router) lists them; empty when it cannot say. */
function openPages(): OpenPage[] {
  try {
    return Taro.getCurrentPages().map((page) => {
      const { route = '', options, path } = page as { route?: string; options?: Record<string, string>; path?: string }
      const fromPath = path ? parse(path).query : {}
      return { path: parse(route).path, query: { ...fromPath, ...options } }
    })
  } catch {
    return []
  }
}

// a second tap on a link whose page is still opening is ignored (it would open the page twice)
let opening: { url: string; at: number } | null = null
const SAME_TAP_MS = 1000

function run(plan: Exclude<NavigationPlan, { api: 'none' }>): Promise<unknown> {
  switch (plan.api) {
    case 'switchTab':
      return Taro.switchTab({ url: plan.url })
    case 'redirectTo':
      return Taro.redirectTo({ url: plan.url })
    case 'navigateBack':
      return Taro.navigateBack({ delta: plan.delta })
    case 'navigateTo':
      // a stack fuller than we knew (a page opened by WeChat itself): take the top page's place instead
      return Taro.navigateTo({ url: plan.url }).catch(() => Taro.redirectTo({ url: plan.url }))
  }
}

/**
 * Opens a page of the app (switchTab for tabBar pages) without ever passing WeChat's page stack limit; resolves
 * with whether it did. A failure shows a toast; single-page mode shows its hint instead.
 */
export async function openPage(url: string): Promise<boolean> {
  if (blockedInSinglePage()) return false
  if (opening && opening.url === url && Date.now() - opening.at < SAME_TAP_MS) return false
  const plan = planNavigation(openPages(), url)
  if (plan.api === 'none') return true
  const mine = (opening = { url, at: Date.now() })
  try {
    await run(plan)
    return true
  } catch {
    void Taro.showToast({ title: NAVIGATION_FAILED, icon: 'none', duration: 2500 })
    return false
  } finally {
    if (opening === mine) opening = null
  }
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
