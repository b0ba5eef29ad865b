import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { DataSource, In } from 'typeorm'
import { CatalogEvents } from '../src/catalog/catalog-events'
import { Product } from '../src/catalog/catalog.entity'
import { ProductImporter } from '../src/catalog/import/product-importer.service'
import { DemoCatalogService } from '../src/demo/demo-catalog.service'
import * as catalogSource from '../src/search/catalog-source'
import { EmbeddedSearch } from '../src/search/embedded-search'
import { PostgresSearch } from '../src/search/postgres/postgres-search'
import { SharedIndex } from '../src/search/postgres/shared-index'
import {
  engineQuery,
  SEARCH_ENGINE,
  type EngineQuery,
  type FacetScope,
  type SearchEngine,
} from '../src/search/search-engine'
import { SearchService } from '../src/search/search.service'
import quality from './search-quality.json'
import { createTestApp, ENGINE } from './support/test-app'

/**
 * The PostgreSQL engine against the embedded one on the demo catalogue, in one app on one database: the same
 * queries (words, shorthand, English, model fragments and typos, parameters, every filter, sorts, pages) must give
 * the same totals, the same pages and the same facet counts. Then freshness: an import shows at once, and a row
 * lost or stale is written again by `refresh()`. PostgreSQL only (elsewhere the engine cannot run).
 */
const onPostgres = ENGINE === 'postgres' ? describe : describe.skip

