import { SavedSearchQuery } from '@chuangan/shared'
import { requestOfSaved, savedQueryOf, savedSearchName, NO_FILTERS, type SearchRequest } from '../query'

describe('订阅: a search request saved and opened again', () => {
  const request: SearchRequest = {
    q: '压力变送器',
    sort: 'price',
    filters: {
      category: { id: 7, name: '压力变送器' },
      enums: { 输出信号: ['4-20mA', 'RS485'] },
      ranges: { 量程: { min: '0', max: '1.6', unit: 'MPa' }, 精度: { min: '', max: '0.5', unit: null } },
      regions: ['深圳'],
      inStock: true,
    },
  }

  it('keeps the words, filters and order, not the page', () => {
    const saved = savedQueryOf(request)
    expect(saved).not.toHaveProperty('limit')
    expect(saved).toEqual({
      q: '压力变送器',
      sort: 'price',
      category: 7,
      enum: ['输出信号:4-20mA', '输出信号:RS485'],
      range: ['量程:0~1.6MPa', '精度:~0.5'],
      region: ['深圳'],
      inStock: '1',
    })
  })

  it('comes back as the same request (the category named from the tree)', () => {
    const parsed = SavedSearchQuery.parse(savedQueryOf(request))
    expect(requestOfSaved(parsed, '压力变送器')).toEqual(request)
    expect(requestOfSaved(SavedSearchQuery.parse({ q: '温度' }), null)).toEqual({
      q: '温度',
      sort: 'relevance',
      filters: NO_FILTERS,
    })
  })

  it('is named after the words, else the category, with the filters counted', () => {
    expect(savedSearchName(request)).toBe('压力变送器（7 个筛选）')
    expect(
      savedSearchName({
        q: '',
        sort: 'relevance',
        filters: { ...NO_FILTERS, category: { id: 1, name: '温度传感器' } },
      }),
    ).toBe('温度传感器')
    expect(savedSearchName({ q: 'x'.repeat(40), sort: 'relevance', filters: NO_FILTERS })).toHaveLength(30)
  })
})
