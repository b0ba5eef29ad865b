import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { calledApis, setRouterParams, taroApi, triggerPageHook } from '../../../../../test/mocks/taro'
import { articleDetail, ok } from '../../../../../test/fixtures'
import ArticlePage from '../index'

const request = () => taroApi('request')
const FORBIDDEN_ON_LOAD = ['login', 'navigateTo', 'redirectTo', 'switchTab', 'reLaunch', 'navigateBack']

describe('ArticlePage', () => {
  it('loads the article named by the id param and renders title, meta and body', async () => {
    setRouterParams({ id: '12' })
    request().mockResolvedValueOnce(ok(articleDetail(12, { title: '温湿度变送器的校准', readCount: 345 })))

    const { container } = render(<ArticlePage />)

    await waitFor(() => expect(container.querySelector('.article-title')?.textContent).toBe('温湿度变送器的校准'))
    expect(request().mock.calls[0][0]).toMatchObject({ method: 'GET', url: 'http://api.test/api/articles/12' })
    expect(container.textContent).toContain('传感说编辑部')
    expect(container.textContent).toContain('345 阅读')
    const body = container.querySelector('.article-body')!
    expect(body.querySelector('p')?.textContent).toBe('正文第一段')
    expect(body.querySelector('img')?.getAttribute('style')).toContain('max-width:100%')
  })

  it('never logs in or navigates on load (it may run in Moments single-page mode)', async () => {
    setRouterParams({ id: '12' })
    request().mockResolvedValueOnce(ok(articleDetail(12)))
    const { container } = render(<ArticlePage />)
    await waitFor(() => expect(container.querySelector('.article-title')).not.toBeNull())

    expect(calledApis()).toEqual(['request'])
    for (const api of FORBIDDEN_ON_LOAD) expect(taroApi(api)).not.toHaveBeenCalled()
  })

  it('shares the article with its title and id', async () => {
    setRouterParams({ id: '12' })
    request().mockResolvedValueOnce(ok(articleDetail(12, { title: '霍尔传感器入门' })))
    const { container } = render(<ArticlePage />)
    await waitFor(() => expect(container.querySelector('.article-title')).not.toBeNull())

    expect(triggerPageHook('useShareAppMessage')).toEqual({
      title: '霍尔传感器入门',
      path: '/packages/content/article/index?id=12',
    })
    expect(triggerPageHook('useShareTimeline')).toEqual({ title: '霍尔传感器入门', query: 'id=12' })
  })

  it('shows the not-found state on a 404', async () => {
    setRouterParams({ id: '404' })
    request().mockResolvedValueOnce(ok({ statusCode: 404, code: 'NOT_FOUND', message: 'Article not found' }, 404))
    render(<ArticlePage />)

    expect(await screen.findByText('文章不存在或已下线')).toBeTruthy()
    expect(screen.queryByText('重试')).toBeNull()
  })

  it('shows the not-found state without a request when the id is missing or malformed', () => {
    setRouterParams({ id: 'abc' })
    render(<ArticlePage />)

    expect(screen.getByText('文章不存在或已下线')).toBeTruthy()
    expect(request()).not.toHaveBeenCalled()
  })

  it('shows an error with 重试 that loads again', async () => {
    setRouterParams({ id: '12' })
    request()
      .mockRejectedValueOnce({ errMsg: 'request:fail' })
      .mockResolvedValueOnce(ok(articleDetail(12)))
    const { container } = render(<ArticlePage />)

    expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))

    await waitFor(() => expect(container.querySelector('.article-title')).not.toBeNull())
    expect(request()).toHaveBeenCalledTimes(2)
  })
})
