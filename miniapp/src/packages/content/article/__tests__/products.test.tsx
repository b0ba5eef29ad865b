import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { ArticleProduct } from '@chuangan/shared'
import { currentUrl, intersect, resetPageStack } from '../../../../../test/mocks/taro'
import { fail, serveApi } from '../../../../../test/api'
import ArticleProducts from '../ArticleProducts'

function product(id: number, model: string, overrides: Partial<ArticleProduct> = {}): ArticleProduct {
  return {
    id,
    model,
    name: `${model} 压力变送器`,
    brand: '精测',
    category: { id: 3, name: '压力变送器', path: '压力传感器/压力变送器' },
    keyParams: ['0-1.6MPa', '4-20mA'],
    priceFrom: 205.16,
    stock: 10,
    moq: 1,
    leadTimeDays: 7,
    supplier: { id: 9, name: '深圳精测仪器技术有限公司', region: '深圳', verified: true },
    updatedAt: '2026-11-01T00:00:00.000Z',
    reason: 'model',
    ...overrides,
  }
}

const $$ = (selector: string) => Array.from(document.querySelectorAll(selector))

describe('文中相关产品', () => {
  it('asks for nothing until its place nears the screen, then shows model, name, price from and supplier', async () => {
    const log = serveApi({
      'GET /articles/12/products': () => ({
        items: [product(5, 'PT-561A'), product(6, 'CYD-110B', { reason: 'category', priceFrom: null })],
      }),
    })
    render(<ArticleProducts articleId={12} />)
    await act(async () => undefined)
    expect(log).toEqual([])
    act(() => intersect(() => false, 2))
    expect(log).toEqual([])

    act(() => intersect(() => true, 2))
    await waitFor(() => expect(screen.getByText('文中相关产品')).toBeTruthy())
    expect(log.map((r) => r.url)).toEqual(['http://api.test/api/articles/12/products'])
    const cards = $$('[data-testid="article-product"]')
    expect(cards.map((c) => c.getAttribute('data-model'))).toEqual(['PT-561A', 'CYD-110B'])
    expect(cards[0].textContent).toContain('PT-561A 压力变送器')
    expect(cards[0].textContent).toContain('¥205.16 起')
    expect(cards[0].textContent).toContain('深圳精测仪器技术有限公司')
    expect(cards[0].textContent).toContain('文中提及')
    expect(cards[1].textContent).toContain('询价')
    expect(cards[1].textContent).not.toContain('文中提及')
  })

  it('opens the product page on tap', async () => {
    resetPageStack('/packages/content/article/index?id=12')
    serveApi({ 'GET /articles/12/products': () => ({ items: [product(5, 'PT-561A')] }) })
    render(<ArticleProducts articleId={12} />)
    act(() => intersect(() => true, 2))
    await waitFor(() => expect($$('[data-testid="article-product"]')).toHaveLength(1))
    fireEvent.click($$('[data-testid="article-product"]')[0])
    await waitFor(() => expect(currentUrl()).toBe('/packages/search/product/index?id=5'))
  })

  it.each([
    ['lists none', () => ({ items: [] })],
    ['cannot be had', () => fail(500, 'INTERNAL', '服务器开小差了')],
  ])('shows nothing when the article %s', async (_, answer) => {
    const log = serveApi({ 'GET /articles/12/products': answer })
    const view = render(<ArticleProducts articleId={12} />)
    act(() => intersect(() => true, 2))
    await waitFor(() => expect(log).toHaveLength(1))
    await act(async () => undefined)
    expect(view.container.textContent).toBe('')
    expect(screen.queryByText('文中相关产品')).toBeNull()
  })
})
