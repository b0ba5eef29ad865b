import { bulkSearchWords } from '../../infra/jieba'
import { Bitset } from './bitset'
import { matchingSuppliers, runSearch, type EngineRequest } from './engine'
import { facetCounts } from './facets'
import { facetBound } from '../search-engine'
import { decodeIndex, encodeIndex } from './index-codec'
import { SearchIndex, SearchIndexBuilder, TextTermMemo, textTerms, type SearchDoc } from './search-index'

// A segmenter good enough for these names: whole runs of Chinese and Latin words.
const segment = (text: string) => text.split(/\s+/).filter(Boolean)

const kinds = [
  { name: '压力变送器', model: 'PT', categoryIds: [1, 11], categoryNames: ['压力传感器', '压力变送器'] },
  { name: '压力开关', model: 'PS', categoryIds: [1, 12], categoryNames: ['压力传感器', '压力开关'] },
  { name: '接近开关', model: 'LJ', categoryIds: [2, 21], categoryNames: ['位置传感器', '接近开关'] },
]
const regions = ['深圳', '苏州', '上海', '乐清']
const outputs = ['4-20mA', 'RS485', 'NPN', 'PNP', '0-10V']

/** `n` products where some terms are common (dense: bitsets) and others rare (sparse: lists). */
function catalogue(n: number): SearchDoc[] {
  return Array.from({ length: n }, (_, i) => {
    const kind = kinds[i % 3]
    return {
      id: i + 1,
      model: `${kind.model}${100 + (i % 977)}-${i % 7}`,
      name: i % 50 === 0 ? `防爆${kind.name}` : kind.name,
      brand: '测试',
      categoryIds: kind.categoryIds,
      categoryNames: kind.categoryNames,
      params: [
        { key: '输出信号', value: outputs[i % 5] },
        { key: '量程', dimension: 'pressure', min: 0, max: (i % 40) * 100 },
      ],
      priceBreaks: i % 9 === 0 ? [] : [{ qty: 1, price: 1000 + (i % 300) }],
      stock: i % 4 === 0 ? 0 : 5,
      supplierId: 1 + (i % 11),
      region: regions[i % 4],
      verified: i % 3 === 0,
      updatedAt: Date.UTC(2026, 10, 1) + i * 1000,
    }
  })
}

const requests: Array<Partial<EngineRequest>> = [
  { q: '压力' },
  { q: '防爆 开关' },
  { q: '接近开关', inStock: true },
  { q: 'PT105' },
  { q: '', category: 1, enums: { 输出信号: ['4-20MA', 'RS485'] } },
  { q: '压力', ranges: { 量程: { min: 2000, max: 2500 } }, regions: ['深圳', '乐清'] },
  { q: '开关', priceMax: 1100, qty: 1 },
]

