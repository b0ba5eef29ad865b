import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import {
  ApiError,
  CommentPage,
  CommentView,
  DELETED_USER_NAME,
  LoginResult,
  ModerationPage,
  MyCommentPage,
  ReplyPage,
  VoteResult,
} from '@chuangan/shared'
import { DataSource } from 'typeorm'
import { SessionsService } from '../src/auth/sessions.service'
import { Comment, CommentReport, CommentVote } from '../src/comments/comment.entity'
import { CommentsService } from '../src/comments/comments.service'
import { Article } from '../src/content/article.entity'
import { RateLimitService } from '../src/rate-limit/rate-limit.service'
import { User } from '../src/users/user.entity'
import { UsersService } from '../src/users/users.service'
import { EmbeddedWechatEmulator } from '../src/wechat/embedded-emulator'
import type { WechatEmulator } from '../src/wechat/emulator/wechat-emulator'
import { COMMENT_PAGE_WRITES, expectPagesForgotten } from './support/comment-writes'
import { buildWorld, freshWorld, type World } from './support/content-world'
import {
  createTestApp,
  ENGINE,
  request,
  resetDatabase,
  roles,
  type Agent,
  GENEROUS_LIMITS,
  ROOM,
} from './support/test-app'

type Roles = Awaited<ReturnType<typeof roles>>
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

const CHECK = '/wxa/msg_sec_check'

