import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { ProductDetail } from '@chuangan/shared'
import { DataSource } from 'typeorm'
import { Category, Product, ProductParam, Supplier } from '../src/catalog/catalog.entity'
import { CatalogEvents, type ProductsChanged } from '../src/catalog/catalog-events'
import { importProductsCommand } from '../src/catalog/import/import-command'
import { ProductImporter } from '../src/catalog/import/product-importer.service'
import { productDetail } from '../src/catalog/product-views'
import { flattenTaxonomy } from '../src/catalog/taxonomy'
import { TaxonomyService } from '../src/catalog/taxonomy.service'
import { DemoCatalogService } from '../src/demo/demo-catalog.service'
import { createTestApp, ENGINE, resetDatabase } from './support/test-app'

const supplier = { supplier: '苏州华感电子有限公司', supplierRegion: '苏州' }
const transmitter = {
  ...supplier,
  model: 'PT-301A',
  name: '扩散硅压力变送器',
  brand: '华感',
  category: '压力传感器/压力变送器',
  params: { 量程: '0-1.6MPa', 输出信号: '4-20mA|RS485', 防护等级: 'IP67', 精度: '0.25%FS' },
  priceBreaks: [
    { qty: 1, price: 128.5 },
    { qty: 100, price: 99 },
  ],
  moq: 1,
  stock: 120,
  leadTimeDays: 3,
}
const lines = (...records: unknown[]) => records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n')

