import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react'
import type { ProductCard, SearchResult } from '@chuangan/shared'
import { memoryStorage, pageStack, taroApi, triggerPageHook } from '../../../../test/mocks/taro'
import { serveApi } from '../../../../test/api'
import { COMPARE_MAX, loadCompare, toggleCompare } from '@/utils/compare'
import SearchPage from '../../../pages/search/index'

const KEY = 'chuangan.compare'
const category = { id: 2, name: '压力变送器', path: '压力传感器/压力变送器' }

function product(id: number): ProductCard {
  return {
    id,
    model: `PT-${id}`,
    name: '扩散硅压力变送器',
    brand: '精测',
    category,
    keyParams: ['0-1.6MPa'],
    priceFrom: 100,
    stock: 1,
    moq: 1,
    leadTimeDays: 3,
    supplier: { id: 1, name: '深圳精测', region: '深圳', verified: true },
    updatedAt: '2026-12-01T00:00:00.000Z',
  }
}

const result = (ids: number[]): SearchResult => ({
  items: ids.map(product),
  total: ids.length,
  nextCursor: null,
  understood: [],
  facets: null,
  hint: null,
  engine: 'embedded',
})

const byTestId = (id: string) => document.querySelector(`[data-testid="${id}"]`) as HTMLElement | null
const all = (id: string) => Array.from(document.querySelectorAll(`[data-testid="${id}"]`)) as HTMLElement[]

async function searchFor(q: string) {
  const input = byTestId('search-input') as HTMLInputElement
  fireEvent.change(input, { target: { value: q } })
  fireEvent.keyDown(input, { key: 'Enter' })
  await waitFor(() => expect(all('compare-add')).toHaveLength(5))
}

describe('compare selection', () => {
  it('adds at the end, removes, refuses a fifth and drops what storage should not hold', () => {
    let list = toggleCompare([], { id: 1, model: 'A' }).list
    list = toggleCompare(list, { id: 2, model: 'B' }).list
    expect(list.map((i) => i.id)).toEqual([1, 2])
    expect(toggleCompare(list, { id: 1, model: 'A' }).list.map((i) => i.id)).toEqual([2])
    const full = [1, 2, 3, 4].map((id) => ({ id, model: String(id) }))
    expect(toggleCompare(full, { id: 5, model: '5' })).toEqual({ list: full, full: true })
    expect(COMPARE_MAX).toBe(4)

    memoryStorage({
      [KEY]: [{ id: 1, model: 'A' }, { id: 1, model: 'A' }, { id: -2, model: 'x' }, 'junk', { id: 3, model: 'C' }],
    })
    expect(loadCompare()).toEqual([
      { id: 1, model: 'A' },
      { id: 3, model: 'C' },
    ])
    memoryStorage({ [KEY]: 'not a list' })
    expect(loadCompare()).toEqual([])
  })

  it('the tray on the results counts what is added, survives a reload, removes and opens the compare page', async () => {
    const store = memoryStorage()
    serveApi({
      'GET /catalog/categories': () => ({ items: [] }),
      'GET /search/hot': () => ({ items: [] }),
      'GET /search': () => result([1, 2, 3, 4, 5]),
    })
    render(<SearchPage />)
    await searchFor('压力变送器')
    expect(byTestId('compare-tray')).toBeNull()

    fireEvent.click(all('compare-add')[0])
    fireEvent.click(all('compare-add')[2])
    expect(byTestId('compare-count')!.textContent).toBe('2')
    expect(all('compare-add')[0].textContent).toContain('已加对比')
    expect(store.get(KEY)).toEqual([
      { id: 1, model: 'PT-1' },
      { id: 3, model: 'PT-3' },
    ])
    // adding a card does not open its page
    expect(pageStack().map((p) => p.route)).not.toContain('packages/search/product/index')

    // a fifth is refused with a toast
    for (const i of [1, 3, 4]) fireEvent.click(all('compare-add')[i])
    expect(byTestId('compare-count')!.textContent).toBe('4')
    expect(taroApi('showToast')).toHaveBeenCalledWith(expect.objectContaining({ title: '最多对比 4 个产品' }))
    fireEvent.click(all('compare-add')[1]) // PT-2 out again
    fireEvent.click(all('compare-add')[3]) // PT-4 out
    expect((store.get(KEY) as Array<{ id: number }>).map((i) => i.id)).toEqual([1, 3])

    // reload: a new page reads the selection back
    cleanup()
    render(<SearchPage />)
    expect(byTestId('compare-count')!.textContent).toBe('2')
    await searchFor('压力变送器')
    expect(all('compare-add')[2].textContent).toContain('已加对比')

    // another page changed it meanwhile: shown again on return
    store.set(KEY, [
      { id: 3, model: 'PT-3' },
      { id: 5, model: 'PT-5' },
      { id: 1, model: 'PT-1' },
    ])
    act(() => void triggerPageHook('useDidShow'))
    await waitFor(() => expect(byTestId('compare-count')!.textContent).toBe('3'))

    fireEvent.click(byTestId('compare-toggle')!)
    expect(all('compare-item').map((e) => e.getAttribute('data-id'))).toEqual(['3', '5', '1'])
    fireEvent.click(all('compare-remove')[1])
    expect((store.get(KEY) as Array<{ id: number }>).map((i) => i.id)).toEqual([3, 1])

    fireEvent.click(byTestId('compare-go')!)
    await waitFor(() => expect(pageStack().pop()?.route).toBe('packages/search/compare/index'))
    expect(pageStack().pop()?.options).toEqual({ ids: '3,1' })

    fireEvent.click(byTestId('compare-clear')!)
    expect(store.has(KEY)).toBe(false)
    expect(byTestId('compare-tray')).toBeNull()
  })
})