onPostgres('PostgreSQL search engine', () => {
  let app: NestFastifyApplication
  let db: DataSource
  let pg: SearchEngine
  let embedded: EmbeddedSearch
  let scope: FacetScope
  let categoryId: (path: string) => number

  beforeAll(async () => {
    app = await createTestApp()
    db = app.get(DataSource)
    await app.get(DemoCatalogService).seedIfEmpty()
    // Statistics now, not whenever autovacuum gets to it: on a fresh database PostgreSQL plans the counts-ahead
    // statements for empty tables otherwise (nested loops: minutes for the demo catalogue).
    await db.query('ANALYZE')
    const service = app.get(SearchService)
    pg = app.get<SearchEngine>(SEARCH_ENGINE)
    // The SQL side first: the shared index (its own test below) would answer with the embedded engine's code.
    if (pg instanceof PostgresSearch) pg.sharedIndex = false
    await service.refresh()
    embedded = new EmbeddedSearch(db)
    await embedded.refresh()
    const meta = await service['loadMeta']()
    scope = service['scope'](meta)
    categoryId = (path) => [...meta.categories.values()].find((c) => c.path === path)!.id
  }, 120_000)
  afterAll(() => app.close())

  const query = (q: Partial<EngineQuery>): EngineQuery => engineQuery('', q)

  it('is the engine on PostgreSQL', () => {
    expect(pg).toBeInstanceOf(PostgresSearch)
    expect(pg.name).toBe('postgres')
  })

  const same = async (q: Partial<EngineQuery>) => {
    const [a, b] = await Promise.all([pg.search(query(q), scope), embedded.search(query(q), scope)])
    const label = JSON.stringify(q)
    expect({ label, total: a.total }).toEqual({ label, total: b.total })
    expect({ label, ids: a.ids }).toEqual({ label, ids: b.ids })
    expect({ label, understood: a.understood }).toEqual({ label, understood: b.understood })
    const sortValues = <T extends { facets: unknown }>(x: T) =>
      JSON.parse(JSON.stringify(x.facets), (key, value: unknown) =>
        key === 'values' && Array.isArray(value)
          ? [...(value as Array<{ value: string }>)].sort((m, n) => (m.value < n.value ? -1 : 1))
          : key === 'categories' && Array.isArray(value)
            ? [...(value as Array<{ id: number }>)].sort((m, n) => m.id - n.id)
            : key === 'regions' && Array.isArray(value)
              ? [...(value as Array<{ value: string }>)].sort((m, n) => (m.value < n.value ? -1 : 1))
              : value,
      ) as unknown
    expect({ label, facets: sortValues(a) }).toEqual({ label, facets: sortValues(b) })
    return a
  }

  it.each([
    '',
    '压力变送器',
    '压变',
    '温度',
    '传感器',
    '霍尔',
    'pressure transmitter',
    'load cell',
    'proximity sensor M18 PNP',
    '压力变送器 10bar 0-10V',
    '温湿度变送器 IP67',
    '4-20mA 压力',
    'RS485 温度',
    '100A 电流传感器',
    '500kg 称重',
    'lj12a3',
    'PT-430S',
    '430S',
    'PT-431S',
    '5010',
    'LUGB',
    '不存在的东西',
  ])('answers %p as the embedded engine does', async (q) => {
    await same({ q })
  })

  it('answers every query of the quality set as the embedded engine does', async () => {
    for (const entry of quality.queries as Array<{ q: string }>) await same({ q: entry.q })
  })

  it('gives the same pages when it walks the rank index instead of finding the matches first', async () => {
    const engine = pg as PostgresSearch
    engine.smallMatch = 0
    try {
      for (const entry of quality.queries as Array<{ q: string }>) await same({ q: entry.q })
      await same({ q: '传感器', sort: 'price', offset: 20 })
      await same({ q: '变送器', sort: 'fresh', inStock: true })
      await same({ q: 'PT-430S 传感器' })
    } finally {
      engine.smallMatch = 20_000
    }
  })

  it('filters and sorts as the embedded engine does', async () => {
    const pressure = categoryId('压力传感器')
    const r = await same({ q: '', category: pressure, limit: 50 })
    expect(r.total).toBeGreaterThan(5)
    await same({ q: '变送器', category: pressure, sort: 'price' })
    await same({ q: '传感器', sort: 'fresh', offset: 20, limit: 10 })
    await same({ q: '', category: pressure, enums: { 输出信号: ['4-20MA'] } })
    await same({ q: '', category: pressure, ranges: { 量程: { min: 1e6, max: 1e6 } } })
    await same({ q: '', ranges: { 量程: { min: -Infinity, max: 2e5 } } })
    await same({ q: '传感器', regions: ['深圳'] })
    await same({ q: '传感器', inStock: true })
    await same({ q: '', priceMax: 20000, qty: 100 })
    await same({ q: '', priceMax: 5000, qty: 1, sort: 'price' })
    await same({
      q: '压力',
      category: pressure,
      enums: { 输出信号: ['4-20MA', 'RS485'] },
      inStock: true,
      sort: 'relevance',
    })
    for (let offset = 0; offset < 60; offset += 20) await same({ q: '传感器', offset })
  })

  it('reads the counts of a frequent word computed ahead, while they are current', async () => {
    await pg.refresh()
    const [state] = (await db.query('SELECT version, counts_version FROM search_state WHERE id = 1')) as Array<{
      version: string
      counts_version: string
    }>
    expect(state.counts_version).toBe(state.version)
    const before = await same({ q: '传感器' })
    // The kept answer is what the search shows: made wrong on purpose, the total follows it.
    const kept = (await db.query(`SELECT key, rows FROM search_count WHERE rows @> '[{"k": "n"}]'`)) as Array<{
      key: string
      rows: Array<{ k: string; n: string }>
    }>
    expect(kept.length).toBeGreaterThan(10)
    const totals = kept.map((r) => Number(r.rows.find((x) => x.k === 'n')!.n))
    expect(totals).toContain(before.total)
    await db.query(
      `UPDATE search_count SET rows = (SELECT jsonb_agg(CASE WHEN x->>'k' = 'n' THEN x || '{"n": "999999"}' ELSE x END)
         FROM jsonb_array_elements(rows) x) WHERE rows @> '[{"k": "n"}]'`,
    )
    ;(pg as PostgresSearch)['counts'].clear()
    expect((await pg.search(query({ q: '传感器' }), scope)).total).toBe(999999)
    // A catalogue change makes them stale: counted live again until they are computed again.
    await db.query('UPDATE search_state SET version = version + 1 WHERE id = 1')
    ;(pg as PostgresSearch)['version'].at = 0
    expect((await pg.search(query({ q: '传感器' }), scope)).total).toBe(before.total)
    await pg.refresh()
    await same({ q: '传感器' })
  })

  it('suggests models, categories and words as the embedded engine does', async () => {
    for (const text of ['LJ', 'pt-4', '压力', '温', 'mpx', '称重']) {
      const [a, b] = await Promise.all([pg.suggest(text, 10), embedded.suggest(text, 10)])
      expect({ text, a: a.filter((s) => s.kind !== 'word') }).toEqual({ text, a: b.filter((s) => s.kind !== 'word') })
      expect(a.filter((s) => s.kind === 'word').map((s) => s.text)).toEqual(
        expect.arrayContaining(b.filter((s) => s.kind === 'word').map((s) => s.text)),
      )
    }
  })

  it('answers from the shared index stored in the database while it is current, and in SQL after any change', async () => {
    const engine = pg as PostgresSearch
    const state = async () =>
      (
        (await db.query('SELECT version, snapshot_version FROM search_state WHERE id = 1')) as Array<{
          version: string
          snapshot_version: string | null
        }>
      )[0]
    const load = jest.spyOn(SharedIndex.prototype, 'load')
    const build = jest.spyOn(SharedIndex.prototype, 'publish')
    engine.sharedIndex = true
    // Another process: its own engine on the same database, with the shared index on.
    const other = Object.assign(new PostgresSearch(db, app.get(CatalogEvents)), { sharedIndex: true })
    try {
      await engine.refresh()
      const stored = await state()
      expect(stored.snapshot_version).toBe(stored.version)
      const [{ parts }] = (await db.query('SELECT count(*)::int AS parts FROM search_snapshot')) as Array<{
        parts: number
      }>
      expect(parts).toBeGreaterThanOrEqual(2)

      // The other process loads it (it does not build one) and answers from memory: no statement but the version's.
      await other.refresh()
      expect(load).toHaveBeenCalledTimes(1)
      await expect(load.mock.results[0].value).resolves.not.toBeNull()
      const queries = jest.spyOn(db, 'query')
      try {
        for (const entry of quality.queries as Array<{ q: string }>) {
          const [a, b] = await Promise.all([
            other.search(query({ q: entry.q }), scope),
            embedded.search(query({ q: entry.q }), scope),
          ])
          expect({ q: entry.q, a }).toEqual({ q: entry.q, a: b })
        }
        const filtered = {
          q: '压力',
          category: categoryId('压力传感器'),
          enums: { 输出信号: ['4-20MA'] },
          inStock: true,
        }
        expect(await other.search(query(filtered), scope)).toEqual(await embedded.search(query(filtered), scope))
        expect(await other.suggest('LJ', 10)).toEqual(await embedded.suggest('LJ', 10))
        expect(await other.matchingSuppliers(query({ q: '接近开关' }))).toEqual(
          await embedded.matchingSuppliers(query({ q: '接近开关' })),
        )
        expect(
          queries.mock.calls.map(([sql]) => String(sql)).filter((sql) => !sql.includes('FROM search_state')),
        ).toEqual([])
      } finally {
        queries.mockRestore()
      }

      // A change: both processes answer in SQL at once (the new product is found), until the index is stored again.
      const summary = await app.get(ProductImporter).importRecords([
        {
          supplier: '测试供应商乙',
          supplierRegion: '杭州',
          model: 'SHX-4471',
          name: '共享索引压力变送器',
          brand: '测试',
          category: '压力传感器/压力变送器',
          params: { 输出信号: '4-20mA' },
          priceBreaks: [{ qty: 1, price: 200 }],
          stock: 3,
        },
      ])
      expect(summary.failed).toEqual([])
      await engine.settled()
      engine['version'].at = 0
      other['version'].at = 0
      expect((await engine.search(query({ q: 'SHX4471' }), scope)).total).toBe(1)
      expect((await other.search(query({ q: 'SHX4471' }), scope)).total).toBe(1)
      expect(other['shared']).toBeNull()
      const moved = await state()
      expect(moved.snapshot_version).not.toBe(moved.version)

      // Stored again (by one of them), the other loads it; the product is found from memory.
      build.mockClear()
      load.mockClear()
      await engine.refresh()
      await other.refresh()
      // Built once (by the first), loaded by the other.
      expect(build).toHaveBeenCalledTimes(1)
      expect(load).toHaveBeenCalledTimes(1)
      expect(other['shared']?.version).toBe((await state()).version)
      expect((await other.search(query({ q: 'SHX4471' }), scope)).total).toBe(1)
      expect((await other.search(query({ q: '共享索引' }), scope)).ids.length).toBe(1)

      // An index that fails to answer is dropped: the search is answered in SQL, and that version not loaded again.
      const shared = other['shared']!
      jest.spyOn(shared.suggester, 'suggest').mockImplementation(() => {
        throw new Error('broken on purpose')
      })
      const sql = await other.suggest('LJ', 10)
      expect(sql.filter((x) => x.kind === 'model')).toEqual(
        (await embedded.suggest('LJ', 10)).filter((x) => x.kind === 'model'),
      )
      expect(other['shared']).toBeNull()
      load.mockClear()
      other['version'].at = 0
      expect((await other.search(query({ q: 'SHX4471' }), scope)).total).toBe(1)
      expect(load).not.toHaveBeenCalled()

      // Stored in another layout (an older or newer server): forgotten and built again, never half read.
      await db.query(`UPDATE search_snapshot SET data = '\\x00ff' WHERE part = 0`)
      const another = Object.assign(new PostgresSearch(db, app.get(CatalogEvents)), { sharedIndex: true })
      build.mockClear()
      await another.refresh()
      expect(build).toHaveBeenCalledTimes(1)
      expect(another['shared']).not.toBeNull()
      expect((await state()).snapshot_version).toBe((await state()).version)

      // The unlogged parts lost (as after a crash): the version stored is forgotten, the next look builds it again.
      await db.query('DELETE FROM search_snapshot')
      const fresh = Object.assign(new PostgresSearch(db, app.get(CatalogEvents)), { sharedIndex: true })
      await fresh.refresh()
      expect((await state()).snapshot_version).toBe((await state()).version)
      expect(fresh['shared']).not.toBeNull()
      const [{ again }] = (await db.query('SELECT count(*)::int AS again FROM search_snapshot')) as Array<{
        again: number
      }>
      expect(again).toBe(parts)
    } finally {
      engine.sharedIndex = false
      load.mockRestore()
      build.mockRestore()
    }
  })

  it("writes an import's rows from the products as the import wrote them: the rows a read-back writes", async () => {
    const record = (model: string, extra: Record<string, unknown>) => ({
      supplier: '测试供应商丙',
      supplierRegion: '苏州',
      model,
      name: '扩散硅压力变送器',
      brand: '测试',
      category: '压力传感器/压力变送器',
      params: { 输出信号: '4-20mA', 量程: { min: 0, max: 1.6, unit: 'MPa' } },
      priceBreaks: [
        { qty: 1, price: 320 },
        { qty: 100, price: 280 },
      ],
      stock: 12,
      ...extra,
    })
    const readBack = jest.spyOn(catalogSource, 'loadDocsByIds')
    const summary = await app
      .get(ProductImporter)
      .importRecords([record('RB-100A', {}), record('RB-200B', { stock: 0, supplierRegion: '无锡' })])
    expect(summary.failed).toEqual([])
    await pg.settled()
    const ids = (await db.getRepository(Product).findBy({ model: In(['RB-100A', 'RB-200B']) })).map((p) => p.id)
    expect(ids).toHaveLength(2)
    // Written without reading the products back.
    expect(readBack.mock.calls.flatMap((call) => call[2]).filter((id) => ids.includes(id))).toEqual([])
    readBack.mockRestore()
    // Array columns in a stable order: terms follow the parameters' order, which a read-back does not fix. The
    // static rank decays with age from the moment it is computed (staticRank): to five decimals.
    const rows = async (expected = false) =>
      (
        (await db.query('SELECT * FROM search_doc WHERE product_id = ANY($1) ORDER BY product_id', [ids])) as Array<
          Record<string, unknown>
        >
      ).map((row) => ({
        ...row,
        terms: [...(row.terms as string[])].sort(),
        enums: [...(row.enums as string[])].sort(),
        rank: expected ? expect.closeTo(row.rank as number, 5) : row.rank,
      }))
    const asWritten = await rows(true)
    expect(asWritten).toHaveLength(2)
    // The supplier's region as the chunk left it (its last record), on both rows.
    expect(asWritten.map((r) => (r as Record<string, unknown>).region)).toEqual(['无锡', '无锡'])

    await db.query('DELETE FROM search_doc WHERE product_id = ANY($1)', [ids])
    await pg.refresh()
    expect(await rows()).toEqual(asWritten)

    // Re-imported: the row is replaced from the products as written again.
    const again = await app
      .get(ProductImporter)
      .importRecords([record('RB-100A', { name: '陶瓷电容压力变送器', params: { 输出信号: 'RS485' } })])
    expect({ created: again.created, updated: again.updated }).toEqual({ created: 0, updated: 1 })
    await pg.settled()
    const [row] = (await db.query('SELECT terms, enums FROM search_doc WHERE product_id = $1', [ids[0]])) as Array<{
      terms: string[]
      enums: string[]
    }>
    expect(row.terms).toContain('h:陶瓷')
    expect(row.enums.some((e) => e.endsWith('=RS485'))).toBe(true)
    expect(row.enums.some((e) => e.endsWith('=4-20MA'))).toBe(false)

    // Products as written that the database has moved past (another process wrote them since) are read back.
    const [current] = (await db.getRepository(Product).findBy({ id: ids[1] })) as Product[]
    app.get(CatalogEvents).emitProductsChanged({
      created: [],
      updated: [current.id],
      written: [
        {
          id: current.id,
          model: current.model,
          name: '过时的名称',
          brand: current.brand,
          categoryId: current.categoryId,
          priceBreaks: current.priceBreaks,
          stock: current.stock,
          supplierId: current.supplierId,
          supplier: { region: '无锡', verified: false },
          updatedAt: new Date(current.updatedAt.getTime() - 60_000),
          params: [],
        },
      ],
    })
    await pg.settled()
    const [stale] = (await db.query('SELECT terms, updated_at FROM search_doc WHERE product_id = $1', [
      current.id,
    ])) as Array<{ terms: string[]; updated_at: Date }>
    expect(stale.terms).not.toContain('h:过时')
    expect(stale.terms).toContain('h:扩散')
    expect(stale.updated_at.getTime()).toBe(current.updatedAt.getTime())
  })

  it('keeps its rows fresh: an import shows at once, a lost or stale row is written again on refresh', async () => {
    const record = {
      supplier: '测试供应商甲',
      supplierRegion: '杭州',
      model: 'ZQX-9917K',
      name: '防爆压力变送器',
      brand: '测试',
      category: '压力传感器/压力变送器',
      params: { 输出信号: '4-20mA' },
      priceBreaks: [{ qty: 1, price: 123 }],
      stock: 5,
    }
    const summary = await app.get(ProductImporter).importRecords([record])
    expect(summary.failed).toEqual([])
    await pg.refresh()
    expect((await pg.search(query({ q: 'ZQX9917' }), scope)).total).toBe(1)
    expect((await pg.search(query({ q: 'ZQX9918K' }), scope)).understood.map((u) => u.kind)).toContain('fuzzyModel')

    const product = await db.getRepository(Product).findOneByOrFail({ model: 'ZQX-9917K' })
    await db.query('DELETE FROM search_doc WHERE product_id = $1', [product.id])
    expect((await pg.search(query({ q: 'ZQX9917' }), scope)).total).toBe(0)
    await db.getRepository(Product).update({ id: product.id }, { name: '隔爆温度变送器', updatedAt: new Date() })
    await pg.refresh()
    expect((await pg.search(query({ q: 'ZQX9917' }), scope)).total).toBe(1)
    expect((await pg.search(query({ q: '隔爆温度变送器 ZQX9917' }), scope)).total).toBe(1)

    // A change announced by the importer in this process is written without a refresh.
    app.get(CatalogEvents).emitProductsChanged({ created: [], updated: [product.id] })
    await db.getRepository(Product).update({ id: product.id }, { stock: 0 })
    await app.get(CatalogEvents).emitProductsChanged({ created: [], updated: [product.id] })
    await pg.refresh()
    expect((await pg.search(query({ q: 'ZQX9917', inStock: true }), scope)).total).toBe(0)

    await db.getRepository(Product).delete({ id: product.id })
    expect((await pg.search(query({ q: 'ZQX9917' }), scope)).total).toBe(0)
    const vocab = (await db.query(`SELECT count(*) AS n FROM search_vocab WHERE df <= 0`)) as Array<{ n: string }>
    expect(Number(vocab[0].n)).toBe(0)
  })
})
