import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { memoryStorage, taroApi, triggerPageHook } from '../../../../test/mocks/taro'
import { SESSION_KEY, session } from '../../../../test/api'
import { articleCard, columnProfile, deferred, ok } from '../../../../test/fixtures'
import FeedPage from '../index'

const API = 'http://api.test/api'
const COLUMNS = { items: [columnProfile(1, 'chuanganshuo', '传感说'), columnProfile(2, 'jishu-shendu', '技术深读')] }

const request = () => taroApi('request')
const feedUrls = () =>
  request()
    .mock.calls.map(([options]) => (options as { url: string }).url)
    .filter((url) => url.startsWith(`${API}/articles`))
const titles = () => Array.from(document.querySelectorAll('.article-card__title')).map((el) => el.textContent)
const tabs = () => Array.from(document.querySelectorAll('.column-tab'))
const activeTab = () => document.querySelector('.column-tab--active')
const tab = (slug: string) => document.querySelector(`.column-tab[data-slug="${slug}"]`)!

type Answer = unknown | Promise<unknown>
/** Answers /columns with COLUMNS and each feed request with the next answer in line. */
function serve(...feedAnswers: Answer[]) {
  request().mockImplementation(({ url }: { url: string }) => {
    if (url === `${API}/columns`) return Promise.resolve(ok(COLUMNS))
    if (url.startsWith(`${API}/articles`)) {
      const next = feedAnswers.shift()
      if (next === undefined) throw new Error(`unexpected feed request ${url}`)
      return next instanceof Promise ? next : Promise.resolve(next)
    }
    throw new Error(`unexpected request ${url}`)
  })
}
const page = (ids: number[], nextCursor: string | null = null, extra: Record<string, unknown> = {}) =>
  ok({ items: ids.map((id) => articleCard(id, extra)), nextCursor })

