import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { setRouterParams, taroApi, triggerPageHook } from '../../../../../test/mocks/taro'
import { articleCard, authorProfile, ok } from '../../../../../test/fixtures'
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
})
