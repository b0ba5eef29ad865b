import { randomUUID } from 'node:crypto'
import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import {
  ApiError,
  DELETED_USER_NAME,
  LoginResult,
  Me,
  OpenRecorded,
  SHARE_CHANNELS,
  ShareRecorded,
  ShareStats,
  type RecordOpenInput,
  type ShareChannel,
  type ShareTarget,
} from '@chuangan/shared'
import { DataSource } from 'typeorm'
import type { AuthedRequest } from '../src/auth/auth.guard'
import { SessionsService } from '../src/auth/sessions.service'
import { Article, ArticleRead } from '../src/content/article.entity'
import { Author } from '../src/content/author.entity'
import { ContentCache } from '../src/content/content-cache.service'
import { DemoContentService } from '../src/demo/demo-content.service'
import { readerKey } from '../src/content/reader-key'
import { entities } from '../src/database/entities'
import { RateLimitService, type RateLimits } from '../src/rate-limit/rate-limit.service'
import { ShareEvent, ShareOpen } from '../src/share/share.entity'
import { SharesService } from '../src/share/shares.service'
import { User } from '../src/users/user.entity'
import { UsersService } from '../src/users/users.service'
import { freshWorld, type World } from './support/content-world'
import { agent, createTestApp, ENGINE, request, resetDatabase, roles, type Agent } from './support/test-app'

type Roles = Awaited<ReturnType<typeof roles>>

const REDIS_URL = process.env.TEST_REDIS_URL
const ROOM = { points: 1_000_000, seconds: 60 }
/** A share limit no test reaches, except the rate-limit test, which lowers it (other actions keep theirs). */
const GENEROUS: Partial<RateLimits> = { share: { perUser: ROOM, perIp: ROOM } }
const DAY = 86_400_000

