import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { taroApi, triggerPageHook } from '../../../../test/mocks/taro'
import { articleSummary, ok } from '../../../../test/fixtures'
import FeedPage from '../index'

const request = () => taroApi('request')
const requestedUrls = () => request().mock.calls.map(([options]) => (options as { url: string }).url)
const titles = () => Array.from(document.querySelectorAll('.article-card__title')).map((el) => el.textContent)

describe('FeedPage', () => {
  it('shows a skeleton, then one card per article', async () => {
    request().mockResolvedValueOnce(ok({ items: [articleSummary(1), articleSummary(2)], nextCursor: null }))

    const { container } = render(<FeedPage />)
    expect(container.querySelector('[aria-busy="true"]')).not.toBeNull()

    await waitFor(() => expect(titles()).toEqual(['压力传感器选型指南 1', '压力传感器选型指南 2']))
    const card = container.querySelector('.article-card')!
    expect(card.getAttribute('data-id')).toBe('1')
    expect(card.textContent).toContain('传感说编辑部')
    expect(card.textContent).toContain('3小时前')
    expect(card.textContent).toContain('1201 阅读')
    expect(screen.getByText('没有更多了')).toBeTruthy()
    expect(requestedUrls()).toEqual(['http://api.test/api/articles?limit=10'])
  })

  it('opens the article page in the content subpackage when a card is tapped', async () => {
    request().mockResolvedValueOnce(ok({ items: [articleSummary(7)], nextCursor: null }))
    render(<FeedPage />)

    fireEvent.click(await screen.findByText('压力传感器选型指南 7'))
    expect(taroApi('navigateTo')).toHaveBeenCalledWith({ url: '/packages/content/article/index?id=7' })
  })

  it('shows the empty state when there are no articles', async () => {
    request().mockResolvedValueOnce(ok({ items: [], nextCursor: null }))
    render(<FeedPage />)

    expect(await screen.findByText('暂无文章')).toBeTruthy()
    expect(document.querySelector('.article-card')).toBeNull()
  })

  it('shows the error and loads again on 重试', async () => {
    request()
      .mockResolvedValueOnce(ok({ statusCode: 500, code: 'INTERNAL_ERROR', message: '服务器开小差了' }, 500))
      .mockResolvedValueOnce(ok({ items: [articleSummary(1)], nextCursor: null }))
    render(<FeedPage />)

    expect(await screen.findByText('服务器开小差了')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))

    await waitFor(() => expect(titles()).toEqual(['压力传感器选型指南 1']))
    expect(request()).toHaveBeenCalledTimes(2)
  })

  it('shows the network message when the request fails', async () => {
    request().mockRejectedValueOnce({ errMsg: 'request:fail' })
    render(<FeedPage />)

    expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
  })

  it('loads the next page with the cursor when the page reaches the bottom', async () => {
    let answerPage2: (value: unknown) => void = () => {}
    request()
      .mockResolvedValueOnce(ok({ items: [articleSummary(1), articleSummary(2)], nextCursor: 'c2' }))
      .mockImplementationOnce(() => new Promise((resolve) => (answerPage2 = resolve)))
    render(<FeedPage />)
    await waitFor(() => expect(titles()).toHaveLength(2))
    expect(screen.getByText('上拉加载更多')).toBeTruthy()

    act(() => void triggerPageHook('useReachBottom'))
    expect(await screen.findByText('加载中…')).toBeTruthy()
    // a second bottom event while the page is in flight asks for nothing more
    act(() => void triggerPageHook('useReachBottom'))

    await act(async () => answerPage2(ok({ items: [articleSummary(3)], nextCursor: null })))
    await waitFor(() => expect(titles()).toHaveLength(3))
    expect(titles()[2]).toBe('压力传感器选型指南 3')
    expect(screen.getByText('没有更多了')).toBeTruthy()
    expect(requestedUrls()).toEqual([
      'http://api.test/api/articles?limit=10',
      'http://api.test/api/articles?limit=10&cursor=c2',
    ])

    // the last page had no cursor: reaching the bottom again does nothing
    act(() => void triggerPageHook('useReachBottom'))
    expect(request()).toHaveBeenCalledTimes(2)
  })

  it('reloads the first page on pull-down and stops the refresh animation', async () => {
    request()
      .mockResolvedValueOnce(ok({ items: [articleSummary(1)], nextCursor: null }))
      .mockResolvedValueOnce(ok({ items: [articleSummary(9), articleSummary(1)], nextCursor: null }))
    render(<FeedPage />)
    await waitFor(() => expect(titles()).toHaveLength(1))

    act(() => void triggerPageHook('usePullDownRefresh'))

    await waitFor(() => expect(titles()).toEqual(['压力传感器选型指南 9', '压力传感器选型指南 1']))
    await waitFor(() => expect(taroApi('stopPullDownRefresh')).toHaveBeenCalledTimes(1))
    expect(requestedUrls()).toEqual(['http://api.test/api/articles?limit=10', 'http://api.test/api/articles?limit=10'])
  })

  it('keeps the list and shows a toast when a refresh fails', async () => {
    request()
      .mockResolvedValueOnce(ok({ items: [articleSummary(1)], nextCursor: null }))
      .mockRejectedValueOnce({ errMsg: 'request:fail' })
    render(<FeedPage />)
    await waitFor(() => expect(titles()).toHaveLength(1))

    act(() => void triggerPageHook('usePullDownRefresh'))

    await waitFor(() => expect(taroApi('stopPullDownRefresh')).toHaveBeenCalled())
    expect(taroApi('showToast')).toHaveBeenCalledWith(
      expect.objectContaining({ title: '网络不给力，请检查网络后重试' }),
    )
    expect(titles()).toEqual(['压力传感器选型指南 1'])
  })
})
