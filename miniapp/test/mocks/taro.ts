// A small @tarojs/taro for jsdom. useLoad fires once after mount, as the page's onLoad does; other page hooks remember their latest callback so a test can fire
// them (triggerPageHook('useReachBottom')); every API on the default export is a jest.fn() that
// resolves `{errMsg}` unless a test says otherwise (taroApi('request').mockResolvedValueOnce(...)).
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
  if (!fn.getMockImplementation()) fn.mockImplementation(() => Promise.resolve({ errMsg: `${name}:ok` }))
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
export const getCurrentInstance = () => ({ router: { params: routerParams, path: '' } })
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
