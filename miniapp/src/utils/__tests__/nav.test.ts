import { act } from '@testing-library/react'
import { PAGE_STACK_LIMIT, currentUrl, pageStack, resetPageStack, taroApi } from '../../../test/mocks/taro'
import { DEEP_STACK, NAVIGATION_FAILED, type OpenPage, openPage, planNavigation } from '../nav'
import { articleUrl, authorUrl, tagUrl } from '../paths'

const open = (url: string): OpenPage => {
  const [path, search = ''] = url.split('?')
  return { path, query: Object.fromEntries(new URLSearchParams(search)) }
}
const stackOf = (...urls: string[]) => urls.map(open)
const articles = (n: number) => Array.from({ length: n }, (_, i) => articleUrl(i + 1))
const routes = () => pageStack().map((p) => `${p.route}?${new URLSearchParams(p.options)}`)

describe('planNavigation', () => {
  it('opens pages with navigateTo while the stack is shallow, and tab pages with switchTab', () => {
    expect(planNavigation(stackOf('/pages/index/index'), articleUrl(1))).toEqual({
      api: 'navigateTo',
      url: articleUrl(1),
    })
    expect(planNavigation(stackOf('/pages/index/index', articleUrl(1)), articleUrl(2))).toEqual({
      api: 'navigateTo',
      url: articleUrl(2),
    })
    expect(planNavigation(stackOf(articleUrl(1)), '/pages/search/index')).toEqual({
      api: 'switchTab',
      url: '/pages/search/index',
    })
  })

  it('does nothing for the page on top (with its query as WeChat hands it, decoded or not)', () => {
    expect(planNavigation(stackOf(articleUrl(1), articleUrl(2)), articleUrl(2))).toEqual({ api: 'none' })
    const tag = { path: '/packages/content/tag/index', query: { name: '压力传感器' } }
    expect(planNavigation([open(articleUrl(1)), tag], tagUrl('压力传感器'))).toEqual({ api: 'none' })
  })

  it('when deep, goes back to a page already open, or replaces a page of the same kind', () => {
    const deep = stackOf('/pages/index/index', ...articles(3), authorUrl(9), articleUrl(4))
    expect(deep.length).toBeGreaterThanOrEqual(DEEP_STACK)
    expect(planNavigation(deep, articleUrl(2))).toEqual({ api: 'navigateBack', delta: 3 })
    expect(planNavigation(deep, authorUrl(9))).toEqual({ api: 'navigateBack', delta: 1 })
    // a page opened from a share carries more in its query: still the same article
    const shared = [...deep.slice(0, -1), open(`${articleUrl(77)}&s=k3J9x2Qa&ch=friend`), open(authorUrl(1))]
    expect(planNavigation(shared, articleUrl(77))).toEqual({ api: 'navigateBack', delta: 1 })
    expect(planNavigation(deep, articleUrl(5))).toEqual({ api: 'redirectTo', url: articleUrl(5) })
    expect(planNavigation(deep, authorUrl(10))).toEqual({ api: 'navigateTo', url: authorUrl(10) })
  })

  it('replaces the page on top once the stack is full', () => {
    const full = stackOf(...articles(PAGE_STACK_LIMIT - 1), authorUrl(1))
    expect(planNavigation(full, tagUrl('MEMS'))).toEqual({ api: 'redirectTo', url: tagUrl('MEMS') })
  })
})

describe('openPage', () => {
  it('never lets the stack pass WeChat’s limit, whatever is opened', async () => {
    resetPageStack()
    const urls = [...articles(8), authorUrl(1), tagUrl('MEMS'), authorUrl(2), tagUrl('霍尔'), ...articles(12)]
    for (const url of urls) {
      await act(async () => expect(await openPage(url)).toBe(true))
      expect(pageStack().length).toBeLessThanOrEqual(PAGE_STACK_LIMIT)
      expect(decodeURIComponent(currentUrl())).toBe(decodeURIComponent(url))
    }
    expect(taroApi('showToast')).not.toHaveBeenCalled()
    expect(routes()[0]).toBe('pages/index/index?')
  })

  it('takes the top page’s place when WeChat refuses navigateTo (a stack fuller than it looked)', async () => {
    resetPageStack()
    taroApi('getCurrentPages').mockReturnValue([])
    taroApi('navigateTo').mockRejectedValueOnce({ errMsg: 'navigateTo:fail webview count limit exceed' })
    expect(await openPage(articleUrl(3))).toBe(true)
    expect(taroApi('redirectTo')).toHaveBeenCalledWith({ url: articleUrl(3) })
    expect(taroApi('showToast')).not.toHaveBeenCalled()
  })

  it('says so in a toast when a page cannot be opened at all', async () => {
    resetPageStack()
    taroApi('navigateTo').mockRejectedValueOnce({ errMsg: 'navigateTo:fail page not found' })
    taroApi('redirectTo').mockRejectedValueOnce({ errMsg: 'redirectTo:fail page not found' })
    expect(await openPage('/packages/content/nowhere/index')).toBe(false)
    expect(taroApi('showToast')).toHaveBeenCalledWith(expect.objectContaining({ title: NAVIGATION_FAILED }))

    taroApi('switchTab').mockRejectedValueOnce({ errMsg: 'switchTab:fail' })
    expect(await openPage('/pages/me/index')).toBe(false)
    expect(taroApi('showToast')).toHaveBeenCalledTimes(2)
  })

  it('ignores a second tap on a link whose page is still opening', async () => {
    resetPageStack()
    const first = openPage(articleUrl(1))
    const second = openPage(articleUrl(1))
    expect(await second).toBe(false)
    expect(await first).toBe(true)
    expect(taroApi('navigateTo')).toHaveBeenCalledTimes(1)
    expect(pageStack()).toHaveLength(2)
  })
})
