import { flattenTaxonomy } from '../taxonomy'
import type { CategoryForImport, StoredParamDef } from '../taxonomy.service'
import { prepareRecord, RecordError } from './record'

/** The taxonomy as the importer sees it, with made-up ids. */
function categories(): Map<string, CategoryForImport> {
  const byPath = new Map<string, CategoryForImport>()
  flattenTaxonomy().forEach((c, i) => {
    const params = new Map<string, StoredParamDef>(c.parentPath ? byPath.get(c.parentPath)!.params : [])
    for (const p of c.params) params.set(p.key, p)
    byPath.set(c.path, { id: i + 1, name: c.name, path: c.path, params })
  })
  return byPath
}

const base = {
  supplier: '苏州某某传感',
  supplierRegion: '苏州',
  model: 'PT-301A/G1/4',
  name: '扩散硅压力变送器',
  category: '压力传感器/压力变送器',
}

describe('prepareRecord', () => {
  const cats = categories()
  const prepare = (extra: Record<string, unknown>) => prepareRecord({ ...base, ...extra }, cats)
  const reason = (extra: Record<string, unknown>) => {
    try {
      prepare(extra)
    } catch (error) {
      expect(error).toBeInstanceOf(RecordError)
      return (error as Error).message
    }
    throw new Error('expected a RecordError')
  }
  const rows = (params: Record<string, unknown>) =>
    prepare({ params }).rows.map((r) => [r.key, r.seq, r.min, r.max, r.value])

  it('normalises quantities to the base unit of the dimension, whatever unit they are written in', () => {
    expect(rows({ 量程: '0-1.6MPa' })).toEqual([['量程', 0, 0, 1600, null]])
    expect(rows({ 量程: '10bar' })).toEqual([['量程', 0, 1000, 1000, null]])
    expect(rows({ 量程: { min: 0, max: 145.038, unit: 'psi' } })[0][3]).toBeCloseTo(1000, 1)
    expect(rows({ 量程: { value: 2.5 } })).toEqual([['量程', 0, 2500, 2500, null]]) // display unit MPa
    expect(rows({ 量程: 1.6 })).toEqual([['量程', 0, 1600, 1600, null]])
    expect(rows({ 量程: '-100~0kPa' })).toEqual([['量程', 0, -100, 0, null]])
    expect(rows({ 工作温度: '-40-85℃', 供电电压: '12-36V' })).toEqual([
      ['工作温度', 0, -40, 85, null],
      ['供电电压', 0, 12, 36, null],
    ])
    expect(rows({ 精度: '±0.25%FS' })).toEqual([['精度', 0, 0.25, 0.25, null]])
    expect(rows({ 精度: 0.1 })).toEqual([['精度', 0, 0.1, 0.1, null]])
  })

  it('stores enums one row per value, in the taxonomy spelling, and texts as they are', () => {
    expect(rows({ 输出信号: '4-20ma|rs485', 防护等级: 'ip67' })).toEqual([
      ['输出信号', 0, null, null, '4-20mA'],
      ['输出信号', 1, null, null, 'RS485'],
      ['防护等级', 0, null, null, 'IP67'],
    ])
    expect(rows({ 输出信号: ['HART', '4-20mA', 'HART'] }).map((r) => r[4])).toEqual(['HART', '4-20mA'])
    expect(rows({ 备注: '带现场显示' })).toEqual([['备注', 0, null, null, '带现场显示']])
    expect(JSON.parse(prepare({ params: { 输出信号: '4-20ma|rs485', 颜色: '蓝' } }).params)).toEqual({
      输出信号: '4-20mA / RS485',
      颜色: '蓝', // not defined by the category: display only
    })
  })

  it('reads accelerations in g within their dimension', () => {
    const r = prepareRecord(
      { ...base, category: '加速度传感器/MEMS加速度计', params: { 加速度量程: '±16g', 频率范围: '0.5Hz-1.6kHz' } },
      cats,
    )
    expect(r.rows.map((x) => [x.key, x.min, x.max])).toEqual([
      ['加速度量程', -16, 16],
      ['频率范围', 0.5, 1600],
    ])
  })

  it('prepares the columns: model key, prices in fen from the lowest break, JSON texts', () => {
    const p = prepare({
      priceBreaks: [
        { qty: 100, price: 99.9 },
        { qty: 1, price: 128.5 },
      ],
      images: ['https://img.example.com/a.png'],
    })
    expect(p.modelKey).toBe('PT301AG14')
    expect(p.priceFrom).toBe(9990)
    expect(JSON.parse(p.priceBreaks)).toEqual([
      { qty: 1, price: 12850 },
      { qty: 100, price: 9990 },
    ])
    expect(p).toMatchObject({ moq: 1, stock: 0, leadTimeDays: null, brand: '', datasheetUrl: null })
    expect(prepare({}).priceFrom).toBeNull()
  })

  it('names the field and the reason of a bad record', () => {
    expect(reason({ model: undefined })).toBe('model: is required')
    expect(reason({ model: '--' })).toBe('model: must hold a letter or a digit')
    expect(reason({ category: '压力传感器/温度计' })).toBe('category: unknown category path "压力传感器/温度计"')
    expect(reason({ params: { 量程: '0-16g' } })).toBe('params.量程: unit "g" is a mass unit, expected a pressure unit')
    expect(reason({ params: { 量程: { min: 0, max: 10, unit: 'mA' } } })).toBe(
      'params.量程: unit "mA" is a current unit, expected a pressure unit',
    )
    expect(reason({ params: { 量程: '0-10 furlong' } })).toBe('params.量程: unknown unit "furlong"')
    expect(reason({ params: { 量程: 'high' } })).toContain('params.量程: cannot read "high" as a pressure')
    expect(reason({ params: { 量程: { min: 5, max: 1 } } })).toBe('params.量程: min 5 is above max 1')
    expect(reason({ params: { 精度: '0.5%LEL' } })).toBe('params.精度: unit "%LEL", expected %FS')
    expect(reason({ params: { 精度: '0.1-0.5' } })).toBe('params.精度: expects one value, not a range')
    expect(reason({ params: { 防护等级: 'waterproof' } })).toBe(
      'params.防护等级: "waterproof" is not an IP code such as IP67',
    )
    expect(reason({ priceBreaks: [{ qty: 0, price: 1 }] })).toContain('priceBreaks.0.qty')
    expect(reason({ priceBreaks: [{ qty: 1, price: -1 }] })).toContain('priceBreaks.0.price')
    expect(
      reason({
        priceBreaks: [
          { qty: 1, price: 2 },
          { qty: 1, price: 1 },
        ],
      }),
    ).toBe('priceBreaks: two breaks have the same qty')
    expect(reason({ stock: 1.5 })).toContain('stock')
    expect(reason({ datasheetUrl: 'javascript:alert(1)' })).toBe('datasheetUrl: must be an http(s) URL')
    expect(reason({ colour: 'red' })).toBe('unknown field "colour"')
    expect(() => prepareRecord([1, 2], cats)).toThrow('a record must be an object')
  })
})
