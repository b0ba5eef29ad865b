import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { memoryStorage, setRouterParams, taroApi, triggerPageHook } from '../../../../../test/mocks/taro'
import { SESSION_KEY, fail, session } from '../../../../../test/api'
import { articleCard, authorProfile, ok } from '../../../../../test/fixtures'
import { resetSubscriptions } from '@/utils/subscribe'
import AuthorPage from '../index'

const API = 'http://api.test/api'
const request = () => taroApi('request')
const urls = () => request().mock.calls.map(([options]) => (options as { url: string }).url)
const titles = () => Array.from(document.querySelectorAll('.article-card__title')).map((el) => el.textContent)

function serve(feedPages: unknown[], profile: unknown = ok(authorProfile())) {
  request().mockImplementation(({ url }: { url: string }) => {
    if (url === `${API}/authors/3`) return Promise.resolve(profile)
    if (url.startsWith(`${API}/articles?`)) return Promise.resolve(feedPages.shift())
    return Promise.reject(new Error(`unexpected ${url}`))
  })
}

describe('AuthorPage', () => {
  it('shows the author header and their articles, and pages on reaching the bottom', async () => {
    setRouterParams({ id: '3' })
    serve([
      ok({ items: [articleCard(1), articleCard(2)], nextCursor: 'n2' }),
      ok({ items: [articleCard(3)], nextCursor: null }),
    ])
    const { container } = render(<AuthorPage />)
    expect(container.querySelector('[aria-busy="true"]')).not.toBeNull()

    await waitFor(() => expect(container.querySelector('.author-page__name')?.textContent).toBe('传感说编辑部'))
    const head = container.querySelector('.entity-head')!
    expect(head.textContent).toContain('认证')
    expect(head.textContent).toContain('关注传感器产业链的新闻与趋势')
    expect(head.textContent).toContain('12 篇文章')
    expect(head.textContent).toContain('专栏 · 传感说')
    await waitFor(() => expect(titles()).toHaveLength(2))
    expect(taroApi('setNavigationBarTitle')).toHaveBeenCalledWith({ title: '传感说编辑部' })

    act(() => void triggerPageHook('useReachBottom'))
    await waitFor(() => expect(titles()).toHaveLength(3))
    expect(screen.getByText('没有更多了')).toBeTruthy()
    expect(urls().filter((u) => u.includes('/articles?'))).toEqual([
      `${API}/articles?limit=10&author=3`,
      `${API}/articles?limit=10&author=3&cursor=n2`,
    ])

    fireEvent.click(screen.getByText('专栏 · 传感说'))
    expect(taroApi('navigateTo')).toHaveBeenCalledWith({ url: '/packages/content/column/index?slug=chuanganshuo' })
  })

  it('shows the empty list state for an author without articles', async () => {
    setRouterParams({ id: '3' })
    serve([ok({ items: [], nextCursor: null })])
    render(<AuthorPage />)
    expect(await screen.findByText('这位作者还没有发表文章')).toBeTruthy()
  })

  it('shows not-found for an unknown author', async () => {
    setRouterParams({ id: '3' })
    serve(
      [ok({ items: [], nextCursor: null })],
      ok({ statusCode: 404, code: 'AUTHOR_NOT_FOUND', message: '作者不存在' }, 404),
    )
    render(<AuthorPage />)
    expect(await screen.findByText('作者不存在')).toBeTruthy()
  })

  it('关注: shows the exact count, follows at once on a tap, and rolls back when refused', async () => {
    setRouterParams({ id: '3' })
    memoryStorage({ [SESSION_KEY]: session({ nickname: '小传' }) })
    const answers = [ok({ following: true, followers: 8 }), fail(500, 'INTERNAL', '服务器开小差了')]
    request().mockImplementation(({ url, method }: { url: string; method: string }) => {
      if (url === `${API}/authors/3`) return Promise.resolve(ok(authorProfile()))
      if (url.startsWith(`${API}/articles?`)) return Promise.resolve(ok({ items: [], nextCursor: null }))
      if (url === `${API}/follows/author/3` && method === 'GET')
        return Promise.resolve(ok({ following: false, followers: 7 }))
      if (url === `${API}/follows/author/3`) return Promise.resolve(answers.shift())
      return Promise.reject(new Error(`unexpected ${method} ${url}`))
    })
    render(<AuthorPage />)
    expect(await screen.findByText('7 人关注')).toBeTruthy()

    fireEvent.click(screen.getByText('+ 关注'))
    expect(await screen.findByText('已关注')).toBeTruthy()
    await waitFor(() => expect(screen.getByText('8 人关注')).toBeTruthy())
    const put = request().mock.calls.find(([o]) => (o as { method: string }).method === 'PUT')
    expect(put?.[0]).toMatchObject({ url: `${API}/follows/author/3` })

    // Unfollowing is refused: the button and count come back.
    fireEvent.click(screen.getByText('已关注'))
    await waitFor(() => expect(taroApi('showToast')).toHaveBeenCalledWith(expect.objectContaining({ icon: 'none' })))
    expect(screen.getByText('已关注')).toBeTruthy()
    expect(screen.getByText('8 人关注')).toBeTruthy()
  })

  describe('the subscribe prompt after a follow', () => {
    const template = { topic: 'article', templateId: 'T-article', credits: 0, answer: null, ask: true }
    function serveFollow(templates: unknown[]) {
      request().mockImplementation(({ url, method }: { url: string; method: string }) => {
        if (url === `${API}/authors/3`) return Promise.resolve(ok(authorProfile()))
        if (url.startsWith(`${API}/articles?`)) return Promise.resolve(ok({ items: [], nextCursor: null }))
        if (url === `${API}/follows/author/3`)
          return Promise.resolve(ok({ following: method === 'PUT', followers: method === 'PUT' ? 8 : 7 }))
        if (url === `${API}/me/subscriptions` && method === 'GET') return Promise.resolve(ok({ templates }))
        if (url === `${API}/me/subscriptions`)
          return Promise.resolve(ok({ templates: [{ ...template, credits: 1, answer: 'accept' }] }))
        return Promise.reject(new Error(`unexpected ${method} ${url}`))
      })
    }
    const recorded = () =>
      request()
        .mock.calls.map(([o]) => o as { url: string; method: string; data?: unknown })
        .filter((o) => o.url === `${API}/me/subscriptions` && o.method === 'POST')
        .map((o) => o.data)

    beforeEach(() => {
      resetSubscriptions()
      setRouterParams({ id: '3' })
      memoryStorage({ [SESSION_KEY]: session({ nickname: '小传' }) })
    })
    afterEach(() => {
      delete (process.env as Record<string, string | undefined>).TARO_ENV
    })

    it('in WeChat: opens requestSubscribeMessage in the tap and records the answer', async () => {
      process.env.TARO_ENV = 'weapp'
      serveFollow([template])
      taroApi('requestSubscribeMessage').mockResolvedValue({ errMsg: 'ok', 'T-article': 'accept' })
      render(<AuthorPage />)
      expect(await screen.findByText('7 人关注')).toBeTruthy()
      await waitFor(() => expect(urls()).toContain(`${API}/me/subscriptions`))

      fireEvent.click(screen.getByText('+ 关注'))
      // Opened synchronously, in the tap's own turn.
      expect(taroApi('requestSubscribeMessage')).toHaveBeenCalledWith(
        expect.objectContaining({ tmplIds: ['T-article'] }),
      )
      await waitFor(() => expect(recorded()).toEqual([{ results: { 'T-article': 'accept' } }]))
      expect(screen.getByText('已关注')).toBeTruthy()
    })

    it('in H5: no prompt once the reader refused it', async () => {
      serveFollow([{ ...template, answer: 'reject', ask: false }])
      render(<AuthorPage />)
      expect(await screen.findByText('7 人关注')).toBeTruthy()
      await waitFor(() => expect(urls()).toContain(`${API}/me/subscriptions`))
      fireEvent.click(screen.getByText('+ 关注'))
      expect(await screen.findByText('已关注')).toBeTruthy()
      expect(taroApi('showModal')).not.toHaveBeenCalled()
      expect(recorded()).toEqual([])
    })

    it('in H5: 允许 records accept', async () => {
      serveFollow([template])
      taroApi('showModal').mockResolvedValue({ confirm: true, cancel: false })
      render(<AuthorPage />)
      expect(await screen.findByText('7 人关注')).toBeTruthy()
      await waitFor(() => expect(urls()).toContain(`${API}/me/subscriptions`))
      fireEvent.click(screen.getByText('+ 关注'))
      expect(taroApi('showModal')).toHaveBeenCalledWith(
        expect.objectContaining({ title: '接收新文章通知？', confirmText: '允许' }),
      )
      await waitFor(() => expect(recorded()).toEqual([{ results: { 'T-article': 'accept' } }]))
    })
  })

  it('私信 opens the conversation with this author when signed in', async () => {
    setRouterParams({ id: '3' })
    memoryStorage({ [SESSION_KEY]: session({ nickname: '小传' }) })
    serve([ok({ items: [], nextCursor: null })])
    render(<AuthorPage />)
    const entry = await screen.findByTestId('author-message')
    expect(entry.textContent).toBe('私信')
    await act(async () => {
      fireEvent.click(entry)
    })
    await waitFor(() =>
      expect(taroApi('navigateTo')).toHaveBeenCalledWith({ url: '/packages/content/conversation/index?authorId=3' }),
    )
  })
})
