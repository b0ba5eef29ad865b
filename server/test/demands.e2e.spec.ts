import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import type {
  BuyerDemand,
  BuyerDemandPage,
  DemandInput,
  DemandProducts,
  NoticePage,
  SearchResult,
  SupplierDemand,
  SupplierDemandPage,
} from '@chuangan/shared'
import { DataSource } from 'typeorm'
import { Category, Supplier } from '../src/catalog/catalog.entity'
import { Demand, DemandSupplier } from '../src/demands/demand.entity'
import { DemoCatalogService } from '../src/demo/demo-catalog.service'
import { EmbeddedSearch } from '../src/search/embedded-search'
import { engineQuery, SEARCH_ENGINE, type EngineQuery, type SearchEngine } from '../src/search/search-engine'
import { SearchService } from '../src/search/search.service'
import { agent, createTestApp, ENGINE, roles, type Agent } from './support/test-app'

/**
 * 求购 over HTTP on the demo catalogue: a demand reaches exactly the suppliers having a matching product (checked
 * against search's own pages), each once, with a notice to their accounts; per role (anonymous, buyer, another
 * buyer, matched supplier, unmatched supplier, editor) every refused call changes nothing; answers, close, expiry,
 * account deletion. On PostgreSQL the two engines also answer the same supplier sets.
 */