describe('search index at scale (dense terms as bitsets)', () => {
  const docs = catalogue(9000)
  // The same catalogue built in one go (dense terms found at the end) and streamed with its size known up front
  // (dense terms turn into bitsets while gathering) must answer alike, and alike a brute-force count.
  const whole = new SearchIndex(docs, segment)
  const builder = new SearchIndexBuilder(segment, docs.length)
  docs.forEach((d) => builder.add(d))
  const streamed = SearchIndex.from(builder)

  it('keeps common terms as bitsets and rare ones as lists', () => {
    expect(whole.postingsOf('h:压力')).toBeInstanceOf(Bitset)
    expect(whole.postingsOf('h:防爆')).toBeInstanceOf(Uint32Array)
    expect(streamed.postingsOf('h:压力')).toBeInstanceOf(Bitset)
    expect(whole.count('h:防爆')).toBe(180)
  })

  it('answers the same whichever way it was built, and as counted by hand', () => {
    for (const req of requests) {
      const a = runSearch(whole, { q: '', offset: 0, limit: 20, ...req }, segment)
      const b = runSearch(streamed, { q: '', offset: 0, limit: 20, ...req }, segment)
      expect(b.total).toBe(a.total)
      expect(b.ids).toEqual(a.ids)
      const scope = { categoryIds: [1, 11, 12, 2, 21], regions, params: [] }
      expect(facetCounts(streamed, b, scope)).toEqual(facetCounts(whole, a, scope))
    }
    const inStockPressure = docs.filter((d) => d.name.includes('压力') && d.stock > 0).length
    expect(runSearch(whole, { q: '压力', inStock: true, offset: 0, limit: 5 }, segment).total).toBe(inStockPressure)
    const fragment = docs.filter((d) => d.model.replace('-', '').includes('PT105')).length
    expect(runSearch(whole, { q: 'PT105', offset: 0, limit: 5 }, segment).total).toBe(fragment)
  })

  it('answers the same after its data crossed a thread boundary (the index worker posts it, arrays transferred)', () => {
    const fresh = new SearchIndexBuilder(segment, docs.length)
    docs.forEach((d) => fresh.add(d))
    const data = fresh.data()
    const transfer = SearchIndex.transferables(data)
    expect(transfer.length).toBeGreaterThan(10)
    const revived = SearchIndex.revive(structuredClone(data, { transfer }))
    // Handed over, not copied: the sender's arrays are detached.
    expect(data.ids.length).toBe(0)
    expect(revived.postingsOf('h:压力')).toBeInstanceOf(Bitset)
    // (ArrayBuffer.isView: jest's context has its own Uint32Array)
    expect(ArrayBuffer.isView(revived.postingsOf('h:防爆'))).toBe(true)
    expect(revived.model(0)).toBe(whole.model(0))
    expect(revived.withModelKey(whole.modelKey(5))).toEqual(whole.withModelKey(whole.modelKey(5)))
    const scope = { categoryIds: [1, 11, 12, 2, 21], regions, params: [] }
    for (const req of requests) {
      const a = runSearch(whole, { q: '', offset: 0, limit: 20, ...req }, segment)
      const b = runSearch(revived, { q: '', offset: 0, limit: 20, ...req }, segment)
      expect(b.ids).toEqual(a.ids)
      expect(b.total).toBe(a.total)
      expect(facetCounts(revived, b, scope)).toEqual(facetCounts(whole, a, scope))
    }
  })

  it('answers the same after it was stored as bytes and read back in chunks (index-codec: the shared index)', () => {
    const { skeleton, arrays } = encodeIndex(whole.data())
    // What is stored: the skeleton, then every array's bytes one after the other, cut at odd sizes.
    const stored = Buffer.concat(arrays.map((a) => Buffer.from(a)))
    // Every typed array of the index is in it (bytes() counts them all).
    expect(stored.byteLength).toBe(Object.values(whole.bytes()).reduce((n, b) => n + b, 0))
    expect(decodeIndex(Buffer.from(skeleton), 2)).toBeNull()
    expect(decodeIndex(Buffer.from('not a skeleton'))).toBeNull()
    const decoded = decodeIndex(Buffer.from(skeleton))!
    expect(decoded.arrays.map((a) => a.byteLength)).toEqual(arrays.map((a) => a.byteLength))
    let array = 0
    let at = 0
    for (let from = 0; from < stored.byteLength;) {
      const chunk = stored.subarray(from, from + 1000 + (from % 777))
      for (let i = 0; i < chunk.byteLength;) {
        while (at === decoded.arrays[array].byteLength) {
          array++
          at = 0
        }
        const n = Math.min(decoded.arrays[array].byteLength - at, chunk.byteLength - i)
        decoded.arrays[array].set(chunk.subarray(i, i + n), at)
        at += n
        i += n
      }
      from += chunk.byteLength
    }
    const read = SearchIndex.revive(decoded.data)
    // A copy, not the same memory.
    expect(read.ids).not.toBe(whole.ids)
    expect(Array.from(read.ids)).toEqual(Array.from(whole.ids))
    expect(read.bytes()).toEqual(whole.bytes())
    expect(read.postingsOf('h:压力')).toBeInstanceOf(Bitset)
    expect(read.model(3)).toBe(whole.model(3))
    expect(read.withModelKey(whole.modelKey(7))).toEqual(whole.withModelKey(whole.modelKey(7)))
    const scope = { categoryIds: [1, 11, 12, 2, 21], regions, params: [] }
    for (const req of requests) {
      const a = runSearch(whole, { q: '', offset: 0, limit: 20, ...req }, segment)
      const b = runSearch(read, { q: '', offset: 0, limit: 20, ...req }, segment)
      expect(b.ids).toEqual(a.ids)
      expect(b.total).toBe(a.total)
      expect(facetCounts(read, b, { ...scope, params: [{ key: '量程', kind: 'range' as const, unit: null }] })).toEqual(
        facetCounts(whole, a, { ...scope, params: [{ key: '量程', kind: 'range' as const, unit: null }] }),
      )
    }
    // A skeleton naming an array type it cannot make is refused, not half read.
    expect(() => encodeIndex({ ...whole.data(), ids: new BigInt64Array(2) as unknown as Int32Array })).toThrow(
      /cannot store a BigInt64Array/,
    )
  })

  it('names the distinct suppliers of the matches (demands), the same after a thread boundary', () => {
    const fresh = new SearchIndexBuilder(segment, docs.length)
    docs.forEach((d) => fresh.add(d))
    const data = fresh.data()
    const revived = SearchIndex.revive(structuredClone(data, { transfer: SearchIndex.transferables(data) }))
    const supplierOf = new Map(docs.map((d) => [d.id, d.supplierId]))
    const narrow: Array<Partial<EngineRequest>> = [{ q: 'PT105-3' }, { q: '防爆', regions: ['深圳'] }, { q: 'nothing' }]
    let some = 0
    for (const req of [...requests, ...narrow]) {
      const all = runSearch(whole, { q: '', offset: 0, limit: docs.length, ...req }, segment)
      const expected = [...new Set(all.ids.map((id) => supplierOf.get(id)!))].sort((a, b) => a - b)
      expect(all.ids.length).toBe(all.total)
      expect(matchingSuppliers(whole, { q: '', ...req }, segment)).toEqual(expected)
      expect(matchingSuppliers(revived, { q: '', ...req }, segment)).toEqual(expected)
      if (expected.length > 0 && expected.length < 11) some++
    }
    // Not only "every supplier" or "none": some requests reach a few suppliers.
    expect(some).toBeGreaterThan(0)
  })

  it('counts facets as a brute-force count does', () => {
    const result = runSearch(whole, { q: '开关', regions: ['深圳'], offset: 0, limit: 5 }, segment)
    const facets = facetCounts(whole, result, {
      categoryIds: [1, 12, 2, 21],
      regions: ['深圳', '苏州'],
      params: [
        { key: '输出信号', kind: 'enum', unit: null },
        { key: '量程', kind: 'range', unit: 'MPa' },
      ],
    })
    const switches = docs.filter((d) => d.name.includes('开关'))
    const inShenzhen = switches.filter((d) => d.region === '深圳')
    expect(facets.categories).toEqual(
      [1, 12, 2, 21]
        .map((id) => ({ id, count: inShenzhen.filter((d) => d.categoryIds.includes(id)).length }))
        .sort((a, b) => b.count - a.count),
    )
    // The region facet is counted without the region filter.
    expect(facets.regions).toEqual([
      { value: '深圳', count: inShenzhen.length },
      { value: '苏州', count: switches.filter((d) => d.region === '苏州').length },
    ])
    expect(facets.inStock).toBe(inShenzhen.filter((d) => d.stock > 0).length)
    const maxes = inShenzhen.map((d) => d.params[1].max!)
    expect(facets.params.find((p) => p.key === '量程')).toMatchObject({ min: 0, max: Math.max(...maxes) })
  })
  it('finds range bounds as a brute-force pass does, for large sets and small ones', () => {
    const bounds = (set: Bitset) => {
      let min = Infinity
      let max = -Infinity
      set.forEach((o) => {
        for (const p of docs[whole.ids[o] - 1].params) {
          if (p.key !== '量程') continue
          min = Math.min(min, p.min!)
          max = Math.max(max, p.max!)
        }
      })
      return Number.isFinite(min) ? { min, max } : null
    }
    // Sets of every size, some within one category lineage, with values that differ between lineages.
    const sets = [
      whole.bitset('h:压力'),
      whole.bitset('h:开关'),
      whole.bitset('c:21'),
      runSearch(whole, { q: '防爆', offset: 0, limit: 5 }, segment).match,
      runSearch(whole, { q: '压力', ranges: { 量程: { min: 3000, max: 3900 } }, offset: 0, limit: 5 }, segment).match,
      runSearch(whole, { q: 'PT105', offset: 0, limit: 5 }, segment).match,
      Bitset.of(whole.size, [whole.size - 1]),
      new Bitset(whole.size),
    ]
    // Built without bound orders for 量程 (not a facet there): the same bounds, by binary search or one walk.
    const plain = new SearchIndexBuilder(segment, docs.length, new Set(['other']))
    docs.forEach((d) => plain.add(d))
    const unordered = SearchIndex.from(plain)
    for (const set of sets) {
      const members = set.count()
      expect(whole.spanBounds('量程', set, members, whole.lineageCounts(set, members))).toEqual(bounds(set))
      expect(whole.spanBounds('量程', set, members)).toEqual(bounds(set))
      expect(whole.spanBounds('量程', set)).toEqual(bounds(set))
      expect(unordered.spanBounds('量程', set, members, whole.lineageCounts(set, members))).toEqual(bounds(set))
      expect(unordered.spanBounds('量程', set, members)).toEqual(bounds(set))
      expect(unordered.spanBounds('量程', set)).toEqual(bounds(set))
    }
  })
})

