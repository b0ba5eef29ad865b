import { filterChips, filterCount, formatPrice, rangeFilter, searchQuery, stockText, NO_FILTERS } from '../query'
import { withRecent, RECENT_LIMIT } from '../recent'

describe('searchQuery', () => {
  it('writes the filters as the API reads them: repeatable enum, range with unit, region, 有货', () => {
    const query = searchQuery(
      {
        q: '压力变送器',
        sort: 'price',
        filters: {
          category: { id: 2, name: '压力变送器' },
          enums: { 输出信号: ['4-20mA', 'RS485'] },
          ranges: { 量程: { min: '10', max: '', unit: 'MPa' }, 精度: { min: '', max: '', unit: '%FS' } },
          regions: ['深圳'],
          inStock: true,
        },
      },
      10,
    )
    expect(query).toEqual({
      q: '压力变送器',
      sort: 'price',
      limit: 10,
      category: 2,
      enum: ['输出信号:4-20mA', '输出信号:RS485'],
      range: ['量程:10~MPa'],
      region: ['深圳'],
      inStock: '1',
    })
  })

  it('asks for facet counts on the first page only', () => {
    const request = { q: 'PT', sort: 'relevance' as const, filters: NO_FILTERS }
    expect(searchQuery(request, 10)).toEqual({ q: 'PT', sort: 'relevance', limit: 10 })
    expect(searchQuery(request, 10, 'abc')).toEqual({
      q: 'PT',
      sort: 'relevance',
      limit: 10,
      cursor: 'abc',
      facets: '0',
    })
  })
})

describe('rangeFilter', () => {
  it('leaves out a blank or non-numeric end, and the whole filter when both are', () => {
    expect(rangeFilter('量程', { min: ' 0.5 ', max: '16', unit: 'bar' })).toBe('量程:0.5~16bar')
    expect(rangeFilter('测温范围', { min: '-40', max: 'x', unit: '℃' })).toBe('测温范围:-40~℃')
    expect(rangeFilter('精度', { min: '', max: '0.2', unit: null })).toBe('精度:~0.2')
    expect(rangeFilter('量程', { min: '', max: '-', unit: 'MPa' })).toBeNull()
  })
})

describe('filterChips and filterCount', () => {
  it('gives one removable chip per filter set', () => {
    const filters = {
      category: { id: 2, name: '压力变送器' },
      enums: { 输出信号: ['4-20mA'] },
      ranges: { 量程: { min: '10', max: '', unit: 'MPa' }, 精度: { min: '', max: '', unit: null } },
      regions: ['深圳'],
      inStock: true,
    }
    const chips = filterChips(filters)
    expect(chips.map((c) => c.label)).toEqual(['压力变送器', '输出信号 4-20mA', '量程 ≥10MPa', '深圳', '有货'])
    expect(filterCount(filters)).toBe(5)
    expect(chips[1].without.enums).toEqual({})
    expect(Object.keys(chips[2].without.ranges)).toEqual(['精度'])
    expect(filterCount(chips[4].without)).toBe(4)
  })
})

describe('card text', () => {
  it('shows a price from, or 询价, and stock or the lead time', () => {
    expect(formatPrice(176.16)).toBe('¥176.16')
    expect(formatPrice(3.5)).toBe('¥3.50')
    expect(formatPrice(null)).toBe('询价')
    expect(stockText(1542, 3)).toBe('现货 1,542 件')
    expect(stockText(0, 15)).toBe('无货 · 交期 15 天')
    expect(stockText(0, null)).toBe('无货')
  })
})

describe('withRecent', () => {
  it('puts the search first, once (case and spaces aside), and keeps at most 10', () => {
    expect(withRecent(['压力变送器', 'PT-401A'], ' pt-401a ')).toEqual(['pt-401a', '压力变送器'])
    expect(withRecent(['a'], '  ')).toEqual(['a'])
    expect(withRecent(['压力  变送器', 'b'], '压力 变送器')).toEqual(['压力 变送器', 'b'])
    const full = Array.from({ length: RECENT_LIMIT }, (_, i) => `q${i}`)
    expect(withRecent(full, 'new')).toEqual(['new', ...full.slice(0, RECENT_LIMIT - 1)])
  })
})