describe(`demands (${ENGINE})`, () => {
  let app: NestFastifyApplication
  let db: DataSource
  let as: Awaited<ReturnType<typeof roles>>
  let categoryId: number
  /** Supplier ids with at least one matching product, as search's pages show them. */
  let expected: number[]
  let matched: Agent
  let matchedToo: Agent
  let unmatched: Agent
  let input: DemandInput

  const ENUMS = ['检测原理:催化燃烧', '输出信号:4-20mA']
  const RANGES = ['测量范围:5000~ppm']
  const day = 86_400_000
  const later = (days: number) => new Date(Date.now() + days * day).toISOString()

  /** Every page of a search: the distinct suppliers of its products. */
  async function suppliersBySearch(params: Record<string, string | string[]>): Promise<number[]> {
    const found = new Set<number>()
    let cursor: string | null = null
    do {
      const qs = new URLSearchParams({ limit: '50', facets: '0' })
      for (const [k, v] of Object.entries(params)) for (const one of [v].flat()) qs.append(k, one)
      if (cursor) qs.set('cursor', cursor)
      const page: SearchResult = (await as.anonymous.call<SearchResult>('GET', `/api/search?${qs}`)).body
      for (const item of page.items) found.add(item.supplier.id)
      cursor = page.nextCursor
    } while (cursor)
    return [...found].sort((a, b) => a - b)
  }

  /** What the tables hold (a refused call must leave it as it was). */
  async function snapshot() {
    return {
      demands: await db.getRepository(Demand).find({ order: { id: 'ASC' } }),
      sent: await db.getRepository(DemandSupplier).find({ order: { id: 'ASC' } }),
    }
  }

  beforeAll(async () => {
    app = await createTestApp()
    db = app.get(DataSource)
    await app.get(DemoCatalogService).seedIfEmpty()
    await app.get(SearchService).refresh()
    as = await roles(app)
    categoryId = (await db.getRepository(Category).findOneByOrFail({ name: '可燃气体探测器' })).id
    input = {
      category: categoryId,
      q: '',
      enum: ENUMS,
      range: RANGES,
      region: [],
      quantity: 20,
      deadline: later(10),
      note: '用于化工厂改造，需防爆认证',
      contact: '13800138000',
    }
    expected = await suppliersBySearch({
      category: String(categoryId),
      enum: ENUMS,
      range: RANGES,
    })
    // The category has three suppliers; the constraints leave some of them out.
    const inCategory = await suppliersBySearch({ category: String(categoryId) })
    expect(expected.length).toBeGreaterThanOrEqual(2)
    expect(inCategory.length).toBeGreaterThan(expected.length)
    matched = await agent(app, '供应商甲', 'supplier', { supplierId: expected[0] })
    matchedToo = await agent(app, '供应商乙', 'supplier', { supplierId: expected[1] })
    unmatched = await agent(app, '供应商丙', 'supplier', {
      supplierId: inCategory.find((id) => !expected.includes(id))!,
    })
  }, 180_000)
  afterAll(() => app.close())

  let demandId: number

  it('refuses anonymous callers and bad demands, storing nothing', async () => {
    const before = await snapshot()
    expect((await as.anonymous.call('POST', '/api/demands', input)).status).toBe(401)
    const bad: Array<[Partial<DemandInput>, number, string]> = [
      [{ deadline: later(-1) }, 400, 'DEMAND_DEADLINE_INVALID'],
      [{ deadline: later(400) }, 400, 'DEMAND_DEADLINE_INVALID'],
      [{ category: 999_999 }, 400, 'UNKNOWN_CATEGORY'],
      [{ enum: ['颜色:红'] }, 400, 'UNKNOWN_PARAM'],
      [{ range: ['测量范围:0~10bar'] }, 400, 'UNIT_MISMATCH'],
      [{ quantity: 0 }, 400, 'VALIDATION_FAILED'],
      [{ contact: '' }, 400, 'VALIDATION_FAILED'],
      [{ note: '长期代开发票' }, 422, 'CONTENT_REJECTED'],
    ]
    for (const [change, status, code] of bad) {
      const res = await as.reader.call<{ code: string }>('POST', '/api/demands', { ...input, ...change })
      expect(`${JSON.stringify(change)} ${res.status} ${res.body.code}`).toBe(
        `${JSON.stringify(change)} ${status} ${code}`,
      )
    }
    expect(await snapshot()).toEqual(before)
  })

  it('sends a demand to exactly the suppliers with a matching product, once each, and notifies their accounts', async () => {
    const res = await as.reader.call<BuyerDemand>('POST', '/api/demands', input)
    expect(res.status).toBe(201)
    demandId = res.body.id
    expect(res.body).toMatchObject({
      status: 'open',
      quantity: 20,
      contact: '13800138000',
      matchedSuppliers: expected.length,
      answers: [],
      category: { id: categoryId, name: '可燃气体探测器' },
    })
    expect(res.body.filters.enum).toEqual(input.enum)
    const rows = await db.getRepository(DemandSupplier).find({ where: { demandId } })
    expect(rows.map((r) => r.supplierId).sort((a, b) => a - b)).toEqual(expected)

    const notices = async (who: Agent) =>
      (await who.call<NoticePage>('GET', '/api/me/notices')).body.items.filter((n) => n.kind === 'demand')
    expect((await notices(matched)).map((n) => n.demand)).toEqual([
      { id: demandId, category: '可燃气体探测器', quantity: 20 },
    ])
    expect(await notices(matchedToo)).toHaveLength(1)
    expect(await notices(unmatched)).toHaveLength(0)
    expect(await notices(as.reader)).toHaveLength(0)
  })

  it('lets the buyer see it, its matching products and nothing of anybody else’s', async () => {
    const mine = (await as.reader.call<BuyerDemandPage>('GET', '/api/me/demands')).body
    expect(mine.items.map((d) => d.id)).toEqual([demandId])
    const products = (await as.reader.call<DemandProducts>('GET', `/api/me/demands/${demandId}/products?limit=50`)).body
    expect(products.total).toBeGreaterThan(0)
    expect([...new Set(products.items.map((p) => p.supplier.id))].sort((a, b) => a - b)).toEqual(expected)
    expect(products.items.every((p) => p.category.id === categoryId)).toBe(true)

    const before = await snapshot()
    for (const who of [as.otherReader, as.editor, as.author, matched]) {
      expect((await who.call('GET', `/api/me/demands/${demandId}`)).status).toBe(404)
      expect((await who.call('GET', `/api/me/demands/${demandId}/products`)).status).toBe(404)
      expect((await who.call('POST', `/api/me/demands/${demandId}/close`)).status).toBe(404)
      expect((await who.call<BuyerDemandPage>('GET', '/api/me/demands')).body.items).toEqual([])
    }
    for (const url of [`/api/me/demands/${demandId}`, '/api/me/demands']) {
      expect((await as.anonymous.call('GET', url)).status).toBe(401)
    }
    expect(await snapshot()).toEqual(before)
  })

  it('shows a matched supplier the demand with the contact; others get 403 or 404 and change nothing', async () => {
    const inbox = (await matched.call<SupplierDemandPage>('GET', '/api/supplier/demands')).body
    expect(inbox.items).toHaveLength(1)
    expect(inbox.items[0]).toMatchObject({ id: demandId, contact: '13800138000', answer: null, status: 'open' })
    expect((await matched.call<SupplierDemand>('GET', `/api/supplier/demands/${demandId}`)).body.id).toBe(demandId)

    const before = await snapshot()
    expect((await unmatched.call<SupplierDemandPage>('GET', '/api/supplier/demands')).body.items).toEqual([])
    expect((await unmatched.call('GET', `/api/supplier/demands/${demandId}`)).status).toBe(404)
    expect(
      (await unmatched.call('POST', `/api/supplier/demands/${demandId}/answer`, { note: '我们有货' })).status,
    ).toBe(404)
    for (const who of [as.reader, as.otherReader, as.editor]) {
      expect((await who.call('GET', '/api/supplier/demands')).status).toBe(403)
      expect((await who.call('GET', `/api/supplier/demands/${demandId}`)).status).toBe(403)
      expect((await who.call('POST', `/api/supplier/demands/${demandId}/answer`, { note: '我们有货' })).status).toBe(
        403,
      )
    }
    expect((await as.anonymous.call('GET', '/api/supplier/demands')).status).toBe(401)
    expect(
      (await matched.call('POST', `/api/supplier/demands/${demandId}/answer`, { note: '长期代开发票' })).status,
    ).toBe(422)
    expect((await matched.call('POST', `/api/supplier/demands/${demandId}/answer`, { note: '' })).status).toBe(400)
    expect(await snapshot()).toEqual(before)
  })

  it('takes one answer per supplier; the buyer sees it and gets a notice, other suppliers do not see it', async () => {
    const res = await matched.call<SupplierDemand>('POST', `/api/supplier/demands/${demandId}/answer`, {
      note: '现货 20 台，含防爆证',
      price: 1280.5,
    })
    expect(res.status).toBe(201)
    expect(res.body.answer).toMatchObject({ note: '现货 20 台，含防爆证', price: 1280.5 })
    const before = await snapshot()
    const again = await matched.call<{ code: string }>('POST', `/api/supplier/demands/${demandId}/answer`, {
      note: '再报一次',
    })
    expect([again.status, again.body.code]).toEqual([409, 'DEMAND_ANSWERED'])
    expect(await snapshot()).toEqual(before)

    const buyer = (await as.reader.call<BuyerDemand>('GET', `/api/me/demands/${demandId}`)).body
    expect(buyer.answers).toEqual([
      expect.objectContaining({ supplier: expect.objectContaining({ id: expected[0] }), price: 1280.5 }),
    ])
    const notices = (await as.reader.call<NoticePage>('GET', '/api/me/notices')).body.items
    expect(notices.filter((n) => n.kind === 'demand_answer').map((n) => n.demand?.id)).toEqual([demandId])
    expect((await matchedToo.call<SupplierDemand>('GET', `/api/supplier/demands/${demandId}`)).body.answer).toBeNull()
  })

  it('refuses answers once the buyer closes it or its deadline passes', async () => {
    const before = await snapshot()
    expect((await as.otherReader.call('POST', `/api/me/demands/${demandId}/close`)).status).toBe(404)
    expect(await snapshot()).toEqual(before)
    const closed = await as.reader.call<BuyerDemand>('POST', `/api/me/demands/${demandId}/close`)
    expect([closed.status, closed.body.status]).toEqual([200, 'closed'])
    const late = await matchedToo.call<{ code: string }>('POST', `/api/supplier/demands/${demandId}/answer`, {
      note: '有货',
    })
    expect([late.status, late.body.code]).toEqual([409, 'DEMAND_CLOSED'])

    const second = (await as.reader.call<BuyerDemand>('POST', '/api/demands', { ...input, note: '' })).body
    await db.getRepository(Demand).update({ id: second.id }, { deadline: new Date(Date.now() - 1000) })
    expect((await as.reader.call<BuyerDemand>('GET', `/api/me/demands/${second.id}`)).body.status).toBe('expired')
    const expired = await matched.call<{ code: string }>('POST', `/api/supplier/demands/${second.id}/answer`, {
      note: '有货',
    })
    expect([expired.status, expired.body.code]).toEqual([409, 'DEMAND_CLOSED'])
  })

  it('closes a deleted buyer’s demands and wipes the contact', async () => {
    const buyer = await agent(app, '买家戊', 'reader')
    const posted = (await buyer.call<BuyerDemand>('POST', '/api/demands', input)).body
    expect((await buyer.call('DELETE', '/api/me', { confirm: true })).status).toBe(200)
    const row = await db.getRepository(Demand).findOneByOrFail({ id: posted.id })
    expect(row.contact).toBeNull()
    expect(row.closedAt).not.toBeNull()
    const seen = (await matched.call<SupplierDemand>('GET', `/api/supplier/demands/${posted.id}`)).body
    expect([seen.status, seen.contact]).toEqual(['closed', null])
  })

  it('asks the engine for distinct suppliers as search pages show them, for other constraints too', async () => {
    const service = app.get(SearchService)
    const cases: Array<Record<string, string | string[]>> = [
      { q: '压力变送器' },
      { q: '防爆', region: ['深圳'] },
      { category: String(categoryId), enum: ['检测原理:红外NDIR'] },
      { q: 'nothing-at-all-zz' },
    ]
    for (const params of cases) {
      const query = {
        q: '',
        enum: [],
        range: [],
        region: [],
        sort: 'relevance' as const,
        limit: 20,
        ...params,
        category: params.category ? Number(params.category) : undefined,
      } as Parameters<SearchService['matchingSuppliers']>[0]
      expect(await service.matchingSuppliers(query)).toEqual(await suppliersBySearch(params))
    }
  })

  const onPostgres = ENGINE === 'postgres' ? it : it.skip
  onPostgres('has both engines answer the same suppliers (PostgreSQL and embedded)', async () => {
    const pg = app.get<SearchEngine>(SEARCH_ENGINE)
    expect(pg.name).toBe('postgres')
    const embedded = new EmbeddedSearch(db)
    await embedded.refresh()
    const base = engineQuery('', { facets: false })
    const regions = (await db.getRepository(Supplier).find()).map((s) => s.region)
    const queries: EngineQuery[] = [
      { ...base, q: '压力变送器' },
      { ...base, category: categoryId, enums: { 检测原理: ['催化燃烧'] } },
      { ...base, q: '传感器', regions: [regions[0]] },
      { ...base, q: 'PT-430', inStock: true },
      { ...base, ranges: { 测量范围: { min: 5000, max: Infinity } } },
      { ...base, q: 'zzzz-none' },
    ]
    for (const q of queries) expect(await pg.matchingSuppliers(q)).toEqual(await embedded.matchingSuppliers(q))
  })
})
