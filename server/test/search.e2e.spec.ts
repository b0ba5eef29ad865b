import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import type { CategoryTree, ProductDetail, SearchResult, Suggestions } from '@chuangan/shared'
import { DataSource } from 'typeorm'
import { Product } from '../src/catalog/catalog.entity'
import { DemoCatalogService } from '../src/demo/demo-catalog.service'
import { HotSearches } from '../src/search/hot-searches'
import { SearchService } from '../src/search/search.service'
import quality from './search-quality.json'
import { createTestApp, ENGINE, roles, type Agent } from './support/test-app'

/**
 * 传感搜 over HTTP on the demo catalogue, with whichever engine the database gets (embedded on SQLite and MariaDB,
 * PostgreSQL's own on PostgreSQL): what buyers type, filters and facets, paging, suggestions, hot searches, the
 * category tree and a product, for every caller alike; bad input answered 400 with nothing stored.
 */
describe(`search (${ENGINE})`, () => {
  let app: NestFastifyApplication
  let as: Awaited<ReturnType<typeof roles>>
  let engine: string

  beforeAll(async () => {
    app = await createTestApp()
    await app.get(DemoCatalogService).seedIfEmpty()
    await app.get(SearchService).refresh()
    engine = app.get(SearchService).engineName
    as = await roles(app)
  }, 120_000)
  afterAll(() => app.close())

  const search = (who: Agent, params: Record<string, string | string[]>) => {
    const qs = new URLSearchParams()
    for (const [k, v] of Object.entries(params)) for (const one of [v].flat()) qs.append(k, one)
    return who.call<SearchResult>('GET', `/api/search?${qs}`)
  }
  const models = (r: SearchResult) => r.items.map((i) => i.model)

  it('answers every caller alike, signed in or not', async () => {
    const answers = await Promise.all(Object.values(as).map((who) => search(who, { q: '压力变送器', limit: '10' })))
    for (const res of answers) {
      expect(res.status).toBe(200)
      expect(models(res.body)).toEqual(models(answers[0].body))
    }
    expect(answers[0].body.total).toBeGreaterThan(0)
    expect(answers[0].body.engine).toBe(engine)
  })

  it('finds a model by a fragment anywhere, ignoring case and punctuation, and by one mistyped character', async () => {
    expect(models((await search(as.reader, { q: 'lj12a3' })).body)).toEqual(
      expect.arrayContaining(['LJ12A3-4-J/BX', 'LJ12A3-2-J/AY']),
    )
    const exact = (await search(as.reader, { q: 'PT-430S' })).body
    expect(exact.items[0].model).toBe('PT-430S')
    const typo = (await search(as.reader, { q: 'PT-431S' })).body
    expect(models(typo)).toContain('PT-430S')
    expect(typo.understood.some((u) => u.kind === 'fuzzyModel')).toBe(true)
  })

  it('understands trade shorthand, English words and parameters written in the query', async () => {
    const shorthand = (await search(as.anonymous, { q: '压变' })).body
    const full = (await search(as.anonymous, { q: '压力变送器' })).body
    expect(shorthand.total).toBe(full.total)
    expect(models((await search(as.anonymous, { q: 'proximity sensor M18 PNP' })).body)).toEqual(['LJ18A3-8-Z/AX'])
    // 10 bar is 1 MPa: found in products listed as 0-1.6MPa or 0-10bar; the chips say how the query was read.
    const tenBar = (await search(as.anonymous, { q: '压力变送器 10bar 0-10V' })).body
    expect(models(tenBar).sort()).toEqual(['MPT623', 'PTX290A'])
    expect(tenBar.understood.map((u) => u.kind)).toEqual(expect.arrayContaining(['word', 'quantity', 'enum']))
    const ip = (await search(as.anonymous, { q: '温湿度变送器 IP67', limit: '50' })).body
    expect(ip.total).toBeGreaterThan(0)
    for (const id of ip.items.map((i) => i.id)) {
      const detail = (await as.anonymous.call<ProductDetail>('GET', `/api/products/${id}`)).body
      const protection = detail.params.find((p) => p.key === '防护等级')
      expect(['IP67', 'IP68']).toContain(protection?.display)
    }
  })

  it('filters by category with its descendants, enum, range in any unit, region, stock and price, and counts facets', async () => {
    const tree = (await as.anonymous.call<CategoryTree>('GET', '/api/catalog/categories')).body
    const pressure = tree.items.find((c) => c.name === '压力传感器')!
    expect(pressure.count).toBe(pressure.children.reduce((n, c) => n + c.count, 0))
    const inPressure = (await search(as.reader, { q: '', category: String(pressure.id), limit: '50' })).body
    expect(inPressure.total).toBe(pressure.count)

    const base = (await search(as.reader, { q: '压力变送器' })).body
    const output = base.facets!.params.find((p) => p.key === '输出信号')
    expect(output?.kind).toBe('enum')
    const current = output!.kind === 'enum' ? output!.values.find((v) => v.value === '4-20mA')! : null
    const filtered = (await search(as.reader, { q: '压力变送器', enum: '输出信号:4-20mA' })).body
    expect(filtered.total).toBe(current!.count)
    expect(filtered.total).toBeLessThan(base.total)

    // The same span asked in MPa, bar and kPa finds the same products.
    const mpa = (await search(as.reader, { q: '压力变送器', range: '量程:20~30 MPa' })).body
    const bar = (await search(as.reader, { q: '压力变送器', range: '量程:200~300 bar' })).body
    const kpa = (await search(as.reader, { q: '压力变送器', range: '量程:20000~30000 kPa' })).body
    expect(mpa.total).toBeGreaterThan(0)
    expect(models(bar).sort()).toEqual(models(mpa).sort())
    expect(models(kpa).sort()).toEqual(models(mpa).sort())
    // With both filters the facet counts change.
    const both = (await search(as.reader, { q: '压力变送器', enum: '输出信号:4-20mA', range: '量程:20~30 MPa' })).body
    expect(both.total).toBeLessThanOrEqual(Math.min(mpa.total, filtered.total))
    expect(both.facets!.categories.find((c) => c.name === '压力变送器')?.count).toBe(both.total)

    const region = base.facets!.regions[0]
    const inRegion = (await search(as.reader, { q: '压力变送器', region: region.value })).body
    expect(inRegion.total).toBe(region.count)
    expect(inRegion.items.every((i) => i.supplier.region === region.value)).toBe(true)

    const stocked = (await search(as.reader, { q: '压力变送器', inStock: '1', limit: '50' })).body
    expect(stocked.total).toBe(base.facets!.inStock)
    expect(stocked.items.every((i) => i.stock > 0)).toBe(true)

    const cheap = (await search(as.reader, { q: '压力变送器', priceMax: '300', limit: '50' })).body
    expect(cheap.items.every((i) => i.priceFrom !== null && i.priceFrom <= 300)).toBe(true)
  })

  it('sorts by price and freshness, and pages with a cursor without repeats', async () => {
    const byPrice = (await search(as.reader, { q: '传感器', sort: 'price', limit: '20' })).body
    const prices = byPrice.items.map((i) => i.priceFrom ?? Infinity)
    expect(prices).toEqual([...prices].sort((a, b) => a - b))

    const seen: number[] = []
    let cursor: string | null = null
    let total: number
    do {
      const page: SearchResult = (await search(as.reader, { q: '变送器', limit: '20', ...(cursor ? { cursor } : {}) }))
        .body
      total = page.total
      seen.push(...page.items.map((i) => i.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen.length).toBe(total)
    expect(new Set(seen).size).toBe(seen.length)
  })

  it('offers a broader query or the nearest category when nothing matches', async () => {
    const none = (await search(as.anonymous, { q: '压力变送器 999MPa' })).body
    expect(none.total).toBe(0)
    expect(none.hint?.broaderQuery).toBeTruthy()
    const broader = (await search(as.anonymous, { q: none.hint!.broaderQuery! })).body
    expect(broader.total).toBeGreaterThan(0)
    expect(none.hint?.category?.name).toContain('压力')
  })

  it('suggests models, words and categories while typing (at most 10), and counts hot searches', async () => {
    const byModel = (await as.anonymous.call<Suggestions>('GET', `/api/search/suggest?q=${encodeURIComponent('LJ12')}`))
      .body
    expect(byModel.items.length).toBeGreaterThan(0)
    expect(byModel.items.length).toBeLessThanOrEqual(10)
    expect(byModel.items[0]).toMatchObject({ kind: 'model' })
    const byWord = (await as.anonymous.call<Suggestions>('GET', `/api/search/suggest?q=${encodeURIComponent('压力')}`))
      .body
    expect(byWord.items.some((s) => s.kind === 'category' && s.text.includes('压力'))).toBe(true)

    // Counted per query text for everyone; a query searched once is not hot.
    for (let i = 0; i < 30; i++) await search([as.reader, as.otherReader, as.author][i % 3], { q: '热电偶' })
    for (let i = 0; i < 20; i++) await search([as.editor, as.anonymous][i % 2], { q: '接近开关' })
    await search(as.reader, { q: '只搜过一次的词' })
    await app.get(HotSearches).flush()
    const hot = (await as.anonymous.call<{ items: string[] }>('GET', '/api/search/hot')).body
    expect(hot.items.slice(0, 2)).toEqual(['热电偶', '接近开关'])
    expect(hot.items).not.toContain('只搜过一次的词')
  })

  it('opens a product with its parameters, price breaks and supplier; an unknown one is 404', async () => {
    const first = (await search(as.anonymous, { q: 'PT-430S' })).body.items[0]
    const res = await as.anonymous.call<ProductDetail>('GET', `/api/products/${first.id}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ model: 'PT-430S', supplier: { region: '深圳' } })
    expect(res.body.priceBreaks.length).toBeGreaterThan(1)
    expect(res.body.params.find((p) => p.key === '量程')).toBeTruthy()
    const missing = await as.anonymous.call<{ code: string }>('GET', '/api/products/999999')
    expect(missing.status).toBe(404)
    expect(missing.body.code).toBe('PRODUCT_NOT_FOUND')
  })

  it('answers bad input with 400 in the one error shape, and stores nothing', async () => {
    const db = app.get(DataSource)
    const before = await db.getRepository(Product).count()
    const cases: Array<[Record<string, string>, string, string?]> = [
      [{ category: '999999' }, 'UNKNOWN_CATEGORY'],
      [{ enum: '颜色:红' }, 'UNKNOWN_PARAM', 'query.enum'],
      [{ range: '量程:0~10 kg' }, 'UNIT_MISMATCH', 'query.range'],
      [{ range: '不存在:0~10' }, 'UNKNOWN_PARAM', 'query.range'],
      [{ enum: 'no-colon' }, 'VALIDATION_FAILED', 'query.enum'],
      [{ cursor: 'not-a-cursor' }, 'VALIDATION_FAILED', 'query.cursor'],
      [{ limit: '1000' }, 'VALIDATION_FAILED', 'query.limit'],
      [{ sort: 'random' }, 'VALIDATION_FAILED', 'query.sort'],
      [{ q: 'x'.repeat(500) }, 'VALIDATION_FAILED', 'query.q'],
    ]
    for (const [params, code, field] of cases) {
      const res = await search(as.reader, { q: '压力', ...params })
      expect({ params, status: res.status }).toEqual({ params, status: 400 })
      const body = res.body as unknown as { code: string; message: string; details?: Array<{ path: string }> }
      expect(body.code).toBe(code)
      expect(body.message).toBeTruthy()
      if (field) expect(JSON.stringify(body.details ?? [])).toContain(field)
    }
    expect((await as.anonymous.call('GET', '/api/products/abc')).status).toBe(400)
    expect(await db.getRepository(Product).count()).toBe(before)
  })

  it(`reaches at least 95% on the quality set (${quality.queries.length} queries, each with the products that must be in its top 5)`, async () => {
    const misses: string[] = []
    for (const entry of quality.queries as Array<{ q: string; expect: string[]; enum?: string[]; range?: string[] }>) {
      const res = await search(as.anonymous, {
        q: entry.q,
        limit: '5',
        enum: entry.enum ?? [],
        range: entry.range ?? [],
      })
      expect(res.status).toBe(200)
      const top = models(res.body)
      if (!entry.expect.every((m) => top.includes(m))) misses.push(`${entry.q} → ${top.join(', ')}`)
    }
    const rate = 1 - misses.length / quality.queries.length
    console.log(
      `search quality (${engine}): ${(rate * 100).toFixed(1)}% of ${quality.queries.length}; misses: ${misses.join(' | ') || 'none'}`,
    )
    expect(quality.queries.length).toBeGreaterThanOrEqual(50)
    expect(rate).toBeGreaterThanOrEqual(0.95)
  })
})