describe('span columns as 16-bit codes into the key’s values, or as values past 65,536 distinct ones', () => {
  // 70,000 products: 量程 has a few hundred distinct values (codes), 精度 one per product (values kept as they are).
  const n = 70_000
  const docs = catalogue(n).map((d, i) => ({
    ...d,
    params: [...d.params, { key: '精度', min: 0.001 * i - 20, max: 0.001 * i - 20 + (i % 3) * 0.1 }],
  }))
  const index = new SearchIndex(docs, segment)
  const brute = (key: string, lo: number, hi: number) =>
    docs
      .filter((d) =>
        d.params.some(
          (p) => p.key === key && Math.fround(p.min!) <= Math.fround(hi) && Math.fround(lo) <= Math.fround(p.max!),
        ),
      )
      .map((d) => d.id)
      .sort((a, b) => a - b)
  const ids = (set: Bitset) => {
    const out: number[] = []
    set.forEach((o) => void out.push(index.ids[o]))
    return out.sort((a, b) => a - b)
  }

  it('matches values and spans exactly as the values compare (bounds between, on and outside the stored values)', () => {
    const cases: Array<[string, number, number]> = [
      ['量程', 0, 0],
      ['量程', 150, 150],
      ['量程', 200, 200],
      ['量程', 3850, 1e9],
      ['量程', -1e9, -1],
      ['量程', 4000, 5000],
      ['精度', -20, -20],
      ['精度', 0.0005, 0.0015],
      ['精度', 3.3, 3.4],
      ['精度', 49.9, 1e9],
      ['精度', -1e9, -20.5],
    ]
    for (const [key, lo, hi] of cases)
      expect([key, lo, hi, ids(index.spanMatches(key, lo, hi))]).toEqual([key, lo, hi, brute(key, lo, hi)])
  })

  it('finds the same bounds for either storage', () => {
    const set = index.bitset('h:防爆')
    const members = set.count()
    for (const key of ['量程', '精度']) {
      let min = Infinity
      let max = -Infinity
      set.forEach((o) => {
        for (const p of docs[index.ids[o] - 1].params) {
          if (p.key !== key) continue
          min = Math.min(min, Math.fround(p.min!))
          max = Math.max(max, Math.fround(p.max!))
        }
      })
      const expected = { min: facetBound(min), max: facetBound(max) }
      expect(index.spanBounds(key, set, members, index.lineageCounts(set, members))).toEqual(expected)
      expect(index.spanBounds(key, set, members)).toEqual(expected)
      expect(index.spanBounds(key, set)).toEqual(expected)
    }
  })
})

