import { randomUUID } from 'node:crypto'
import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import {
  ApiError,
  ArticleDetail,
  ArticlePageView,
  COMMENT_PAGE_SIZE,
  CommentPage,
  CommentView,
  FolderList,
  ViewerState,
} from '@chuangan/shared'
import { RateLimitService } from '../src/rate-limit/rate-limit.service'
import { freshWorld, type World } from './support/content-world'
import { createTestApp, ENGINE, GENEROUS_LIMITS, request, roles, type Agent } from './support/test-app'

type Roles = Awaited<ReturnType<typeof roles>>
const ROLES = ['anonymous', 'reader', 'otherReader', 'author', 'editor'] as const

/** GET /api/articles/:id/page: the article, the caller's state and the first 热门 comment page in one answer. */
describe(`article page route (${ENGINE})`, () => {
  let app: NestFastifyApplication
  let world: World
  let as: Roles
  let articleId: number

  beforeAll(async () => {
    app = await createTestApp()
  })
  beforeEach(async () => {
    world = await freshWorld(app)
    app.get(RateLimitService).configure(GENEROUS_LIMITS, `test-${randomUUID()}`)
    as = await roles(app)
    articleId = world.published[0].id
  })
  afterAll(() => app.close())

  const ok = async <T>(res: Promise<{ status: number; body: unknown }>, status = 200): Promise<T> => {
    const r = await res
    expect([r.status, r.body]).toEqual([status, expect.anything()])
    return r.body as T
  }
  const comment = async (who: Agent, content: string, replyTo?: number) =>
    CommentView.parse(
      await ok(
        who.call('POST', `/api/articles/${articleId}/comments`, replyTo ? { content, replyTo } : { content }),
        201,
      ),
    )
  const page = async (who: Agent, id: number | string = articleId) =>
    ArticlePageView.parse(await ok(who.call('GET', `/api/articles/${id}/page`)))
  /** The raw answer of a GET as the caller gets it (no parsing), to compare bytes. */
  const raw = async (who: Agent, url: string) => {
    const res = await app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'GET', url, headers: who.token ? { authorization: `Bearer ${who.token}` } : {} })
    expect(res.statusCode).toBe(200)
    return res.body
  }

  /** What the three separate routes answer this caller. */
  const separately = async (who: Agent) => ({
    article: ArticleDetail.parse(await ok(who.call('GET', `/api/articles/${articleId}`))),
    viewer: who.token ? ViewerState.parse(await ok(who.call('GET', `/api/articles/${articleId}/me`))) : null,
    comments: CommentPage.parse(
      await ok(who.call('GET', `/api/articles/${articleId}/comments?sort=hot&limit=${COMMENT_PAGE_SIZE}`)),
    ),
  })

  it('answers each role what the article, viewer-state and comment routes answer it, its own state included', async () => {
    // 读者甲 likes and collects the article, likes 读者乙's comment and has a pending comment only it (and editors) sees.
    await ok(as.reader.call('PUT', `/api/articles/${articleId}/like`))
    const folder = FolderList.parse(await ok(as.reader.call('GET', '/api/me/folders'))).items[0]
    await ok(as.reader.call('PUT', `/api/articles/${articleId}/favorite`, { folderIds: [folder.id] }))
    const root = await comment(as.otherReader, '讲得清楚')
    const reply = await comment(as.author, '谢谢', root.id)
    await ok(as.reader.call('PUT', `/api/comments/${root.id}/vote`, { vote: 'like' }))
    const pending = await comment(as.reader, '需要资料的加薇信')
    expect(pending.status).toBe('pending')

    for (const who of ROLES) {
      const agent = as[who]
      const view = await page(agent)
      expect([who, view]).toEqual([who, await separately(agent)])
      // the article is the detail route's cached bytes, spliced in as they are
      const detail = await raw(agent, `/api/articles/${articleId}`)
      expect((await raw(agent, `/api/articles/${articleId}/page`)).startsWith(`{"article":${detail},"viewer":`)).toBe(
        true,
      )
    }

    const views = Object.fromEntries(await Promise.all(ROLES.map(async (w) => [w, await page(as[w])] as const)))
    expect(views.anonymous.viewer).toBeNull()
    expect(views.reader.viewer).toEqual({
      liked: true,
      likes: 1,
      folderIds: [folder.id],
      favorites: 1,
      comments: 2,
      commentsClosed: false,
    })
    for (const who of ['otherReader', 'author', 'editor'] as const) {
      expect([who, views[who].viewer]).toEqual([
        who,
        expect.objectContaining({ liked: false, folderIds: [], likes: 1 }),
      ])
    }
    const threads = (who: (typeof ROLES)[number]) =>
      views[who].comments.items.map((t) => ({ id: t.id, mine: t.mine, myVote: t.myVote, status: t.status }))
    // the pending comment: its writer and editors see it, nobody else (热门: the liked, replied-to thread first)
    expect(threads('reader')).toEqual([
      { id: root.id, mine: false, myVote: 'like', status: 'published' },
      { id: pending.id, mine: true, myVote: null, status: 'pending' },
    ])
    expect(threads('editor').map((t) => t.id)).toContain(pending.id)
    for (const who of ['anonymous', 'otherReader', 'author'] as const) {
      expect([who, threads(who)]).toEqual([
        who,
        [{ id: root.id, mine: who === 'otherReader', myVote: null, status: 'published' }],
      ])
    }
    expect(views.author.comments.items[0].replies.map((r) => [r.id, r.mine])).toEqual([[reply.id, true]])
    expect(views.anonymous.comments).toMatchObject({ total: 2, closed: false, nextCursor: null })
  })

  it('sends the first COMMENT_PAGE_SIZE threads, whose cursor leads the comment route on', async () => {
    const written: number[] = []
    for (let i = 0; i < COMMENT_PAGE_SIZE + 3; i++) written.push((await comment(as.otherReader, `第 ${i} 条`)).id)
    const first = (await page(as.reader)).comments
    expect(first.items).toHaveLength(COMMENT_PAGE_SIZE)
    expect(first.nextCursor).not.toBeNull()
    const rest = CommentPage.parse(
      await ok(
        as.reader.call(
          'GET',
          `/api/articles/${articleId}/comments?sort=hot&limit=${COMMENT_PAGE_SIZE}&cursor=${first.nextCursor}`,
        ),
      ),
    )
    expect([...first.items, ...rest.items].map((t) => t.id).sort((a, b) => a - b)).toEqual(written)
    expect(rest.nextCursor).toBeNull()
  })

  it('answers an unknown token as it answers anonymous readers (the page opens from Moments without login)', async () => {
    const stranger: Agent = {
      ...as.anonymous,
      call: (method, url, payload) => request(app, method, url, payload, { authorization: 'Bearer no-such-token' }),
    }
    expect(await page(stranger)).toEqual(await page(as.anonymous))
  })

  it('refuses drafts, archived and unknown articles with 404 and bad ids with 400, in the one error shape', async () => {
    const archived = world.published[1].id
    await ok(as.editor.call('POST', `/api/editor/articles/${archived}/archive`))
    for (const who of ROLES) {
      for (const id of [world.draft.id, archived, 999_999]) {
        const res = await as[who].call('GET', `/api/articles/${id}/page`)
        expect([who, id, res.status]).toEqual([who, id, 404])
        expect(ApiError.parse(res.body)).toMatchObject({ code: 'ARTICLE_NOT_FOUND', message: '文章不存在或已下线' })
      }
      for (const id of ['abc', '0', '-1', '2147483648', '1.5']) {
        const res = await as[who].call('GET', `/api/articles/${id}/page`)
        expect([who, id, res.status]).toEqual([who, id, 400])
        expect(ApiError.parse(res.body)).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' })
      }
    }
  })

  it('shows the caller’s own changes at once (the viewer part is never cached)', async () => {
    expect((await page(as.reader)).viewer).toMatchObject({ liked: false, likes: 0 })
    await ok(as.reader.call('PUT', `/api/articles/${articleId}/like`))
    expect((await page(as.reader)).viewer).toMatchObject({ liked: true, likes: 1 })
    expect((await page(as.otherReader)).viewer).toMatchObject({ liked: false, likes: 1 })
    await ok(as.reader.call('DELETE', `/api/articles/${articleId}/like`))
    expect((await page(as.reader)).viewer).toMatchObject({ liked: false, likes: 0 })
  })
})
