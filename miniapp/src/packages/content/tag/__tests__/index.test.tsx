import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { currentUrl, setRouterParams, taroApi, triggerPageHook } from '../../../../../test/mocks/taro'
import { articleCard } from '../../../../../test/fixtures'
import { type Req, fail, queryOf, serveApi } from '../../../../../test/api'
import TagPage from '../index'

const NAME = '压力传感器'
const titles = () => Array.from(document.querySelectorAll('.article-card__title')).map((el) => el.textContent)
const feedQueries = (log: Req[]) => log.filter((r) => /\/articles\?/.test(r.url)).map(queryOf)

function serve(feedPages: unknown[], tag: () => unknown = () => ({ id: 8, name: NAME, articleCount: 3 })) {
  // H5 hands the query over still encoded
  setRouterParams({ name: encodeURIComponent(NAME) })
  return serveApi({
    'GET /tags/([^/?]+)': tag,
    'GET /articles': () => feedPages.shift(),
  })
}

describe('TagPage', () => {
  it('shows the tag, its articles, and pages on reaching the bottom', async () => {
    const log = serve([
      { items: [articleCard(1), articleCard(2)], nextCursor: 'n2' },
      { items: [articleCard(3), articleCard(2)], nextCursor: null },
    ])
    const { container } = render(<TagPage />)
    expect(container.querySelector('[aria-busy="true"]')).not.toBeNull()

    await waitFor(() => expect(container.querySelector('.tag-page__name')?.textContent).toBe(`#${NAME}`))
    expect(container.querySelector('.entity-head')!.textContent).toContain('3 篇文章')
    expect(log[0].url).toBe(`http://api.test/api/tags/${encodeURIComponent(NAME)}`)
    await waitFor(() => expect(titles()).toHaveLength(2))
    await waitFor(() => expect(taroApi('setNavigationBarTitle')).toHaveBeenCalledWith({ title: `#${NAME}` }))

    act(() => void triggerPageHook('useReachBottom'))
    // article 2 again on the next page: shown once
    await waitFor(() => expect(titles()).toHaveLength(3))
    expect(screen.getByText('没有更多了')).toBeTruthy()
    expect(feedQueries(log)).toEqual([
      { limit: '10', tag: NAME },
      { limit: '10', tag: NAME, cursor: 'n2' },
    ])

    fireEvent.click(screen.getByText('压力传感器选型指南 3'))
    await waitFor(() => expect(currentUrl()).toBe('/packages/content/article/index?id=3'))
  })

  it('reloads the tag and its list on pull-down', async () => {
    const log = serve([
      { items: [articleCard(1)], nextCursor: null },
      { items: [articleCard(9), articleCard(1)], nextCursor: null },
    ])
    render(<TagPage />)
    await waitFor(() => expect(titles()).toHaveLength(1))

    act(() => void triggerPageHook('usePullDownRefresh'))

    await waitFor(() => expect(titles()).toEqual(['压力传感器选型指南 9', '压力传感器选型指南 1']))
    await waitFor(() => expect(taroApi('stopPullDownRefresh')).toHaveBeenCalledTimes(1))
    expect(log.filter((r) => r.url.includes('/tags/'))).toHaveLength(2)
  })

  it('shows the empty list state for a tag without articles', async () => {
    serve([{ items: [], nextCursor: null }])
    render(<TagPage />)
    expect(await screen.findByText('这个标签下还没有文章')).toBeTruthy()
  })

  it('shows not-found for an unknown tag, and for a name no tag can have without asking', async () => {
    serve([{ items: [], nextCursor: null }], () => fail(404, 'TAG_NOT_FOUND', '标签不存在'))
    const view = render(<TagPage />)
    expect(await screen.findByText('标签不存在')).toBeTruthy()
    view.unmount()

    taroApi('request').mockClear()
    setRouterParams({ name: 'x'.repeat(33) })
    render(<TagPage />)
    expect(screen.getByText('标签不存在')).toBeTruthy()
    expect(taroApi('request')).not.toHaveBeenCalled()
  })

  it('shows an error with 重试 that loads the tag and its list again', async () => {
    let tries = 0
    serve(
      [
        { items: [articleCard(1)], nextCursor: null },
        { items: [articleCard(1)], nextCursor: null },
      ],
      () => (++tries === 1 ? fail(500, 'INTERNAL_ERROR', '服务器开小差了') : { id: 8, name: NAME, articleCount: 1 }),
    )
    render(<TagPage />)
    expect(await screen.findByText('服务器开小差了')).toBeTruthy()

    fireEvent.click(screen.getByText('重试'))

    await waitFor(() => expect(titles()).toEqual(['压力传感器选型指南 1']))
    expect(tries).toBe(2)
  })
})
