import { randomUUID } from 'node:crypto'
import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { ApiError, CommentView, EditorArticle, NoticePage, UnreadNotices, type NoticeView } from '@chuangan/shared'
import { DataSource } from 'typeorm'
import { AccountService } from '../src/account/account.service'
import { Author } from '../src/content/author.entity'
import { Follow } from '../src/follows/follow.entity'
import { Notice } from '../src/notices/notice.entity'
import { RateLimitService } from '../src/rate-limit/rate-limit.service'
import { freshWorld, type World } from './support/content-world'
import { createTestApp, ENGINE, roles, type Agent, GENEROUS_LIMITS } from './support/test-app'

type Roles = Awaited<ReturnType<typeof roles>>

describe(`notices (${ENGINE})`, () => {
  let app: NestFastifyApplication
  let db: DataSource
  let world: World
  let as: Roles

  beforeAll(async () => {
    app = await createTestApp()
    db = app.get(DataSource)
  })
  beforeEach(async () => {
    world = await freshWorld(app)
    app.get(RateLimitService).configure(GENEROUS_LIMITS, `test-${randomUUID()}`)
    as = await roles(app)
  })
  afterAll(() => app.close())

  // Helpers

  const notices = async (who: Agent, query = ''): Promise<NoticeView[]> => {
    const res = await who.call('GET', `/api/me/notices${query}`)
    expect(res.status).toBe(200)
    return NoticePage.parse(res.body).items
  }
  const unread = async (who: Agent) => {
    const res = await who.call('GET', '/api/me/notices/unread')
    expect(res.status).toBe(200)
    return UnreadNotices.parse(res.body)
  }
  const follow = async (who: Agent, kind: 'author' | 'column' | 'periodical', id: number) =>
    expect((await who.call('PUT', `/api/follows/${kind}/${id}`)).status).toBe(200)

  /** `who` writes an article and an editor publishes it (authors may not); answers its id. */
  const publishNew = async (who: Agent, extra: object = {}) => {
    const created = await who.call('POST', '/api/editor/articles', {
      title: '新文章：MEMS 麦克风的信噪比',
      body: '## 正文\n\n内容',
      ...(who.user?.role === 'editor' ? { authorId: world.authors[0].id, columnId: world.columns[1].id } : {}),
      ...extra,
    })
    expect(created.status).toBe(201)
    const id = EditorArticle.parse(created.body).id
    expect((await as.editor.call('POST', `/api/editor/articles/${id}/publish`)).status).toBe(200)
    return id
  }
  const comment = async (who: Agent, content: string, replyTo?: number, article = world.published[0].id) => {
    const res = await who.call(
      'POST',
      `/api/articles/${article}/comments`,
      replyTo ? { content, replyTo } : { content },
    )
    expect(res.status).toBe(201)
    return CommentView.parse(res.body)
  }
  const vote = async (who: Agent, id: number, kind: 'like' | 'dislike' | null) => {
    const res =
      kind === null
        ? await who.call('DELETE', `/api/comments/${id}/vote`)
        : await who.call('PUT', `/api/comments/${id}/vote`, { vote: kind })
    expect(res.status).toBe(200)
  }
  const rows = () => db.getRepository(Notice).find({ order: { id: 'ASC' } })

  it('refuses anonymous callers on every route (401), storing nothing', async () => {
    for (const [method, url] of [
      ['GET', '/api/me/notices'],
      ['GET', '/api/me/notices/unread'],
      ['POST', '/api/me/notices/1/read'],
      ['POST', '/api/me/notices/read-all'],
    ] as const) {
      const res = await as.anonymous.call(method, url)
      expect({ url, status: res.status }).toEqual({ url, status: 401 })
      expect(ApiError.parse(res.body).code).toBe('UNAUTHORIZED')
    }
    expect(await db.getRepository(Notice).count()).toBe(0)
  })

  it('tells followers of the author or the column once when an editor publishes; never twice, never the author', async () => {
    const [authorA, columnB] = [world.authors[0].id, world.columns[1].id]
    await follow(as.reader, 'author', authorA)
    await follow(as.reader, 'column', columnB) // both: still one notice
    await follow(as.otherReader, 'column', columnB)
    await follow(as.editor, 'periodical', world.periodical.id) // not a follower of this article
    expect(await unread(as.reader)).toEqual({
      total: 0,
      byKind: {
        article: 0,
        issue: 0,
        reply: 0,
        comment_like: 0,
        editor_reply: 0,
        inquiry: 0,
        inquiry_answer: 0,
        saved_search: 0,
        demand: 0,
        demand_answer: 0,
      },
    })

    const id = await publishNew(as.editor)
    const mine = await notices(as.reader)
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({
      kind: 'article',
      read: false,
      count: 1,
      actor: null,
      article: { id, title: '新文章：MEMS 麦克风的信噪比' },
      issue: null,
      comment: null,
    })
    expect((await notices(as.otherReader)).map((n) => n.article?.id)).toEqual([id])
    expect(await notices(as.editor)).toEqual([])
    expect((await unread(as.reader)).byKind.article).toBe(1)

    // Archived and published again: nobody is told twice.
    expect((await as.editor.call('POST', `/api/editor/articles/${id}/archive`)).status).toBe(200)
    expect((await as.editor.call('POST', `/api/editor/articles/${id}/publish`)).status).toBe(200)
    expect(await notices(as.reader)).toHaveLength(1)
    expect((await rows()).filter((n) => n.subjectId === id)).toHaveLength(2)
  })

  it("an author's article tells the author's followers, but not the author's own account", async () => {
    const author = world.authors[1]
    await db.getRepository(Author).update({ id: author.id }, { userId: as.author.user!.id })
    await follow(as.reader, 'author', author.id)
    await follow(as.author, 'author', author.id) // following oneself
    const id = await publishNew(as.author)
    expect((await notices(as.reader)).map((n) => [n.kind, n.article?.id])).toEqual([['article', id]])
    expect(await notices(as.author)).toEqual([])
  })

  it('tells periodical subscribers of a new issue', async () => {
    await follow(as.reader, 'periodical', world.periodical.id)
    await follow(as.otherReader, 'author', world.authors[0].id)
    const created = await as.editor.call('POST', `/api/editor/periodicals/${world.periodical.id}/issues`, {
      number: 2,
      title: '第二期',
      articleIds: [world.published[1].id],
    })
    expect(created.status).toBe(201)
    const mine = await notices(as.reader)
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({
      kind: 'issue',
      article: null,
      issue: { number: 2, title: '第二期', periodical: { id: world.periodical.id, name: '传感月刊' } },
    })
    expect(await notices(as.otherReader)).toEqual([])
  })

  it('tells a comment writer of replies and of the author reply, never of their own', async () => {
    const mine = await comment(as.reader, '温漂补偿用什么算法？')
    await comment(as.reader, '补充一下：是 MEMS 压阻式', mine.id) // my own reply: nothing
    expect(await notices(as.reader)).toEqual([])

    const reply = await comment(as.otherReader, '一般用多项式拟合', mine.id)
    const authorReply = await as.editor.call('POST', `/api/editor/comments/${mine.id}/author-reply`, {
      content: '感谢提问，下期专门讲',
    })
    expect(authorReply.status).toBe(201)
    const got = await notices(as.reader)
    expect(got.map((n) => n.kind)).toEqual(['editor_reply', 'reply'])
    expect(got[0]).toMatchObject({
      actor: { userId: null, name: '甲作者' },
      article: { id: world.published[0].id },
      comment: { rootId: mine.id, excerpt: '感谢提问，下期专门讲', gone: false },
    })
    expect(got[1]).toMatchObject({
      actor: { userId: as.otherReader.user!.id, name: '读者乙' },
      comment: { id: reply.id, rootId: mine.id, excerpt: '一般用多项式拟合', gone: false },
    })
    // The replier is not told of their own reply; a reply to the reply tells its writer.
    expect(await notices(as.otherReader)).toEqual([])
    await comment(as.reader, '谢谢', reply.id)
    expect((await notices(as.otherReader)).map((n) => [n.kind, n.actor?.name])).toEqual([['reply', '读者甲']])

    // A deleted reply stays listed, without its words.
    expect((await as.otherReader.call('DELETE', `/api/comments/${reply.id}`)).status).toBe(200)
    const after = await notices(as.reader)
    expect(after[1].comment).toMatchObject({ id: reply.id, excerpt: '', gone: true })
  })

  it('batches likes: one open notice per comment counts likers; a like after reading re-opens it from 1', async () => {
    const mine = await comment(as.reader, '好文章')
    await vote(as.reader, mine.id, 'like') // my own like: nothing
    expect(await notices(as.reader)).toEqual([])

    await vote(as.otherReader, mine.id, 'like')
    await vote(as.otherReader, mine.id, 'like') // a repeat changes nothing
    await vote(as.author, mine.id, 'dislike') // a dislike tells nobody
    await vote(as.editor, mine.id, 'like')
    let got = await notices(as.reader)
    expect(got).toHaveLength(1)
    expect(got[0]).toMatchObject({
      kind: 'comment_like',
      read: false,
      count: 2,
      actor: { name: '编辑丁' },
      comment: { id: mine.id, rootId: mine.id, excerpt: '好文章' },
    })

    // Taking a like back tells nobody; liking again in the same batch counts the reader once.
    await vote(as.editor, mine.id, null)
    await vote(as.editor, mine.id, 'like')
    got = await notices(as.reader)
    expect(got.map((n) => [n.count, n.read])).toEqual([[2, false]])
    expect((await unread(as.reader)).byKind.comment_like).toBe(1)

    // Read: the next like (a dislike switched to a like) re-opens the same notice, counting from 1.
    expect((await as.reader.call('POST', `/api/me/notices/${got[0].id}/read`)).status).toBe(200)
    await vote(as.author, mine.id, 'like')
    got = await notices(as.reader)
    expect(got.map((n) => [n.id, n.count, n.read, n.actor?.name])).toEqual([[got[0].id, 1, false, '作者丙']])
    expect(await db.getRepository(Notice).countBy({ kind: 'comment_like' })).toBe(1)
  })

  it('reads one or all, only my own; refused calls change nothing', async () => {
    await follow(as.reader, 'author', world.authors[0].id)
    await follow(as.otherReader, 'author', world.authors[0].id)
    const first = await publishNew(as.editor, { title: '第一篇' })
    await publishNew(as.editor, { title: '第二篇' })
    await publishNew(as.editor, { title: '第三篇' })
    const mine = await notices(as.reader)
    expect(mine.map((n) => n.article?.title)).toEqual(['第三篇', '第二篇', '第一篇'])
    const theirs = await notices(as.otherReader)
    const before = await rows()

    // Another reader's notice is as missing as a missing one; bad ids are 400.
    for (const id of [theirs[0].id, 999_999]) {
      const res = await as.reader.call('POST', `/api/me/notices/${id}/read`)
      expect(res.status).toBe(404)
      expect(ApiError.parse(res.body).code).toBe('NOTICE_NOT_FOUND')
    }
    for (const id of ['abc', '0', '-1']) {
      expect((await as.reader.call('POST', `/api/me/notices/${id}/read`)).status).toBe(400)
    }
    expect((await as.reader.call('GET', '/api/me/notices?cursor=bogus')).status).toBe(400)
    expect((await as.reader.call('GET', '/api/me/notices?limit=500')).status).toBe(400)
    expect(await rows()).toEqual(before)

    // One: the answer is the unread count after; again: no change.
    const oldest = mine[2]
    const res = await as.reader.call('POST', `/api/me/notices/${oldest.id}/read`)
    expect(res.status).toBe(200)
    expect(UnreadNotices.parse(res.body).total).toBe(2)
    expect(UnreadNotices.parse((await as.reader.call('POST', `/api/me/notices/${oldest.id}/read`)).body).total).toBe(2)
    expect((await notices(as.reader)).map((n) => n.read)).toEqual([false, false, true])
    expect((await unread(as.otherReader)).total).toBe(3)

    // All of mine, none of theirs.
    const all = await as.reader.call('POST', '/api/me/notices/read-all')
    expect(all.status).toBe(200)
    expect(UnreadNotices.parse(all.body).total).toBe(0)
    expect((await notices(as.reader)).every((n) => n.read)).toBe(true)
    expect((await unread(as.otherReader)).total).toBe(3)
    expect(first).toBeGreaterThan(0)
  })

  it('pages newest first with keyset cursors', async () => {
    const t0 = Date.UTC(2026, 11, 1)
    await db.getRepository(Notice).insert(
      Array.from({ length: 7 }, (_, i) => ({
        userId: as.reader.user!.id,
        kind: 'article' as const,
        subjectId: world.published[i].id,
        articleId: world.published[i].id,
        actorId: null,
        count: 1,
        since: new Date(t0 + i * 1000),
        createdAt: new Date(t0 + i * 1000),
        at: new Date(t0 + (i < 2 ? 0 : i) * 1000), // two share a time: the id breaks the tie
        readAt: null,
      })),
    )
    const seen: number[] = []
    let cursor: string | null = null
    do {
      const url = `/api/me/notices?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
      const page = NoticePage.parse((await as.reader.call('GET', url)).body)
      seen.push(...page.items.map((n) => n.article!.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => world.published[i].id))
  })

  it("deleting an account removes its notices (and others' notices keep a deleted replier as 已注销用户)", async () => {
    await follow(as.reader, 'author', world.authors[0].id)
    await publishNew(as.editor)
    const mine = await comment(as.otherReader, '提问')
    await comment(as.reader, '回答', mine.id)
    expect(await notices(as.reader)).toHaveLength(1)
    await app.get(AccountService).delete(as.reader.user!.id)
    expect(await db.getRepository(Notice).countBy({ userId: as.reader.user!.id })).toBe(0)
    const theirs = await notices(as.otherReader)
    expect(theirs.map((n) => [n.kind, n.actor?.name, n.actor?.userId])).toEqual([['reply', '已注销用户', null]])
  })
  it('fans out to 100,000 followers in one statement, within seconds, once', async () => {
    const FOLLOWERS = 100_000
    const now = new Date()
    const base = 1_000_000 // follower ids no test user has (follow.userId has no foreign key)
    for (let i = 0; i < FOLLOWERS; i += 1000) {
      await db.getRepository(Follow).insert(
        Array.from({ length: 1000 }, (_, j) => ({
          userId: base + i + j,
          kind: (i + j) % 10 === 0 ? ('column' as const) : ('author' as const),
          targetId: (i + j) % 10 === 0 ? world.columns[1].id : world.authors[0].id,
          createdAt: now,
        })),
      )
    }
    // a tenth follow both: still one notice each
    await db.getRepository(Follow).insert(
      Array.from({ length: 1000 }, (_, j) => ({
        userId: base + j * 10 + 1,
        kind: 'column' as const,
        targetId: world.columns[1].id,
        createdAt: now,
      })),
    )
    const started = Date.now()
    const id = await publishNew(as.editor)
    const took = Date.now() - started
    console.log(`notices on ${ENGINE}: published to ${FOLLOWERS} followers in ${took} ms`)
    expect(await db.getRepository(Notice).countBy({ kind: 'article', subjectId: id })).toBe(FOLLOWERS)
    expect((await as.editor.call('POST', `/api/editor/articles/${id}/archive`)).status).toBe(200)
    const again = Date.now()
    expect((await as.editor.call('POST', `/api/editor/articles/${id}/publish`)).status).toBe(200)
    console.log(`notices on ${ENGINE}: published again (no new notice) in ${Date.now() - again} ms`)
    expect(await db.getRepository(Notice).countBy({ kind: 'article', subjectId: id })).toBe(FOLLOWERS)
    expect(took).toBeLessThan(30_000)
  }, 180_000)
})
