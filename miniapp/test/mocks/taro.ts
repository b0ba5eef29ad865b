// A small @tarojs/taro for jsdom. useLoad fires once after mount, as the page's onLoad does; other page hooks remember their latest callback so a test can fire
// them (triggerPageHook('useReachBottom')); every API on the default export is a jest.fn() that
// resolves `{errMsg}` unless a test says otherwise (taroApi('request').mockResolvedValueOnce(...)).
// Two parts behave like WeChat: the page stack (navigateTo / redirectTo / navigateBack / switchTab / reLaunch /
// getCurrentPages, at most 10 pages, navigateTo refused beyond) and intersection observers (a test says which
// observed nodes are near the viewport with `intersect`).
import { useEffect, useRef } from 'react'

type Callback = (...args: any[]) => any

const hookCallbacks = new Map<string, Callback>()
let routerParams: Record<string, string> = {}
const apis = new Map<string, jest.Mock>()

const pageHook = (name: string) => (cb: Callback) => {
  hookCallbacks.set(name, cb)
}

export function triggerPageHook(name: string, ...args: unknown[]): any {
  const cb = hookCallbacks.get(name)
  if (!cb) throw new Error(`${name} was not registered`)
  return cb(...args)
}

export function setRouterParams(params: Record<string, string>): void {
  routerParams = params
}

/** The one jest.fn() behind Taro.<name>. */
export function taroApi(name: string): jest.Mock {
  let fn = apis.get(name)
  if (!fn) {
    fn = jest.fn()
    apis.set(name, fn)
  }
  if (!fn.getMockImplementation()) {
    fn.mockImplementation(DEFAULTS[name] ?? (() => Promise.resolve({ errMsg: `${name}:ok` })))
  }
  return fn
}

/** Names of the Taro APIs called so far, in order. */
export function calledApis(): string[] {
  return [...apis.entries()].filter(([, fn]) => fn.mock.calls.length > 0).map(([name]) => name)
}

export function resetTaroMock(): void {
  hookCallbacks.clear()
  routerParams = {}
  apis.forEach((fn) => fn.mockReset())
  resetPageStack()
  observers.length = 0
}

// ---- the page stack, as WeChat keeps it ----

/** WeChat's limit: navigateTo fails once 10 pages are open. */
export const PAGE_STACK_LIMIT = 10
/** The tabBar pages of app.config.ts (navigateTo and redirectTo refuse them; switchTab takes nothing else). */
const TAB_ROUTES = ['pages/index/index', 'pages/search/index', 'pages/me/index']

export interface StackPage {
  /** As WeChat gives it: no leading slash, no query. */
  route: string
  options: Record<string, string>
}

let stack: StackPage[] = []