describe('FeedPage', () => {
  it('shows skeletons, then the column tabs and one card per article', async () => {
    serve(
      ok({
        items: [
          articleCard(1, {
            cover: '/media/covers/one.png',
            tags: [1, 2, 3, 4].map((n) => ({ id: n, name: `标签${n}` })),
          }),
          articleCard(2),
        ],
        nextCursor: null,
      }),
    )
    const { container } = render(<FeedPage />)
    expect(container.querySelector('[aria-busy="true"]')).not.toBeNull()

    await waitFor(() => expect(titles()).toEqual(['压力传感器选型指南 1', '压力传感器选型指南 2']))
    await waitFor(() => expect(tabs().map((t) => t.textContent)).toEqual(['推荐', '关注', '传感说', '技术深读']))
    expect(tabs().map((t) => t.getAttribute('data-slug'))).toEqual(['', '@following', 'chuanganshuo', 'jishu-shendu'])
    expect(activeTab()?.textContent).toBe('推荐')

    const card = container.querySelector('.article-card')!
    expect(card.getAttribute('data-id')).toBe('1')
    expect(card.querySelector('.article-card__author')?.textContent).toBe('传感说编辑部')
    expect(card.textContent).toContain('3分钟前')
    expect(Array.from(card.querySelectorAll('.article-card__tag')).map((t) => t.textContent)).toEqual([
      '标签1',
      '标签2',
      '标签3',
    ])
    expect(card.textContent).toContain('1201 阅读')
    expect(card.textContent).toContain('31 赞')
    // relative media paths get the API origin outside H5
    expect(card.querySelector('img')?.getAttribute('src')).toBe(
      `http://api.test/api/images?src=${encodeURIComponent('/media/covers/one.png')}&w=288`,
    )
    expect(container.querySelectorAll('.article-card')[1].querySelector('img')).toBeNull()
    expect(screen.getByText('没有更多了')).toBeTruthy()
    expect(feedUrls()).toEqual([`${API}/articles?limit=10&sort=latest`])
  })

  it('reloads the list for a column when its tab is tapped', async () => {
    serve(page([1, 2]), page([11], null, { column: { id: 2, slug: 'jishu-shendu', name: '技术深读' } }))
    render(<FeedPage />)
    await waitFor(() => expect(titles()).toHaveLength(2))
    await waitFor(() => expect(tabs()).toHaveLength(4))

    fireEvent.click(tab('jishu-shendu'))

    expect(activeTab()?.getAttribute('data-slug')).toBe('jishu-shendu')
    // the old column's cards are gone at once: skeleton until the new answer
    expect(titles()).toEqual([])
    expect(document.querySelector('[aria-busy="true"]')).not.toBeNull()
    await waitFor(() => expect(titles()).toEqual(['压力传感器选型指南 11']))
    expect(feedUrls()[1]).toBe(`${API}/articles?limit=10&sort=latest&column=jishu-shendu`)

    fireEvent.click(tab(''))
    await waitFor(() => expect(feedUrls()).toHaveLength(3))
    expect(feedUrls()[2]).toBe(`${API}/articles?limit=10&sort=latest`)
  })

  it('drops a late answer for the tab that was left', async () => {
    const slow = deferred()
    serve(slow.promise, page([21, 22]))
    render(<FeedPage />)
    await waitFor(() => expect(tabs()).toHaveLength(4))

    fireEvent.click(tab('chuanganshuo'))
    await waitFor(() => expect(titles()).toEqual(['压力传感器选型指南 21', '压力传感器选型指南 22']))

    // the 推荐 answer arrives after the switch: it must not replace the column's list
    await act(async () => slow.resolve(page([1, 2, 3])))
    expect(titles()).toEqual(['压力传感器选型指南 21', '压力传感器选型指南 22'])
    expect(activeTab()?.getAttribute('data-slug')).toBe('chuanganshuo')
  })

  it('switches between 最新 and 热门', async () => {
    serve(page([1]), page([5]))
    render(<FeedPage />)
    await waitFor(() => expect(titles()).toHaveLength(1))
    expect(document.querySelector('.sort-switch__item--active')?.textContent).toBe('最新')

    fireEvent.click(screen.getByText('热门'))

    await waitFor(() => expect(titles()).toEqual(['压力传感器选型指南 5']))
    expect(document.querySelector('.sort-switch__item--active')?.textContent).toBe('热门')
    expect(feedUrls()[1]).toBe(`${API}/articles?limit=10&sort=hot`)
  })

  it('opens the article page in the content subpackage when a card is tapped', async () => {
    serve(page([7]))
    render(<FeedPage />)

    fireEvent.click(await screen.findByText('压力传感器选型指南 7'))
    expect(taroApi('navigateTo')).toHaveBeenCalledWith({ url: '/packages/content/article/index?id=7' })
  })

  it('shows the empty state when there are no articles', async () => {
    serve(page([]))
    render(<FeedPage />)

    expect(await screen.findByText('暂无文章')).toBeTruthy()
    expect(document.querySelector('.article-card')).toBeNull()
  })

  it('shows the error and loads again on 重试', async () => {
    serve(ok({ statusCode: 500, code: 'INTERNAL_ERROR', message: '服务器开小差了' }, 500), page([1]))
    render(<FeedPage />)

    expect(await screen.findByText('服务器开小差了')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))

    await waitFor(() => expect(titles()).toEqual(['压力传感器选型指南 1']))
    expect(feedUrls()).toHaveLength(2)
  })

  it('shows the network message when the request fails', async () => {
    serve(Promise.reject({ errMsg: 'request:fail' }))
    render(<FeedPage />)

    expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
  })

  it('loads the next page with the cursor when the page reaches the bottom', async () => {
    const page2 = deferred()
    serve(page([1, 2], 'c2'), page2.promise)
    render(<FeedPage />)
    await waitFor(() => expect(titles()).toHaveLength(2))
    expect(screen.getByText('上拉加载更多')).toBeTruthy()

    act(() => void triggerPageHook('useReachBottom'))
    expect(await screen.findByText('加载中…')).toBeTruthy()
    // a second bottom event while the page is in flight asks for nothing more
    act(() => void triggerPageHook('useReachBottom'))

    await act(async () => page2.resolve(page([3])))
    await waitFor(() => expect(titles()).toHaveLength(3))
    expect(titles()[2]).toBe('压力传感器选型指南 3')
    expect(screen.getByText('没有更多了')).toBeTruthy()
    expect(feedUrls()).toEqual([
      `${API}/articles?limit=10&sort=latest`,
      `${API}/articles?limit=10&sort=latest&cursor=c2`,
    ])

    // the last page had no cursor: reaching the bottom again does nothing
    act(() => void triggerPageHook('useReachBottom'))
    expect(feedUrls()).toHaveLength(2)
  })

  it('pages within the selected column', async () => {
    serve(page([1]), page([11, 12], 'k2'), page([13]))
    render(<FeedPage />)
    await waitFor(() => expect(tabs()).toHaveLength(4))
    fireEvent.click(tab('chuanganshuo'))
    await waitFor(() => expect(titles()).toHaveLength(2))

    act(() => void triggerPageHook('useReachBottom'))

    await waitFor(() => expect(titles()).toHaveLength(3))
    expect(feedUrls()[2]).toBe(`${API}/articles?limit=10&sort=latest&column=chuanganshuo&cursor=k2`)
  })

  it('reloads the first page on pull-down and stops the refresh animation', async () => {
    serve(page([1]), page([9, 1]))
    render(<FeedPage />)
    await waitFor(() => expect(titles()).toHaveLength(1))

    act(() => void triggerPageHook('usePullDownRefresh'))

    await waitFor(() => expect(titles()).toEqual(['压力传感器选型指南 9', '压力传感器选型指南 1']))
    await waitFor(() => expect(taroApi('stopPullDownRefresh')).toHaveBeenCalledTimes(1))
  })

  it('keeps the list and shows a toast when a refresh fails', async () => {
    serve(page([1]), Promise.reject({ errMsg: 'request:fail' }))
    render(<FeedPage />)
    await waitFor(() => expect(titles()).toHaveLength(1))

    act(() => void triggerPageHook('usePullDownRefresh'))

    await waitFor(() => expect(taroApi('stopPullDownRefresh')).toHaveBeenCalled())
    expect(taroApi('showToast')).toHaveBeenCalledWith(
      expect.objectContaining({ title: '网络不给力，请检查网络后重试' }),
    )
    expect(titles()).toEqual(['压力传感器选型指南 1'])
  })

  it('still shows 推荐 when the columns cannot be loaded', async () => {
    request().mockImplementation(({ url }: { url: string }) =>
      url === `${API}/columns` ? Promise.reject({ errMsg: 'request:fail' }) : Promise.resolve(page([1])),
    )
    render(<FeedPage />)
    await waitFor(() => expect(titles()).toHaveLength(1))
    expect(tabs().map((t) => t.textContent)).toEqual(['推荐', '关注'])
  })

  it('关注: asks a signed-out reader to sign in (H5: on 我的), and asks for nothing', async () => {
    serve(page([1]))
    render(<FeedPage />)
    await waitFor(() => expect(tabs()).toHaveLength(4))
    fireEvent.click(tab('@following'))
    expect(await screen.findByText('登录后查看关注')).toBeTruthy()
    expect(request().mock.calls.some(([o]) => (o as { url: string }).url.includes('/me/following'))).toBe(false)
    fireEvent.click(screen.getByText('登录'))
    expect(taroApi('switchTab')).toHaveBeenCalledWith({ url: '/pages/me/index' })
  })

  it('关注: shows what the followed authors and columns published, and an empty state with a hint', async () => {
    memoryStorage({ [SESSION_KEY]: session({ nickname: '小传' }) })
    const following: unknown[] = [
      ok({ items: [articleCard(5), articleCard(4)], nextCursor: null }),
      ok({ items: [], nextCursor: null }),
    ]
    request().mockImplementation(({ url }: { url: string }) => {
      if (url === `${API}/columns`) return Promise.resolve(ok(COLUMNS))
      if (url.startsWith(`${API}/me/following/feed`)) return Promise.resolve(following.shift())
      return Promise.resolve(page([1]))
    })
    render(<FeedPage />)
    await waitFor(() => expect(tabs()).toHaveLength(4))
    fireEvent.click(tab('@following'))
    await waitFor(() => expect(titles()).toEqual(['压力传感器选型指南 5', '压力传感器选型指南 4']))
    expect(activeTab()?.textContent).toBe('关注')

    act(() => void triggerPageHook('usePullDownRefresh'))
    expect(await screen.findByText('还没有关注任何作者或专栏')).toBeTruthy()
  })
})
