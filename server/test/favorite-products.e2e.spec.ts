import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { ApiError, FolderItems, FolderList, FolderView, ProductFolders } from '@chuangan/shared'
import { DataSource } from 'typeorm'
import { Product, Supplier } from '../src/catalog/catalog.entity'
import { ProductImporter } from '../src/catalog/import/product-importer.service'
import { Favorite, FavoriteFolder, ProductFavorite } from '../src/favorites/favorite.entity'
import { FavoritesService } from '../src/favorites/favorites.service'
import { freshWorld, type World } from './support/content-world'
import { agent, createTestApp, ENGINE, roles, type Agent } from './support/test-app'

/**
 * Products in 收藏夹, beside articles: collect a product into my folders (the product page's 收藏), its state (in which
 * of my folders), a folder listing both kinds newest first by keyset, per role; a refused call changes nothing.
 */
describe(`products in favorites (${ENGINE})`, () => {
  let app: NestFastifyApplication
  let db: DataSource
  let world: World
  let productIds: number[]

  beforeAll(async () => {
    app = await createTestApp()
    db = app.get(DataSource)
  })
  afterAll(() => app.close())
  beforeEach(async () => {
    world = await freshWorld(app)
    const records = ['A', 'B', 'C'].map((x, i) => ({
      supplier: '收藏测试供应商',
      supplierRegion: '杭州',
      model: `FAV-${x}${i}`,
      name: `压力变送器 ${x}`,
      brand: '测试',
      category: '压力传感器/压力变送器',
      params: { 输出信号: '4-20mA' },
      priceBreaks: [{ qty: 1, price: 100 + i }],
      stock: 3,
    }))
    expect((await app.get(ProductImporter).importRecords(records)).failed).toEqual([])
    productIds = (await db.getRepository(Product).find({ order: { id: 'ASC' } })).map((p) => p.id)
  })

  const snapshot = async () =>
    JSON.stringify([
      await db.getRepository(FavoriteFolder).find({ order: { id: 'ASC' } }),
      await db.getRepository(ProductFavorite).find({ order: { folderId: 'ASC', productId: 'ASC' } }),
      await db.getRepository(Favorite).find({ order: { folderId: 'ASC', articleId: 'ASC' } }),
    ])
  const folders = async (who: Agent) => FolderList.parse((await who.call('GET', '/api/me/folders')).body).items
  const createFolder = async (who: Agent, name: string) => {
    const res = await who.call('POST', '/api/me/folders', { name })
    expect(res.status).toBe(201)
    return FolderView.parse(res.body)
  }
  const collect = (who: Agent, productId: number, folderIds: number[]) =>
    who.call('PUT', `/api/products/${productId}/favorite`, { folderIds })
  const stateOf = async (who: Agent, productId: number) => {
    const res = await who.call('GET', `/api/products/${productId}/favorite`)
    expect(res.status).toBe(200)
    return ProductFolders.parse(res.body).folderIds
  }
  const items = async (who: Agent, folderId: number, query = '') => {
    const res = await who.call('GET', `/api/me/folders/${folderId}/items${query}`)
    expect(res.status).toBe(200)
    return FolderItems.parse(res.body)
  }

  it('refuses the anonymous caller, and changes nothing', async () => {
    const { anonymous } = await roles(app)
    const before = await snapshot()
    for (const [method, body] of [['GET'], ['PUT', { folderIds: [1] }]] as const) {
      const res = await anonymous.call(method, `/api/products/${productIds[0]}/favorite`, body)
      expect(res.status).toBe(401)
      expect(ApiError.parse(res.body).code).toBe('UNAUTHORIZED')
    }
    expect(await snapshot()).toBe(before)
  })

  it('lets every signed-in role keep products in its own folders, and nobody reach another’s', async () => {
    const who = await roles(app)
    const supplierId = (await db.getRepository(Supplier).findOneByOrFail({ name: '收藏测试供应商' })).id
    const supplier = await agent(app, '供应商甲', 'supplier', { supplierId })
    const otherSupplier = await agent(app, '供应商乙', 'supplier', { supplierId })
    const [p] = productIds
    for (const a of [who.reader, who.otherReader, who.editor, supplier, otherSupplier]) {
      const [def] = await folders(a)
      const extra = await createFolder(a, `${a.name}的选型`)
      expect(await stateOf(a, p)).toEqual([])
      const res = await collect(a, p, [extra.id, def.id])
      expect(res.status).toBe(200)
      expect(ProductFolders.parse(res.body).folderIds).toEqual([def.id, extra.id].sort((x, y) => x - y))
      expect(await stateOf(a, p)).toEqual([def.id, extra.id].sort((x, y) => x - y))
      const listed = await items(a, extra.id)
      expect(listed.folder.count).toBe(1)
      expect(listed.items).toMatchObject([{ kind: 'product', article: null, product: { id: p } }])
    }

    // Another buyer's (or supplier's) folder is as missing as a missing one: nothing changes.
    const readerFolder = (await folders(who.reader))[1]
    const before = await snapshot()
    for (const a of [who.otherReader, otherSupplier]) {
      const refused = await collect(a, productIds[1], [readerFolder.id])
      expect(refused.status).toBe(404)
      expect(ApiError.parse(refused.body).code).toBe('FOLDER_NOT_FOUND')
      expect((await a.call('GET', `/api/me/folders/${readerFolder.id}/items`)).status).toBe(404)
    }
    expect(await snapshot()).toBe(before)
    // Each sees only their own folders in a product's state.
    expect(await stateOf(who.otherReader, p)).not.toContain(readerFolder.id)

    // A product not in the catalogue: 404, nothing changes.
    const missing = Math.max(...productIds) + 1000
    const gone = await collect(who.reader, missing, [readerFolder.id])
    expect(gone.status).toBe(404)
    expect(ApiError.parse(gone.body).code).toBe('PRODUCT_NOT_FOUND')
    expect((await who.reader.call('GET', `/api/products/${missing}/favorite`)).status).toBe(404)
    expect(await snapshot()).toBe(before)

    // [] takes it out of every folder.
    expect(ProductFolders.parse((await collect(who.reader, p, [])).body).folderIds).toEqual([])
    expect(await stateOf(who.reader, p)).toEqual([])
    expect(await stateOf(who.otherReader, p)).toHaveLength(2)
  })

  it('lists a folder’s articles and products together, newest first, by keyset (ties included)', async () => {
    const { reader } = await roles(app)
    const [def] = await folders(reader)
    const favorites = app.get(FavoritesService)
    const base = Date.UTC(2026, 10, 20, 8, 0, 0)
    const at = (minutes: number) => new Date(base + minutes * 60_000)
    const [a1, a2, a3] = world.published.map((a) => a.id)
    const [p1, p2, p3] = productIds
    const uid = reader.user!.id
    // Times: a1 0, p1 1, a2 2 and p2 2 (a tie), p3 3, a3 4.
    await favorites.collect(uid, a1, [def.id], at(0))
    await favorites.collectProduct(uid, p1, [def.id], at(1))
    await favorites.collect(uid, a2, [def.id], at(2))
    await favorites.collectProduct(uid, p2, [def.id], at(2))
    await favorites.collectProduct(uid, p3, [def.id], at(3))
    await favorites.collect(uid, a3, [def.id], at(4))
    // At the tie the larger of 2·articleId and 2·productId + 1 comes first.
    const tie = 2 * a2 > 2 * p2 + 1 ? [`a${a2}`, `p${p2}`] : [`p${p2}`, `a${a2}`]
    const expected = [`a${a3}`, `p${p3}`, ...tie, `p${p1}`, `a${a1}`]

    for (const limit of [1, 2, 4, 6, 20]) {
      const seen: string[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const page: FolderItems = await items(reader, def.id, `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
        expect(page.folder.count).toBe(6)
        seen.push(...page.items.map((i) => (i.kind === 'article' ? `a${i.article!.id}` : `p${i.product!.id}`)))
        cursor = page.nextCursor
        pages++
      } while (cursor && pages < 20)
      expect({ limit, seen }).toEqual({ limit, seen: expected })
      expect(pages).toBe(Math.ceil(6 / limit))
    }
    const first = await items(reader, def.id, '?limit=2')
    expect(first.items[0].collectedAt).toBe(at(4).toISOString())
    expect(first.items[1]).toMatchObject({ kind: 'product', collectedAt: at(3).toISOString() })
    // A cursor of another list is refused.
    expect((await reader.call('GET', `/api/me/folders/${def.id}/items?cursor=${'x'.repeat(12)}`)).status).toBe(400)

    // A product removed from the catalogue is left out (and not counted).
    await db.getRepository(Product).delete({ id: p3 })
    const after = await items(reader, def.id, '?limit=20')
    expect(after.folder.count).toBe(5)
    expect(after.items.map((i) => i.product?.id ?? i.article!.id)).not.toContain(p3)
  })

  it('goes with its folder and with the account', async () => {
    const { reader, otherReader } = await roles(app)
    const extra = await createFolder(reader, '临时')
    expect((await collect(reader, productIds[0], [extra.id])).status).toBe(200)
    expect((await collect(otherReader, productIds[0], [(await folders(otherReader))[0].id])).status).toBe(200)
    expect((await reader.call('DELETE', `/api/me/folders/${extra.id}`)).status).toBe(200)
    expect(await db.getRepository(ProductFavorite).countBy({ folderId: extra.id })).toBe(0)

    const [def] = await folders(reader)
    expect((await collect(reader, productIds[1], [def.id])).status).toBe(200)
    expect((await reader.call('DELETE', '/api/me', { confirm: true })).status).toBe(200)
    expect(await db.getRepository(ProductFavorite).countBy({ userId: reader.user!.id })).toBe(0)
    expect(await db.getRepository(ProductFavorite).countBy({ userId: otherReader.user!.id })).toBe(1)
  })
})
