import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import type {
  Alternatives,
  Comparison,
  ProductDetail,
  SearchResult,
  SupplierProducts,
  SupplierProfile,
} from '@chuangan/shared'
import { DemoCatalogService } from '../src/demo/demo-catalog.service'
import { SearchService } from '../src/search/search.service'
import { createTestApp, ENGINE, roles, type Agent } from './support/test-app'

/**
 * 传感搜 2 over HTTP on the demo catalogue: a product's alternatives (compatible, ranked), compare (aligned by key,
 * one unit a row, differences flagged), a supplier and its products (paged, narrowed); every caller alike (all public);
 * bad input answered in the one error shape.
 */
describe(`products, suppliers, compare (${ENGINE})`, () => {
  let app: NestFastifyApplication
  let as: Awaited<ReturnType<typeof roles>>
  const ids = new Map<string, number>()

  beforeAll(async () => {
    app = await createTestApp()
    await app.get(DemoCatalogService).seedIfEmpty()
    await app.get(SearchService).refresh()
    as = await roles(app)
    for (const model of ['YB-983A', 'PT-561A', 'PT-401A', 'PT-430S', 'MPS-450', 'WZP-143', 'MPT623', 'PTX290A']) {
      const found = (await as.anonymous.call<SearchResult>('GET', `/api/search?q=${encodeURIComponent(model)}`)).body
      const hit = found.items.find((i) => i.model === model)
      if (!hit) throw new Error(`demo product ${model} not found`)
      ids.set(model, hit.id)
    }
  }, 180_000)
  afterAll(() => app.close())

  const id = (model: string) => ids.get(model)!
  const detail = async (productId: number) =>
    (await as.anonymous.call<ProductDetail>('GET', `/api/products/${productId}`)).body
  const everyone = () => Object.values(as) as Agent[]

  it('answers every caller alike: product, alternatives, compare, supplier and its products', async () => {
    const product = await detail(id('YB-983A'))
    const urls = [
      `/api/products/${id('YB-983A')}`,
      `/api/products/${id('YB-983A')}/alternatives`,
      `/api/products/compare?ids=${id('YB-983A')},${id('PT-561A')}`,
      `/api/suppliers/${product.supplier.id}`,
      `/api/suppliers/${product.supplier.id}/products?limit=5`,
    ]
    for (const url of urls) {
      const answers = await Promise.all(everyone().map((who) => who.call('GET', url)))
      for (const res of answers) {
        expect(res.status).toBe(200)
        expect(res.body).toEqual(answers[0].body)
      }
    }
    // The place the inquiries feature fills: nothing known yet.
    expect(product.supplier.responseRate).toBeNull()
    expect(product.supplier.medianAnswerMinutes).toBeNull()
  })

  it('lists alternatives of the same category whose span covers the product and that share an output, closest first', async () => {
    const res = await as.reader.call<Alternatives>('GET', `/api/products/${id('YB-983A')}/alternatives`)
    expect(res.status).toBe(200)
    const alt = res.body
    expect(alt.basis.category.path).toBe('压力传感器/压力变送器')
    expect(alt.basis.spans).toEqual([{ key: '量程', display: '0-25MPa' }])
    expect(alt.basis.outputs).toEqual([{ key: '输出信号', values: ['4-20mA'] }])
    const models = alt.items.map((i) => i.model)
    expect(models).toContain('PT-561A')
    expect(models).not.toContain('YB-983A')
    // -100–0 kPa does not cover 0–25 MPa; 0-10V shares no output.
    expect(models).not.toContain('PT-401A')
    expect(models).not.toContain('MPT623')
    const distances = alt.items.map((i) => i.distance)
    expect(distances).toEqual([...distances].sort((a, b) => a - b))

    // Exactly the compatible products of the category, checked one by one against their pages.
    const base = await detail(id('YB-983A'))
    const span = base.params.find((p) => p.key === '量程')!
    const all = (
      await as.reader.call<SearchResult>('GET', `/api/search?category=${base.category.id}&limit=50&facets=0`)
    ).body.items
    const expected: string[] = []
    for (const card of all) {
      if (card.id === base.id) continue
      const other = await detail(card.id)
      const range = other.params.find((p) => p.key === '量程')
      const output = other.params.find((p) => p.key === '输出信号')
      if (range && range.min! <= span.min! && range.max! >= span.max! && output?.values.includes('4-20mA')) {
        expected.push(card.model)
      }
    }
    expect([...models].sort()).toEqual(expected.sort())
  })

  it('keeps only compatible alternatives (covering span, shared output) and honours the limit', async () => {
    const alt = (await as.reader.call<Alternatives>('GET', `/api/products/${id('PT-430S')}/alternatives`)).body
    for (const item of alt.items) {
      const other = await detail(item.id)
      expect(other.category.id).toBe(alt.basis.category.id)
      const range = other.params.find((p) => p.key === '量程')!
      expect(range.min).toBeLessThanOrEqual(0)
      expect(range.max).toBeGreaterThanOrEqual(40_000)
      expect(other.params.find((p) => p.key === '输出信号')!.values).toContain('1-5V')
    }
    const limited = (await as.reader.call<Alternatives>('GET', `/api/products/${id('YB-983A')}/alternatives?limit=1`))
      .body
    expect(limited.items.length).toBeLessThanOrEqual(1)
  })

  it('compares products aligned by parameter key, one unit a row, differences flagged', async () => {
    const order = [id('PT-430S'), id('MPS-450'), id('WZP-143')]
    const res = await as.anonymous.call<Comparison>('GET', `/api/products/compare?ids=${order.join(',')}`)
    expect(res.status).toBe(200)
    const { products, rows } = res.body
    expect(products.map((p) => p.id)).toEqual(order)
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length)
    for (const row of rows) expect(row.cells).toHaveLength(3)

    // 0-40MPa and 0-16bar in one row, both in MPa; the thermometer has none.
    const range = rows.find((r) => r.key === '量程')!
    expect(range.unit).toBe('MPa')
    expect(range.dimension).toBe('pressure')
    expect(range.cells[0]).toMatchObject({ display: '0-40MPa', min: 0, max: 40, text: '0~40 MPa' })
    expect(range.cells[1]).toMatchObject({ display: '0-16bar', min: 0, max: 1.6, text: '0~1.6 MPa' })
    expect(range.cells[2]).toBeNull()
    expect(range.differs).toBe(true)

    // Rows only the thermometer has are aligned too (cells of the others empty).
    const temp = rows.find((r) => r.key === '测温范围')!
    expect(temp.unit).toBe('℃')
    expect(temp.cells.slice(0, 2)).toEqual([null, null])
    expect(temp.cells[2]).toMatchObject({ min: -40, max: 85 })

    // The same product twice in another request: nothing differs.
    const two = (
      await as.anonymous.call<Comparison>('GET', `/api/products/compare?ids=${id('YB-983A')},${id('PT-561A')}`)
    ).body
    const output = two.rows.find((r) => r.key === '输出信号')!
    expect(output.cells.map((c) => c?.text)).toEqual(['4-20mA', '4-20mA'])
    expect(output.differs).toBe(false)
    expect(two.rows.find((r) => r.key === '量程')!.differs).toBe(false)
  })

  it('shows a supplier and pages its products without repeats, narrowed by words and category', async () => {
    const product = await detail(id('YB-983A'))
    const profile = (await as.reader.call<SupplierProfile>('GET', `/api/suppliers/${product.supplier.id}`)).body
    expect(profile).toMatchObject({
      id: product.supplier.id,
      name: product.supplier.name,
      region: product.supplier.region,
      verified: product.supplier.verified,
      responseRate: null,
      medianAnswerMinutes: null,
    })
    expect(profile.productCount).toBe(profile.categories.reduce((n, c) => n + c.count, 0))

    const seen: number[] = []
    let cursor: string | null = null
    do {
      const page: SupplierProducts = (
        await as.reader.call<SupplierProducts>(
          'GET',
          `/api/suppliers/${profile.id}/products?limit=4${cursor ? `&cursor=${cursor}` : ''}`,
        )
      ).body
      expect(page.items.length).toBeLessThanOrEqual(4)
      for (const item of page.items) expect(item.supplier.id).toBe(profile.id)
      seen.push(...page.items.map((i) => i.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBe(profile.productCount)
    expect(seen).toContain(product.id)

    const byModel = (await as.reader.call<SupplierProducts>('GET', `/api/suppliers/${profile.id}/products?q=yb983`))
      .body
    expect(byModel.items.map((i) => i.model)).toContain('YB-983A')
    const none = (await as.reader.call<SupplierProducts>('GET', `/api/suppliers/${profile.id}/products?q=%25_`)).body
    expect(none.items).toEqual([])
    const top = profile.categories[0]
    const inCategory = (
      await as.reader.call<SupplierProducts>('GET', `/api/suppliers/${profile.id}/products?category=${top.id}&limit=50`)
    ).body
    expect(inCategory.items).toHaveLength(top.count)
  })

  it('answers bad input with a 4xx in the one shape', async () => {
    // A supplier that exists (ids are not reused between tests on PostgreSQL and MariaDB).
    const supplier = (await as.anonymous.call<{ supplier: { id: number } }>('GET', `/api/products/${id('YB-983A')}`))
      .body.supplier.id
    const cases: Array<[string, number, string]> = [
      ['/api/products/999999', 404, 'PRODUCT_NOT_FOUND'],
      ['/api/products/999999/alternatives', 404, 'PRODUCT_NOT_FOUND'],
      ['/api/products/abc/alternatives', 400, 'VALIDATION_FAILED'],
      [`/api/products/${id('YB-983A')}/alternatives?limit=99`, 400, 'VALIDATION_FAILED'],
      [`/api/products/compare?ids=${id('YB-983A')},999999`, 404, 'PRODUCT_NOT_FOUND'],
      ['/api/products/compare?ids=1,2,3,4,5', 400, 'VALIDATION_FAILED'],
      ['/api/products/compare?ids=1,x', 400, 'VALIDATION_FAILED'],
      ['/api/products/compare?ids=0', 400, 'VALIDATION_FAILED'],
      ['/api/products/compare?ids=2,2', 400, 'VALIDATION_FAILED'],
      ['/api/products/compare', 400, 'VALIDATION_FAILED'],
      ['/api/suppliers/999999', 404, 'SUPPLIER_NOT_FOUND'],
      ['/api/suppliers/999999/products', 404, 'SUPPLIER_NOT_FOUND'],
      ['/api/suppliers/-1', 400, 'VALIDATION_FAILED'],
      [`/api/suppliers/${supplier}/products?cursor=bogus`, 400, 'VALIDATION_FAILED'],
      [`/api/suppliers/${supplier}/products?category=999999`, 400, 'UNKNOWN_CATEGORY'],
    ]
    for (const [url, status, code] of cases) {
      const res = await as.anonymous.call<{ statusCode: number; code: string; message: string }>('GET', url)
      expect({ url, status: res.status, code: res.body.code }).toEqual({ url, status, code })
      expect(res.body.statusCode).toBe(status)
      expect(typeof res.body.message).toBe('string')
    }
  })
})
