import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { ProductCard, SearchResult } from '@chuangan/shared'
import { memoryStorage, pageStack, taroApi, triggerPageHook } from '../../../../test/mocks/taro'
import { queryOf, serveApi, fail, type Req } from '../../../../test/api'
import SearchPage from '../index'

const category = { id: 2, name: '压力变送器', path: '压力传感器/压力变送器' }

function product(id: number, overrides: Partial<ProductCard> = {}): ProductCard {
  return {
    id,
    model: `PT-${id}`,
    name: '扩散硅压力变送器',
    brand: '精测',
    category,
    keyParams: ['0-1.6MPa', '4-20mA'],
    priceFrom: 176.16,
    stock: 28,
    moq: 1,
    leadTimeDays: 3,
    supplier: { id: 1, name: '深圳精测', region: '深圳', verified: true },
    updatedAt: '2026-12-01T00:00:00.000Z',
    ...overrides,
  }
}

function result(ids: number[], overrides: Partial<SearchResult> = {}): SearchResult {
  return {
    items: ids.map((id) => product(id)),
    total: ids.length,
    nextCursor: null,
    understood: [{ kind: 'word', text: '压力', label: '压力' }],
    facets: {
      categories: [{ ...category, count: ids.length }],
      params: [
        {
          key: '输出信号',
          kind: 'enum',
          values: [
            { value: '4-20mA', count: 2 },
            { value: 'RS485', count: 1 },
          ],
        },
        { key: '量程', kind: 'range', unit: 'MPa', min: 0, max: 40 },
      ],
      regions: [{ value: '深圳', count: ids.length }],
      inStock: ids.length,
    },
    hint: null,
    engine: 'embedded',
    ...overrides,
  }
}

const CATEGORIES = {
  items: [{ ...category, id: 1, name: '压力传感器', path: '压力传感器', params: [], count: 28, children: [] }],
}
const searches = (log: Req[]) => log.filter((r) => r.url.includes('/search?')).map(queryOf)
const cards = () => Array.from(document.querySelectorAll('.product-item')).map((el) => el.getAttribute('data-model'))
const input = () => document.querySelector('[data-testid="search-input"]') as HTMLInputElement
const byTestId = (id: string) => document.querySelector(`[data-testid="${id}"]`) as HTMLElement

function serve(answers: Record<string, (req: Req) => unknown>) {
  return serveApi({
    'GET /catalog/categories': () => CATEGORIES,
    'GET /search/hot': () => ({ items: ['压力变送器', 'PT100'] }),
    ...answers,
  })
}

