import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { SAVED_SEARCH_LIMITS, type NoticePage, type SavedSearchPage, type SavedSearchView } from '@chuangan/shared'
import { DataSource } from 'typeorm'
import { ProductImporter } from '../src/catalog/import/product-importer.service'
import { SavedSearch } from '../src/saved-searches/saved-search.entity'
import { SavedSearchesService } from '../src/saved-searches/saved-searches.service'
import { SearchService } from '../src/search/search.service'
import { agent, createTestApp, ENGINE, resetDatabase, roles, type Agent } from './support/test-app'

/**
 * 订阅的搜索 over the API: who may save, list, open and delete; the per-buyer limit; filters checked as a search checks
 * them; and matching — a product an import creates or updates fires the saved searches it matches (once a day per
 * saved search in 消息, later matches counted on the same notice or on the list). On PostgreSQL with both engines.
 */
const engines = ENGINE === 'postgres' ? (['postgres', 'embedded'] as const) : (['embedded'] as const)

const product = (model: string, name: string, output: string, extra: Record<string, unknown> = {}) => ({
  supplier: '订阅测试供应商',
  supplierRegion: '杭州',
  model,
  name,
  brand: '测试',
  category: '压力传感器/压力变送器',
  params: { 输出信号: output },
  priceBreaks: [{ qty: 1, price: 300 }],
  stock: 10,
  ...extra,
})

