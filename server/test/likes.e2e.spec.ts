import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { ApiError, LikeResult, ViewerState } from '@chuangan/shared'
import { DataSource } from 'typeorm'
import { SessionsService } from '../src/auth/sessions.service'
import { Article } from '../src/content/article.entity'
import { ArticleLike } from '../src/engagement/article-like.entity'
import { User } from '../src/users/user.entity'
import { UsersService } from '../src/users/users.service'
import { freshWorld, type World } from './support/content-world'
import { createTestApp, ENGINE, request, roles } from './support/test-app'

describe(`likes (${ENGINE})`, () => {
  let app: NestFastifyApplication
  let world: World

  beforeAll(async () => {
    app = await createTestApp()
  })
  beforeEach(async () => {
    world = await freshWorld(app)
  })
  afterAll(() => app.close())

  const countsOf = async (articleId: number) => {
    const db = app.get(DataSource)
    const article = await db.getRepository(Article).findOneByOrFail({ id: articleId })
    return { count: article.likeCount, rows: await db.getRepository(ArticleLike).countBy({ articleId }) }
  }

  it('is idempotent per reader, per role, and a refused like changes nothing', async () => {
    const as = await roles(app)
    const id = world.published[0].id
    const url = `/api/articles/${id}/like`

    const anonymous = await as.anonymous.call('PUT', url)
    expect(anonymous.status).toBe(401)
    expect(ApiError.parse(anonymous.body).code).toBe('UNAUTHORIZED')
    expect(await countsOf(id)).toEqual({ count: 0, rows: 0 })
    expect((await as.anonymous.call('GET', `/api/articles/${id}/me`)).status).toBe(401)

    expect(LikeResult.parse((await as.reader.call('PUT', url)).body)).toEqual({ liked: true, likes: 1 })
    expect(LikeResult.parse((await as.reader.call('PUT', url)).body)).toEqual({ liked: true, likes: 1 })
    expect(LikeResult.parse((await as.otherReader.call('PUT', url)).body)).toEqual({ liked: true, likes: 2 })
    expect(LikeResult.parse((await as.author.call('PUT', url)).body).likes).toBe(3)
    expect(LikeResult.parse((await as.editor.call('PUT', url)).body).likes).toBe(4)

    expect(LikeResult.parse((await as.reader.call('DELETE', url)).body)).toEqual({ liked: false, likes: 3 })
    expect(LikeResult.parse((await as.reader.call('DELETE', url)).body)).toEqual({ liked: false, likes: 3 })
    expect(ViewerState.parse((await as.reader.call('GET', `/api/articles/${id}/me`)).body)).toMatchObject({
      liked: false,
      likes: 3,
    })
    expect(ViewerState.parse((await as.otherReader.call('GET', `/api/articles/${id}/me`)).body)).toMatchObject({
      liked: true,
      likes: 3,
    })
    expect(await countsOf(id)).toEqual({ count: 3, rows: 3 })
  })

  it("shows each reader's own like and folders, and the article's exact counts, right after every change", async () => {
    const as = await roles(app)
    const id = world.published[2].id
    const me = async (who: typeof as.reader) => {
      const res = await who.call('GET', `/api/articles/${id}/me`)
      expect(res.status).toBe(200)
      return ViewerState.parse(res.body)
    }
    const nothing = { liked: false, likes: 0, folderIds: [], favorites: 0, comments: 0, commentsClosed: false }
    expect(await me(as.reader)).toEqual(nothing)

    // Two folders of the reader's own (the default one and a new one) and one of the other reader's.
    const folderOf = async (who: typeof as.reader) =>
      (await who.call('GET', '/api/me/folders')).body as { items: { id: number }[] }
    await folderOf(as.reader)
    const made = await as.reader.call('POST', '/api/me/folders', { name: '第二个收藏夹' })
    expect(made.status).toBe(201)
    const mine = (await folderOf(as.reader)).items.map((f) => f.id).sort((a, b) => b - a)
    const theirs = (await folderOf(as.otherReader)).items.map((f) => f.id)
    expect(mine).toHaveLength(2)

    expect((await as.reader.call('PUT', `/api/articles/${id}/like`)).status).toBe(200)
    expect(await me(as.reader)).toEqual({ ...nothing, liked: true, likes: 1 })
    expect(await me(as.otherReader)).toEqual({ ...nothing, likes: 1 })

    expect((await as.reader.call('PUT', `/api/articles/${id}/favorite`, { folderIds: mine })).status).toBe(200)
    expect((await as.otherReader.call('PUT', `/api/articles/${id}/favorite`, { folderIds: theirs })).status).toBe(200)
    expect((await as.otherReader.call('PUT', `/api/articles/${id}/like`)).status).toBe(200)
    const comment = await as.otherReader.call('POST', `/api/articles/${id}/comments`, { content: '写得好' })
    expect(comment.status).toBe(201)
    expect(await me(as.reader)).toEqual({
      liked: true,
      likes: 2,
      folderIds: [...mine].sort((a, b) => a - b),
      favorites: 2,
      comments: 1,
      commentsClosed: false,
    })
    expect(await me(as.otherReader)).toEqual({
      liked: true,
      likes: 2,
      folderIds: theirs,
      favorites: 2,
      comments: 1,
      commentsClosed: false,
    })

    expect((await as.editor.call('PUT', `/api/editor/articles/${id}/comments`, { closed: true })).status).toBe(200)
    expect((await as.reader.call('DELETE', `/api/articles/${id}/like`)).status).toBe(200)
    expect((await as.reader.call('PUT', `/api/articles/${id}/favorite`, { folderIds: [mine[0]] })).status).toBe(200)
    expect(await me(as.reader)).toEqual({
      liked: false,
      likes: 1,
      folderIds: [mine[0]],
      favorites: 2,
      comments: 1,
      commentsClosed: true,
    })
    expect((await as.reader.call('PUT', `/api/articles/${id}/favorite`, { folderIds: [] })).status).toBe(200)
    expect(await me(as.reader)).toMatchObject({ liked: false, likes: 1, folderIds: [], favorites: 1 })
    expect(await me(as.otherReader)).toMatchObject({ liked: true, likes: 1, folderIds: theirs, favorites: 1 })
  })

  it('refuses unpublished and unknown articles with 404 and bad ids with 400', async () => {
    const { reader } = await roles(app)
    for (const id of [world.draft.id, 999999]) {
      expect((await reader.call('PUT', `/api/articles/${id}/like`)).status).toBe(404)
      expect((await reader.call('GET', `/api/articles/${id}/me`)).status).toBe(404)
    }
    expect(await countsOf(world.draft.id)).toEqual({ count: 0, rows: 0 })
    expect((await reader.call('PUT', '/api/articles/abc/like')).status).toBe(400)
  })

  it('refuses an account deleted while its request was under way (401), storing nothing', async () => {
    const { reader } = await roles(app)
    const id = world.published[0].id
    // Only `deletedAt` is set and the session stays live: a request that passed the auth guard just before the
    // account was deleted reaches the service like this.
    await app.get(DataSource).getRepository(User).update({ id: reader.user!.id }, { deletedAt: new Date() })
    const res = await reader.call('PUT', `/api/articles/${id}/like`)
    expect(res.status).toBe(401)
    expect(ApiError.parse(res.body).code).toBe('UNAUTHORIZED')
    expect(await countsOf(id)).toEqual({ count: 0, rows: 0 })
  })

  it('keeps the count equal to its rows when 200 readers like and unlike at once', async () => {
    const id = world.published[1].id
    const users = app.get(UsersService)
    const sessions = app.get(SessionsService)
    const tokens: string[] = []
    for (let i = 0; i < 200; i++) {
      const user = await users.create({ nickname: `并发读者${i}` })
      tokens.push((await sessions.issue(user.id)).token)
    }
    const call = (token: string, method: 'PUT' | 'DELETE') =>
      request(app, method, `/api/articles/${id}/like`, undefined, { authorization: `Bearer ${token}` })

    const started = performance.now()
    const likes = await Promise.all(tokens.map((t) => call(t, 'PUT')))
    expect(likes.every((r) => r.status === 200)).toBe(true)
    expect(await countsOf(id)).toEqual({ count: 200, rows: 200 })

    // Half take it back while the other half like again (a no-op), all at once, twice over.
    const mixed = await Promise.all(
      tokens.flatMap((t, i) => (i % 2 ? [call(t, 'DELETE'), call(t, 'DELETE')] : [call(t, 'PUT'), call(t, 'PUT')])),
    )
    expect(mixed.every((r) => r.status === 200)).toBe(true)
    const ms = Math.round(performance.now() - started)
    expect(await countsOf(id)).toEqual({ count: 100, rows: 100 })
    console.log(
      `likes on ${ENGINE}: 600 concurrent like/unlike requests by 200 readers in ${ms} ms; count = rows = 100`,
    )
  }, 120_000)
})
