import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { DataSource } from 'typeorm'
import { Product } from '../src/catalog/catalog.entity'
import { ProductImporter } from '../src/catalog/import/product-importer.service'
import { BulkLoad, DeferredIndexRestorer, withDeferredIndexes } from '../src/database/deferred-indexes'
import { engineQuery, SEARCH_ENGINE, type FacetScope, type SearchEngine } from '../src/search/search-engine'
import { createTestApp, ENGINE, resetDatabase } from './support/test-app'

/**
 * A first load into an empty catalogue on PostgreSQL (cli.ts import-products): the parameter and search indexes are
 * dropped for the load and built back after it, recorded so that none is lost if the load dies. PostgreSQL only.
 */
const onPostgres = ENGINE === 'postgres' ? describe : describe.skip
const TABLES = ['product_param', 'search_doc']

const records = Array.from({ length: 60 }, (_, i) => ({
  supplier: `批量供应商${i % 4}`,
  supplierRegion: ['深圳', '苏州'][i % 2],
  model: `BLK-${1000 + i}`,
  name: i % 2 ? '扩散硅压力变送器' : '温湿度变送器',
  brand: '测试',
  category: i % 2 ? '压力传感器/压力变送器' : '温湿度传感器',
  params: i % 2 ? { 量程: `0-${1 + (i % 5)}MPa`, 输出信号: '4-20mA' } : { 输出信号: 'RS485' },
  priceBreaks: [{ qty: 1, price: 100 + i }],
  stock: i % 3,
}))

onPostgres('a first load into an empty catalogue (PostgreSQL)', () => {
  let app: NestFastifyApplication
  let db: DataSource
  let engine: SearchEngine
  const scope: FacetScope = { categoryIds: [], regions: [], paramsFor: () => [] }

  beforeAll(async () => {
    app = await createTestApp()
    db = app.get(DataSource)
    engine = app.get<SearchEngine>(SEARCH_ENGINE)
    await app.get(DeferredIndexRestorer).idle()
  })
  afterAll(() => app.close())
  beforeEach(() => resetDatabase(app))

  /** Every index of the two tables with its definition. */
  const indexes = async () =>
    (
      (await db.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY($1) ORDER BY indexname`, [
        TABLES,
      ])) as Array<{ indexname: string; indexdef: string }>
    ).map((r) => `${r.indexname}: ${r.indexdef}`)
  const empty = async () => !(await db.getRepository(Product).exists())
  const recorded = async () =>
    ((await db.query('SELECT count(*)::int AS n FROM deferred_index')) as Array<{ n: number }>)[0].n

  it('sets the parameter and search indexes aside for the load and builds the same ones back after it', async () => {
    const before = await indexes()
    expect(before.some((i) => i.startsWith('IDX_search_doc_terms'))).toBe(true)
    let during: string[] = []
    const progress: string[] = []
    const summary = await withDeferredIndexes(
      db,
      { tables: TABLES, empty, settled: () => engine.settled(), progress: (l) => progress.push(l) },
      async () => {
        during = await indexes()
        expect(await recorded()).toBe(before.length - during.length)
        return app.get(ProductImporter).importRecords(records)
      },
    )
    expect(summary.failed).toEqual([])
    // During the load: only the keys (the upserts need them).
    expect(during.map((i) => i.split(':')[0]).sort()).toEqual(
      expect.arrayContaining(['search_doc_pkey', 'PK_3ce0ac0e9b897f44d4f4afdb1a9'].sort()),
    )
    expect(during.some((i) => i.startsWith('IDX_'))).toBe(false)
    expect(await indexes()).toEqual(before)
    expect(await recorded()).toBe(0)
    expect(progress.at(-1)).toMatch(/^indexes built in/)
    await engine.refresh()
    expect((await engine.search(engineQuery('BLK1007', { facets: false }), scope)).total).toBe(1)
    expect((await engine.search(engineQuery('压力变送器', { facets: false }), scope)).total).toBe(30)
  })

  it('keeps the indexes when the catalogue is not empty, or while another load holds them', async () => {
    await app.get(ProductImporter).importRecords(records.slice(0, 2))
    const before = await indexes()
    let during: string[] = []
    await withDeferredIndexes(
      db,
      { tables: TABLES, empty, settled: () => engine.settled(), progress: () => undefined },
      async () => {
        during = await indexes()
      },
    )
    expect(during).toEqual(before)

    const first = await BulkLoad.begin(db, TABLES, async () => true)
    expect(first?.setAside.length).toBe(before.length - 2)
    try {
      expect(await BulkLoad.begin(db, TABLES, async () => true)).toBeNull()
      // A server starting meanwhile leaves them to the load.
      expect(await app.get(DeferredIndexRestorer).restore()).toBe(0)
    } finally {
      await first!.end()
    }
    expect(await indexes()).toEqual(before)
  })

  it('builds back at the next start what a load that died left', async () => {
    const before = await indexes()
    const load = await BulkLoad.begin(db, TABLES, async () => true)
    expect(load).not.toBeNull()
    // The load dies: its connection closes without building anything.
    const runner = load!['runner']
    await runner.query('SELECT pg_advisory_unlock_all()')
    await runner.release()
    expect((await indexes()).length).toBe(2)
    expect(await recorded()).toBe(before.length - 2)
    expect(await app.get(DeferredIndexRestorer).restore()).toBe(before.length - 2)
    expect(await indexes()).toEqual(before)
    expect(await recorded()).toBe(0)
  })
})
