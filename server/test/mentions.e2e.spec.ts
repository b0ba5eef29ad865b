import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import {
  ARTICLE_PRODUCTS_MAX,
  ContentErrors,
  SearchErrors,
  type ArticleProducts,
  type EditorArticle,
  type ProductArticles,
} from '@chuangan/shared'
import { DataSource } from 'typeorm'
import { Product } from '../src/catalog/catalog.entity'
import { ProductImporter } from '../src/catalog/import/product-importer.service'
import { TaxonomyService } from '../src/catalog/taxonomy.service'
import { DemoCatalogService } from '../src/demo/demo-catalog.service'
import { DemoContentService } from '../src/demo/demo-content.service'
import { Article } from '../src/content/article.entity'
import { MentionsService } from '../src/mentions/mentions.service'
import { ArticleModelKey, ArticleProduct } from '../src/mentions/mention.entity'
import { agent, createTestApp, ENGINE, resetDatabase, roles, type Agent } from './support/test-app'

/**
 * 文中相关产品 over HTTP: an article lists the products whose model numbers its text names and the products of the
 * categories its tags name; a product lists those articles back. Lists follow publish, revise, archive and catalogue
 * imports; both routes are public and show published articles only.
 */
describe(`products in articles (${ENGINE})`, () => {
  let app: NestFastifyApplication
  let db: DataSource
  let as: Awaited<ReturnType<typeof roles>> & { supplier: Agent }
  let authorId: number

  const record = (model: string, category: string, supplier = '测试仪表一厂', name = `${model} 传感器`) => ({
    supplier,
    supplierRegion: '深圳',
    model,
    name,
    brand: '测试',
    category,
    params: {},
    priceBreaks: [{ qty: 1, price: 120.5 }],
    moq: 1,
    stock: 10,
  })
  const importProducts = async (records: object[]) => {
    const summary = await app.get(ProductImporter).importRecords(records)
    expect(summary.failed).toEqual([])
    await app.get(MentionsService).idle()
    return summary
  }
  const productId = async (model: string, supplier?: string) => {
    const rows = await db.getRepository(Product).find({ where: { model }, order: { id: 'ASC' } })
    const row = supplier ? rows.find((r) => r.supplierId === Number(supplier)) : rows[0]
    if (!row) throw new Error(`no product ${model}`)
    return row.id
  }
  const listed = async (articleId: number, who: Agent = as.anonymous) => {
    const res = await who.call<ArticleProducts>('GET', `/api/articles/${articleId}/products`)
    expect(res.status).toBe(200)
    return res.body.items.map((i) => `${i.reason}:${i.model}`)
  }
  const articlesOf = async (id: number, query = '', who: Agent = as.anonymous) => {
    const res = await who.call<ProductArticles>('GET', `/api/products/${id}/articles${query}`)
    expect(res.status).toBe(200)
    return res.body
  }
  const write = async (fields: { title: string; body: string; tags?: string[] }) => {
    const res = await as.editor.call<EditorArticle>('POST', '/api/editor/articles', { authorId, ...fields })
    expect(res.status).toBe(201)
    return res.body.id
  }
  const publish = async (id: number) => {
    expect((await as.editor.call('POST', `/api/editor/articles/${id}/publish`)).status).toBe(200)
  }

  beforeAll(async () => {
    app = await createTestApp()
    db = app.get(DataSource)
  })
  beforeEach(async () => {
    await resetDatabase(app)
    await app.get(TaxonomyService).apply()
    await importProducts([
      record('YB-983A', '压力传感器/压力变送器'),
      record('YB-983A', '压力传感器/压力变送器', '测试仪表二厂'),
      record('PT-561A', '压力传感器/压力变送器'),
      record('WZP-143', '温度传感器/热电阻'),
      record('CYD-110B', '压力传感器/差压变送器'),
    ])
    const base = await roles(app)
    const supplierId = (await db.getRepository(Product).findOneByOrFail({ model: 'PT-561A' })).supplierId
    as = { ...base, supplier: await agent(app, '供应商戊', 'supplier', { supplierId }) }
    const author = await as.editor.call<{ id: number }>('POST', '/api/editor/authors', { slug: 'writer', name: '写手' })
    expect(author.status).toBe(201)
    authorId = author.body.id
  })
  afterAll(() => app.close())

  it('lists the products a published article names, in the order named, every supplier of a model', async () => {
    const id = await write({
      title: '变送器选型',
      body: '## 对比\n\n本文比较 **PT-561A** 与 yb983a（型号大小写、连字符不同也算），另见 [图](https://x.example/WZP-999.png)。\n\n4-20mA 输出。',
    })
    // A draft lists nothing, to anyone.
    for (const who of Object.values(as)) {
      const res = await who.call<{ code: string }>('GET', `/api/articles/${id}/products`)
      expect(res.status).toBe(404)
      expect(res.body.code).toBe(ContentErrors.ARTICLE_NOT_FOUND.code)
    }
    await publish(id)
    expect(await listed(id)).toEqual(['model:PT-561A', 'model:YB-983A', 'model:YB-983A'])
    // Every caller reads the same list; the product lists the article back.
    for (const who of Object.values(as)) expect(await listed(id, who)).toEqual(await listed(id))
    const back = await articlesOf(await productId('PT-561A'))
    expect(back.items.map((a) => a.id)).toEqual([id])
    expect(back.nextCursor).toBeNull()
    expect((await articlesOf(await productId('WZP-143'))).items).toEqual([])
    // The model keys it names are kept, whether or not a product has them (an image address is not text).
    const keys = (await db.getRepository(ArticleModelKey).findBy({ articleId: id })).map((k) => k.modelKey).sort()
    expect(keys).toEqual(['420MA', 'PT561A', 'YB983A'])
  })

  it('follows a revision: a model taken out of the text leaves the list, one added joins it', async () => {
    const id = await write({ title: '压力变送器', body: '推荐 PT-561A 和 YB-983A。' })
    await publish(id)
    expect(await listed(id)).toEqual(['model:PT-561A', 'model:YB-983A', 'model:YB-983A'])
    const res = await as.editor.call('PATCH', `/api/editor/articles/${id}`, {
      summary: '改为推荐热电阻',
      body: '改为推荐 WZP-143。',
    })
    expect(res.status).toBe(200)
    expect(await listed(id)).toEqual(['model:WZP-143'])
    expect((await articlesOf(await productId('PT-561A'))).items).toEqual([])
    expect((await articlesOf(await productId('WZP-143'))).items.map((a) => a.id)).toEqual([id])
  })

  it('lists a product imported after the article that names its model', async () => {
    const id = await write({ title: '新品预告', body: '即将上市的 MPX-7788 与现有的 PT-561A。' })
    await publish(id)
    expect(await listed(id)).toEqual(['model:PT-561A'])
    await importProducts([record('MPX-7788', '压力传感器/压力芯体', '测试仪表三厂')])
    expect(await listed(id)).toEqual(['model:MPX-7788', 'model:PT-561A'])
    expect((await articlesOf(await productId('MPX-7788'))).items.map((a) => a.id)).toEqual([id])
    // Re-importing changes nothing listed.
    await importProducts([record('MPX-7788', '压力传感器/压力芯体', '测试仪表三厂', '改名的芯体')])
    expect(await listed(id)).toEqual(['model:MPX-7788', 'model:PT-561A'])
  })

  it('fills the room left by named models with products of the categories its tags name, and their subcategories', async () => {
    const tagged = await write({ title: '压力测量综述', body: '不点名任何型号。', tags: ['压力传感器'] })
    const leaf = await write({ title: '热电阻', body: '另见 YB-983A。', tags: ['热电阻', '无关标签'] })
    await publish(tagged)
    await publish(leaf)
    // Oldest products first (the importer's order of writing), the whole of 压力传感器 and nothing else.
    const pressure = ['category:CYD-110B', 'category:PT-561A', 'category:YB-983A', 'category:YB-983A']
    expect((await listed(tagged)).sort()).toEqual(pressure)
    expect(await listed(leaf)).toEqual(['model:YB-983A', 'model:YB-983A', 'category:WZP-143'])
    const wzp = await articlesOf(await productId('WZP-143'))
    expect(wzp.items.map((a) => a.id)).toEqual([leaf])
    // A new product of a tagged category joins a list with room.
    await importProducts([record('WZPK-238', '温度传感器/热电阻')])
    expect(await listed(leaf)).toEqual(['model:YB-983A', 'model:YB-983A', 'category:WZP-143', 'category:WZPK-238'])
    // At most ARTICLE_PRODUCTS_MAX; a full list keeps the products it had.
    await importProducts(
      Array.from({ length: ARTICLE_PRODUCTS_MAX + 2 }, (_, i) => record(`PX-${100 + i}`, '压力传感器/压力开关')),
    )
    const full = await listed(tagged)
    expect(full).toHaveLength(ARTICLE_PRODUCTS_MAX)
    expect(full.slice(0, 4).sort()).toEqual(pressure)
  })

  it('shows nothing of an archived article, and takes it back when republished', async () => {
    const id = await write({ title: '将下线', body: '点名 PT-561A。' })
    await publish(id)
    const pt = await productId('PT-561A')
    expect((await articlesOf(pt)).items).toHaveLength(1)
    expect((await as.editor.call('POST', `/api/editor/articles/${id}/archive`)).status).toBe(200)
    expect((await as.anonymous.call('GET', `/api/articles/${id}/products`)).status).toBe(404)
    expect((await articlesOf(pt)).items).toEqual([])
    expect(await db.getRepository(ArticleProduct).countBy({ articleId: id })).toBe(0)
    expect(await db.getRepository(ArticleModelKey).countBy({ articleId: id })).toBe(0)
    // Importing the product again does not bring an archived article back.
    await importProducts([record('PT-561A', '压力传感器/压力变送器')])
    expect((await articlesOf(pt)).items).toEqual([])
    await publish(id)
    expect(await listed(id)).toEqual(['model:PT-561A'])
  })

  it('pages a product’s articles newest first by keyset', async () => {
    const ids: number[] = []
    for (let i = 0; i < 5; i++) {
      const id = await write({ title: `第 ${i} 篇`, body: `谈 YB-983A 的第 ${i} 篇。` })
      await publish(id)
      ids.push(id)
    }
    const yb = await productId('YB-983A')
    const seen: number[] = []
    let cursor: string | null = null
    do {
      const page: ProductArticles = await articlesOf(
        yb,
        `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      )
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items.map((a) => a.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual([...ids].reverse())
  })

  it('answers unknown ids and bad input in the one error shape, and refuses writes', async () => {
    const notFound = await as.reader.call<{ code: string }>('GET', '/api/products/999999/articles')
    expect(notFound.status).toBe(404)
    expect(notFound.body.code).toBe(SearchErrors.PRODUCT_NOT_FOUND.code)
    expect((await as.reader.call<{ code: string }>('GET', '/api/articles/999999/products')).body.code).toBe(
      ContentErrors.ARTICLE_NOT_FOUND.code,
    )
    for (const url of ['/api/articles/abc/products', '/api/products/0/articles', '/api/products/1/articles?limit=0']) {
      expect((await as.anonymous.call('GET', url)).status).toBe(400)
    }
    const pt = await productId('PT-561A')
    expect((await as.anonymous.call('GET', `/api/products/${pt}/articles?cursor=nonsense`)).status).toBe(400)
    for (const who of Object.values(as)) {
      expect((await who.call('POST', `/api/products/${pt}/articles`, {})).status).toBe(404)
    }
  })

  it('shows on the demo site: demo articles list the demo products they name (articles loaded before the catalogue, as at start)', async () => {
    await resetDatabase(app)
    await app.get(TaxonomyService).apply()
    await app.get(DemoContentService).seedIfEmpty(new Date(), { images: false })
    await app.get(DemoCatalogService).seedIfEmpty()
    await app.get(MentionsService).idle()
    const article = await db
      .getRepository(Article)
      .findOneByOrFail({ slug: 'industrial-pressure-transmitter-selection' })
    const items = await listed(article.id)
    expect(items.slice(0, 3)).toEqual(['model:PT-561A', 'model:PT-430S', 'model:YB-983A'])
    expect(items).toHaveLength(ARTICLE_PRODUCTS_MAX)
    expect(items.slice(3).every((i) => i.startsWith('category:'))).toBe(true)
    const back = await articlesOf(await productId('PT-561A'))
    expect(back.items.map((a) => a.id)).toContain(article.id)
    const rtd = await db.getRepository(Article).findOneByOrFail({ slug: 'rtd-vs-thermocouple-selection' })
    expect(await listed(rtd.id)).toEqual(['model:WZP-143', 'model:RTD-553T'])
  }, 120_000)
})