describe(`catalogue import (${ENGINE})`, () => {
  let app: NestFastifyApplication
  let db: DataSource
  let importer: ProductImporter
  let dir: string
  let changes: ProductsChanged[]

  beforeAll(async () => {
    app = await createTestApp()
    db = app.get(DataSource)
    importer = app.get(ProductImporter)
    app.get(CatalogEvents).onProductsChanged((change) => changes.push(change))
  })
  beforeEach(async () => {
    await resetDatabase(app)
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-'))
    changes = []
  })
  afterAll(() => app.close())

  const write = (name: string, content: string) => {
    const file = path.join(dir, name)
    fs.writeFileSync(file, content)
    return file
  }
  const product = (model: string) => db.getRepository(Product).findOneByOrFail({ model })
  const params = async (model: string) =>
    (await db.getRepository(ProductParam).find({ where: { productId: (await product(model)).id } }))
      .sort((a, b) => a.key.localeCompare(b.key) || a.seq - b.seq)
      .map((p) => [p.key, p.seq, p.min, p.max, p.value])

  it('imports JSON Lines: units normalised, each bad record reported with its line while the rest import', async () => {
    const file = write(
      'products.jsonl',
      lines(
        transmitter,
        { ...transmitter, model: 'PT-10BAR', params: { 量程: '10bar', 供电电压: { min: 12, max: 36, unit: 'V' } } },
        { ...transmitter, model: undefined },
        { ...transmitter, model: 'X-1', category: '压力传感器/压力表' },
        { ...transmitter, model: 'X-2', params: { 量程: '0-16kg' } },
        { ...transmitter, model: 'X-3', priceBreaks: [{ qty: 0, price: 10 }] },
        '{"supplier": "苏州华感电子有限公司", "model": ',
        '',
        {
          ...supplier,
          model: 'LJ12A3-4-Z/BX',
          name: '电感式接近开关',
          category: '接近开关/电感式接近开关',
          params: { 检测距离: '4mm', 输出信号: 'NPN', 螺纹: 'm12' },
          priceBreaks: [{ qty: 10, price: 9.8 }],
          moq: 10,
        },
      ),
    )
    const summary = await importer.importFile(file)
    expect(summary.created).toBe(3)
    expect(summary.updated).toBe(0)
    expect(summary.failed).toEqual([
      { line: 3, reason: 'model: is required' },
      { line: 4, reason: 'category: unknown category path "压力传感器/压力表"' },
      { line: 5, reason: 'params.量程: unit "kg" is a mass unit, expected a pressure unit' },
      { line: 6, reason: expect.stringContaining('priceBreaks.0.qty') },
      { line: 7, reason: expect.stringContaining('not valid JSON') },
    ])

    expect(await params('PT-301A')).toEqual([
      ['精度', 0, 0.25, 0.25, null],
      ['输出信号', 0, null, null, '4-20mA'],
      ['输出信号', 1, null, null, 'RS485'],
      ['量程', 0, 0, 1600, null], // 0–1.6 MPa in kPa
      ['防护等级', 0, null, null, 'IP67'],
    ])
    expect((await params('PT-10BAR')).find((p) => p[0] === '量程')).toEqual(['量程', 0, 1000, 1000, null]) // 10 bar
    const pt = await product('PT-301A')
    expect(pt).toMatchObject({ modelKey: 'PT301A', priceFrom: 9900, moq: 1, stock: 120, leadTimeDays: 3 })
    expect(JSON.parse(pt.priceBreaks)).toEqual([
      { qty: 1, price: 12850 },
      { qty: 100, price: 9900 },
    ])
    expect(JSON.parse(pt.params)).toMatchObject({ 量程: '0-1.6MPa', 输出信号: '4-20mA / RS485' })
    const category = (await app.get(TaxonomyService).categoriesByPath()).get('压力传感器/压力变送器')!
    const detail = ProductDetail.parse(
      productDetail(
        pt,
        { ...category, params: [...category.params.values()] },
        await db.getRepository(Supplier).findOneByOrFail({ id: pt.supplierId }),
        await db.getRepository(ProductParam).findBy({ productId: pt.id }),
      ),
    )
    expect(detail).toMatchObject({
      keyParams: ['0-1.6MPa', '4-20mA / RS485', '0.25%FS'],
      priceFrom: 99,
      priceBreaks: [
        { qty: 1, price: 128.5 },
        { qty: 100, price: 99 },
      ],
      supplier: { name: supplier.supplier, region: '苏州', verified: false },
    })
    expect(detail.params.find((p) => p.key === '量程')).toEqual({
      key: '量程',
      kind: 'range',
      display: '0-1.6MPa',
      dimension: 'pressure',
      min: 0,
      max: 1600,
      values: [],
    })
    const proximity = await product('LJ12A3-4-Z/BX')
    expect(proximity.modelKey).toBe('LJ12A34ZBX')
    expect(await params('LJ12A3-4-Z/BX')).toContainEqual(['螺纹', 0, null, null, 'M12'])
    expect(await db.getRepository(Supplier).count()).toBe(1)

    const ids = (await db.getRepository(Product).find()).map((p) => p.id).sort((a, b) => a - b)
    expect(changes.flatMap((c) => c.created).sort((a, b) => a - b)).toEqual(ids)
    expect(changes.flatMap((c) => c.updated)).toEqual([])
  })

  it('imports a JSON array, reporting a broken element by its first line', async () => {
    const file = write(
      'products.json',
      `[\n${JSON.stringify(transmitter, null, 2)},\n{"model": "BROKEN",\n "name": },\n${JSON.stringify({ ...transmitter, model: 'PT-302' })}\n]\n`,
    )
    const summary = await importer.importFile(file)
    const broken = 2 + JSON.stringify(transmitter, null, 2).split('\n').length
    expect(summary).toEqual({
      created: 2,
      updated: 0,
      failed: [{ line: broken, reason: expect.stringContaining('not valid JSON') }],
    })
  })

  it('imports CSV with param: columns, quoted cells over lines, and reports bad rows', async () => {
    const header =
      'supplier,supplierRegion,supplierVerified,model,name,brand,category,param:量程,param:输出信号,param:防护等级,priceBreaks,moq,stock,leadTimeDays,description'
    const file = write(
      'products.csv',
      [
        header,
        '苏州华感电子有限公司,苏州,是,PT-1,压力变送器,华感,压力传感器/压力变送器,0-1.6MPa,4-20mA|RS485,IP67,1:128.5|100:99,1,50,3,"两行说明,\n第二行"',
        '苏州华感电子有限公司,苏州,是,PT-2,压力变送器,华感,压力传感器/压力变送器,0-10bar,4-20mA,IP65,,1,0,,',
        '苏州华感电子有限公司,苏州,是,PT-3,压力变送器,华感,压力传感器/压力变送器,0-1MPa,4-20mA',
        '苏州华感电子有限公司,苏州,是,PT-4,压力变送器,华感,压力传感器/压力变送器,0-1MPa,4-20mA,IP65,1=20,1,0,,',
        '苏州华感电子有限公司,苏州,是,PT-5,压力变送器,华感,压力传感器/压力变送器,0-1MPa,4-20mA,IP65,,1,many,,',
      ].join('\n'),
    )
    const summary = await importer.importFile(file)
    expect(summary.created).toBe(2)
    expect(summary.failed).toEqual([
      { line: 5, reason: 'the row has 9 cells, the header 15 columns' },
      { line: 6, reason: 'priceBreaks: "1=20" is not qty:price' },
      { line: 7, reason: expect.stringContaining('stock') },
    ])
    expect(await params('PT-2')).toContainEqual(['量程', 0, 0, 1000, null])
    expect(await product('PT-1')).toMatchObject({ description: '两行说明,\n第二行', priceFrom: 9900, stock: 50 })
    expect(await product('PT-2')).toMatchObject({ priceFrom: null, leadTimeDays: null })
    expect((await db.getRepository(Supplier).findOneByOrFail({ name: supplier.supplier })).verified).toBe(true)
  })

  it('updates on re-import by (supplier, model): fields changed, parameters replaced, nothing duplicated', async () => {
    const first = write('a.jsonl', lines(transmitter, { ...transmitter, model: 'PT-302' }))
    expect(await importer.importFile(first)).toMatchObject({ created: 2, updated: 0 })
    const before = await product('PT-301A')
    changes = []

    const second = write(
      'b.jsonl',
      lines(
        {
          ...transmitter,
          supplierRegion: '无锡',
          name: '扩散硅压力变送器（升级款）',
          params: { 量程: '0-40MPa', 输出信号: 'HART' },
          priceBreaks: [{ qty: 1, price: 150 }],
        },
        { ...transmitter, supplierRegion: '无锡', model: 'PT-303' },
      ),
    )
    expect(await importer.importFile(second)).toEqual({ created: 1, updated: 1, failed: [] })
    expect(await db.getRepository(Product).count()).toBe(3)
    const after = await product('PT-301A')
    expect(after).toMatchObject({ id: before.id, name: '扩散硅压力变送器（升级款）', priceFrom: 15000 })
    expect(after.createdAt.getTime()).toBe(before.createdAt.getTime())
    expect(await params('PT-301A')).toEqual([
      ['输出信号', 0, null, null, 'HART'],
      ['量程', 0, 0, 40000, null],
    ])
    expect((await db.getRepository(Supplier).findOneByOrFail({ name: supplier.supplier })).region).toBe('无锡')
    expect(changes.flatMap((c) => c.updated)).toEqual([before.id])
    expect(changes.flatMap((c) => c.created)).toEqual([(await product('PT-303')).id])

    // The same product twice in one file: the later record wins.
    const twice = write('c.jsonl', lines({ ...transmitter, stock: 1 }, { ...transmitter, stock: 2 }))
    expect(await importer.importFile(twice)).toEqual({ created: 0, updated: 2, failed: [] })
    expect((await product('PT-301A')).stock).toBe(2)
  })

  it('stores text exactly, with the characters bulk statements must quote (PostgreSQL: array literals)', async () => {
    const odd = {
      ...transmitter,
      model: 'PT-"7\\{a,b}',
      name: 'NULL 压力变送器 "引号" \\反斜杠 {花括号,逗号}',
      brand: 'null',
      description: '前 后\t制表\n换行 "NULL" \\ {x}, ，',
      params: { 输出信号: 'NULL', 防护等级: 'IP67' },
    }
    expect(await importer.importFile(write('odd.jsonl', lines(odd, { ...odd, model: 'PT-8', brand: '' })))).toEqual({
      created: 2,
      updated: 0,
      failed: [],
    })
    expect(await product(odd.model)).toMatchObject({ name: odd.name, brand: 'null', description: odd.description })
    expect(await product('PT-8')).toMatchObject({ brand: '', datasheetUrl: null })
    expect(await params(odd.model)).toEqual([
      ['输出信号', 0, null, null, 'NULL'],
      ['防护等级', 0, null, null, 'IP67'],
    ])
    // Again: the update path writes the same text.
    expect(await importer.importFile(write('odd2.jsonl', lines(odd)))).toMatchObject({ created: 0, updated: 1 })
    expect(await product(odd.model)).toMatchObject({ name: odd.name, description: odd.description })
  })

  it('applies the taxonomy idempotently, and before an import into an emptied database', async () => {
    const taxonomy = app.get(TaxonomyService)
    expect(await taxonomy.apply()).toBeGreaterThan(0) // the reset emptied it
    expect(await taxonomy.apply()).toBe(0)
    expect(await db.getRepository(Category).count()).toBe(flattenTaxonomy().length)
    const categories = await taxonomy.categoriesByPath()
    expect([...categories.get('压力传感器/压力变送器')!.params.keys()]).toEqual(
      expect.arrayContaining(['量程', '输出信号', '防护等级', '精度']),
    )
  })

  it('loads the demo catalogue into an empty catalogue, once', async () => {
    const demo = app.get(DemoCatalogService)
    const created = await demo.seedIfEmpty()
    expect(created).toBeGreaterThanOrEqual(300)
    expect(await demo.seedIfEmpty()).toBe(0)
    const products = await db.getRepository(Product).find()
    const categories = new Map((await db.getRepository(Category).find()).map((c) => [c.id, c]))
    const tops = new Set(products.map((p) => categories.get(p.categoryId)!.path.split('/')[0]))
    expect(tops.size).toBeGreaterThanOrEqual(12)
    expect(await db.getRepository(Supplier).count()).toBeGreaterThanOrEqual(20)
    expect(await db.getRepository(Supplier).countBy({ verified: true })).toBeGreaterThan(0)
    expect(await db.getRepository(ProductParam).count()).toBeGreaterThan(products.length * 4)
  })

  it('runs as the import-products command: exit 0, 1 with bad records, 2 on a usage error', async () => {
    const out: string[] = []
    const err: string[] = []
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l), tty: null }
    const good = write('good.jsonl', lines(transmitter))
    expect(await importProductsCommand(importer, [good], io)).toBe(0)
    expect(out.pop()).toMatch(/^created 1, updated 0, failed 0/)
    expect(err.at(-1)).toMatch(/^100%: 1 records, created 1/)

    const bad = write('bad.txt', lines(transmitter, { ...transmitter, model: 'X', category: '不存在' }))
    expect(await importProductsCommand(importer, [bad, '--format', 'jsonl'], io)).toBe(1)
    expect(out.pop()).toMatch(/^created 0, updated 1, failed 1/)
    expect(err).toContain('✖ line 2: category: unknown category path "不存在"')

    expect(await importProductsCommand(importer, [bad], io)).toBe(2) // no format from .txt
    expect(await importProductsCommand(importer, [path.join(dir, 'missing.jsonl')], io)).toBe(2)
    expect(await importProductsCommand(importer, [good, '--format', 'xml'], io)).toBe(2)
    expect(err.at(-1)).toContain('usage: node dist/cli.js import-products')
  })
})