describe(`comments (${ENGINE})`, () => {
  let app: NestFastifyApplication
  let db: DataSource
  let emulator: WechatEmulator
  let world: World
  let as: Roles
  let articleId: number

  beforeAll(async () => {
    app = await createTestApp()
    db = app.get(DataSource)
    emulator = app.get(EmbeddedWechatEmulator).instance!
  })
  beforeEach(async () => {
    world = await freshWorld(app)
    app.get(RateLimitService).configure(GENEROUS_LIMITS, `test-${randomUUID()}`)
    as = await roles(app)
    articleId = world.published[0].id
  })
  afterAll(() => app.close())

  // Helpers

  const post = (who: Agent, body: object, article = articleId) =>
    who.call('POST', `/api/articles/${article}/comments`, body)

  /** Writes a comment (or reply) that must succeed and returns its view. */
  const write = async (who: Agent, content: string, replyTo?: number, article = articleId) => {
    const res = await post(who, replyTo === undefined ? { content } : { content, replyTo }, article)
    expect(res.status).toBe(201)
    return CommentView.parse(res.body)
  }

  const list = async (who: Agent, query = '', article = articleId) => {
    const res = await who.call('GET', `/api/articles/${article}/comments${query}`)
    expect(res.status).toBe(200)
    return CommentPage.parse(res.body)
  }

  const replies = async (who: Agent, rootId: number, query = '') => {
    const res = await who.call('GET', `/api/comments/${rootId}/replies${query}`)
    expect(res.status).toBe(200)
    return ReplyPage.parse(res.body)
  }

  const mine = async (who: Agent) => {
    const res = await who.call('GET', '/api/me/comments')
    expect(res.status).toBe(200)
    return MyCommentPage.parse(res.body)
  }

  const queue = async (name: 'reported' | 'pending' | 'hidden') => {
    const res = await as.editor.call('GET', `/api/editor/comments?queue=${name}`)
    expect(res.status).toBe(200)
    return ModerationPage.parse(res.body)
  }

  const row = (id: number) => db.getRepository(Comment).findOneByOrFail({ id })

  /** Every count this module keeps, next to what its rows say. */
  const counts = async (article = articleId) => {
    const a = await db.getRepository(Article).findOneByOrFail({ id: article })
    return {
      commentCount: a.commentCount,
      publishedRows: await db.getRepository(Comment).countBy({ articleId: article, status: 'published' }),
    }
  }

  /** Fails unless every count on every comment and article equals its rows. */
  const expectCountsExact = async () => {
    const comments = await db.getRepository(Comment).find()
    const votes = await db.getRepository(CommentVote).find()
    const reports = await db.getRepository(CommentReport).find()
    for (const c of comments) {
      const mineOf = votes.filter((v) => v.commentId === c.id)
      expect({ id: c.id, likes: c.likeCount, dislikes: c.dislikeCount, reports: c.reportCount }).toEqual({
        id: c.id,
        likes: mineOf.filter((v) => v.kind === 'like').length,
        dislikes: mineOf.filter((v) => v.kind === 'dislike').length,
        reports: reports.filter((r) => r.commentId === c.id).length,
      })
      if (c.rootId === null) {
        const replyRows = comments.filter((r) => r.rootId === c.id && r.status === 'published' && !r.isAuthorReply)
        expect({ id: c.id, replies: c.replyCount, hot: c.hotScore }).toEqual({
          id: c.id,
          replies: replyRows.length,
          hot: c.likeCount - c.dislikeCount + 2 * replyRows.length,
        })
      }
    }
    for (const articleId of new Set(comments.map((c) => c.articleId))) {
      const c = await counts(articleId)
      expect(c.commentCount).toBe(c.publishedRows)
    }
  }

  /** Everything this module stores, to prove a refused write changed nothing. */
  const snapshot = async () =>
    JSON.stringify({
      comments: await db.getRepository(Comment).find({ order: { id: 'ASC' } }),
      votes: await db.getRepository(CommentVote).find({ order: { commentId: 'ASC', userId: 'ASC' } }),
      reports: await db.getRepository(CommentReport).find({ order: { commentId: 'ASC', userId: 'ASC' } }),
      articles: await db.getRepository(Article).find({
        select: { id: true, commentCount: true, commentsClosed: true },
        order: { id: 'ASC' },
      }),
    })

  const expectRefused = async (
    res: { status: number; body: unknown },
    status: number,
    code: string,
    before: string,
  ): Promise<ApiError> => {
    expect(res.status).toBe(status)
    const error = ApiError.parse(res.body)
    expect(error).toMatchObject({ statusCode: status, code })
    expect(error.message).toMatch(/[\u4e00-\u9fff]/)
    expect(await snapshot()).toBe(before)
    return error
  }

  /** A reader who signed in through WeChat (the emulator): has an openid, so msg_sec_check runs. */
  const wechatReader = async (name: string): Promise<Agent> => {
    const res = await request(app, 'POST', '/api/auth/dev', JSON.stringify({ name }))
    const { token, user } = LoginResult.parse(res.body)
    return {
      name,
      user: { id: user.id } as User,
      token,
      call: (method, url, payload) => request(app, method, url, payload, { authorization: `Bearer ${token}` }),
    }
  }

  // Writing and reading

  it('writes comments and replies, folds replies under their thread and names whom a reply answers', async () => {
    const root = await write(as.reader, '  温漂补偿讲得很清楚  ')
    expect(root).toMatchObject({
      content: '温漂补偿讲得很清楚',
      rootId: null,
      replyTo: null,
      status: 'published',
      mine: true,
      featured: false,
      likes: 0,
      myVote: null,
      author: { userId: as.reader.user!.id, name: '读者甲', badge: null },
    })
    const r1 = await write(as.otherReader, '同意', root.id)
    expect(r1).toMatchObject({ rootId: root.id, replyTo: null })
    // A reply to a reply sits under the same root and names whom it answers (回复 @读者乙).
    const r2 = await write(as.reader, '谢谢', r1.id)
    expect(r2).toMatchObject({ rootId: root.id, replyTo: { id: r1.id, name: '读者乙' } })
    const r3 = await write(as.author, '补充一点', root.id)
    const r4 = await write(as.editor, '再补充', r2.id)

    const page = await list(as.anonymous)
    expect(page).toMatchObject({ total: 5, closed: false, nextCursor: null })
    expect(page.items).toHaveLength(1)
    const thread = page.items[0]
    expect(thread).toMatchObject({ id: root.id, replyCount: 4, authorReply: null, mine: false })
    expect(thread.replies.map((r) => r.id)).toEqual([r1.id, r2.id, r3.id])

    // All replies, oldest first, in pages.
    const first = await replies(as.anonymous, root.id, '?limit=3')
    expect(first.items.map((r) => r.id)).toEqual([r1.id, r2.id, r3.id])
    const second = await replies(as.anonymous, root.id, `?limit=3&cursor=${first.nextCursor}`)
    expect(second).toEqual({
      items: [expect.objectContaining({ id: r4.id, replyTo: { id: r2.id, name: '读者甲' } })],
      nextCursor: null,
    })
    expect(await counts()).toEqual({ commentCount: 5, publishedRows: 5 })
    await expectCountsExact()

    // The replies of a reply are not a thread.
    expect((await as.anonymous.call('GET', `/api/comments/${r1.id}/replies`)).status).toBe(404)
    expect((await as.anonymous.call('GET', '/api/comments/999999/replies')).status).toBe(404)
  })

  it('shows each thread its own first three replies when replies to several threads interleave', async () => {
    const a = await write(as.reader, '第一条')
    const b = await write(as.otherReader, '第二条')
    const replies: Record<number, number[]> = { [a.id]: [], [b.id]: [] }
    for (let i = 0; i < 4; i++) {
      for (const root of [a, b]) replies[root.id].push((await write(as.author, `回复 ${i}`, root.id)).id)
    }
    const page = await list(as.otherReader, '?sort=newest')
    expect(page.items.map((t) => [t.id, t.replyCount, t.replies.map((r) => r.id)])).toEqual([
      [b.id, 4, replies[b.id].slice(0, 3)],
      [a.id, 4, replies[a.id].slice(0, 3)],
    ])
  })

  it('validates content (1–1000 characters, trimmed) and what a reply answers, storing nothing when refused', async () => {
    const other = await write(as.otherReader, '别的文章下的评论', undefined, world.published[1].id)
    const before = await snapshot()
    for (const body of [{ content: '' }, { content: '   ' }, { content: 'x'.repeat(1001) }, {}, { content: 5 }]) {
      const error = await expectRefused(await post(as.reader, body), 400, 'VALIDATION_FAILED', before)
      expect(error.details?.[0].path).toBe('body.content')
    }
    for (const replyTo of [999999, other.id]) {
      const error = await expectRefused(
        await post(as.reader, { content: '回复', replyTo }),
        400,
        'REPLY_TARGET_NOT_FOUND',
        before,
      )
      expect(error.details).toEqual([{ path: 'body.replyTo', message: '要回复的评论不存在或已删除' }])
    }
    expect((await post(as.reader, { content: '长'.repeat(1000) })).status).toBe(201)
    expect((await as.reader.call('POST', '/api/articles/abc/comments', { content: '好' })).status).toBe(400)
  })

  it('refuses comments on unpublished articles with 404 and on closed ones with 409, changing nothing', async () => {
    const root = await write(as.reader, '关闭前的评论')
    let before = await snapshot()
    for (const id of [world.draft.id, 999999]) {
      await expectRefused(await post(as.reader, { content: '好' }, id), 404, 'ARTICLE_NOT_FOUND', before)
      expect((await as.reader.call('GET', `/api/articles/${id}/comments`)).status).toBe(404)
    }

    const closed = await as.editor.call('PUT', `/api/editor/articles/${articleId}/comments`, { closed: true })
    expect(closed).toMatchObject({ status: 200, body: { closed: true } })
    before = await snapshot()
    const refused = await expectRefused(
      await post(as.reader, { content: '还能评论吗' }),
      409,
      'COMMENTS_CLOSED',
      before,
    )
    expect(refused.message).toBe('该文章已关闭评论')
    await expectRefused(
      await post(as.otherReader, { content: '回复', replyTo: root.id }),
      409,
      'COMMENTS_CLOSED',
      before,
    )
    // The list stays, and says it is closed; editors can still answer as the author.
    expect(await list(as.anonymous)).toMatchObject({ closed: true, total: 1 })
    expect(
      (await as.editor.call('POST', `/api/editor/comments/${root.id}/author-reply`, { content: '感谢' })).status,
    ).toBe(201)

    await as.editor.call('PUT', `/api/editor/articles/${articleId}/comments`, { closed: false })
    expect((await post(as.reader, { content: '又开放了' })).status).toBe(201)
    expect((await as.editor.call('PUT', '/api/editor/articles/999999/comments', { closed: true })).status).toBe(404)

    // An article taken offline takes its comments with it.
    await db.getRepository(Article).update({ id: articleId }, { status: 'archived' })
    expect((await as.anonymous.call('GET', `/api/comments/${root.id}/replies`)).status).toBe(404)
    expect((await as.otherReader.call('PUT', `/api/comments/${root.id}/vote`, { vote: 'like' })).status).toBe(404)
    await expectCountsExact()
  })

  it('orders threads hot (likes − dislikes + 2 × replies) or newest, featured first on the first page only', async () => {
    const c = [] as CommentView[]
    for (let i = 0; i < 5; i++) c.push(await write(as.reader, `第 ${i} 条`))
    const vote = (who: Agent, id: number, kind: 'like' | 'dislike') =>
      who.call('PUT', `/api/comments/${id}/vote`, { vote: kind })
    // c1: 2 likes (2); c2: 1 like, 1 dislike (0); c3: 1 reply (2, newer than c1); c4: 1 dislike (−1); c0: 0.
    await vote(as.otherReader, c[1].id, 'like')
    await vote(as.author, c[1].id, 'like')
    await vote(as.otherReader, c[2].id, 'like')
    await vote(as.author, c[2].id, 'dislike')
    await write(as.otherReader, '回复', c[3].id)
    await vote(as.otherReader, c[4].id, 'dislike')

    const hot = await list(as.anonymous, '?sort=hot')
    expect(hot.items.map((t) => t.id)).toEqual([c[3].id, c[1].id, c[2].id, c[0].id, c[4].id])
    const newest = await list(as.anonymous, '?sort=newest')
    expect(newest.items.map((t) => t.id)).toEqual([c[4].id, c[3].id, c[2].id, c[1].id, c[0].id])

    // Keyset pages cover everything once.
    for (const sort of ['hot', 'newest']) {
      const seen: number[] = []
      let cursor: string | null = null
      do {
        const page: CommentPage = await list(as.anonymous, `?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        seen.push(...page.items.map((t) => t.id))
        cursor = page.nextCursor
      } while (cursor)
      expect(seen).toEqual((sort === 'hot' ? hot : newest).items.map((t) => t.id))
    }
    const wrongOrder = await list(as.anonymous, '?sort=hot&limit=2')
    const mismatch = await as.anonymous.call(
      'GET',
      `/api/articles/${articleId}/comments?sort=newest&cursor=${wrongOrder.nextCursor}`,
    )
    expect(mismatch.status).toBe(400)

    // 精选 first, on the first page only.
    const featured = await as.editor.call('PUT', `/api/editor/comments/${c[4].id}/featured`, { featured: true })
    expect(CommentView.parse(featured.body)).toMatchObject({ id: c[4].id, featured: true })
    const first = await list(as.anonymous, '?sort=hot&limit=2')
    expect(first.items.map((t) => t.id)).toEqual([c[4].id, c[3].id, c[1].id])
    const next = await list(as.anonymous, `?sort=hot&limit=2&cursor=${first.nextCursor}`)
    expect(next.items.map((t) => t.id)).toEqual([c[2].id, c[0].id])
    await as.editor.call('PUT', `/api/editor/comments/${c[4].id}/featured`, { featured: false })
    expect((await list(as.anonymous, '?sort=hot')).items.map((t) => t.id)[4]).toBe(c[4].id)
    await expectCountsExact()
  })

  it('refuses ids and cursors beyond the 4-byte integer columns with 400, never reaching the database', async () => {
    const c = await write(as.reader, '第一条')
    await write(as.reader, '第二条')
    const cursor = (text: string) => Buffer.from(text).toString('base64url')
    const urls: [string, string][] = [
      ['/api/articles/3000000000/comments', 'params.id'],
      ['/api/articles/2147483648/comments', 'params.id'],
      ['/api/comments/3000000000/replies', 'params.id'],
      [
        `/api/articles/${articleId}/comments?sort=newest&cursor=${cursor('newest:1764000000000:999999999999999')}`,
        'query.cursor',
      ],
      [`/api/articles/${articleId}/comments?sort=hot&cursor=${cursor('hot:999999999999999:1')}`, 'query.cursor'],
      [`/api/articles/${articleId}/comments?sort=newest&cursor=${cursor('newest:999999999999999:1')}`, 'query.cursor'],
      [`/api/comments/${c.id}/replies?cursor=${cursor('replies:1764000000000:2147483648')}`, 'query.cursor'],
    ]
    for (const [url, field] of urls) {
      const res = await as.reader.call('GET', url)
      expect(`${url}: ${res.status}`).toBe(`${url}: 400`)
      expect(ApiError.parse(res.body)).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: field }] })
    }
    // The largest id is still an id: nothing has it.
    expect((await as.reader.call('GET', '/api/articles/2147483647/comments')).status).toBe(404)
  })

  // Who may do what

  it('lets each role do exactly what it may, and a refused write changes nothing', async () => {
    const mineRoot = await write(as.reader, '读者甲的评论')
    const othersRoot = await write(as.otherReader, '读者乙的评论')
    const url = (route: string) => route.replace(':a', String(articleId)).replace(':c', String(mineRoot.id))
    const everyone = ['anonymous', 'reader', 'otherReader', 'author', 'editor'] as const

    // Reads: public lists for all; my comments for the signed-in, each seeing only their own.
    for (const who of everyone) {
      expect((await as[who].call('GET', url('/api/articles/:a/comments'))).status).toBe(200)
      expect((await as[who].call('GET', url('/api/comments/:c/replies'))).status).toBe(200)
      const res = await as[who].call('GET', '/api/me/comments')
      if (who === 'anonymous') expect(res.status).toBe(401)
      else {
        const page = MyCommentPage.parse(res.body)
        expect(page.items.every((i) => i.comment.author.userId === as[who].user!.id)).toBe(true)
      }
    }

    // Reader writes: anonymous refused with 401, every signed-in role allowed.
    const writes: Array<[Method, string, object | undefined, number]> = [
      ['POST', '/api/articles/:a/comments', { content: '我也说一句' }, 201],
      ['PUT', '/api/comments/:c/vote', { vote: 'like' }, 200],
      ['DELETE', '/api/comments/:c/vote', undefined, 200],
    ]
    for (const [method, route, body, ok] of writes) {
      const before = await snapshot()
      await expectRefused(await as.anonymous.call(method, url(route), body), 401, 'UNAUTHORIZED', before)
      for (const who of ['reader', 'otherReader', 'author', 'editor'] as const) {
        expect({ who, route, status: (await as[who].call(method, url(route), body)).status }).toEqual({
          who,
          route,
          status: ok,
        })
      }
    }

    // Reports: anonymous 401, my own 409, the others 200.
    let before = await snapshot()
    await expectRefused(
      await as.anonymous.call('POST', url('/api/comments/:c/report'), { reason: 'spam' }),
      401,
      'UNAUTHORIZED',
      before,
    )
    await expectRefused(
      await as.reader.call('POST', url('/api/comments/:c/report'), { reason: 'spam' }),
      409,
      'OWN_COMMENT_REPORTED',
      before,
    )
    for (const who of ['otherReader', 'author', 'editor'] as const) {
      expect((await as[who].call('POST', url('/api/comments/:c/report'), { reason: 'spam' })).status).toBe(200)
    }
    expect((await row(mineRoot.id)).reportCount).toBe(3)

    // Deleting: only the writer; editors hide instead.
    before = await snapshot()
    await expectRefused(await as.anonymous.call('DELETE', url('/api/comments/:c')), 401, 'UNAUTHORIZED', before)
    for (const who of ['otherReader', 'author', 'editor'] as const) {
      await expectRefused(await as[who].call('DELETE', url('/api/comments/:c')), 403, 'NOT_COMMENT_OWNER', before)
    }

    // Editor endpoints: 401 anonymous, 403 readers and authors, 2xx editors.
    const editorCalls: Array<[Method, string, object | undefined]> = [
      ['GET', '/api/editor/comments', undefined],
      ['PUT', `/api/editor/comments/${othersRoot.id}/featured`, { featured: true }],
      ['POST', `/api/editor/comments/${othersRoot.id}/hide`, undefined],
      ['POST', `/api/editor/comments/${othersRoot.id}/restore`, undefined],
      ['POST', `/api/editor/comments/${othersRoot.id}/author-reply`, { content: '作者回复' }],
      ['PUT', `/api/editor/articles/${articleId}/comments`, { closed: false }],
    ]
    for (const [method, route, body] of editorCalls) {
      before = await snapshot()
      await expectRefused(await as.anonymous.call(method, route, body), 401, 'UNAUTHORIZED', before)
      for (const who of ['reader', 'otherReader', 'author'] as const) {
        await expectRefused(await as[who].call(method, route, body), 403, 'FORBIDDEN', before)
      }
      const res = await as.editor.call(method, route, body)
      expect({ route, ok: res.status >= 200 && res.status < 300 }).toEqual({ route, ok: true })
    }

    // Finally the writer deletes their own.
    expect((await as.reader.call('DELETE', url('/api/comments/:c'))).body).toEqual({ ok: true })
    await expectCountsExact()
  })

  it('never shows my pending comment to another reader, anywhere, nor lets them act on it', async () => {
    // 薇信 is on our own list (review): the roles' accounts have no openid, so only our filter runs.
    const pending = await write(as.reader, '需要资料的加薇信')
    expect(pending).toMatchObject({ status: 'pending', mine: true })
    const published = await write(as.reader, '公开的评论')
    const pendingReply = await write(as.reader, '私聊领取资料', published.id)
    expect(pendingReply.status).toBe('pending')
    expect(await counts()).toEqual({ commentCount: 1, publishedRows: 1 })

    for (const who of [as.anonymous, as.otherReader, as.author]) {
      const page = await list(who)
      expect(page.items.map((t) => t.id)).toEqual([published.id])
      expect(page.items[0].replies).toEqual([])
      expect(page.total).toBe(1)
      expect((await replies(who, published.id)).items).toEqual([])
      expect((await who.call('GET', `/api/comments/${pending.id}/replies`)).status).toBe(404)
      if (who.user) expect((await mine(who)).items).toEqual([])
    }
    const before = await snapshot()
    for (const [method, route, body, status] of [
      ['PUT', `/api/comments/${pending.id}/vote`, { vote: 'like' }, 404],
      ['DELETE', `/api/comments/${pending.id}/vote`, undefined, 404],
      ['POST', `/api/comments/${pending.id}/report`, { reason: 'spam' }, 404],
      ['DELETE', `/api/comments/${pending.id}`, undefined, 404],
      ['POST', `/api/articles/${articleId}/comments`, { content: '回复', replyTo: pending.id }, 400],
    ] as Array<[Method, string, object | undefined, number]>) {
      expect((await as.otherReader.call(method, route, body)).status).toBe(status)
    }
    expect(await snapshot()).toBe(before)

    // The writer sees both, marked pending; so do editors.
    const own = await list(as.reader)
    expect(own.items.map((t) => [t.id, t.status])).toEqual([
      [published.id, 'published'],
      [pending.id, 'pending'],
    ])
    expect(own.items[0].replies.map((r) => [r.id, r.status])).toEqual([[pendingReply.id, 'pending']])
    expect((await mine(as.reader)).items.map((i) => [i.comment.id, i.comment.status, i.article.id])).toEqual([
      [pendingReply.id, 'pending', articleId],
      [published.id, 'published', articleId],
      [pending.id, 'pending', articleId],
    ])
    expect((await list(as.editor)).items.map((t) => t.id)).toContain(pending.id)
    const inQueue = await queue('pending')
    expect(inQueue.items.map((i) => i.comment.id)).toEqual([pendingReply.id, pending.id])
    expect(inQueue.items[1]).toMatchObject({ checkLabel: 10001, article: { id: articleId }, reports: 0 })

    // Restoring publishes it: everyone sees it, counts follow.
    expect((await as.editor.call('POST', `/api/editor/comments/${pending.id}/restore`)).status).toBe(200)
    expect((await list(as.otherReader)).items.map((t) => t.id)).toContain(pending.id)
    expect(await counts()).toEqual({ commentCount: 2, publishedRows: 2 })
    await expectCountsExact()
  })

  it('refuses bodies that try to set what readers may not (mass assignment), naming the field', async () => {
    const target = await write(as.otherReader, '目标评论')
    const before = await snapshot()
    const tries: Array<[Method, string, Record<string, unknown>]> = [
      ['POST', `/api/articles/${articleId}/comments`, { content: '好', featured: true }],
      ['POST', `/api/articles/${articleId}/comments`, { content: '好', status: 'published' }],
      ['POST', `/api/articles/${articleId}/comments`, { content: '好', likeCount: 99 }],
      ['POST', `/api/articles/${articleId}/comments`, { content: '好', userId: as.otherReader.user!.id }],
      ['POST', `/api/articles/${articleId}/comments`, { content: '好', articleId: world.published[1].id }],
      ['POST', `/api/articles/${articleId}/comments`, { content: '好', isAuthorReply: true }],
      ['POST', `/api/articles/${articleId}/comments`, { content: '好', rootId: target.id }],
      ['PUT', `/api/comments/${target.id}/vote`, { vote: 'like', userId: as.otherReader.user!.id }],
      ['PUT', `/api/comments/${target.id}/vote`, { vote: 'like', likeCount: 100 }],
      ['POST', `/api/comments/${target.id}/report`, { reason: 'spam', status: 'hidden' }],
    ]
    for (const [method, route, body] of tries) {
      const error = await expectRefused(await as.reader.call(method, route, body), 400, 'VALIDATION_FAILED', before)
      const field = Object.keys(body).find((k) => !['content', 'vote', 'reason'].includes(k))!
      expect(JSON.stringify(error.details)).toContain(field)
    }
    for (const [route, body] of [
      [`/api/editor/comments/${target.id}/author-reply`, { content: '好', userId: 1 }],
      [`/api/editor/comments/${target.id}/featured`, { featured: true, status: 'published' }],
      [`/api/editor/articles/${articleId}/comments`, { closed: true, commentCount: 0 }],
    ] as Array<[string, object]>) {
      const method = route.endsWith('author-reply') ? 'POST' : 'PUT'
      await expectRefused(await as.editor.call(method, route, body), 400, 'VALIDATION_FAILED', before)
    }
  })

  // Content checks

  it('checks WeChat users’ text with msg_sec_check and our filter: pass, review (pending), risky (422)', async () => {
    const alice = await wechatReader('alice')
    const calls = emulator.callCount(CHECK)
    expect((await write(alice, '写得好')).status).toBe('published')
    // The emulator's review word (加微信, 10001 ad) → pending with WeChat's label.
    const review = await write(alice, '需要样品的加微信')
    expect(review.status).toBe('pending')
    expect((await row(review.id)).checkLabel).toBe(10001)
    expect(emulator.callCount(CHECK)).toBe(calls + 2)

    // The emulator's risky word (赌博, 20006) and our own risky word (代开发票): 422, nothing stored.
    const before = await snapshot()
    for (const content of ['线上赌博平台', '长期代开发票']) {
      const error = await expectRefused(await post(alice, { content }), 422, 'CONTENT_REJECTED', before)
      expect(error.message).toBe('内容含有违法犯罪信息，请修改后再提交')
      expect(error.details).toEqual([{ path: 'body.content', message: error.message }])
    }
    // Our own review word, which WeChat passes.
    expect((await write(alice, '稳赚不赔的好机会')).status).toBe('pending')

    // Accounts without an openid (staff, test agents) get our filter only: WeChat is not asked.
    const staffCalls = emulator.callCount(CHECK)
    expect((await write(as.editor, '有事加微信')).status).toBe('published')
    expect((await write(as.reader, '加薇信')).status).toBe('pending')
    expect(emulator.callCount(CHECK)).toBe(staffCalls)
    expect(await counts()).toEqual({ commentCount: 2, publishedRows: 2 })
  })

  it('keeps a comment for human review when WeChat fails (-1 busy, 45011 rate limit) instead of refusing it', async () => {
    const bob = await wechatReader('bob')
    for (const errcode of [-1, 45011]) {
      emulator.failNext(CHECK, errcode)
      const view = await write(bob, '写得好')
      expect(view.status).toBe('pending')
      expect((await row(view.id)).checkLabel).toBeNull()
    }
    expect((await queue('pending')).items).toHaveLength(2)
    expect((await write(bob, '写得好')).status).toBe('published')
  })

  // Votes, deletion, reports, moderation

  it('keeps one vote per reader, switchable and idempotent, with counts equal to rows', async () => {
    const c = await write(as.reader, '点赞我')
    const vote = (who: Agent, kind: 'like' | 'dislike') => who.call('PUT', `/api/comments/${c.id}/vote`, { vote: kind })
    const unvote = (who: Agent) => who.call('DELETE', `/api/comments/${c.id}/vote`)
    expect(VoteResult.parse((await vote(as.otherReader, 'like')).body)).toEqual({
      myVote: 'like',
      likes: 1,
      dislikes: 0,
    })
    expect(VoteResult.parse((await vote(as.otherReader, 'like')).body)).toEqual({
      myVote: 'like',
      likes: 1,
      dislikes: 0,
    })
    expect(VoteResult.parse((await vote(as.author, 'dislike')).body)).toEqual({
      myVote: 'dislike',
      likes: 1,
      dislikes: 1,
    })
    expect(VoteResult.parse((await vote(as.otherReader, 'dislike')).body)).toEqual({
      myVote: 'dislike',
      likes: 0,
      dislikes: 2,
    })
    expect(VoteResult.parse((await vote(as.reader, 'like')).body)).toEqual({ myVote: 'like', likes: 1, dislikes: 2 })
    expect(VoteResult.parse((await unvote(as.author)).body)).toEqual({ myVote: null, likes: 1, dislikes: 1 })
    expect(VoteResult.parse((await unvote(as.author)).body)).toEqual({ myVote: null, likes: 1, dislikes: 1 })

    const seen = (await list(as.otherReader)).items[0]
    expect(seen).toMatchObject({ likes: 1, dislikes: 1, myVote: 'dislike' })
    expect((await list(as.anonymous)).items[0].myVote).toBeNull()
    expect(await db.getRepository(CommentVote).countBy({ commentId: c.id })).toBe(2)
    await expectCountsExact()

    const before = await snapshot()
    await expectRefused(
      await as.reader.call('PUT', '/api/comments/999999/vote', { vote: 'like' }),
      404,
      'COMMENT_NOT_FOUND',
      before,
    )
    await expectRefused(
      await as.reader.call('PUT', `/api/comments/${c.id}/vote`, { vote: 'love' }),
      400,
      'VALIDATION_FAILED',
      before,
    )
  })

  it('deletes my own: replies leave their thread, a deleted comment with replies stays as 该评论已删除', async () => {
    const withReplies = await write(as.reader, '有回复的评论')
    const alone = await write(as.reader, '没有回复的评论')
    const reply = await write(as.otherReader, '回复一', withReplies.id)
    const reply2 = await write(as.otherReader, '回复二', withReplies.id)
    await as.otherReader.call('PUT', `/api/comments/${withReplies.id}/vote`, { vote: 'like' })
    expect(await counts()).toEqual({ commentCount: 4, publishedRows: 4 })

    expect((await as.otherReader.call('DELETE', `/api/comments/${reply.id}`)).status).toBe(200)
    expect((await row(withReplies.id)).replyCount).toBe(1)
    expect((await as.reader.call('DELETE', `/api/comments/${alone.id}`)).status).toBe(200)
    expect((await as.reader.call('DELETE', `/api/comments/${withReplies.id}`)).status).toBe(200)
    expect(await counts()).toEqual({ commentCount: 1, publishedRows: 1 })

    const page = await list(as.anonymous)
    expect(page.total).toBe(1)
    expect(page.items).toHaveLength(1)
    expect(page.items[0]).toMatchObject({
      id: withReplies.id,
      status: 'deleted',
      content: '该评论已删除',
      author: { userId: null, name: '', avatar: null, badge: null },
      mine: false,
      replyCount: 1,
      replies: [expect.objectContaining({ id: reply2.id })],
    })
    expect((await replies(as.anonymous, withReplies.id)).items.map((r) => r.id)).toEqual([reply2.id])
    expect((await mine(as.reader)).items).toEqual([])

    // Deleted is final: a second delete, a vote, a reply are refused.
    const before = await snapshot()
    await expectRefused(
      await as.reader.call('DELETE', `/api/comments/${withReplies.id}`),
      404,
      'COMMENT_NOT_FOUND',
      before,
    )
    await expectRefused(
      await as.otherReader.call('PUT', `/api/comments/${withReplies.id}/vote`, { vote: 'like' }),
      404,
      'COMMENT_NOT_FOUND',
      before,
    )
    await expectRefused(
      await post(as.otherReader, { content: '回复', replyTo: withReplies.id }),
      400,
      'REPLY_TARGET_NOT_FOUND',
      before,
    )
    await expectRefused(
      await as.editor.call('POST', `/api/editor/comments/${withReplies.id}/restore`),
      404,
      'COMMENT_NOT_FOUND',
      before,
    )
    await expectCountsExact()
  })

  it('takes one report per reader into the queue; editors hide, restore (clearing reports) and feature', async () => {
    const c = await write(as.reader, '被举报的评论')
    const reply = await write(as.reader, '一条回复', c.id)
    const other = await write(as.author, '另一条回复', c.id)
    for (const [who, reason] of [
      [as.otherReader, 'spam'],
      [as.otherReader, 'abuse'],
      [as.author, 'abuse'],
    ] as const) {
      expect((await who.call('POST', `/api/comments/${c.id}/report`, { reason, note: '  广告  ' })).body).toEqual({
        ok: true,
      })
    }
    const reports = await db.getRepository(CommentReport).find({ order: { userId: 'ASC' } })
    expect(reports.map((r) => [r.userId, r.reason, r.note])).toEqual([
      [as.otherReader.user!.id, 'spam', '广告'],
      [as.author.user!.id, 'abuse', '广告'],
    ])
    expect((await as.otherReader.call('POST', `/api/comments/${c.id}/report`, { reason: 'rude' })).status).toBe(400)
    const reported = await queue('reported')
    expect(reported.items).toEqual([
      expect.objectContaining({
        comment: expect.objectContaining({ id: c.id }),
        reports: 2,
        reasons: ['spam', 'abuse'],
      }),
    ])

    // Hide: readers see a placeholder (it has replies); its writer and editors see what it said.
    const hidden = await as.editor.call('POST', `/api/editor/comments/${c.id}/hide`)
    expect(CommentView.parse(hidden.body)).toMatchObject({ status: 'hidden', content: '被举报的评论' })
    expect(await counts()).toEqual({ commentCount: 2, publishedRows: 2 })
    const seen = (await list(as.otherReader)).items[0]
    expect(seen).toMatchObject({ id: c.id, status: 'hidden', content: '该评论已被隐藏', author: { userId: null } })
    expect(seen.replies.map((r) => r.id)).toEqual([reply.id, other.id])
    expect(
      (await mine(as.reader)).items.map((i) => [i.comment.id, i.comment.status, i.comment.content]),
    ).toContainEqual([c.id, 'hidden', '被举报的评论'])
    expect((await queue('hidden')).items.map((i) => i.comment.id)).toEqual([c.id])
    expect((await queue('reported')).items).toEqual([])
    // A hidden comment cannot be voted on, reported or answered.
    const before = await snapshot()
    await expectRefused(
      await as.author.call('PUT', `/api/comments/${c.id}/vote`, { vote: 'like' }),
      404,
      'COMMENT_NOT_FOUND',
      before,
    )
    await expectRefused(
      await post(as.author, { content: '回复', replyTo: c.id }),
      400,
      'REPLY_TARGET_NOT_FOUND',
      before,
    )

    // Hiding a reply drops it from its thread and the counts.
    await as.editor.call('POST', `/api/editor/comments/${other.id}/hide`)
    expect((await row(c.id)).replyCount).toBe(1)
    expect(await counts()).toEqual({ commentCount: 1, publishedRows: 1 })

    // Restore publishes it again and clears its reports; reported again later, it is back in the queue.
    const restored = await as.editor.call('POST', `/api/editor/comments/${c.id}/restore`)
    expect(CommentView.parse(restored.body).status).toBe('published')
    expect(await db.getRepository(CommentReport).countBy({ commentId: c.id })).toBe(0)
    expect(await counts()).toEqual({ commentCount: 2, publishedRows: 2 })
    await as.otherReader.call('POST', `/api/comments/${c.id}/report`, { reason: 'porn' })
    expect((await queue('reported')).items[0]).toMatchObject({ reports: 1, reasons: ['porn'] })

    // 精选: top-level only, published only.
    const featureReply = await as.editor.call('PUT', `/api/editor/comments/${reply.id}/featured`, { featured: true })
    expect(featureReply.status).toBe(409)
    const pending = await write(as.reader, '加薇信')
    expect(
      (await as.editor.call('PUT', `/api/editor/comments/${pending.id}/featured`, { featured: true })).status,
    ).toBe(409)
    expect((await as.editor.call('PUT', '/api/editor/comments/999999/featured', { featured: true })).status).toBe(404)
    await expectCountsExact()
  })

  it('stops featuring a comment when it is hidden or deleted; restoring it does not feature it again', async () => {
    const hidden = await write(as.reader, '精选后被隐藏')
    const deleted = await write(as.otherReader, '精选后被删除')
    for (const c of [hidden, deleted]) {
      await write(as.author, `回复 ${c.id}`, c.id) // with a reply, it stays in the list as a placeholder
      expect((await as.editor.call('PUT', `/api/editor/comments/${c.id}/featured`, { featured: true })).status).toBe(
        200,
      )
    }
    const plain = await write(as.author, '普通评论')
    expect((await list(as.anonymous, '?sort=newest')).items.map((t) => [t.id, t.featured])).toEqual([
      [deleted.id, true],
      [hidden.id, true],
      [plain.id, false],
    ])

    const hide = await as.editor.call('POST', `/api/editor/comments/${hidden.id}/hide`)
    expect(CommentView.parse(hide.body)).toMatchObject({ status: 'hidden', featured: false })
    expect((await as.otherReader.call('DELETE', `/api/comments/${deleted.id}`)).status).toBe(200)
    for (const c of [hidden, deleted]) expect((await row(c.id)).featured).toBe(false)
    // Both placeholders now sit in the ordinary order, after the newer comment, not on top as 精选.
    expect((await list(as.anonymous, '?sort=newest')).items.map((t) => [t.id, t.status, t.featured])).toEqual([
      [plain.id, 'published', false],
      [deleted.id, 'deleted', false],
      [hidden.id, 'hidden', false],
    ])
    const restored = await as.editor.call('POST', `/api/editor/comments/${hidden.id}/restore`)
    expect(CommentView.parse(restored.body)).toMatchObject({ status: 'published', featured: false })
    // Hidden now, it cannot be featured (the check runs under the comment's lock).
    await as.editor.call('POST', `/api/editor/comments/${hidden.id}/hide`)
    const before = await snapshot()
    await expectRefused(
      await as.editor.call('PUT', `/api/editor/comments/${hidden.id}/featured`, { featured: true }),
      409,
      'UNPUBLISHED_NOT_FEATURABLE',
      before,
    )
    await expectCountsExact()
  })

  it('names whom a reply answers only while the viewer may see that reply (hidden or deleted: replyTo null)', async () => {
    const root = await write(as.author, '一级评论')
    const answered = await write(as.otherReader, '被回复的回复', root.id)
    const reply = await write(as.reader, '回复那条回复', answered.id)
    const replyToOf = async (who: Agent) => (await replies(who, root.id)).items.find((r) => r.id === reply.id)!.replyTo
    const named = { id: answered.id, name: '读者乙' }
    expect(await replyToOf(as.anonymous)).toEqual(named)

    expect((await as.editor.call('POST', `/api/editor/comments/${answered.id}/hide`)).status).toBe(200)
    for (const who of [as.anonymous, as.reader, as.author]) expect(await replyToOf(who)).toBeNull()
    // Its writer and editors still see the hidden reply, and so whom it was.
    expect(await replyToOf(as.otherReader)).toEqual(named)
    expect(await replyToOf(as.editor)).toEqual(named)
    // Also in 我的 and in the answer to the reply's own writer.
    expect((await mine(as.reader)).items.find((i) => i.comment.id === reply.id)!.comment.replyTo).toBeNull()

    expect((await as.editor.call('POST', `/api/editor/comments/${answered.id}/restore`)).status).toBe(200)
    expect(await replyToOf(as.anonymous)).toEqual(named)
    expect((await as.otherReader.call('DELETE', `/api/comments/${answered.id}`)).status).toBe(200)
    for (const who of [as.anonymous, as.reader, as.otherReader, as.editor]) expect(await replyToOf(who)).toBeNull()
  })

  it('pins the author’s reply under a comment with the author’s name, replacing an earlier one', async () => {
    const c = await write(as.reader, '请问作者')
    const r = await write(as.otherReader, '我也想问', c.id)
    const first = await as.editor.call('POST', `/api/editor/comments/${c.id}/author-reply`, { content: '谢谢关注' })
    expect(first.status).toBe(201)
    const authorName = world.authors[0].name
    expect(CommentView.parse(first.body)).toMatchObject({
      rootId: c.id,
      replyTo: null,
      status: 'published',
      author: { userId: null, name: authorName, badge: 'author' },
    })
    let thread = (await list(as.anonymous)).items[0]
    expect(thread.authorReply).toMatchObject({ content: '谢谢关注', author: { name: authorName, badge: 'author' } })
    expect(thread.replyCount).toBe(1)
    expect(thread.replies.map((x) => x.id)).toEqual([r.id])
    expect((await replies(as.anonymous, c.id)).items.map((x) => x.id)).toEqual([r.id])
    // Author replies count on the article.
    expect(await counts()).toEqual({ commentCount: 3, publishedRows: 3 })

    // A second author reply (here answering the reply) replaces the first.
    const second = CommentView.parse(
      (await as.editor.call('POST', `/api/editor/comments/${r.id}/author-reply`, { content: '统一回复' })).body,
    )
    expect(second.replyTo).toEqual({ id: r.id, name: '读者乙' })
    thread = (await list(as.anonymous)).items[0]
    expect(thread.authorReply?.id).toBe(second.id)
    expect((await row(CommentView.parse(first.body).id)).status).toBe('deleted')
    expect(await counts()).toEqual({ commentCount: 3, publishedRows: 3 })

    // Readers may answer the author: 回复 @作者.
    const answer = await write(as.reader, '明白了', second.id)
    expect(answer.replyTo).toEqual({ id: second.id, name: authorName })
    const before = await snapshot()
    await expectRefused(
      await as.editor.call('POST', '/api/editor/comments/999999/author-reply', { content: '好' }),
      404,
      'COMMENT_NOT_FOUND',
      before,
    )
    await expectCountsExact()
  })

  it('shows a deleted account as 已注销用户, and forgetUser removes its votes and reports with exact counts', async () => {
    const c = await write(as.reader, '注销前写的')
    const target = await write(as.otherReader, '被投票的评论')
    await as.reader.call('PUT', `/api/comments/${target.id}/vote`, { vote: 'dislike' })
    await as.author.call('PUT', `/api/comments/${target.id}/vote`, { vote: 'like' })
    await as.reader.call('POST', `/api/comments/${target.id}/report`, { reason: 'spam' })
    const reply = await write(as.otherReader, '回复注销用户', c.id)
    const toReply = await write(as.author, '回复回复', reply.id)
    const replyToDeleted = await write(as.author, '回复注销用户的回复', (await write(as.reader, '我的回复', c.id)).id)

    await app.get(CommentsService).forgetUser(as.reader.user!.id)
    await db
      .getRepository(User)
      .update({ id: as.reader.user!.id }, { deletedAt: new Date(), nickname: '', avatarUrl: null })
    expect(await db.getRepository(CommentVote).countBy({ userId: as.reader.user!.id })).toBe(0)
    expect(await db.getRepository(CommentReport).countBy({ userId: as.reader.user!.id })).toBe(0)
    expect(await row(target.id)).toMatchObject({ likeCount: 1, dislikeCount: 0, reportCount: 0 })
    await expectCountsExact()

    const page = await list(as.anonymous, '?sort=newest')
    const thread = page.items.find((t) => t.id === c.id)!
    expect(thread).toMatchObject({
      content: '注销前写的',
      author: { userId: null, name: DELETED_USER_NAME, avatar: null, badge: 'deleted' },
    })
    const all = await replies(as.anonymous, c.id)
    expect(all.items.find((r) => r.id === replyToDeleted.id)?.replyTo).toEqual({
      id: expect.any(Number),
      name: DELETED_USER_NAME,
    })
    expect(all.items.find((r) => r.id === toReply.id)?.replyTo?.name).toBe('读者乙')
  })

  it('refuses votes and reports by an account deleted while its request was under way (401), storing nothing', async () => {
    const c = await write(as.otherReader, '有人要注销')
    // Only `deletedAt` is set and the session stays live: a request that passed the auth guard just before the
    // account was deleted reaches the service like this.
    await db.getRepository(User).update({ id: as.reader.user!.id }, { deletedAt: new Date() })
    const before = await snapshot()
    await expectRefused(
      await as.reader.call('PUT', `/api/comments/${c.id}/vote`, { vote: 'like' }),
      401,
      'UNAUTHORIZED',
      before,
    )
    await expectRefused(
      await as.reader.call('POST', `/api/comments/${c.id}/report`, { reason: 'spam' }),
      401,
      'UNAUTHORIZED',
      before,
    )
    expect(await db.getRepository(CommentVote).countBy({ userId: as.reader.user!.id })).toBe(0)
    await expectCountsExact()
  })

  // Rate limits

  it('limits comments per reader and per IP: 429 RATE_LIMITED with Retry-After, nothing stored', async () => {
    const limits = app.get(RateLimitService)
    limits.configure(
      { ...GENEROUS_LIMITS, comment: { perUser: { points: 2, seconds: 60 }, perIp: ROOM } },
      `test-${randomUUID()}`,
    )
    await write(as.reader, '一')
    await write(as.reader, '二')
    let before = await snapshot()
    const limited = await post(as.reader, { content: '三' })
    const error = await expectRefused(limited, 429, 'RATE_LIMITED', before)
    expect(error.message).toBe('评论太频繁了，请稍后再试')
    const retryAfter = Number(limited.headers['retry-after'])
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true)
    // Per reader: another reader still has room.
    await write(as.otherReader, '另一位读者')

    // Per IP: every test request comes from 127.0.0.1.
    limits.configure(
      { ...GENEROUS_LIMITS, comment: { perUser: ROOM, perIp: { points: 3, seconds: 60 } } },
      `test-${randomUUID()}`,
    )
    for (const who of [as.reader, as.otherReader, as.author]) await write(who, '同一地址')
    before = await snapshot()
    const byIp = await post(as.editor, { content: '第四位' })
    await expectRefused(byIp, 429, 'RATE_LIMITED', before)
    expect(Number(byIp.headers['retry-after'])).toBeGreaterThanOrEqual(1)

    // Votes and reports have their own limits.
    const c = (await list(as.anonymous)).items.find((t) => t.author.userId === as.reader.user!.id)!
    limits.configure(
      {
        ...GENEROUS_LIMITS,
        vote: { perUser: { points: 1, seconds: 60 }, perIp: ROOM },
        report: { perUser: { points: 1, seconds: 3600 }, perIp: ROOM },
      },
      `test-${randomUUID()}`,
    )
    expect((await as.author.call('PUT', `/api/comments/${c.id}/vote`, { vote: 'like' })).status).toBe(200)
    before = await snapshot()
    const vote = await as.author.call('DELETE', `/api/comments/${c.id}/vote`)
    expect(ApiError.parse(vote.body).message).toBe('操作太频繁了，请稍后再试')
    await expectRefused(vote, 429, 'RATE_LIMITED', before)
    expect((await as.author.call('POST', `/api/comments/${c.id}/report`, { reason: 'spam' })).status).toBe(200)
    const report = await as.author.call('POST', `/api/comments/${c.id}/report`, { reason: 'spam' })
    expect(report.status).toBe(429)
    expect(Number(report.headers['retry-after'])).toBeGreaterThan(60)
  })

  // Concurrency

  it('keeps every count equal to its rows when 200 readers comment, reply, vote and delete at once', async () => {
    const users = app.get(UsersService)
    const sessions = app.get(SessionsService)
    const tokens: string[] = []
    for (let i = 0; i < 200; i++) {
      const user = await users.create({ nickname: `并发读者${i}` })
      tokens.push((await sessions.issue(user.id)).token)
    }
    const call = (token: string, method: Method, url: string, body?: object) =>
      request(app, method, url, body, { authorization: `Bearer ${token}` })
    const root = await write(as.reader, '热帖')
    const timings: string[] = []
    const timed = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
      const started = performance.now()
      const result = await work()
      timings.push(`${label} ${Math.round(performance.now() - started)} ms`)
      return result
    }

    // Half comment, half reply to the root, all at once.
    const written = await timed('200 comments/replies', () =>
      Promise.all(
        tokens.map((t, i) =>
          call(
            t,
            'POST',
            `/api/articles/${articleId}/comments`,
            i % 2 ? { content: `回复${i}`, replyTo: root.id } : { content: `评论${i}` },
          ),
        ),
      ),
    )
    expect(written.map((r) => r.status)).toEqual(tokens.map(() => 201))
    expect(await counts()).toEqual({ commentCount: 201, publishedRows: 201 })
    expect((await row(root.id)).replyCount).toBe(100)

    // Everyone votes on the root: even like, odd dislike; then, twice over and all at once, a quarter switch,
    // a quarter take it back, the rest repeat their vote.
    await timed('200 votes', () =>
      Promise.all(
        tokens.map((t, i) => call(t, 'PUT', `/api/comments/${root.id}/vote`, { vote: i % 2 ? 'dislike' : 'like' })),
      ),
    )
    expect(await row(root.id)).toMatchObject({ likeCount: 100, dislikeCount: 100 })
    const mixed = await timed('800 mixed votes', () =>
      Promise.all(
        tokens.flatMap((t, i) => {
          const url = `/api/comments/${root.id}/vote`
          const same = i % 2 ? 'dislike' : 'like'
          const send = () =>
            i % 4 === 0
              ? call(t, 'PUT', url, { vote: 'dislike' })
              : i % 4 === 1
                ? call(t, 'DELETE', url)
                : call(t, 'PUT', url, { vote: same })
          return [send(), send(), send(), send()]
        }),
      ),
    )
    expect(mixed.every((r) => r.status === 200)).toBe(true)
    // i%4==0 → dislike (50), i%4==1 → none (50), i%4==2 → like (50), i%4==3 → dislike (50).
    expect(await row(root.id)).toMatchObject({ likeCount: 50, dislikeCount: 100 })

    // Half the repliers delete their reply while others write new ones and report.
    const replyIds = written.filter((_, i) => i % 2).map((r) => CommentView.parse(r.body).id)
    const deletions = await timed('100 deletes + 100 comments + 100 reports', () =>
      Promise.all([
        ...replyIds.slice(0, 100).map((id, k) => call(tokens[2 * k + 1], 'DELETE', `/api/comments/${id}`)),
        ...tokens
          .filter((_, i) => i % 2 === 0)
          .map((t) => call(t, 'POST', `/api/articles/${articleId}/comments`, { content: '又一条', replyTo: root.id })),
        ...tokens
          .filter((_, i) => i % 2 === 0)
          .map((t) => call(t, 'POST', `/api/comments/${root.id}/report`, { reason: 'spam' })),
      ]),
    )
    expect(deletions.every((r) => r.status === 200 || r.status === 201)).toBe(true)
    expect((await row(root.id)).replyCount).toBe(100)
    expect((await row(root.id)).reportCount).toBe(100)
    expect(await counts()).toEqual({ commentCount: 201, publishedRows: 201 })
    await expectCountsExact()
    console.log(`comments on ${ENGINE}: ${timings.join('; ')}; every count = its rows`)
  }, 180_000)
})

// Two server processes on one database and one Redis share the rate limits.
const REDIS_URL = process.env.TEST_REDIS_URL
;(REDIS_URL ? describe : describe.skip)(`comment rate limits shared through Redis (${ENGINE})`, () => {
  let first: NestFastifyApplication
  let second: NestFastifyApplication

  beforeAll(async () => {
    // In-memory SQLite is private to a process: share a file instead.
    const shared: Record<string, string> =
      ENGINE === 'sqlite'
        ? { DATABASE_URL: `sqlite:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'comments-')), 'db.sqlite')}` }
        : {}
    first = await createTestApp({ REDIS_URL: REDIS_URL!, ...shared })
    second = await createTestApp({ REDIS_URL: REDIS_URL!, ...shared })
  })
  afterAll(async () => {
    await first.close()
    await second.close()
  })

  it('counts one reader’s comments across both processes', async () => {
    await resetDatabase(first)
    const world = await buildWorld(first)
    const namespace = `test-${randomUUID()}`
    const limit = { comment: { perUser: { points: 3, seconds: 60 }, perIp: { points: 100, seconds: 60 } } }
    first.get(RateLimitService).configure(limit, namespace)
    second.get(RateLimitService).configure(limit, namespace)
    const user = await first.get(UsersService).create({ nickname: '两地读者' })
    const { token } = await first.get(SessionsService).issue(user.id)
    const postTo = (app: NestFastifyApplication, content: string) =>
      request(
        app,
        'POST',
        `/api/articles/${world.published[0].id}/comments`,
        { content },
        { authorization: `Bearer ${token}` },
      )

    expect((await postTo(first, '一')).status).toBe(201)
    expect((await postTo(second, '二')).status).toBe(201)
    expect((await postTo(first, '三')).status).toBe(201)
    const limited = await postTo(second, '四')
    expect(limited.status).toBe(429)
    expect(ApiError.parse(limited.body).code).toBe('RATE_LIMITED')
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    expect(await first.get(DataSource).getRepository(Comment).countBy({ userId: user.id })).toBe(3)
  })
})

// An article's comment pages are cached (the shared part; each reader's votes put in per request): every write that
// changes what a page shows forgets them. Across processes: shared-cache.e2e.
describe(`cached comment pages (${ENGINE})`, () => {
  let app: NestFastifyApplication
  beforeAll(async () => {
    app = await createTestApp()
  })
  afterAll(() => app.close())

  it.each(COMMENT_PAGE_WRITES.map((w) => [w.name, w] as const))('shows %s at once', (_name, write) =>
    expectPagesForgotten(app, app, write),
  )
})