describe(`sharing (${ENGINE})`, () => {
  let app: NestFastifyApplication
  let db: DataSource
  let world: World
  let as: Roles

  beforeAll(async () => {
    // With a Redis, the rate limits run on it as in production.
    app = await createTestApp(REDIS_URL ? { REDIS_URL } : {})
    db = app.get(DataSource)
  })
  beforeEach(async () => {
    world = await freshWorld(app)
    app.get(RateLimitService).configure(GENEROUS, `test-${randomUUID()}`)
    as = await roles(app)
  })
  afterAll(() => app.close())

  // Helpers

  const articleTarget = (id: number) => ({ type: 'article' as const, id })
  const codeOf = (who: Agent) => who.user!.shareCode

  const share = (who: Agent, target: { type: ShareTarget; id: number }, channel: ShareChannel = 'friend') =>
    who.call('POST', '/api/shares', { target, channel })

  /**
   * Shares that must be recorded; returns the target's share count. A share counts once a day, so the second and later
   * ones are recorded on the days before (through the service, which takes the time).
   */
  const shared = async (who: Agent, articleId: number, channel: ShareChannel, times = 1) => {
    const res = await share(who, articleTarget(articleId), channel)
    expect(res.status).toBe(201)
    let shares = ShareRecorded.parse(res.body).shares
    for (let day = 1; day < times; day++) {
      const input = { target: articleTarget(articleId), channel }
      const earlier = await app.get(SharesService).recordShare(who.user!.id, input, new Date(Date.now() - day * DAY))
      expect(earlier.created).toBe(true)
      shares = earlier.shares
    }
    return shares
  }

  /** An open by an anonymous device (X-Reader-Id), or by a signed-in agent. */
  const open = (body: object, by: { device?: string; who?: Agent } = {}) => {
    const headers: Record<string, string> = {}
    if (by.device) headers['x-reader-id'] = by.device
    if (by.who?.token) headers.authorization = `Bearer ${by.who.token}`
    return request(app, 'POST', '/api/shares/opens', body, headers)
  }
  const opened = async (input: RecordOpenInput, by: { device?: string; who?: Agent }) => {
    const res = await open(input, by)
    expect(res.status).toBe(200)
    return OpenRecorded.parse(res.body)
  }
  const openOf = (sharer: Agent, articleId: number, channel: ShareChannel = 'friend'): RecordOpenInput => ({
    target: articleTarget(articleId),
    sharer: codeOf(sharer),
    channel,
  })

  /** The read counter's key for a device, as the server computes it. */
  const deviceKey = (device: string) => readerKey({ headers: { 'x-reader-id': device } } as unknown as AuthedRequest)

  const shareRows = async (articleId: number) => ({
    count: (await db.getRepository(Article).findOneByOrFail({ id: articleId })).shareCount,
    rows: await db.getRepository(ShareEvent).countBy({ targetType: 'article', targetId: articleId }),
  })

  /** Every row of every table, to prove a refused call changed nothing. */
  async function snapshot(): Promise<string> {
    const parts: unknown[] = []
    for (const entity of entities) {
      if (entity.name === 'Session') continue
      parts.push(await db.getRepository(entity).find({ order: {} }))
    }
    return JSON.stringify(parts)
  }

  const statsOf = async (who: Agent, url: string) => {
    const res = await who.call('GET', url)
    expect(`${url}: ${res.status}`).toBe(`${url}: 200`)
    return ShareStats.parse(res.body)
  }

  // Share codes

  it('gives every account its own share code: in /me, at sign-in, stable across sign-ins', async () => {
    const me = Me.parse((await as.reader.call('GET', '/api/me')).body)
    expect(me.shareCode).toMatch(/^[0-9A-Za-z]{8}$/)
    expect(me.shareCode).toBe(codeOf(as.reader))

    const login = LoginResult.parse((await request(app, 'POST', '/api/auth/dev', { name: 'sharer-x' })).body)
    expect(login.user.shareCode).toMatch(/^[0-9A-Za-z]{8}$/)
    const again = LoginResult.parse((await request(app, 'POST', '/api/auth/dev', { name: 'sharer-x' })).body)
    expect(again.user.shareCode).toBe(login.user.shareCode)

    const codes = (await db.getRepository(User).find()).map((u) => u.shareCode)
    expect(codes).toHaveLength(5) // four roles and the signed-in dev user
    expect(new Set(codes).size).toBe(codes.length)
  })

  // Recording shares

  it('records shares by signed-in readers of any role and keeps shareCount equal to the rows', async () => {
    const id = world.published[0].id
    const anonymous = await share(as.anonymous, articleTarget(id))
    expect(anonymous.status).toBe(401)
    expect(ApiError.parse(anonymous.body).code).toBe('UNAUTHORIZED')
    expect(await shareRows(id)).toEqual({ count: 0, rows: 0 })

    expect(await shared(as.reader, id, 'friend')).toBe(1)
    // The same share again the same day: 200 with the unchanged count, nothing stored.
    const before = await snapshot()
    const again = await share(as.reader, articleTarget(id), 'friend')
    expect(again.status).toBe(200)
    expect(ShareRecorded.parse(again.body)).toEqual({ shares: 1 })
    expect(await snapshot()).toBe(before)
    expect(await shared(as.reader, id, 'group')).toBe(2) // another channel is another share
    expect(await shared(as.otherReader, id, 'timeline')).toBe(3)
    expect(await shared(as.author, id, 'poster')).toBe(4)
    expect(await shared(as.editor, id, 'group')).toBe(5)
    expect(await shareRows(id)).toEqual({ count: 5, rows: 5 })
    const rows = await db.getRepository(ShareEvent).find({ where: { targetId: id }, order: { id: 'ASC' } })
    expect(rows.map((r) => [r.sharerId, r.channel])).toEqual([
      [as.reader.user!.id, 'friend'],
      [as.reader.user!.id, 'group'],
      [as.otherReader.user!.id, 'timeline'],
      [as.author.user!.id, 'poster'],
      [as.editor.user!.id, 'group'],
    ])

    // Authors, columns and periodicals: rows only (they have no counter).
    for (const target of [
      { type: 'author' as const, id: world.authors[0].id },
      { type: 'column' as const, id: world.columns[1].id },
      { type: 'periodical' as const, id: world.periodical.id },
    ]) {
      const res = await share(as.reader, target, 'timeline')
      expect(`${target.type}: ${res.status}`).toBe(`${target.type}: 201`)
      expect(ShareRecorded.parse(res.body)).toEqual({ shares: 1 })
      const repeat = await share(as.reader, target, 'timeline')
      expect(`${target.type} again: ${repeat.status}`).toBe(`${target.type} again: 200`)
      expect(ShareRecorded.parse(repeat.body)).toEqual({ shares: 1 })
      expect(ShareRecorded.parse((await share(as.otherReader, target)).body)).toEqual({ shares: 2 })
    }
  })

  it('counts a share once per sharer, target, channel and China day (UTC+8)', async () => {
    const id = world.published[2].id
    const shares = app.get(SharesService)
    const record = (
      who: Agent,
      at: string,
      channel: ShareChannel = 'friend',
      target: { type: ShareTarget; id: number } = articleTarget(id),
    ) => shares.recordShare(who.user!.id, { target, channel }, new Date(at))
    // 30 November in China: 00:00 is 16:00Z on the 29th, 23:59:59 is 15:59:59Z on the 30th.
    expect(await record(as.reader, '2026-11-29T16:00:00Z')).toEqual({ shares: 1, created: true })
    expect(await record(as.reader, '2026-11-30T15:59:59Z')).toEqual({ shares: 1, created: false })
    expect(await record(as.reader, '2026-11-30T15:59:59Z', 'timeline')).toEqual({ shares: 2, created: true })
    expect(await record(as.otherReader, '2026-11-30T08:00:00Z')).toEqual({ shares: 3, created: true })
    // 1 December in China: a new day, the same share counts again.
    expect(await record(as.reader, '2026-11-30T16:00:00Z')).toEqual({ shares: 4, created: true })
    expect(await record(as.reader, '2026-12-01T01:00:00Z')).toEqual({ shares: 4, created: false })
    // Other targets too.
    const author = { type: 'author' as const, id: world.authors[1].id }
    expect(await record(as.reader, '2026-11-30T08:00:00Z', 'friend', author)).toEqual({ shares: 1, created: true })
    expect(await record(as.reader, '2026-11-30T09:00:00Z', 'friend', author)).toEqual({ shares: 1, created: false })
    expect(await shareRows(id)).toEqual({ count: 4, rows: 4 })
  })

  it('records nothing for an account deleted while its request was under way (401)', async () => {
    const id = world.published[0].id
    // Only `deletedAt` is set and the session stays live, as for a request that passed the auth guard just before.
    await db.getRepository(User).update({ id: as.reader.user!.id }, { deletedAt: new Date() })
    const before = await snapshot()
    const res = await share(as.reader, articleTarget(id))
    expect(res.status).toBe(401)
    expect(ApiError.parse(res.body).code).toBe('UNAUTHORIZED')
    expect(await snapshot()).toBe(before)
  })

  it('refuses shares of unpublished or unknown targets (404) and bad or extra fields (400), changing nothing', async () => {
    const before = await snapshot()
    for (const target of [
      articleTarget(world.draft.id),
      articleTarget(999999),
      { type: 'author', id: 999999 },
      { type: 'column', id: 999999 },
      { type: 'periodical', id: 999999 },
    ] as const) {
      const res = await share(as.reader, target)
      expect(`${target.type} ${target.id}: ${res.status}`).toBe(`${target.type} ${target.id}: 404`)
      expect(ApiError.parse(res.body).code).toBe(`${target.type.toUpperCase()}_NOT_FOUND`)
    }
    const id = world.published[0].id
    const bad: Array<[object, string]> = [
      [{ target: articleTarget(id), channel: 'moments' }, 'body.channel'],
      [{ target: { type: 'product', id }, channel: 'friend' }, 'body.target.type'],
      [{ target: { type: 'article', id: -1 }, channel: 'friend' }, 'body.target.id'],
      [{ channel: 'friend' }, 'body.target'],
      // Mass assignment: what the server decides is not the client's to send.
      [{ target: articleTarget(id), channel: 'friend', sharerId: as.otherReader.user!.id }, 'sharerId'],
      [{ target: articleTarget(id), channel: 'friend', shares: 1000 }, 'shares'],
      [{ target: articleTarget(id), channel: 'friend', createdAt: '2020-01-01T00:00:00Z' }, 'createdAt'],
      [{ target: { ...articleTarget(id), shareCount: 99 }, channel: 'friend' }, 'shareCount'],
    ]
    for (const [body, field] of bad) {
      const res = await as.reader.call('POST', '/api/shares', body)
      expect(`${JSON.stringify(body)}: ${res.status}`).toBe(`${JSON.stringify(body)}: 400`)
      const error = ApiError.parse(res.body)
      expect(error.code).toBe('VALIDATION_FAILED')
      expect(JSON.stringify(error.details)).toContain(field)
    }
    expect(await snapshot()).toBe(before)
  })

  it('keeps shareCount equal to its rows when 200 readers share one article at once', async () => {
    const id = world.published[1].id
    const users = app.get(UsersService)
    const sessions = app.get(SessionsService)
    const tokens: string[] = []
    for (let i = 0; i < 200; i++) {
      const user = await users.create({ nickname: `分享读者${i}` })
      tokens.push((await sessions.issue(user.id)).token)
    }
    const started = performance.now()
    const results = await Promise.all(
      tokens.map((token, i) =>
        request(
          app,
          'POST',
          '/api/shares',
          { target: articleTarget(id), channel: SHARE_CHANNELS[i % 4] },
          { authorization: `Bearer ${token}` },
        ),
      ),
    )
    const ms = Math.round(performance.now() - started)
    expect(results.map((r) => r.status).filter((s) => s !== 201)).toEqual([])
    // Each share saw the count right after its own row, under the article's lock: 1 … 200, each once.
    const counts = results.map((r) => ShareRecorded.parse(r.body).shares).sort((a, b) => a - b)
    expect(counts).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
    expect(await shareRows(id)).toEqual({ count: 200, rows: 200 })
    console.log(`shares on ${ENGINE}: 200 concurrent shares of one article by 200 readers in ${ms} ms; count = rows`)
  }, 120_000)

  // Opens

  it('counts an open once per reader per share: anonymous devices, signed-in readers; own and unknown not', async () => {
    const id = world.published[0].id
    const input = openOf(as.reader, id)

    expect(await opened(input, { device: 'device-aaaa0001' })).toEqual({ counted: true, newReader: true })
    expect(await opened(input, { device: 'device-aaaa0001' })).toEqual({ counted: false, newReader: false })
    // Another channel or scene is still the same reader and the same share.
    expect(await opened({ ...input, channel: 'group', scene: 1044 }, { device: 'device-aaaa0001' })).toEqual({
      counted: false,
      newReader: false,
    })
    expect(await opened(input, { device: 'device-bbbb0002' })).toEqual({ counted: true, newReader: true })
    // No device id: address and browser make the key.
    expect(await opened(input, {})).toEqual({ counted: true, newReader: true })
    expect(await opened(input, {})).toEqual({ counted: false, newReader: false })
    // A signed-in reader is keyed by account, whatever the device.
    expect(await opened(input, { who: as.otherReader, device: 'device-aaaa0001' })).toEqual({
      counted: true,
      newReader: true,
    })
    expect(await opened(input, { who: as.otherReader, device: 'device-cccc0003' })).toEqual({
      counted: false,
      newReader: false,
    })
    // The sharer opening their own share.
    expect(await opened(input, { who: as.reader })).toEqual({ counted: false, newReader: false })
    // A code nobody has: the page opens all the same, nothing is counted.
    expect(await opened({ ...input, sharer: 'Zz9Zz9Zz' }, { device: 'device-dddd0004' })).toEqual({
      counted: false,
      newReader: false,
    })
    // The same reader arriving from someone else's share of the same article: a new open, not a new reader.
    expect(await opened(openOf(as.editor, id, 'timeline'), { device: 'device-aaaa0001' })).toEqual({
      counted: true,
      newReader: false,
    })

    const rows = await db.getRepository(ShareOpen).find({ order: { id: 'ASC' } })
    expect(rows.map((r) => [r.sharerId, r.readerKey.split(':')[0], r.channel, r.newReader])).toEqual([
      [as.reader.user!.id, 'd', 'friend', true],
      [as.reader.user!.id, 'd', 'friend', true],
      [as.reader.user!.id, 'ip', 'friend', true],
      [as.reader.user!.id, 'u', 'friend', true],
      [as.editor.user!.id, 'd', 'timeline', false],
    ])
    expect(rows[0].readerKey).toBe(deviceKey('device-aaaa0001'))
    expect(rows[3].readerKey).toBe(`u:${as.otherReader.user!.id}`)
    expect(rows.every((r) => r.targetType === 'article' && r.targetId === id && r.scene === null)).toBe(true)
  })

  it('stores the launch scene, counts opens of other targets, and counts one reader once under 50 opens at once', async () => {
    const author = { type: 'author' as const, id: world.authors[1].id }
    const input = { target: author, sharer: codeOf(as.editor), channel: 'poster' as const, scene: 1047 }
    const results = await Promise.all(Array.from({ length: 50 }, () => open(input, { device: 'device-rush0001' })))
    expect(results.map((r) => r.status).filter((s) => s !== 200)).toEqual([])
    expect(results.filter((r) => OpenRecorded.parse(r.body).counted)).toHaveLength(1)
    const rows = await db.getRepository(ShareOpen).find()
    expect(rows.map((r) => [r.targetType, r.targetId, r.channel, r.scene, r.newReader])).toEqual([
      ['author', author.id, 'poster', 1047, true],
    ])
  })

  it('refuses opens of unpublished or unknown targets (404) and bad input (400), changing nothing', async () => {
    const id = world.published[0].id
    const before = await snapshot()
    for (const target of [articleTarget(world.draft.id), articleTarget(999999), { type: 'column', id: 999999 }]) {
      const res = await open({ target, sharer: codeOf(as.reader), channel: 'friend' }, { device: 'device-eeee0005' })
      expect(`${JSON.stringify(target)}: ${res.status}`).toBe(`${JSON.stringify(target)}: 404`)
    }
    const good = openOf(as.reader, id)
    const bad: Array<[object, string]> = [
      [{ ...good, channel: 'moments' }, 'body.channel'],
      [{ ...good, target: { type: 'product', id } }, 'body.target.type'],
      [{ ...good, target: { type: 'article', id: 'abc' } }, 'body.target.id'],
      [{ ...good, sharer: 'short' }, 'body.sharer'],
      [{ ...good, sharer: 'has-dash' }, 'body.sharer'],
      [{ ...good, scene: 99 }, 'body.scene'],
      [{ ...good, newReader: true }, 'newReader'],
      [{ ...good, readerKey: 'u:1' }, 'readerKey'],
      [{ ...good, sharerId: 1 }, 'sharerId'],
    ]
    for (const [body, field] of bad) {
      const res = await open(body, { device: 'device-eeee0005' })
      expect(`${JSON.stringify(body)}: ${res.status}`).toBe(`${JSON.stringify(body)}: 400`)
      expect(JSON.stringify(ApiError.parse(res.body).details)).toContain(field)
    }
    expect(await snapshot()).toBe(before)
  })

  it('tells new readers from returning ones by earlier reads and share opens', async () => {
    const [x, y] = [world.published[0].id, world.published[1].id]
    const input = openOf(as.reader, x)
    const read = (articleId: number, device: string) =>
      request(app, 'POST', `/api/articles/${articleId}/read`, undefined, { 'x-reader-id': device })

    // Read another article on an earlier day: returning.
    await db
      .getRepository(ArticleRead)
      .insert({ articleId: y, readerKey: deviceKey('device-old00001'), day: '2026-01-01' })
    expect(await opened(input, { device: 'device-old00001' })).toEqual({ counted: true, newReader: false })
    // Read the shared article itself on an earlier day: returning.
    await db
      .getRepository(ArticleRead)
      .insert({ articleId: x, readerKey: deviceKey('device-old00002'), day: '2026-01-01' })
    expect(await opened(input, { device: 'device-old00002' })).toEqual({ counted: true, newReader: false })
    // Read another article today: returning.
    expect((await read(y, 'device-today003')).status).toBe(200)
    expect(await opened(input, { device: 'device-today003' })).toEqual({ counted: true, newReader: false })
    // The read of this very visit (the shared article, today, counted just before the open): still new.
    expect((await read(x, 'device-first004')).status).toBe(200)
    expect(await opened(input, { device: 'device-first004' })).toEqual({ counted: true, newReader: true })
    // An earlier share open of anything: returning.
    expect(await opened(openOf(as.editor, y), { device: 'device-open0005' })).toEqual({
      counted: true,
      newReader: true,
    })
    expect(await opened(input, { device: 'device-open0005' })).toEqual({ counted: true, newReader: false })
    // A signed-in reader who has read before as themselves.
    expect((await as.otherReader.call('POST', `/api/articles/${y}/read`)).status).toBe(200)
    expect(await opened(input, { who: as.otherReader })).toEqual({ counted: true, newReader: false })
    expect(await opened(input, { who: as.author })).toEqual({ counted: true, newReader: true })
  })

  it('limits shares and opens per IP address: 429 with Retry-After, nothing stored', async () => {
    const id = world.published[0].id
    app
      .get(RateLimitService)
      .configure({ share: { perUser: ROOM, perIp: { points: 3, seconds: 60 } } }, `test-${randomUUID()}`)
    for (let i = 0; i < 3; i++) {
      expect((await opened(openOf(as.reader, id), { device: `device-rate000${i}` })).counted).toBe(true)
    }
    const before = await snapshot()
    const limited = await open(openOf(as.reader, id), { device: 'device-rate0009' })
    expect(limited.status).toBe(429)
    expect(ApiError.parse(limited.body).code).toBe('RATE_LIMITED')
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect((await share(as.otherReader, articleTarget(id))).status).toBe(429)
    expect(await snapshot()).toBe(before)
  })

  // Stats

  /**
   * A crafted scenario on two articles of author A (p, q) and one of author B (r):
   *   shares of p: reader friend ×2 + group, otherReader timeline, editor poster ×2, gone (deleted later) friend
   *   opens of p:  via reader d1 friend (new), d2 group (new), d3 friend (read before: returning);
   *                via otherReader d1 timeline (returning now), d4 timeline (new); via gone d5 friend (new)
   *   q: otherReader friend share; opens via otherReader d6 friend (new), d1 friend (returning)
   *   r: a reader share with an open (author B's); the author A page: a share (not an article, not counted)
   */
  async function scenario() {
    const [p, q, r] = [world.published[0].id, world.published[2].id, world.published[1].id]
    const gone = await agent(app, '将注销的读者', 'reader')
    const { reader, otherReader, editor } = as
    await db
      .getRepository(ArticleRead)
      .insert({ articleId: q, readerKey: deviceKey('device-d3000000'), day: '2026-01-01' })

    await shared(reader, p, 'friend', 2)
    await shared(reader, p, 'group')
    await shared(otherReader, p, 'timeline')
    await shared(editor, p, 'poster', 2)
    await shared(gone, p, 'friend')
    await shared(otherReader, q, 'friend')
    await shared(reader, r, 'friend')
    expect((await share(reader, { type: 'author', id: world.authors[0].id })).status).toBe(201)

    const expectOpen = async (input: RecordOpenInput, device: string, newReader: boolean) =>
      expect(await opened(input, { device })).toEqual({ counted: true, newReader })
    await expectOpen(openOf(reader, p, 'friend'), 'device-d1000000', true)
    await expectOpen(openOf(reader, p, 'group'), 'device-d2000000', true)
    await expectOpen(openOf(reader, p, 'friend'), 'device-d3000000', false)
    await expectOpen(openOf(otherReader, p, 'timeline'), 'device-d1000000', false)
    await expectOpen(openOf(otherReader, p, 'timeline'), 'device-d4000000', true)
    await expectOpen(openOf(gone, p, 'friend'), 'device-d5000000', true)
    await expectOpen(openOf(otherReader, q, 'friend'), 'device-d6000000', true)
    await expectOpen(openOf(otherReader, q, 'friend'), 'device-d1000000', false)
    await expectOpen(openOf(reader, r, 'friend'), 'device-d7000000', true)
    await expectOpen(
      { target: { type: 'author', id: world.authors[0].id }, sharer: codeOf(reader), channel: 'timeline' },
      'device-d8000000',
      true,
    )

    // The account goes; its rows stay in the counts, its name does not, its code stops counting.
    expect((await gone.call('DELETE', '/api/me', { confirm: true })).status).toBe(200)
    expect(await opened(openOf(gone, p, 'friend'), { device: 'device-d9000000' })).toEqual({
      counted: false,
      newReader: false,
    })
    return { p, q, r }
  }

  it('adds up an article’s shares by channel, opens per share, readers brought and top sharers exactly', async () => {
    const { p } = await scenario()
    expect(await statsOf(as.editor, `/api/editor/articles/${p}/shares`)).toEqual({
      shares: 7,
      opens: 6,
      opensPerShare: 0.86, // 6 / 7, two decimals
      readersBrought: 5, // d1 … d5
      newReaders: 4, // d1, d2, d4, d5
      byChannel: [
        { channel: 'friend', shares: 3, opens: 3, newReaders: 2 },
        { channel: 'group', shares: 1, opens: 1, newReaders: 1 },
        { channel: 'timeline', shares: 1, opens: 2, newReaders: 1 },
        { channel: 'poster', shares: 2, opens: 0, newReaders: 0 },
      ],
      topSharers: [
        { name: '读者甲', shares: 3, opens: 3 },
        { name: '读者乙', shares: 1, opens: 2 },
        { name: DELETED_USER_NAME, shares: 1, opens: 1 },
        { name: '编辑丁', shares: 2, opens: 0 },
      ],
    })
    // Nothing shared: zeros on every channel.
    expect(await statsOf(as.editor, `/api/editor/articles/${world.published[3].id}/shares`)).toEqual({
      shares: 0,
      opens: 0,
      opensPerShare: 0,
      readersBrought: 0,
      newReaders: 0,
      byChannel: SHARE_CHANNELS.map((channel) => ({ channel, shares: 0, opens: 0, newReaders: 0 })),
      topSharers: [],
    })
  })

  it('adds up an author’s articles (not their other pages, not other authors’ articles)', async () => {
    await scenario()
    expect(await statsOf(as.editor, `/api/editor/authors/${world.authors[0].id}/shares`)).toEqual({
      shares: 8,
      opens: 8,
      opensPerShare: 1,
      readersBrought: 6, // d1 … d6
      newReaders: 5, // d1, d2, d4, d5, d6
      byChannel: [
        { channel: 'friend', shares: 4, opens: 5, newReaders: 3 },
        { channel: 'group', shares: 1, opens: 1, newReaders: 1 },
        { channel: 'timeline', shares: 1, opens: 2, newReaders: 1 },
        { channel: 'poster', shares: 2, opens: 0, newReaders: 0 },
      ],
      topSharers: [
        { name: '读者乙', shares: 2, opens: 4 },
        { name: '读者甲', shares: 3, opens: 3 },
        { name: DELETED_USER_NAME, shares: 1, opens: 1 },
        { name: '编辑丁', shares: 2, opens: 0 },
      ],
    })
  })

  it('lists at most 10 top sharers, most opens first, then most shares', async () => {
    const id = world.published[0].id
    const sharers: Agent[] = []
    for (let i = 0; i < 12; i++) sharers.push(await agent(app, `分享者${String(i).padStart(2, '0')}`, 'reader'))
    for (const [i, sharer] of sharers.entries()) {
      await shared(sharer, id, 'friend', 1 + (i % 3))
      for (let j = 0; j < i % 4; j++) await opened(openOf(sharer, id), { device: `device-top${i}-${j}xx` })
    }
    const stats = await statsOf(as.editor, `/api/editor/articles/${id}/shares`)
    expect(stats.topSharers).toHaveLength(10)
    const expected = sharers
      .map((s, i) => ({ name: s.name, shares: 1 + (i % 3), opens: i % 4, i }))
      .sort((a, b) => b.opens - a.opens || b.shares - a.shares || a.i - b.i)
      .slice(0, 10)
      .map(({ name, shares, opens }) => ({ name, shares, opens }))
    expect(stats.topSharers).toEqual(expected)
  })

  it('shows authors their own articles’ and author profile’s stats only (404 otherwise); readers 403', async () => {
    const [own, others] = [world.published[0].id, world.published[1].id] // authors[0], authors[1]
    await db.getRepository(Author).update({ id: world.authors[0].id }, { userId: as.author.user!.id })
    await shared(as.reader, own, 'friend')
    await shared(as.reader, others, 'group')

    expect((await statsOf(as.author, `/api/editor/articles/${own}/shares`)).shares).toBe(1)
    expect((await statsOf(as.author, `/api/editor/authors/${world.authors[0].id}/shares`)).shares).toBe(1)
    // Draft articles are the author's too (nothing shared yet).
    expect((await statsOf(as.author, `/api/editor/articles/${world.draft.id}/shares`)).shares).toBe(0)
    for (const [url, code] of [
      [`/api/editor/articles/${others}/shares`, 'EDITOR_ARTICLE_NOT_FOUND'],
      [`/api/editor/authors/${world.authors[1].id}/shares`, 'AUTHOR_NOT_FOUND'],
      ['/api/editor/articles/999999/shares', 'EDITOR_ARTICLE_NOT_FOUND'],
      ['/api/editor/authors/999999/shares', 'AUTHOR_NOT_FOUND'],
    ]) {
      const res = await as.author.call('GET', url)
      expect(`${url}: ${res.status}`).toBe(`${url}: 404`)
      expect(ApiError.parse(res.body).code).toBe(code)
    }
    // Editors see every article and author; unknown ones are 404.
    expect((await statsOf(as.editor, `/api/editor/articles/${others}/shares`)).byChannel[1]).toEqual({
      channel: 'group',
      shares: 1,
      opens: 0,
      newReaders: 0,
    })
    expect((await statsOf(as.editor, `/api/editor/authors/${world.authors[1].id}/shares`)).shares).toBe(1)
    expect((await as.editor.call('GET', '/api/editor/authors/999999/shares')).status).toBe(404)
    expect((await as.editor.call('GET', '/api/editor/articles/999999/shares')).status).toBe(404)
    for (const url of [`/api/editor/articles/${own}/shares`, `/api/editor/authors/${world.authors[0].id}/shares`]) {
      const reader = await as.reader.call('GET', url)
      expect(`${url}: ${reader.status}`).toBe(`${url}: 403`)
      expect((await as.anonymous.call('GET', url)).status).toBe(401)
    }
  })

  // Demo site

  it('seeds the demo site with real shares and opens: every share count equals its rows', async () => {
    await resetDatabase(app)
    await app.get(ContentCache).invalidate()
    const started = performance.now()
    await app.get(DemoContentService).seedIfEmpty(new Date(), { images: false })
    const ms = Math.round(performance.now() - started)
    const articles = await db.getRepository(Article).find()
    expect(articles.filter((a) => a.shareCount > 5).length).toBeGreaterThan(10)
    for (const a of articles) {
      const { count, rows } = await shareRows(a.id)
      expect({ id: a.id, count }).toEqual({ id: a.id, count: rows })
    }
    expect(await db.getRepository(ShareOpen).count()).toBeGreaterThan(100)
    const users = await db.getRepository(User).find()
    expect(new Set(users.map((u) => u.shareCode)).size).toBe(users.length)

    const editor = await agent(app, '演示编辑', 'editor')
    const busiest = articles.reduce((a, b) => (b.shareCount > a.shareCount ? b : a))
    const stats = await statsOf(editor, `/api/editor/articles/${busiest.id}/shares`)
    expect(stats.shares).toBe(busiest.shareCount)
    expect(stats.opens).toBeGreaterThan(0)
    expect(stats.newReaders).toBeGreaterThan(0)
    expect(stats.newReaders).toBeLessThan(stats.readersBrought)
    expect(stats.byChannel.every((c) => c.shares > 0)).toBe(true)
    expect(stats.topSharers).toHaveLength(10)
    console.log(`demo seed on ${ENGINE} (with shares, no images): ${ms} ms`)
  }, 120_000)
})
