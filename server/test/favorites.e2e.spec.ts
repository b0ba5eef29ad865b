import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import {
  ApiError,
  CollectResult,
  DEFAULT_FOLDER_NAME,
  FolderItems,
  FolderList,
  FolderView,
  MAX_FOLDERS,
  ViewerState,
} from '@chuangan/shared'
import { DataSource } from 'typeorm'
import { SessionsService } from '../src/auth/sessions.service'
import { Article } from '../src/content/article.entity'
import { ContentCache } from '../src/content/content-cache.service'
import { DemoContentService } from '../src/demo/demo-content.service'
import { Favorite, FavoriteFolder } from '../src/favorites/favorite.entity'
import { FavoritesService } from '../src/favorites/favorites.service'
import { User } from '../src/users/user.entity'
import { UsersService } from '../src/users/users.service'
import { freshWorld, type World } from './support/content-world'
import { createTestApp, ENGINE, request, resetDatabase, roles, type Agent } from './support/test-app'

describe(`favorites (${ENGINE})`, () => {
  let app: NestFastifyApplication
  let world: World
  let db: DataSource

  beforeAll(async () => {
    app = await createTestApp()
    db = app.get(DataSource)
  })
  beforeEach(async () => {
    world = await freshWorld(app)
  })
  afterAll(() => app.close())

  /** An article's stored count and the distinct readers holding it in a folder: always equal. */
  const countsOf = async (articleId: number) => {
    const article = await db.getRepository(Article).findOneByOrFail({ id: articleId })
    const rows = await db.getRepository(Favorite).find({ select: { userId: true }, where: { articleId } })
    return { count: article.favoriteCount, rows: new Set(rows.map((r) => r.userId)).size }
  }
  /** Every folder and favorite row, to prove a refused call changed nothing. */
  const snapshot = async () =>
    JSON.stringify([
      await db.getRepository(FavoriteFolder).find({ order: { id: 'ASC' } }),
      await db.getRepository(Favorite).find({ order: { folderId: 'ASC', articleId: 'ASC' } }),
      (await db.getRepository(Article).find({ order: { id: 'ASC' } })).map((a) => a.favoriteCount),
    ])

  const folders = async (who: Agent) => FolderList.parse((await who.call('GET', '/api/me/folders')).body).items
  const createFolder = async (who: Agent, name: string) => {
    const res = await who.call('POST', '/api/me/folders', { name })
    expect(res.status).toBe(201)
    return FolderView.parse(res.body)
  }
  const collect = (who: Agent, articleId: number, folderIds: number[]) =>
    who.call('PUT', `/api/articles/${articleId}/favorite`, { folderIds })

  it('refuses anonymous callers on every endpoint, and changes nothing', async () => {
    const { anonymous } = await roles(app)
    const id = world.published[0].id
    const before = await snapshot()
    const calls: [string, string, object?][] = [
      ['GET', '/api/me/folders'],
      ['POST', '/api/me/folders', { name: '新收藏夹' }],
      ['PATCH', '/api/me/folders/1', { name: '改名' }],
      ['DELETE', '/api/me/folders/1'],
      ['GET', '/api/me/folders/1/items'],
      ['POST', '/api/me/favorites/move', { articleId: id, from: 1, to: 2 }],
      ['PUT', `/api/articles/${id}/favorite`, { folderIds: [1] }],
    ]
    for (const [method, url, body] of calls) {
      const res = await anonymous.call(method as 'GET', url, body)
      expect(`${method} ${url}: ${res.status}`).toBe(`${method} ${url}: 401`)
      expect(ApiError.parse(res.body).code).toBe('UNAUTHORIZED')
    }
    expect(await snapshot()).toBe(before)
  })

  it('refuses an account deleted while its request was under way (401), storing nothing', async () => {
    const { reader } = await roles(app)
    const id = world.published[0].id
    const [defaultFolder] = await folders(reader)
    // Only `deletedAt` is set and the session stays live: a request that passed the auth guard just before the
    // account was deleted reaches the service like this.
    await db.getRepository(User).update({ id: reader.user!.id }, { deletedAt: new Date() })
    const before = await snapshot()
    for (const [method, url, body] of [
      ['PUT', `/api/articles/${id}/favorite`, { folderIds: [defaultFolder.id] }],
      ['POST', '/api/me/folders', { name: '注销后' }],
      ['PATCH', `/api/me/folders/${defaultFolder.id}`, { name: '改名' }],
    ] as const) {
      const res = await reader.call(method, url, body)
      expect(`${method} ${url}: ${res.status}`).toBe(`${method} ${url}: 401`)
      expect(ApiError.parse(res.body).code).toBe('UNAUTHORIZED')
    }
    expect(await snapshot()).toBe(before)
    expect(await countsOf(id)).toEqual({ count: 0, rows: 0 })
  })

  it('gives every signed-in role (reader, author, editor) its own folders, the default made on first use', async () => {
    const as = await roles(app)
    const id = world.published[0].id
    for (const who of [as.reader, as.otherReader, as.author, as.editor]) {
      const [first] = await folders(who)
      expect(first).toMatchObject({ name: DEFAULT_FOLDER_NAME, isDefault: true, count: 0 })
      const mine = await createFolder(who, `${who.name}的收藏`)
      const res = await collect(who, id, [first.id, mine.id])
      expect(res.status).toBe(200)
      expect(CollectResult.parse(res.body).folderIds).toEqual([first.id, mine.id].sort((a, b) => a - b))
      const items = FolderItems.parse((await who.call('GET', `/api/me/folders/${mine.id}/items`)).body)
      expect(items.items.map((i) => i.article!.id)).toEqual([id])
      const renamed = await who.call('PATCH', `/api/me/folders/${mine.id}`, { name: `${who.name}的新名` })
      expect(FolderView.parse(renamed.body)).toMatchObject({ id: mine.id, name: `${who.name}的新名`, count: 1 })
      const other = await createFolder(who, '另一个')
      const moved = await who.call('POST', '/api/me/favorites/move', { articleId: id, from: mine.id, to: other.id })
      expect(moved.status).toBe(200)
      expect(CollectResult.parse(moved.body).folderIds).toEqual([first.id, other.id].sort((a, b) => a - b))
      expect((await who.call('DELETE', `/api/me/folders/${mine.id}`)).body).toEqual({ ok: true })
      // Each role sees exactly its own three folders … now two, the default first.
      expect((await folders(who)).map((f) => f.name)).toEqual([DEFAULT_FOLDER_NAME, '另一个'])
    }
    expect(await countsOf(id)).toEqual({ count: 4, rows: 4 })
    expect(await db.getRepository(FavoriteFolder).countBy({ isDefault: true })).toBe(4)
  })

  it('never lets another reader read or change my folders: 404, and nothing changes', async () => {
    const { reader, otherReader } = await roles(app)
    const [a, b] = world.published
    const [defaultFolder] = await folders(reader)
    const mine = await createFolder(reader, '私藏')
    expect((await collect(reader, a.id, [mine.id])).status).toBe(200)
    const [theirDefault] = await folders(otherReader)
    expect((await collect(otherReader, b.id, [theirDefault.id])).status).toBe(200)

    const before = await snapshot()
    const attempts: [string, string, object?][] = [
      ['GET', `/api/me/folders/${mine.id}/items`],
      ['GET', `/api/me/folders/${defaultFolder.id}/items`],
      ['PATCH', `/api/me/folders/${mine.id}`, { name: '偷改' }],
      ['DELETE', `/api/me/folders/${mine.id}`],
      ['PUT', `/api/articles/${a.id}/favorite`, { folderIds: [mine.id] }],
      ['PUT', `/api/articles/${b.id}/favorite`, { folderIds: [theirDefault.id, mine.id] }],
      ['POST', '/api/me/favorites/move', { articleId: a.id, from: mine.id, to: theirDefault.id }],
      ['POST', '/api/me/favorites/move', { articleId: b.id, from: theirDefault.id, to: mine.id }],
    ]
    for (const [method, url, body] of attempts) {
      const res = await otherReader.call(method as 'GET', url, body)
      expect(`${method} ${url}: ${res.status}`).toBe(`${method} ${url}: 404`)
      expect(ApiError.parse(res.body)).toMatchObject({ code: 'FOLDER_NOT_FOUND', message: '收藏夹不存在' })
    }
    expect(await snapshot()).toBe(before)
    expect((await folders(otherReader)).map((f) => f.id)).toEqual([theirDefault.id])
    // What the other reader sees of the article is only the count, not my folders.
    const state = ViewerState.parse((await otherReader.call('GET', `/api/articles/${a.id}/me`)).body)
    expect(state).toMatchObject({ folderIds: [], favorites: 1 })
  })

  it('refuses bodies that try to set ids, counts, owners or roles (400 naming the field), storing nothing', async () => {
    const { reader, otherReader } = await roles(app)
    const id = world.published[0].id
    const [defaultFolder] = await folders(reader)
    const mine = await createFolder(reader, '原名')
    const before = await snapshot()
    const attempts: [string, string, object, string][] = [
      ['POST', '/api/me/folders', { name: '新的', isDefault: true }, 'isDefault'],
      ['POST', '/api/me/folders', { name: '新的', count: 99 }, 'count'],
      ['POST', '/api/me/folders', { name: '新的', userId: otherReader.user!.id }, 'userId'],
      ['POST', '/api/me/folders', { name: '新的', id: 1 }, 'id'],
      ['POST', '/api/me/folders', { name: '新的', role: 'editor' }, 'role'],
      ['PATCH', `/api/me/folders/${mine.id}`, { name: '改名', isDefault: true }, 'isDefault'],
      ['PATCH', `/api/me/folders/${mine.id}`, { name: '改名', userId: otherReader.user!.id }, 'userId'],
      ['PUT', `/api/articles/${id}/favorite`, { folderIds: [defaultFolder.id], favoriteCount: 1000 }, 'favoriteCount'],
      [
        'PUT',
        `/api/articles/${id}/favorite`,
        { folderIds: [defaultFolder.id], userId: otherReader.user!.id },
        'userId',
      ],
      [
        'POST',
        '/api/me/favorites/move',
        { articleId: id, from: defaultFolder.id, to: mine.id, userId: otherReader.user!.id },
        'userId',
      ],
    ]
    for (const [method, url, body, field] of attempts) {
      const res = await reader.call(method as 'POST', url, body)
      expect(`${method} ${url} ${field}: ${res.status}`).toBe(`${method} ${url} ${field}: 400`)
      const error = ApiError.parse(res.body)
      expect(error.code).toBe('VALIDATION_FAILED')
      expect(JSON.stringify(error.details)).toContain(field)
    }
    // Bad values are 400s too.
    for (const [method, url, body] of [
      ['POST', '/api/me/folders', { name: '' }],
      ['POST', '/api/me/folders', { name: '一二三四五六七八九十一二三四五六七八九十一' }],
      ['POST', '/api/me/folders', { name: '换\n行' }],
      ['POST', '/api/me/folders', {}],
      ['PUT', `/api/articles/${id}/favorite`, { folderIds: [mine.id, mine.id] }],
      ['PUT', `/api/articles/${id}/favorite`, { folderIds: 'all' }],
      ['POST', '/api/me/favorites/move', { articleId: id, from: mine.id, to: mine.id }],
      ['PATCH', '/api/me/folders/abc', { name: '好' }],
    ] as const) {
      expect(`${method} ${url}: ${(await reader.call(method, url, body)).status}`).toBe(`${method} ${url}: 400`)
    }
    expect(await snapshot()).toBe(before)
  })

  it('keeps names unique per reader, at most 100 folders, and the default folder made exactly once', async () => {
    const { reader, otherReader } = await roles(app)
    const id = world.published[0].id
    // Collecting is a first use too: the default appears, once.
    const first = await createFolder(reader, '传感器')
    const list = await folders(reader)
    expect(list.map((f) => [f.name, f.isDefault])).toEqual([
      [DEFAULT_FOLDER_NAME, true],
      ['传感器', false],
    ])
    expect((await folders(reader)).map((f) => f.id)).toEqual(list.map((f) => f.id))

    const taken = await reader.call('POST', '/api/me/folders', { name: ' 传感器 ' })
    expect(taken.status).toBe(409)
    expect(ApiError.parse(taken.body)).toMatchObject({
      code: 'FOLDER_NAME_TAKEN',
      message: '已有名为「传感器」的收藏夹，请换一个名称',
    })
    expect((await reader.call('POST', '/api/me/folders', { name: DEFAULT_FOLDER_NAME })).status).toBe(409)
    // Another reader may use the same name.
    await createFolder(otherReader, '传感器')

    const second = await createFolder(reader, '雷达')
    expect((await reader.call('PATCH', `/api/me/folders/${second.id}`, { name: '传感器' })).status).toBe(409)
    // Renaming to its own name is fine; so is renaming the default (it stays the default, still undeletable).
    expect((await reader.call('PATCH', `/api/me/folders/${second.id}`, { name: '雷达' })).status).toBe(200)
    const renamedDefault = await reader.call('PATCH', `/api/me/folders/${list[0].id}`, { name: '常看' })
    expect(FolderView.parse(renamedDefault.body)).toMatchObject({ name: '常看', isDefault: true })
    const undeletable = await reader.call('DELETE', `/api/me/folders/${list[0].id}`)
    expect(undeletable.status).toBe(409)
    expect(ApiError.parse(undeletable.body)).toMatchObject({
      code: 'DEFAULT_FOLDER_UNDELETABLE',
      message: '默认收藏夹不能删除，可以重命名',
    })
    // With the default renamed, a folder may take the old default name; no second default is ever made.
    await createFolder(reader, DEFAULT_FOLDER_NAME)
    expect(await db.getRepository(FavoriteFolder).countBy({ userId: reader.user!.id, isDefault: true })).toBe(1)

    const existing = (await folders(reader)).length
    for (let i = existing; i < MAX_FOLDERS; i++) await createFolder(reader, `夹${i}`)
    expect((await folders(reader)).length).toBe(MAX_FOLDERS)
    const before = await snapshot()
    const over = await reader.call('POST', '/api/me/folders', { name: '第101个' })
    expect(over.status).toBe(409)
    expect(ApiError.parse(over.body)).toMatchObject({
      code: 'FOLDER_LIMIT_REACHED',
      message: '收藏夹最多 100 个，请先删除不用的收藏夹',
    })
    expect(await snapshot()).toBe(before)
    // Deleting one makes room again.
    expect((await reader.call('DELETE', `/api/me/folders/${first.id}`)).status).toBe(200)
    await createFolder(reader, '第101个')
    expect((await collect(reader, id, [])).status).toBe(200)
  })

  it('puts an article in exactly the given folders, moves it, and keeps the count equal to the readers', async () => {
    const { reader, otherReader } = await roles(app)
    const id = world.published[0].id
    const [def] = await folders(reader)
    const work = await createFolder(reader, '工作')
    const study = await createFolder(reader, '学习')

    let res = CollectResult.parse((await collect(reader, id, [study.id, def.id])).body)
    expect(res).toEqual({ folderIds: [def.id, study.id].sort((a, b) => a - b), favorites: 1 })
    // Two folders, one reader: the count is readers, not rows.
    expect(await countsOf(id)).toEqual({ count: 1, rows: 1 })
    res = CollectResult.parse((await collect(reader, id, [work.id])).body)
    expect(res).toEqual({ folderIds: [work.id], favorites: 1 })
    expect(await db.getRepository(Favorite).countBy({ articleId: id })).toBe(1)

    const [theirs] = await folders(otherReader)
    expect(CollectResult.parse((await collect(otherReader, id, [theirs.id])).body).favorites).toBe(2)

    let state = ViewerState.parse((await reader.call('GET', `/api/articles/${id}/me`)).body)
    expect(state).toEqual({
      liked: false,
      likes: 0,
      folderIds: [work.id],
      favorites: 2,
      comments: 0,
      commentsClosed: false,
    })

    const moved = await reader.call('POST', '/api/me/favorites/move', { articleId: id, from: work.id, to: study.id })
    expect(CollectResult.parse(moved.body)).toEqual({ folderIds: [study.id], favorites: 2 })
    const notThere = await reader.call('POST', '/api/me/favorites/move', { articleId: id, from: work.id, to: def.id })
    expect(notThere.status).toBe(404)
    // Moving into a folder that already holds it just takes it out of the first.
    expect((await collect(reader, id, [study.id, def.id])).status).toBe(200)
    const merged = await reader.call('POST', '/api/me/favorites/move', { articleId: id, from: study.id, to: def.id })
    expect(CollectResult.parse(merged.body)).toEqual({ folderIds: [def.id], favorites: 2 })

    expect(CollectResult.parse((await collect(reader, id, [])).body)).toEqual({ folderIds: [], favorites: 1 })
    expect(CollectResult.parse((await collect(reader, id, [])).body)).toEqual({ folderIds: [], favorites: 1 })
    state = ViewerState.parse((await reader.call('GET', `/api/articles/${id}/me`)).body)
    expect(state).toMatchObject({ folderIds: [], favorites: 1 })
    expect(await countsOf(id)).toEqual({ count: 1, rows: 1 })

    // Unpublished and unknown articles: 404, nothing stored.
    const before = await snapshot()
    for (const missing of [world.draft.id, 999999]) {
      expect((await collect(reader, missing, [def.id])).status).toBe(404)
      expect((await reader.call('GET', `/api/articles/${missing}/me`)).status).toBe(404)
    }
    expect((await collect(reader, id, [def.id, 999999])).status).toBe(404)
    expect(await snapshot()).toBe(before)
  })

  it('deleting a folder removes its favorites and recounts the articles', async () => {
    const { reader, otherReader } = await roles(app)
    const [a, b, c] = world.published
    const [def] = await folders(reader)
    const doomed = await createFolder(reader, '要删的')
    await collect(reader, a.id, [doomed.id])
    await collect(reader, b.id, [doomed.id, def.id])
    await collect(reader, c.id, [doomed.id])
    const [theirs] = await folders(otherReader)
    await collect(otherReader, a.id, [theirs.id])
    expect(await countsOf(a.id)).toEqual({ count: 2, rows: 2 })

    expect((await otherReader.call('DELETE', `/api/me/folders/${doomed.id}`)).status).toBe(404)
    expect((await reader.call('DELETE', `/api/me/folders/${doomed.id}`)).body).toEqual({ ok: true })
    expect(await db.getRepository(Favorite).countBy({ folderId: doomed.id })).toBe(0)
    expect(await countsOf(a.id)).toEqual({ count: 1, rows: 1 })
    expect(await countsOf(b.id)).toEqual({ count: 1, rows: 1 })
    expect(await countsOf(c.id)).toEqual({ count: 0, rows: 0 })
    expect((await reader.call('GET', `/api/me/folders/${doomed.id}/items`)).status).toBe(404)
    expect((await reader.call('DELETE', `/api/me/folders/${doomed.id}`)).status).toBe(404)
    expect((await folders(reader)).map((f) => [f.name, f.count])).toEqual([[DEFAULT_FOLDER_NAME, 1]])
  })

  it('lists a folder newest first, page by page, leaving out articles taken offline', async () => {
    const { reader } = await roles(app)
    const service = app.get(FavoritesService)
    const [def] = await folders(reader)
    const articles = world.published.slice(0, 7)
    const base = Date.UTC(2026, 10, 20, 8, 0, 0)
    // Collected a minute apart, except the last two at the same second (the article id breaks the tie).
    for (const [i, a] of articles.entries()) {
      await service.collect(reader.user!.id, a.id, [def.id], new Date(base + Math.min(i, 5) * 60_000))
    }
    const offline = articles[3]
    await db.getRepository(Article).update({ id: offline.id }, { status: 'archived' })
    await app.get(ContentCache).invalidate()

    const tied = [articles[5].id, articles[6].id].sort((x, y) => y - x)
    const expected = [...tied, articles[4].id, articles[2].id, articles[1].id, articles[0].id]
    const seen: number[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const url: string = `/api/me/folders/${def.id}/items?limit=2${cursor ? `&cursor=${cursor}` : ''}`
      const page = FolderItems.parse((await reader.call('GET', url)).body)
      expect(page.folder).toMatchObject({ id: def.id, count: 6 })
      seen.push(...page.items.map((i) => i.article!.id))
      cursor = page.nextCursor
      pages++
    } while (cursor && pages < 10)
    expect(seen).toEqual(expected)
    expect(pages).toBe(3)
    const first = FolderItems.parse((await reader.call('GET', `/api/me/folders/${def.id}/items?limit=1`)).body)
    expect(first.items[0].collectedAt).toBe(new Date(base + 5 * 60_000).toISOString())
    expect(first.items[0].article!.counts.favorites).toBe(1)
    expect((await folders(reader))[0].count).toBe(6)

    const bad = await reader.call('GET', `/api/me/folders/${def.id}/items?cursor=nonsense`)
    expect(bad.status).toBe(400)
    expect((await reader.call('GET', `/api/me/folders/${def.id}/items?limit=500`)).status).toBe(400)
  })

  it('keeps the count equal to the readers when 200 readers collect, uncollect and delete folders at once', async () => {
    const id = world.published[1].id
    const users = app.get(UsersService)
    const sessions = app.get(SessionsService)
    const service = app.get(FavoritesService)
    const readers: { token: string; folders: number[] }[] = []
    for (let i = 0; i < 200; i++) {
      const user = await users.create({ nickname: `收藏读者${i}` })
      const [def] = (await service.list(user.id)).items
      const extra = await service.create(user.id, '第二个')
      readers.push({ token: (await sessions.issue(user.id)).token, folders: [def.id, extra.id] })
    }
    const put = (token: string, folderIds: number[]) =>
      request(app, 'PUT', `/api/articles/${id}/favorite`, JSON.stringify({ folderIds }), {
        authorization: `Bearer ${token}`,
      })

    const started = performance.now()
    const collected = await Promise.all(readers.map((r) => put(r.token, r.folders)))
    expect(collected.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([])
    expect(await countsOf(id)).toEqual({ count: 200, rows: 200 })

    // All at once: odd readers take it out (twice over); half the even readers narrow it to one folder and back;
    // the other half delete their second folder while keeping it in the default one.
    const remove = (token: string, folderId: number) =>
      request(app, 'DELETE', `/api/me/folders/${folderId}`, undefined, { authorization: `Bearer ${token}` })
    const mixed = await Promise.all(
      readers.flatMap((r, i) =>
        i % 2
          ? [put(r.token, []), put(r.token, [])]
          : i % 4
            ? [put(r.token, [r.folders[1]]), put(r.token, r.folders)]
            : [remove(r.token, r.folders[1]), put(r.token, [r.folders[0]])],
      ),
    )
    expect(mixed.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([])
    const ms = Math.round(performance.now() - started)
    expect(await countsOf(id)).toEqual({ count: 100, rows: 100 })
    console.log(
      `favorites on ${ENGINE}: 600 concurrent collect/uncollect/delete-folder requests by 200 readers in ${ms} ms; count = readers = 100`,
    )
  }, 180_000)

  it('makes one default folder when one reader opens the folder list 200 times at once', async () => {
    const user = await app.get(UsersService).create({ nickname: '心急的读者' })
    const { token } = await app.get(SessionsService).issue(user.id)
    const started = performance.now()
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        request(app, 'GET', '/api/me/folders', undefined, { authorization: `Bearer ${token}` }),
      ),
    )
    const ms = Math.round(performance.now() - started)
    expect(results.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([])
    const ids = new Set(
      results.map((r) =>
        FolderList.parse(r.body)
          .items.map((f) => f.id)
          .join(),
      ),
    )
    expect(ids.size).toBe(1)
    expect(await db.getRepository(FavoriteFolder).countBy({ userId: user.id })).toBe(1)
    console.log(
      `favorites on ${ENGINE}: 200 concurrent first-use folder lists by one reader in ${ms} ms; 1 default folder`,
    )
  }, 120_000)

  it('seeds the demo site with real favorites: every favorite count shown equals its readers', async () => {
    await resetDatabase(app)
    await app.get(ContentCache).invalidate()
    await app.get(DemoContentService).seedIfEmpty(new Date(), { images: false })
    const articles = await db.getRepository(Article).find()
    expect(articles.some((a) => a.favoriteCount > 10)).toBe(true)
    for (const a of articles) {
      const { count, rows } = await countsOf(a.id)
      expect({ id: a.id, count }).toEqual({ id: a.id, count: rows })
    }
    // Demo readers' favorites sit in their one default folder.
    const folder = await db
      .getRepository(FavoriteFolder)
      .findOneByOrFail({ isDefault: true, name: DEFAULT_FOLDER_NAME })
    expect(await db.getRepository(FavoriteFolder).countBy({ userId: folder.userId })).toBe(1)
  }, 120_000)
})