describe('SearchPage', () => {
  it('shows recent and hot searches and the categories; a category opens its products', async () => {
    memoryStorage({ 'chuangan.search.recent': ['MPX5010', '温变'] })
    const log = serve({ 'GET /search': () => result([1]) })
    render(<SearchPage />)
    await screen.findByText('压力传感器')
    expect(screen.getByText('28 款')).toBeTruthy()
    expect(Array.from(document.querySelectorAll('[data-testid="recent-search"]')).map((e) => e.textContent)).toEqual([
      'MPX5010',
      '温变',
    ])
    expect(Array.from(document.querySelectorAll('[data-testid="hot-search"]')).map((e) => e.textContent)).toEqual([
      '压力变送器',
      'PT100',
    ])

    fireEvent.click(byTestId('category-entry'))
    await waitFor(() => expect(cards()).toEqual(['PT-1']))
    expect(searches(log)).toEqual([{ sort: 'relevance', limit: '10', category: '1' }])
    expect(byTestId('filter-chip').textContent).toContain('压力传感器')
  })

  it('suggests while typing; a picked model is searched and remembered', async () => {
    const store = memoryStorage()
    const log = serve({
      'GET /search/suggest': (req) => ({
        items: queryOf(req).q === 'PT-4' ? [{ kind: 'model', text: 'PT-401A' }] : [],
      }),
      'GET /search': () => result([401]),
    })
    render(<SearchPage />)
    fireEvent.change(input(), { target: { value: 'PT-4' } })
    const suggestion = await screen.findByText('PT-401A')
    // asked once typing paused, not per keystroke
    expect(log.filter((r) => r.url.includes('/search/suggest')).map(queryOf)).toEqual([{ q: 'PT-4' }])
    fireEvent.click(suggestion)
    await waitFor(() => expect(cards()).toEqual(['PT-401']))
    expect(searches(log)).toEqual([{ q: 'PT-401A', sort: 'relevance', limit: '10' }])
    expect(input().value).toBe('PT-401A')
    expect(store.get('chuangan.search.recent')).toEqual(['PT-401A'])
    expect(byTestId('understood').textContent).toBe('压力')

    fireEvent.click(document.querySelector('.product-item')!)
    await waitFor(() => expect(pageStack().pop()?.route).toBe('packages/search/product/index'))
    expect(pageStack().pop()?.options).toEqual({ id: '401' })
  })

  it('filters in the drawer, recounting as values are picked, and pages on reaching the bottom', async () => {
    memoryStorage()
    const log = serve({
      'GET /search': (req) => {
        const q = queryOf(req)
        if (q.cursor) return result([3], { nextCursor: null, facets: null })
        return req.url.includes('enum=') ? result([1]) : result([1, 2], { nextCursor: 'c2', total: 3 })
      },
    })
    render(<SearchPage />)
    fireEvent.change(input(), { target: { value: '压力变送器' } })
    fireEvent.keyDown(input(), { key: 'Enter' })
    await waitFor(() => expect(cards()).toEqual(['PT-1', 'PT-2']))

    await act(() => triggerPageHook('useReachBottom'))
    await waitFor(() => expect(cards()).toEqual(['PT-1', 'PT-2', 'PT-3']))
    expect(searches(log)[1]).toMatchObject({ cursor: 'c2', facets: '0' })

    fireEvent.click(byTestId('open-filters'))
    const option = document.querySelector('[data-testid="facet-enum-option"][data-value="4-20mA"]')!
    expect(option.getAttribute('data-count')).toBe('2')
    fireEvent.click(option)
    // the drawer recounts the draft with one result asked for
    await waitFor(() => expect(byTestId('filter-apply').textContent).toBe('查看 1 件'))
    expect(searches(log)[2]).toMatchObject({ limit: '1', enum: '输出信号:4-20mA' })
    fireEvent.change(document.querySelector('[data-testid="facet-range-min"]')!, { target: { value: '10' } })
    fireEvent.click(byTestId('filter-apply'))
    await waitFor(() => expect(cards()).toEqual(['PT-1']))
    const applied = log.filter((r) => r.url.includes('/search?')).pop()!
    expect(new URL(applied.url).searchParams.getAll('range')).toEqual(['量程:10~MPa'])
    expect(byTestId('open-filters').textContent).toBe('筛选2')
  })

  it('offers the broader query and the nearest category when nothing matches; an error retries', async () => {
    memoryStorage()
    let failOnce = true
    const log = serve({
      'GET /search': (req) => {
        const q = queryOf(req)
        if (q.q === '温变') {
          if (failOnce) {
            failOnce = false
            return fail(500, 'INTERNAL', '服务暂时不可用')
          }
          return result([9])
        }
        if (q.q === '压力变送器 999MPa') {
          return result([], { hint: { broaderQuery: '压力 变送器', category }, facets: null })
        }
        return result([5])
      },
    })
    render(<SearchPage />)
    fireEvent.change(input(), { target: { value: '压力变送器 999MPa' } })
    fireEvent.keyDown(input(), { key: 'Enter' })
    await screen.findByText('没有找到“压力变送器 999MPa”相关的产品')
    expect(byTestId('hint-category').textContent).toBe('看看压力变送器')
    fireEvent.click(byTestId('hint-query'))
    await waitFor(() => expect(cards()).toEqual(['PT-5']))
    expect(searches(log).pop()).toEqual({ q: '压力 变送器', sort: 'relevance', limit: '10' })

    fireEvent.change(input(), { target: { value: '温变' } })
    fireEvent.keyDown(input(), { key: 'Enter' })
    await screen.findByText('搜索失败')
    fireEvent.click(screen.getByText('重试'))
    await waitFor(() => expect(cards()).toEqual(['PT-9']))
    expect(taroApi('showToast')).not.toHaveBeenCalled()
  })

  it('clears my recent searches', async () => {
    const store = memoryStorage({ 'chuangan.search.recent': ['温变'] })
    serve({})
    render(<SearchPage />)
    fireEvent.click(await screen.findByText('清空'))
    expect(document.querySelector('[data-testid="recent-searches"]')).toBeNull()
    expect(store.has('chuangan.search.recent')).toBe(false)
  })
})
