import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { ApiError, FollowingFeedPage, FollowState, MyFollowsPage, type FollowKind } from '@chuangan/shared'
import { DataSource } from 'typeorm'
import { AccountService } from '../src/account/account.service'
import { SessionsService } from '../src/auth/sessions.service'
import { Author } from '../src/content/author.entity'
import { ContentColumn } from '../src/content/column.entity'
import { Periodical } from '../src/content/periodical.entity'
import { Follow } from '../src/follows/follow.entity'
import { User } from '../src/users/user.entity'
import { UsersService } from '../src/users/users.service'
import { freshWorld, type World } from './support/content-world'
import { createTestApp, ENGINE, request, roles } from './support/test-app'

describe(`follows (${ENGINE})`, () => {
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

  const entityOf = { author: Author, column: ContentColumn, periodical: Periodical } as const
  const countsOf = async (kind: FollowKind, targetId: number) => {
    const row = await db.getRepository(entityOf[kind]).findOneByOrFail({ id: targetId })
    return { count: row.followerCount, rows: await db.getRepository(Follow).countBy({ kind, targetId }) }
  }

  it('follows and unfollows idempotently for every signed-in role; anonymous callers may only look', async () => {
    const as = await roles(app)
    const author = world.authors[0].id
    const url = `/api/follows/author/${author}`

    const anonymous = await as.anonymous.call('PUT', url)
    expect(anonymous.status).toBe(401)
    expect(ApiError.parse(anonymous.body).code).toBe('UNAUTHORIZED')
    expect((await as.anonymous.call('DELETE', url)).status).toBe(401)
    expect((await as.anonymous.call('GET', '/api/me/follows')).status).toBe(401)
    expect((await as.anonymous.call('GET', '/api/me/following/feed')).status).toBe(401)
    expect(FollowState.parse((await as.anonymous.call('GET', url)).body)).toEqual({ following: false, followers: 0 })

    expect((await as.reader.call('PUT', url)).body).toEqual({ following: true, followers: 1 })
    expect((await as.reader.call('PUT', url)).body).toEqual({ following: true, followers: 1 })
    expect((await as.otherReader.call('PUT', url)).body).toEqual({ following: true, followers: 2 })
    expect((await as.author.call('PUT', url)).body).toEqual({ following: true, followers: 3 })
    expect((await as.editor.call('PUT', url)).body).toEqual({ following: true, followers: 4 })
    expect((await as.reader.call('DELETE', url)).body).toEqual({ following: false, followers: 3 })
    expect((await as.reader.call('DELETE', url)).body).toEqual({ following: false, followers: 3 })

    expect((await as.reader.call('GET', url)).body).toEqual({ following: false, followers: 3 })
    expect((await as.otherReader.call('GET', url)).body).toEqual({ following: true, followers: 3 })
    expect((await as.anonymous.call('GET', url)).body).toEqual({ following: false, followers: 3 })
    expect(await countsOf('author', author)).toEqual({ count: 3, rows: 3 })

    // Columns and periodicals (期刊订阅) count apart from authors with the same id.
    expect((await as.reader.call('PUT', `/api/follows/column/${world.columns[0].id}`)).body).toEqual({
      following: true,
      followers: 1,
    })
    expect((await as.reader.call('PUT', `/api/follows/periodical/${world.periodical.id}`)).body).toEqual({
      following: true,
      followers: 1,
    })
    expect(await countsOf('author', author)).toEqual({ count: 3, rows: 3 })
  })

  it('refuses unknown targets (404) and bad kinds or ids (400), storing nothing', async () => {
    const { reader } = await roles(app)
    for (const kind of ['author', 'column', 'periodical']) {
      const res = await reader.call('PUT', `/api/follows/${kind}/999999`)
      expect(res.status).toBe(404)
      expect(ApiError.parse(res.body).code).toBe('TARGET_NOT_FOUND')
      expect((await reader.call('GET', `/api/follows/${kind}/999999`)).status).toBe(404)
    }
    for (const url of [
      '/api/follows/tag/1',
      '/api/follows/author/abc',
      '/api/follows/author/0',
      '/api/follows/author/-1',
    ]) {
      const res = await reader.call('PUT', url)
      expect({ url, status: res.status }).toEqual({ url, status: 400 })
      expect(ApiError.parse(res.body).code).toBe('VALIDATION_FAILED')
    }
    expect((await reader.call('GET', '/api/me/follows?kind=tag')).status).toBe(400)
    expect((await reader.call('GET', '/api/me/follows?cursor=bogus')).status).toBe(400)
    expect(await db.getRepository(Follow).count()).toBe(0)
  })

  it('lists 我的关注 newest first, by kind, only to its owner', async () => {
    const { reader, otherReader } = await roles(app)
    const t0 = Date.UTC(2026, 11, 1)
    // Followed a second apart, so the order is known.
    const targets: Array<[FollowKind, number]> = [
      ['author', world.authors[0].id],
      ['column', world.columns[1].id],
      ['periodical', world.periodical.id],
      ['author', world.authors[1].id],
    ]
    await db.getRepository(Follow).insert(
      targets.map(([kind, targetId], i) => ({
        userId: reader.user!.id,
        kind,
        targetId,
        createdAt: new Date(t0 + i * 1000),
      })),
    )
    await request(app, 'PUT', `/api/follows/column/${world.columns[0].id}`, undefined, {
      authorization: `Bearer ${otherReader.token}`,
    })

    const seen: string[] = []
    let cursor: string | null = null
    do {
      const url = `/api/me/follows?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
      const page = MyFollowsPage.parse((await reader.call('GET', url)).body)
      seen.push(...page.items.map((i) => `${i.target.kind}:${i.target.name}`))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(['author:乙作者', 'periodical:传感月刊', 'column:技术深读', 'author:甲作者'])

    const authorsOnly = MyFollowsPage.parse((await reader.call('GET', '/api/me/follows?kind=author')).body)
    expect(authorsOnly.items.map((i) => i.target.slug)).toEqual(['author-b', 'author-a'])
    const theirs = MyFollowsPage.parse((await otherReader.call('GET', '/api/me/follows')).body)
    expect(theirs.items.map((i) => `${i.target.kind}:${i.target.slug}:${i.target.followers}`)).toEqual([
      'column:news:1',
    ])
  })

  it('feeds what the followed authors and columns published, newest first, each once, keyset-paged', async () => {
    const { reader, otherReader } = await roles(app)
    // Author A wrote the even articles (in column 0); column 1 holds the odd ones: together, every article.
    await reader.call('PUT', `/api/follows/author/${world.authors[0].id}`)
    const evens = world.published.filter((_, i) => i % 2 === 0)
    const page1 = FollowingFeedPage.parse((await reader.call('GET', '/api/me/following/feed?limit=50')).body)
    expect(page1.items.map((a) => a.id).sort()).toEqual(evens.map((a) => a.id).sort())
    const times = page1.items.map((a) => Date.parse(a.publishedAt))
    expect(times).toEqual([...times].sort((a, b) => b - a))

    await reader.call('PUT', `/api/follows/column/${world.columns[1].id}`)
    // Also the column of author A's own articles: an article both followed by author and by column shows once.
    await reader.call('PUT', `/api/follows/column/${world.columns[0].id}`)
    const ids: number[] = []
    let cursor: string | null = null
    do {
      const url = `/api/me/following/feed?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
      const page = FollowingFeedPage.parse((await reader.call('GET', url)).body)
      ids.push(...page.items.map((a) => a.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(ids.length).toBe(world.published.length)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).not.toContain(world.draft.id)

    expect(FollowingFeedPage.parse((await otherReader.call('GET', '/api/me/following/feed')).body).items).toEqual([])
  })

  it('keeps each count equal to its rows when 120 readers follow and unfollow at once', async () => {
    const author = world.authors[1].id
    const users = app.get(UsersService)
    const sessions = app.get(SessionsService)
    const tokens: string[] = []
    for (let i = 0; i < 120; i++) {
      const user = await users.create({ nickname: `关注者${i}` })
      tokens.push((await sessions.issue(user.id)).token)
    }
    const call = (token: string, method: 'PUT' | 'DELETE', kind: FollowKind, id: number) =>
      request(app, method, `/api/follows/${kind}/${id}`, undefined, { authorization: `Bearer ${token}` })

    const first = await Promise.all(
      tokens.flatMap((t) => [call(t, 'PUT', 'author', author), call(t, 'PUT', 'periodical', world.periodical.id)]),
    )
    expect(first.every((r) => r.status === 200)).toBe(true)
    expect(await countsOf('author', author)).toEqual({ count: 120, rows: 120 })
    const mixed = await Promise.all(
      tokens.flatMap((t, i) =>
        i % 3 === 0
          ? [
              call(t, 'DELETE', 'author', author),
              call(t, 'DELETE', 'author', author),
              call(t, 'PUT', 'periodical', world.periodical.id),
            ]
          : [call(t, 'PUT', 'author', author), call(t, 'DELETE', 'periodical', world.periodical.id)],
      ),
    )
    expect(mixed.every((r) => r.status === 200)).toBe(true)
    expect(await countsOf('author', author)).toEqual({ count: 80, rows: 80 })
    expect(await countsOf('periodical', world.periodical.id)).toEqual({ count: 40, rows: 40 })
  }, 120_000)

  it("forgets a deleted account's follows and recounts; a request racing the deletion is refused (401)", async () => {
    const { reader, otherReader } = await roles(app)
    const author = world.authors[0].id
    await reader.call('PUT', `/api/follows/author/${author}`)
    await reader.call('PUT', `/api/follows/column/${world.columns[0].id}`)
    await otherReader.call('PUT', `/api/follows/author/${author}`)
    await app.get(AccountService).delete(reader.user!.id)
    expect(await countsOf('author', author)).toEqual({ count: 1, rows: 1 })
    expect(await countsOf('column', world.columns[0].id)).toEqual({ count: 0, rows: 0 })

    // Only `deletedAt` set, the session live: as a request that passed the guard just before the deletion.
    await db.getRepository(User).update({ id: otherReader.user!.id }, { deletedAt: new Date() })
    const res = await otherReader.call('DELETE', `/api/follows/author/${author}`)
    expect(res.status).toBe(401)
    expect(await countsOf('author', author)).toEqual({ count: 1, rows: 1 })
  })
})
