import { searchWords } from '../../infra/jieba'
import { runSearch, type EngineRequest } from './engine'
import { SearchIndex, type DocParam, type SearchDoc } from './search-index'

const PRESSURE = [1, 11] // 压力传感器 → 压力变送器
const PROXIMITY = [2, 21] // 位置传感器 → 接近开关
const TEMP_HUMIDITY = [3, 31] // 温湿度传感器 → 温湿度变送器

let nextId = 1
function doc(partial: Partial<SearchDoc> & { model: string; name: string }): SearchDoc {
  return {
    id: nextId++,
    brand: '测试',
    categoryIds: PRESSURE,
    categoryNames: ['压力传感器', '压力变送器'],
    params: [],
    priceBreaks: [{ qty: 1, price: 10000 }],
    stock: 10,
    supplierId: 1,
    region: '深圳',
    verified: true,
    updatedAt: Date.UTC(2026, 10, 1),
    ...partial,
  }
}
const range = (key: string, dimension: string, min: number, max: number): DocParam => ({ key, dimension, min, max })
const value = (key: string, v: string): DocParam => ({ key, value: v })

const docs = [
  doc({
    model: 'PT-210-16M',
    name: '扩散硅压力变送器',
    params: [range('量程', 'pressure', 0, 1600), value('输出信号', '4-20mA'), value('防护等级', 'IP67')],
  }),
  doc({
    model: 'PT-210-06M',
    name: '扩散硅压力变送器',
    params: [range('量程', 'pressure', 0, 600), value('输出信号', '4-20mA'), value('防护等级', 'IP65')],
  }),
  doc({
    model: 'MPX5010DP',
    name: '差压压力传感器芯片',
    categoryIds: [1, 12],
    categoryNames: ['压力传感器', '压力芯片'],
    params: [range('量程', 'pressure', 0, 10), value('输出信号', '0-5V')],
    priceBreaks: [
      { qty: 1, price: 9000 },
      { qty: 100, price: 6000 },
    ],
  }),
  doc({
    model: 'LJ12A3-4-Z/BX',
    name: '电感式接近开关',
    categoryIds: PROXIMITY,
    categoryNames: ['位置传感器', '接近开关'],
    params: [value('输出信号', 'NPN'), value('螺纹', 'M12'), range('检测距离', 'length', 4, 4)],
    region: '乐清',
  }),
  doc({
    model: 'LJ18A3-8-Z/AY',
    name: '电感式接近开关',
    categoryIds: PROXIMITY,
    categoryNames: ['位置传感器', '接近开关'],
    params: [value('输出信号', 'PNP'), value('螺纹', 'M18'), range('检测距离', 'length', 8, 8)],
    stock: 0,
  }),
  doc({
    model: 'TH-485-W',
    name: '温湿度变送器 壁挂式',
    categoryIds: TEMP_HUMIDITY,
    categoryNames: ['温湿度传感器', '温湿度变送器'],
    params: [value('输出信号', 'RS485'), range('测温范围', 'temperature', -40, 125)],
  }),
]
const index = new SearchIndex(docs, searchWords)
const find = (q: string, extra: Partial<EngineRequest> = {}) =>
  runSearch(index, { q, offset: 0, limit: 10, ...extra }, searchWords)
const models = (q: string, extra: Partial<EngineRequest> = {}) =>
  find(q, extra).ids.map((id) => docs.find((d) => d.id === id)!.model)

describe('embedded search engine', () => {
  it('finds model fragments anywhere, ignoring case and punctuation', () => {
    expect(models('5010')).toEqual(['MPX5010DP'])
    expect(models('lj12a3')).toEqual(['LJ12A3-4-Z/BX'])
    expect(models('LJ12A3-4-Z/BX')[0]).toBe('LJ12A3-4-Z/BX')
    // a model written whole, as a suggestion fills it in: its digits and letters after a hyphen are no quantity
    expect(models('PT-210-16M')[0]).toBe('PT-210-16M')
    expect(models('pt-210-06m')[0]).toBe('PT-210-06M')
  })

  it('forgives one mistyped character in a model number', () => {
    const result = find('MPX5011DP')
    expect(result.ids.map((id) => docs.find((d) => d.id === id)!.model)).toEqual(['MPX5010DP'])
    expect(result.fuzzyModels).toEqual(['MPX5011DP'])
  })

  it('finds two-character words and words inside words', () => {
    expect(models('压力').sort()).toEqual(['MPX5010DP', 'PT-210-06M', 'PT-210-16M'])
    expect(models('温度')).toEqual(['TH-485-W']) // 温湿度 holds 温度
    expect(models('湿度')).toEqual(['TH-485-W'])
  })

  it('understands trade shorthand and English product words', () => {
    expect(models('压变').sort()).toEqual(['PT-210-06M', 'PT-210-16M'])
    expect(models('感应开关').length).toBe(2)
    expect(models('proximity sensor').length).toBe(2)
    expect(models('pressure transmitter').sort()).toEqual(['PT-210-06M', 'PT-210-16M'])
  })

  it('reads parameters in the query as filters, across units', () => {
    expect(models('压力变送器 10bar')).toEqual(['PT-210-16M']) // 0–1.6 MPa covers 10 bar; 0–0.6 MPa does not
    expect(models('压力变送器 4-20mA IP67')).toEqual(['PT-210-16M'])
    expect(models('接近开关 PNP')).toEqual(['LJ18A3-8-Z/AY'])
    expect(models('接近开关 M12')).toEqual(['LJ12A3-4-Z/BX'])
    expect(models('IP66')).toEqual(['PT-210-16M'])
  })

  it('filters by category, enum, range, region, stock and price at a quantity', () => {
    expect(models('', { category: 2 }).length).toBe(2)
    expect(models('', { enums: { 输出信号: ['NPN', 'PNP'] } }).length).toBe(2)
    expect(models('', { ranges: { 量程: { min: 700, max: 900 } } })).toEqual(['PT-210-16M'])
    expect(models('', { ranges: { 量程: { min: 5, max: 8 } } }).length).toBe(3)
    expect(models('', { regions: ['乐清'] })).toEqual(['LJ12A3-4-Z/BX'])
    expect(models('接近开关', { inStock: true })).toEqual(['LJ12A3-4-Z/BX'])
    expect(models('', { priceMax: 7000, qty: 100 })).toEqual(['MPX5010DP'])
    expect(models('', { priceMax: 7000, qty: 1 })).toEqual([])
  })

  it('counts all matches, pages, and sorts by price', () => {
    const all = find('')
    expect(all.total).toBe(docs.length)
    expect(find('', { offset: 4, limit: 10 }).ids.length).toBe(2)
    const byPrice = models('压力', { sort: 'price' })
    expect(byPrice[0]).toBe('MPX5010DP')
  })

  it('finds nothing for words it does not know', () => {
    expect(find('流量计').total).toBe(0)
  })
})