describe.each(engines)('saved searches (%s engine)', (engine) => {
  let app: NestFastifyApplication
  let db: DataSource
  let who: Awaited<ReturnType<typeof roles>>

  const importProducts = async (records: unknown[]) => {
    const summary = await app.get(ProductImporter).importRecords(records)
    expect(summary.failed).toEqual([])
    await app.get(SavedSearchesService).idle()
    return summary
  }
  const mine = async (a: Agent) => {
    const res = await a.call<SavedSearchPage>('GET', '/api/me/saved-searches')
    expect(res.status).toBe(200)
    return res.body.items
  }
  const savedNotices = async (a: Agent) => {
    const res = await a.call<NoticePage>('GET', '/api/me/notices')
    expect(res.status).toBe(200)
    return res.body.items.filter((n) => n.kind === 'saved_search')
  }
  const unreadSaved = async (a: Agent) =>
    (await a.call<{ byKind: Record<string, number> }>('GET', '/api/me/notices/unread')).body.byKind.saved_search
  const save = (a: Agent, body: object) => a.call<SavedSearchView>('POST', '/api/me/saved-searches', body)
  const pressure = { name: '4-20mA 压力变送器', query: { q: '压力变送器', enum: ['输出信号:4-20mA'] } }

  beforeAll(async () => {
    app = await createTestApp({ SEARCH_ENGINE: engine })
    db = app.get(DataSource)
  }, 60_000)
  afterAll(() => app.close())
  beforeEach(async () => {
    await resetDatabase(app)
    // A catalogue to search in (the taxonomy is applied by the import).
    await importProducts([product('BASE-100', '扩散硅压力变送器', 'RS485')])
    await app.get(SearchService).refresh()
    who = await roles(app)
  })

  it('refuses the anonymous caller, and changes nothing', async () => {
    expect((await who.anonymous.call('GET', '/api/me/saved-searches')).status).toBe(401)
    expect((await save(who.anonymous, pressure)).status).toBe(401)
    expect((await who.anonymous.call('POST', '/api/me/saved-searches/1/open')).status).toBe(401)
    expect((await who.anonymous.call('DELETE', '/api/me/saved-searches/1')).status).toBe(401)
    expect(await db.getRepository(SavedSearch).count()).toBe(0)
  })

  it('lets a buyer save, list, open and delete their own; another buyer sees none of it; an editor has their own', async () => {
    const res = await save(who.reader, pressure)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      name: '4-20mA 压力变送器',
      query: { q: '压力变送器', enum: ['输出信号:4-20mA'], range: [], region: [], sort: 'relevance' },
      newMatches: 0,
      lastMatchedAt: null,
    })
    const id = res.body.id
    expect((await mine(who.reader)).map((s) => s.id)).toEqual([id])

    // Another buyer: an empty list, and the buyer's saved search is as missing as a missing one.
    expect(await mine(who.otherReader)).toEqual([])
    for (const [method, url] of [
      ['POST', `/api/me/saved-searches/${id}/open`],
      ['DELETE', `/api/me/saved-searches/${id}`],
    ] as const) {
      const refused = await who.otherReader.call<{ code: string }>(method, url)
      expect(refused.status).toBe(404)
      expect(refused.body.code).toBe('SAVED_SEARCH_NOT_FOUND')
    }
    expect((await mine(who.reader)).map((s) => s.id)).toEqual([id])

    // An editor is a signed-in user with their own list.
    expect((await save(who.editor, { name: '温度', query: { q: '温度变送器' } })).status).toBe(201)
    expect((await mine(who.editor)).map((s) => s.name)).toEqual(['温度'])
    expect((await mine(who.reader)).map((s) => s.id)).toEqual([id])

    const opened = await who.reader.call<SavedSearchView>('POST', `/api/me/saved-searches/${id}/open`)
    expect(opened.status).toBe(200)
    expect(opened.body.query).toEqual(res.body.query)

    expect((await who.reader.call('DELETE', `/api/me/saved-searches/${id}`)).body).toEqual({ ok: true })
    expect(await mine(who.reader)).toEqual([])
    expect((await who.reader.call('DELETE', `/api/me/saved-searches/${id}`)).status).toBe(404)
  })

  it('checks the filters as a search does, and the name', async () => {
    const unknown = await save(who.reader, { name: '无此参数', query: { q: '压力', enum: ['颜色:红'] } })
    expect(unknown.status).toBe(400)
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_PARAM', details: [{ path: 'body.query.enum' }] })
    const unit = await save(who.reader, { name: '单位', query: { range: ['量程:0~10kg'] } })
    expect(unit.status).toBe(400)
    expect(unit.body).toMatchObject({ code: 'UNIT_MISMATCH' })
    expect((await save(who.reader, { name: '分类', query: { category: 999_999 } })).body).toMatchObject({
      code: 'UNKNOWN_CATEGORY',
    })
    expect((await save(who.reader, { name: '', query: { q: '压力' } })).status).toBe(400)
    expect((await save(who.reader, { name: 'x'.repeat(31), query: { q: '压力' } })).status).toBe(400)
    expect((await save(who.reader, { name: '多余', query: { q: '压力' }, extra: 1 })).status).toBe(400)
    expect(await db.getRepository(SavedSearch).count()).toBe(0)
  })

  it(`keeps at most ${SAVED_SEARCH_LIMITS.perUser} per buyer`, async () => {
    for (let i = 0; i < SAVED_SEARCH_LIMITS.perUser; i++) {
      expect((await save(who.reader, { name: `搜索${i}`, query: { q: `压力${i}` } })).status).toBe(201)
    }
    const refused = await save(who.reader, { name: '再一个', query: { q: '压力' } })
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({ code: 'SAVED_SEARCH_LIMIT_REACHED' })
    expect(await db.getRepository(SavedSearch).countBy({ userId: who.reader.user!.id })).toBe(
      SAVED_SEARCH_LIMITS.perUser,
    )
    // Keyset pages cover them all, once each.
    const seen: number[] = []
    let cursor: string | null = null
    do {
      const res: { status: number; body: SavedSearchPage } = await who.reader.call<SavedSearchPage>(
        'GET',
        `/api/me/saved-searches?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      )
      expect({ status: res.status, body: res.status === 200 ? null : res.body }).toEqual({ status: 200, body: null })
      seen.push(...res.body.items.map((s) => s.id))
      cursor = res.body.nextCursor
    } while (cursor)
    expect(new Set(seen).size).toBe(SAVED_SEARCH_LIMITS.perUser)
    // Another buyer's limit is their own.
    expect((await save(who.otherReader, { name: '一个', query: { q: '压力' } })).status).toBe(201)
  })

  it('fires once for a new matching product, not for a non-matching one, and at most one notice a day', async () => {
    const { id } = (await save(who.reader, pressure)).body
    const other = (await save(who.otherReader, { name: '温度变送器', query: { q: '温度变送器' } })).body

    // Not matching: RS485, and not a temperature transmitter.
    await importProducts([product('ZQX-1000', '压力变送器', 'RS485')])
    expect(await savedNotices(who.reader)).toEqual([])
    expect((await mine(who.reader))[0].newMatches).toBe(0)

    await importProducts([product('ZQX-1001', '压力变送器', '4-20mA')])
    let notices = await savedNotices(who.reader)
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({ read: false, count: 1, savedSearch: { id, name: '4-20mA 压力变送器' } })
    expect(await unreadSaved(who.reader)).toBe(1)
    expect((await mine(who.reader))[0]).toMatchObject({ newMatches: 1 })
    expect(await savedNotices(who.otherReader)).toEqual([])
    expect((await mine(who.otherReader))[0]).toMatchObject({ id: other.id, newMatches: 0 })

    // A second match the same day: the same notice counts it, no second notice.
    await importProducts([product('ZQX-1002', '压力变送器', '4-20mA')])
    notices = await savedNotices(who.reader)
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({ read: false, count: 2 })
    expect(await unreadSaved(who.reader)).toBe(1)

    // Read; a third match the same day waits on the list's count, the notice stays read.
    expect((await who.reader.call('POST', `/api/me/notices/${notices[0].id}/read`)).status).toBe(200)
    await importProducts([product('ZQX-1003', '压力变送器', '4-20mA')])
    notices = await savedNotices(who.reader)
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({ read: true, count: 2 })
    expect(await unreadSaved(who.reader)).toBe(0)
    expect((await mine(who.reader))[0].newMatches).toBe(3)

    // The next day (as if the last notice were yesterday): an update that still matches opens it again, counting all.
    await db.getRepository(SavedSearch).update({ id }, { lastNotifiedAt: new Date(Date.now() - 24 * 3600_000) })
    const updated = await importProducts([product('ZQX-1003', '压力变送器 新款', '4-20mA')])
    expect(updated).toMatchObject({ created: 0, updated: 1 })
    notices = await savedNotices(who.reader)
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({ read: false, count: 4 })

    // Opening it sees the matches; deleting it takes its notice away.
    expect((await who.reader.call<SavedSearchView>('POST', `/api/me/saved-searches/${id}/open`)).body.newMatches).toBe(
      0,
    )
    expect((await mine(who.reader))[0].newMatches).toBe(0)
    expect((await who.reader.call('DELETE', `/api/me/saved-searches/${id}`)).status).toBe(200)
    expect(await savedNotices(who.reader)).toEqual([])
  })

  it('is deleted with the account', async () => {
    const zed = await agent(app, '注销者', 'reader')
    expect((await save(zed, pressure)).status).toBe(201)
    expect((await save(who.reader, pressure)).status).toBe(201)
    expect((await zed.call('DELETE', '/api/me', { confirm: true })).body).toEqual({ ok: true })
    expect(await db.getRepository(SavedSearch).countBy({ userId: zed.user!.id })).toBe(0)
    expect(await db.getRepository(SavedSearch).countBy({ userId: who.reader.user!.id })).toBe(1)
    // Matching after it goes on for the others.
    await importProducts([product('ZQX-2001', '压力变送器', '4-20mA')])
    expect(await savedNotices(who.reader)).toHaveLength(1)
  })
})
