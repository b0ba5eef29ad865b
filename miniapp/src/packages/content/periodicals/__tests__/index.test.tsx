import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { currentUrl, taroApi, triggerPageHook } from '../../../../../test/mocks/taro'
import { fail, serveApi } from '../../../../../test/api'
import PeriodicalsPage from '../index'

const periodical = (id: number, name: string, cover: string | null = null) => ({
  id,
  slug: `p${id}`,
  name,
  description: `${name}的介绍`,
  cover,
  issueCount: id + 1,
})
const names = () => Array.from(document.querySelectorAll('.periodical-card__name')).map((el) => el.textContent)

describe('PeriodicalsPage', () => {
  it('lists every periodical with its cover (or initials) and issue count, and opens one on a tap', async () => {
    serveApi({
      'GET /periodicals': () => ({
        items: [periodical(4, '传感月刊', '/media/periodicals/4.png'), periodical(5, '季刊精选')],
      }),
    })
    const { container } = render(<PeriodicalsPage />)
    expect(container.querySelector('[aria-busy="true"]')).not.toBeNull()

    await waitFor(() => expect(names()).toEqual(['传感月刊', '季刊精选']))
    const [first, second] = Array.from(container.querySelectorAll('.periodical-card'))
    expect(first.querySelector('img')?.getAttribute('src')).toBe(
      `http://api.test/api/images?src=${encodeURIComponent('/media/periodicals/4.png')}&w=176`,
    )
    expect(first.textContent).toContain('共 5 期')
    expect(first.textContent).toContain('传感月刊的介绍')
    expect(second.querySelector('.periodical-card__cover--text')?.textContent).toBe('季刊')
    expect(screen.getByText('期刊订阅')).toBeTruthy()

    fireEvent.click(second)
    await waitFor(() => expect(currentUrl()).toBe('/packages/content/periodical/index?id=5'))
  })

  it('loads again on pull-down and stops the refresh animation', async () => {
    const answers = [
      { items: [periodical(4, '传感月刊')] },
      { items: [periodical(4, '传感月刊'), periodical(6, '新刊')] },
    ]
    serveApi({ 'GET /periodicals': () => answers.shift() })
    render(<PeriodicalsPage />)
    await waitFor(() => expect(names()).toEqual(['传感月刊']))

    act(() => void triggerPageHook('usePullDownRefresh'))

    await waitFor(() => expect(names()).toEqual(['传感月刊', '新刊']))
    await waitFor(() => expect(taroApi('stopPullDownRefresh')).toHaveBeenCalledTimes(1))
  })

  it('shows the empty state when there are none', async () => {
    serveApi({ 'GET /periodicals': () => ({ items: [] }) })
    render(<PeriodicalsPage />)
    expect(await screen.findByText('暂无期刊')).toBeTruthy()
  })

  it('shows an error with 重试 that loads again', async () => {
    let tries = 0
    serveApi({
      'GET /periodicals': () =>
        ++tries === 1 ? fail(500, 'INTERNAL_ERROR', '服务器开小差了') : { items: [periodical(4, '传感月刊')] },
    })
    render(<PeriodicalsPage />)
    expect(await screen.findByText('服务器开小差了')).toBeTruthy()

    fireEvent.click(screen.getByText('重试'))

    await waitFor(() => expect(names()).toEqual(['传感月刊']))
  })
})