function parseUrl(url: string): StackPage {
  const [path, query = ''] = url.split('?')
  const options: Record<string, string> = {}
  for (const pair of query.split('&').filter(Boolean)) {
    const [key, value = ''] = pair.split('=')
    options[key] = value
  }
  return { route: path.replace(/^\//, ''), options }
}

/** Starts a test's page stack over with one page (the landing tab unless said otherwise). */
export function resetPageStack(url = '/pages/index/index'): void {
  stack = [parseUrl(url)]
}

/** The open pages, bottom first (copies). */
export function pageStack(): StackPage[] {
  return stack.map((p) => ({ route: p.route, options: { ...p.options } }))
}

/** The page on top as a URL (`/route?k=v`). */
export function currentUrl(): string {
  const top = stack[stack.length - 1]
  const query = Object.entries(top.options)
    .map(([k, v]) => `${k}=${v}`)
    .join('&')
  return `/${top.route}${query ? `?${query}` : ''}`
}

type NavOptions = { url?: string; delta?: number }
const refuse = (api: string, reason: string) => Promise.reject({ errMsg: `${api}:fail ${reason}` })
const done = (api: string) => Promise.resolve({ errMsg: `${api}:ok` })
const isTab = (page: StackPage) => TAB_ROUTES.includes(page.route)

const NAVIGATION: Record<string, (options: NavOptions) => Promise<unknown>> = {
  navigateTo: ({ url = '' }) => {
    const page = parseUrl(url)
    if (isTab(page)) return refuse('navigateTo', 'can not navigateTo a tabbar page')
    if (stack.length >= PAGE_STACK_LIMIT) return refuse('navigateTo', 'webview count limit exceed')
    stack.push(page)
    return done('navigateTo')
  },
  redirectTo: ({ url = '' }) => {
    const page = parseUrl(url)
    if (isTab(page)) return refuse('redirectTo', 'can not redirectTo a tabbar page')
    stack[stack.length - 1] = page
    return done('redirectTo')
  },
  navigateBack: ({ delta = 1 }) => {
    if (stack.length <= 1) return refuse('navigateBack', 'cannot navigate back at first page.')
    stack.splice(Math.max(1, stack.length - Math.max(1, delta)))
    return done('navigateBack')
  },
  switchTab: ({ url = '' }) => {
    const page = parseUrl(url)
    if (!isTab(page) || Object.keys(page.options).length) return refuse('switchTab', 'can not switch to no-tabBar page')
    stack = [page]
    return done('switchTab')
  },
  reLaunch: ({ url = '' }) => {
    stack = [parseUrl(url)]
    return done('reLaunch')
  },
}

// ---- intersection observers ----

interface Observed {
  selector: string
  callback: (result: { intersectionRatio: number; boundingClientRect: { height: number } }) => void
}
interface ObserverDouble {
  margins: { top?: number; bottom?: number }
  targets: Observed[]
  disconnected: boolean
}
const observers: ObserverDouble[] = []

function createIntersectionObserver() {
  const observer: ObserverDouble = { margins: {}, targets: [], disconnected: false }
  observers.push(observer)
  const api = {
    relativeToViewport(margins: ObserverDouble['margins'] = {}) {
      observer.margins = margins
      return api
    },
    relativeTo(_selector: string, margins: ObserverDouble['margins'] = {}) {
      observer.margins = margins
      return api
    },
    observe(selector: string, callback: Observed['callback']) {
      observer.targets.push({ selector, callback })
    },
    disconnect() {
      observer.disconnected = true
    },
  }
  return api
}

/** How many observers are live (created and not disconnected). */
export function liveObservers(): number {
  return observers.filter((o) => !o.disconnected).length
}

/**
 * Plays a scroll: every live observed node in the document is told whether it is within the (margin-widened)
 * viewport, as `near(element)` says, with `height` as its measured height.
 */
export function intersect(near: (element: Element) => boolean, height = 1000): void {
  for (const observer of observers.filter((o) => !o.disconnected)) {
    for (const target of observer.targets) {
      const element = document.querySelector(target.selector)
      if (!element) continue
      target.callback({ intersectionRatio: near(element) ? 1 : 0, boundingClientRect: { height } })
    }
  }
}

const DEFAULTS: Record<string, (...args: any[]) => unknown> = {
  ...NAVIGATION,
  getCurrentPages: () => pageStack(),
  createIntersectionObserver,
  // the view layer is always up to date here
  nextTick: (callback: () => void) => callback(),
}

export function useLoad(cb: Callback): void {
  hookCallbacks.set('useLoad', cb)
  const onLoad = useRef(cb)
  useEffect(() => {
    onLoad.current({ ...routerParams })
  }, [])
}
export const useReady = pageHook('useReady')
export const useDidShow = pageHook('useDidShow')
export const useDidHide = pageHook('useDidHide')
export const useUnload = pageHook('useUnload')
export const useReachBottom = pageHook('useReachBottom')
export const usePullDownRefresh = pageHook('usePullDownRefresh')
export const usePageScroll = pageHook('usePageScroll')
export const useShareAppMessage = pageHook('useShareAppMessage')
export const useShareTimeline = pageHook('useShareTimeline')
export const useRouter = () => ({ params: routerParams, path: '' })
// `page` stands for the native page instance (a scope for observers and selector queries)
export const getCurrentInstance = () => ({ router: { params: routerParams, path: '' }, page: {} })
export const getEnv = () => 'WEB'
export const ENV_TYPE = { WEAPP: 'WEAPP', WEB: 'WEB' }

/** Backs get/set/removeStorageSync with a map for this test (they answer nothing by default); returns the map. */
export function memoryStorage(initial: Record<string, unknown> = {}): Map<string, unknown> {
  const store = new Map(Object.entries(initial))
  taroApi('getStorageSync').mockImplementation((key: string) => (store.has(key) ? store.get(key) : ''))
  taroApi('setStorageSync').mockImplementation((key: string, value: unknown) => void store.set(key, value))
  taroApi('removeStorageSync').mockImplementation((key: string) => void store.delete(key))
  return store
}

// Taro.getEnv() is a jest.fn() like the rest (it answers no ENV_TYPE, i.e. not WEAPP, unless a test says so)
const Taro = new Proxy({} as Record<string, jest.Mock>, {
  get: (_target, name) =>
    name === 'ENV_TYPE' ? ENV_TYPE : typeof name === 'string' && name !== 'then' ? taroApi(name) : undefined,
})

export default Taro