describe('TextTermMemo (the terms of names, brands and category names, each analysed once)', () => {
  // The real segmenter (bulkSearchWords): the claim is about jieba's blocks, which stop at a space as bigrams and
  // Latin tokens do.
  const texts = [
    ['高精度扩散硅压力变送器', 'HONEYWELL', '压力传感器', '压力变送器'],
    ['MEMS加速度计 三轴', '深圳芯感', '加速度传感器', 'MEMS加速度计'],
    ['NPN常开电感式接近开关 M18', 'OMRON-X', '位置传感器', '接近开关'],
    ['霍尔电流传感器/开环', 'LEM', '电流传感器', '霍尔电流传感器'],
  ]

  it('gives each text on its own the terms the joined text gives', () => {
    const memo = new TextTermMemo(bulkSearchWords)
    for (const parts of texts) {
      const joined = [...textTerms(parts.join(' '), bulkSearchWords)].sort()
      const apart = new Set<string>()
      for (const part of parts) for (const term of memo.of(part)) apart.add(term)
      expect([...apart].sort()).toEqual(joined)
    }
  })

  it('answers a repeated text from memory, and starts over when full', () => {
    let calls = 0
    const counting = (text: string) => (calls++, segment(text))
    const memo = new TextTermMemo(counting, 2)
    memo.of('压力变送器')
    memo.of('压力变送器')
    expect(calls).toBe(1)
    memo.of('接近开关')
    memo.of('温度变送器') // full: starts over with this one
    memo.of('压力变送器')
    expect(calls).toBe(4)
    expect([...memo.of('压力变送器')]).toEqual([...textTerms('压力变送器', segment)])
  })
})
