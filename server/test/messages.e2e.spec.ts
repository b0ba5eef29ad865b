import { randomUUID } from 'node:crypto'
import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import {
  ApiError,
  AuthorConversation,
  ConversationPage,
  ConversationView,
  EditorConversationPage,
  EditorConversationView,
  LoginResult,
  MessagePage,
  MessageView,
  PendingMessagePage,
  SentMessage,
  UnreadCount,
} from '@chuangan/shared'
import { DataSource } from 'typeorm'
import { AccountService } from '../src/account/account.service'
import { Author } from '../src/content/author.entity'
import { Conversation, PrivateMessage } from '../src/messages/message.entity'
import { MessagesService } from '../src/messages/messages.service'
import { RateLimitService } from '../src/rate-limit/rate-limit.service'
import type { User } from '../src/users/user.entity'
import { EmbeddedWechatEmulator } from '../src/wechat/embedded-emulator'
import { freshWorld, type World } from './support/content-world'
import {
  agent,
  createTestApp,
  ENGINE,
  request,
  roles,
  type Agent,
  type InjectResult,
  GENEROUS_LIMITS,
  ROOM,
} from './support/test-app'

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * 私信 over the real app, per role: anonymous, reader, another reader, author (the account linked to author A),
 * another author (linked to its own author row), editor (answers for author B, which has no account).
 */
describe(`messages (${ENGINE})`, () => {
  let app: NestFastifyApplication
  let db: DataSource
  let world: World
  let as: Awaited<ReturnType<typeof roles>> & { otherAuthor: Agent }
  /** Author A: linked to as.author. Author B: no account, editors answer. Author C: linked to as.otherAuthor. */
  let linked: Author
  let staff: Author
  let otherLinked: Author

  beforeAll(async () => {
    app = await createTestApp()
    db = app.get(DataSource)
  })
  beforeEach(async () => {
    world = await freshWorld(app)
    app.get(RateLimitService).configure(GENEROUS_LIMITS, `test-${randomUUID()}`)
    const base = await roles(app)
    as = { ...base, otherAuthor: await agent(app, '作者戊', 'author') }
    linked = world.authors[0]
    staff = world.authors[1]
    await db.getRepository(Author).update({ id: linked.id }, { userId: as.author.user!.id })
    otherLinked = await db.getRepository(Author).save({
      slug: 'author-c',
      name: '丙作者',
      bio: '',
      avatar: null,
      verified: false,
      userId: as.otherAuthor.user!.id,
      followerCount: 0,
      createdAt: new Date(),
    })
  })
  afterAll(() => app.close())

  // Helpers

  const send = async (who: Agent, authorId: number, content: string) => {
    const res = await who.call('POST', `/api/authors/${authorId}/messages`, { content })
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 })
    return SentMessage.parse(res.body)
  }
  const answer = async (who: Agent, conversationId: number, content: string) => {
    const res = await who.call('POST', `/api/editor/conversations/${conversationId}/messages`, { content })
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 })
    return MessageView.parse(res.body)
  }
  const readerMessages = async (who: Agent, id: number, query = '') =>
    MessagePage.parse((await who.call('GET', `/api/me/conversations/${id}/messages${query}`)).body)
  const authorMessages = async (who: Agent, id: number, query = '') =>
    MessagePage.parse((await who.call('GET', `/api/editor/conversations/${id}/messages${query}`)).body)
  const myList = async (who: Agent, query = '') =>
    ConversationPage.parse((await who.call('GET', `/api/me/conversations${query}`)).body)
  const authorList = async (who: Agent, query = '') =>
    EditorConversationPage.parse((await who.call('GET', `/api/editor/conversations${query}`)).body)
  const unread = async (who: Agent) => UnreadCount.parse((await who.call('GET', '/api/me/conversations/unread')).body)

  /** Every conversation and message row, to compare before and after a refused call. */
  const snapshot = async () =>
    JSON.stringify({
      conversations: await db.getRepository(Conversation).find({ order: { id: 'ASC' } }),
      messages: await db.getRepository(PrivateMessage).find({ order: { id: 'ASC' } }),
    })

  const expectRefused = async (res: InjectResult, status: number, code: string, before: string) => {
    expect({ status: res.status, code: (res.body as { code?: string }).code }).toEqual({ status, code })
    const error = ApiError.parse(res.body)
    expect(error.message).toMatch(/[\u4e00-\u9fff]/)
    expect(await snapshot()).toBe(before)
    return error
  }

  /** The counts stored on each conversation equal what its rows say. */
  const expectCountsExact = async () => {
    const conversations = await db.getRepository(Conversation).find()
    for (const c of conversations) {
      const rows = await db.getRepository(PrivateMessage).findBy({ conversationId: c.id })
      const visible = (side: 'reader' | 'author') =>
        rows.filter((m) => ['published', 'deleted'].includes(m.status) || m.sender === side).map((m) => m.id)
      const unreadOf = (side: 'reader' | 'author', readId: number) =>
        rows.filter((m) => m.sender !== side && m.status === 'published' && m.id > readId).length
      const max = (ids: number[]) => (ids.length ? Math.max(...ids) : null)
      expect({
        readerLastId: c.readerLastId,
        authorLastId: c.authorLastId,
        readerUnread: c.readerUnread,
        authorUnread: c.authorUnread,
      }).toEqual({
        readerLastId: max(visible('reader')),
        authorLastId: max(visible('author')),
        readerUnread: unreadOf('reader', c.readerReadId),
        authorUnread: unreadOf('author', c.authorReadId),
      })
    }
  }

  // Access

  it('refuses anonymous callers (401) and readers on the author side (403), changing nothing', async () => {
    const { conversationId } = await send(as.reader, linked.id, '你好')
    const before = await snapshot()
    const reader: Array<[Method, string, object?]> = [
      ['GET', '/api/me/conversations'],
      ['GET', '/api/me/conversations/unread'],
      ['GET', `/api/me/conversations/${conversationId}/messages`],
      ['POST', `/api/me/conversations/${conversationId}/read`],
      ['PUT', `/api/me/conversations/${conversationId}/block`],
      ['DELETE', `/api/me/conversations/${conversationId}/block`],
      ['GET', `/api/authors/${linked.id}/conversation`],
      ['POST', `/api/authors/${linked.id}/messages`, { content: '匿名' }],
    ]
    const editor: Array<[Method, string, object?]> = [
      ['GET', '/api/editor/conversations'],
      ['GET', `/api/editor/conversations/${conversationId}/messages`],
      ['POST', `/api/editor/conversations/${conversationId}/messages`, { content: '匿名' }],
      ['POST', `/api/editor/conversations/${conversationId}/read`],
      ['PUT', `/api/editor/conversations/${conversationId}/block`],
      ['DELETE', `/api/editor/conversations/${conversationId}/block`],
      ['GET', '/api/editor/messages/pending'],
      ['POST', '/api/editor/messages/1/publish'],
      ['POST', '/api/editor/messages/1/reject'],
    ]
    for (const [method, url, body] of [...reader, ...editor]) {
      await expectRefused(await as.anonymous.call(method, url, body), 401, 'UNAUTHORIZED', before)
    }
    for (const [method, url, body] of editor) {
      await expectRefused(await as.otherReader.call(method, url, body), 403, 'FORBIDDEN', before)
    }
    // The review queue is editors' work: authors get 403 too.
    for (const [method, url] of editor.slice(-3)) {
      await expectRefused(await as.author.call(method, url), 403, 'FORBIDDEN', before)
    }
  })

  it('a reader writes, the linked author answers through the editor API, the reply shows with unread counts', async () => {
    const first = await send(as.reader, linked.id, '  请问温漂怎么补偿？  ')
    expect(first.message).toMatchObject({
      content: '请问温漂怎么补偿？',
      sender: 'reader',
      mine: true,
      status: 'published',
    })
    const again = await send(as.reader, linked.id, '还有封装应力')
    expect(again.conversationId).toBe(first.conversationId)
    const id = first.conversationId

    // The author's side: listed with the reader and 2 unread.
    const theirs = await authorList(as.author)
    expect(theirs.items).toHaveLength(1)
    expect(theirs.items[0]).toMatchObject({
      id,
      author: { id: linked.id, name: '甲作者' },
      reader: { userId: as.reader.user!.id, name: '读者甲', deleted: false },
      unread: 2,
      blocked: false,
      lastMessage: { content: '还有封装应力', mine: false },
    })
    expect((await authorMessages(as.author, id)).items.map((m) => [m.content, m.mine])).toEqual([
      ['还有封装应力', false],
      ['请问温漂怎么补偿？', false],
    ])
    const read = EditorConversationView.parse(
      (await as.author.call('POST', `/api/editor/conversations/${id}/read`)).body,
    )
    expect(read.unread).toBe(0)

    const reply = await answer(as.author, id, '用查表法补偿')
    expect(reply).toMatchObject({ sender: 'author', mine: true, status: 'published' })

    // The reader's side: the reply shows, unread 1 until read.
    expect(await unread(as.reader)).toEqual({ unread: 1 })
    expect(await app.get(MessagesService).unreadCount(as.reader.user!.id)).toBe(1)
    const mine = await myList(as.reader)
    expect(mine.items).toEqual([
      expect.objectContaining({
        id,
        author: expect.objectContaining({ id: linked.id, slug: 'author-a' }),
        unread: 1,
        blocked: false,
        lastMessage: expect.objectContaining({ content: '用查表法补偿', mine: false, sender: 'author' }),
      }),
    ])
    expect((await readerMessages(as.reader, id)).items.map((m) => m.content)).toEqual([
      '用查表法补偿',
      '还有封装应力',
      '请问温漂怎么补偿？',
    ])
    const opened = AuthorConversation.parse(
      (await as.reader.call('GET', `/api/authors/${linked.id}/conversation`)).body,
    )
    expect(opened.conversation?.id).toBe(id)
    expect(
      AuthorConversation.parse((await as.otherReader.call('GET', `/api/authors/${linked.id}/conversation`)).body),
    ).toEqual({ author: opened.author, conversation: null })

    expect(UnreadCount.parse((await as.reader.call('POST', `/api/me/conversations/${id}/read`)).body)).toEqual({
      unread: 0,
    })
    expect(await unread(as.reader)).toEqual({ unread: 0 })
    expect((await myList(as.reader)).items[0].unread).toBe(0)
    await expectCountsExact()
  })

  it('lets no third party read or touch a conversation: the same 404 as a missing one, nothing changed', async () => {
    const { conversationId: id } = await send(as.reader, linked.id, '只给甲作者看')
    const { conversationId: staffId } = await send(as.reader, staff.id, '给乙作者（编辑部代答）')
    await answer(as.editor, staffId, '编辑部回复')
    const before = await snapshot()
    const missing = 2_000_000_000

    const readerRoutes = (cid: number): Array<[Method, string]> => [
      ['GET', `/api/me/conversations/${cid}/messages`],
      ['POST', `/api/me/conversations/${cid}/read`],
      ['PUT', `/api/me/conversations/${cid}/block`],
      ['DELETE', `/api/me/conversations/${cid}/block`],
    ]
    const authorRoutes = (cid: number): Array<[Method, string, object?]> => [
      ['GET', `/api/editor/conversations/${cid}/messages`],
      ['POST', `/api/editor/conversations/${cid}/messages`, { content: '冒充' }],
      ['POST', `/api/editor/conversations/${cid}/read`],
      ['PUT', `/api/editor/conversations/${cid}/block`],
      ['DELETE', `/api/editor/conversations/${cid}/block`],
    ]
    const messages = new Set<string>()
    // Everyone but the reader, on the reader's routes (the author and the editor included: they are not its reader).
    for (const who of [as.otherReader, as.author, as.otherAuthor, as.editor]) {
      for (const cid of [id, staffId, missing]) {
        for (const [method, url] of readerRoutes(cid)) {
          const error = await expectRefused(await who.call(method, url), 404, 'CONVERSATION_NOT_FOUND', before)
          messages.add(error.message)
        }
      }
    }
    // On the author side: another author, and the editor on a linked author's mail; the author on staff mail.
    const outsiders: Array<[Agent, number]> = [
      [as.otherAuthor, id],
      [as.otherAuthor, staffId],
      [as.editor, id],
      [as.author, staffId],
      [as.editor, missing],
      [as.author, missing],
    ]
    for (const [who, cid] of outsiders) {
      for (const [method, url, body] of authorRoutes(cid)) {
        const error = await expectRefused(await who.call(method, url, body), 404, 'CONVERSATION_NOT_FOUND', before)
        messages.add(error.message)
      }
    }
    expect([...messages]).toEqual(['会话不存在'])

    // Lists show nobody else's conversations.
    expect((await myList(as.otherReader)).items).toEqual([])
    expect((await authorList(as.otherAuthor)).items).toEqual([])
    expect((await authorList(as.author)).items.map((c) => c.id)).toEqual([id])
    expect((await authorList(as.editor)).items.map((c) => c.id)).toEqual([staffId])
    expect((await authorList(as.editor, `?authorId=${linked.id}`)).items).toEqual([])
    expect((await unread(as.otherReader)).unread).toBe(0)
    // The editor, as the staff author's side, reads and answers it.
    expect((await authorMessages(as.editor, staffId)).items.map((m) => m.content)).toEqual([
      '编辑部回复',
      '给乙作者（编辑部代答）',
    ])
    expect(await snapshot()).toBe(before)
  })

  it('refuses bad input with 4xx in the one shape and stores nothing', async () => {
    const { conversationId: id } = await send(as.reader, linked.id, '第一条')
    const before = await snapshot()
    const cases: Array<[Agent, Method, string, unknown, number, string]> = [
      [as.reader, 'POST', `/api/authors/${linked.id}/messages`, { content: '' }, 400, 'VALIDATION_FAILED'],
      [as.reader, 'POST', `/api/authors/${linked.id}/messages`, { content: '   ' }, 400, 'VALIDATION_FAILED'],
      [
        as.reader,
        'POST',
        `/api/authors/${linked.id}/messages`,
        { content: '长'.repeat(501) },
        400,
        'VALIDATION_FAILED',
      ],
      [as.reader, 'POST', `/api/authors/${linked.id}/messages`, { content: 1 }, 400, 'VALIDATION_FAILED'],
      [as.reader, 'POST', `/api/authors/${linked.id}/messages`, { content: '好', extra: 1 }, 400, 'VALIDATION_FAILED'],
      [as.reader, 'POST', `/api/authors/${linked.id}/messages`, {}, 400, 'VALIDATION_FAILED'],
      [as.reader, 'POST', `/api/authors/${linked.id}/messages`, '{"content":', 400, 'MALFORMED_JSON'],
      [as.reader, 'POST', '/api/authors/abc/messages', { content: '好' }, 400, 'VALIDATION_FAILED'],
      [as.reader, 'POST', '/api/authors/0/messages', { content: '好' }, 400, 'VALIDATION_FAILED'],
      [as.reader, 'POST', '/api/authors/99999999/messages', { content: '好' }, 404, 'AUTHOR_NOT_FOUND'],
      [as.reader, 'GET', '/api/authors/99999999/conversation', undefined, 404, 'AUTHOR_NOT_FOUND'],
      [as.reader, 'GET', `/api/me/conversations/${id}/messages?cursor=bogus`, undefined, 400, 'VALIDATION_FAILED'],
      [as.reader, 'GET', `/api/me/conversations/${id}/messages?limit=0`, undefined, 400, 'VALIDATION_FAILED'],
      [as.reader, 'GET', '/api/me/conversations?limit=51', undefined, 400, 'VALIDATION_FAILED'],
      [as.reader, 'GET', '/api/me/conversations/x/messages', undefined, 400, 'VALIDATION_FAILED'],
      [as.author, 'POST', `/api/editor/conversations/${id}/messages`, { content: '' }, 400, 'VALIDATION_FAILED'],
      [as.author, 'GET', '/api/editor/conversations?authorId=-1', undefined, 400, 'VALIDATION_FAILED'],
      [as.editor, 'POST', '/api/editor/messages/99999999/publish', undefined, 404, 'MESSAGE_NOT_FOUND'],
      // An author writing to its own author row.
      [as.author, 'POST', `/api/authors/${linked.id}/messages`, { content: '自言自语' }, 409, 'MESSAGE_TO_SELF'],
    ]
    for (const [who, method, url, body, status, code] of cases) {
      await expectRefused(await who.call(method, url, body as object), status, code, before)
    }
    // A published message is not waiting for review.
    const published = (await readerMessages(as.reader, id)).items[0]
    await expectRefused(
      await as.editor.call('POST', `/api/editor/messages/${published.id}/publish`),
      409,
      'MESSAGE_NOT_PENDING',
      before,
    )
  })

  it('checks the text like comments: review → 审核中 for the sender only until published; risky → 422', async () => {
    const { conversationId: id } = await send(as.reader, linked.id, '你好')
    await as.author.call('POST', `/api/editor/conversations/${id}/read`)
    // 薇信 is on our own list (review); test agents have no openid, so only our filter runs.
    const held = await send(as.reader, linked.id, '样品请加薇信')
    expect(held.message.status).toBe('pending')
    expect((await db.getRepository(PrivateMessage).findOneByOrFail({ id: held.message.id })).checkLabel).toBe(10001)
    // The sender sees it (审核中) as the last message; the author neither sees it nor counts it.
    expect((await readerMessages(as.reader, id)).items[0]).toMatchObject({ id: held.message.id, status: 'pending' })
    expect((await myList(as.reader)).items[0].lastMessage).toMatchObject({ status: 'pending' })
    expect((await authorMessages(as.author, id)).items.map((m) => m.content)).toEqual(['你好'])
    expect((await authorList(as.author)).items[0]).toMatchObject({ unread: 0, lastMessage: { content: '你好' } })

    // A first message held for review: the author's side does not list the conversation at all.
    const { conversationId: heldOnly } = await send(as.otherReader, linked.id, '加薇信聊')
    expect((await authorList(as.author)).items.map((c) => c.id)).toEqual([id])
    expect((await myList(as.otherReader)).items.map((c) => c.id)).toEqual([heldOnly])

    // Risky: refused, nothing stored.
    const before = await snapshot()
    const error = await expectRefused(
      await as.reader.call('POST', `/api/authors/${linked.id}/messages`, { content: '长期代开发票' }),
      422,
      'CONTENT_REJECTED',
      before,
    )
    expect(error.details).toEqual([{ path: 'body.content', message: error.message }])
    await expectRefused(
      await as.author.call('POST', `/api/editor/conversations/${id}/messages`, { content: '代开发票找我' }),
      422,
      'CONTENT_REJECTED',
      before,
    )

    // The editors' queue: oldest first; publish one, reject the other.
    const queue = PendingMessagePage.parse((await as.editor.call('GET', '/api/editor/messages/pending')).body)
    expect(queue.items.map((i) => [i.message.content, i.reader.name, i.author.name, i.checkLabel])).toEqual([
      ['样品请加薇信', '读者甲', '甲作者', 10001],
      ['加薇信聊', '读者乙', '甲作者', 10001],
    ])
    const published = MessageView.parse(
      (await as.editor.call('POST', `/api/editor/messages/${held.message.id}/publish`)).body,
    )
    expect(published.status).toBe('published')
    expect((await authorList(as.author)).items[0]).toMatchObject({
      id,
      unread: 1,
      lastMessage: { content: '样品请加薇信' },
    })
    const rejected = MessageView.parse(
      (await as.editor.call('POST', `/api/editor/messages/${queue.items[1].message.id}/reject`)).body,
    )
    expect(rejected.status).toBe('rejected')
    expect((await readerMessages(as.otherReader, heldOnly)).items[0]).toMatchObject({ status: 'rejected' })
    expect((await authorList(as.author)).items.map((c) => c.id)).toEqual([id])
    const before2 = await snapshot()
    await expectRefused(
      await as.editor.call('POST', `/api/editor/messages/${rejected.id}/publish`),
      409,
      'MESSAGE_NOT_PENDING',
      before2,
    )
    await expectCountsExact()
  })

  it('asks WeChat (msg_sec_check) for readers signed in through WeChat', async () => {
    const emulator = app.get(EmbeddedWechatEmulator).instance!
    const res = await request(app, 'POST', '/api/auth/dev', JSON.stringify({ name: 'wx' }))
    const { token } = LoginResult.parse(res.body)
    const wx: Agent = {
      name: 'wx',
      user: null,
      token,
      call: (method, url, payload) => request(app, method, url, payload, { authorization: `Bearer ${token}` }),
    }
    const calls = emulator.callCount('/wxa/msg_sec_check')
    expect((await send(wx, linked.id, '需要样品的加微信')).message.status).toBe('pending')
    expect((await send(wx, linked.id, '写得好')).message.status).toBe('published')
    expect(emulator.callCount('/wxa/msg_sec_check')).toBe(calls + 2)
  })

  it('blocks both ways, reversibly: a blocked sender is refused with a declared error and nothing changes', async () => {
    const { conversationId: id } = await send(as.reader, linked.id, '你好')
    await answer(as.author, id, '你好呀')

    // The reader blocks the author.
    const blocked = ConversationView.parse((await as.reader.call('PUT', `/api/me/conversations/${id}/block`)).body)
    expect(blocked.blocked).toBe(true)
    expect(
      ConversationView.parse((await as.reader.call('PUT', `/api/me/conversations/${id}/block`)).body).blocked,
    ).toBe(true)
    let before = await snapshot()
    const refused = await expectRefused(
      await as.author.call('POST', `/api/editor/conversations/${id}/messages`, { content: '在吗' }),
      403,
      'MESSAGE_BLOCKED',
      before,
    )
    expect(refused.message).toBe('对方已设置不接收你的私信')
    await expectRefused(
      await as.reader.call('POST', `/api/authors/${linked.id}/messages`, { content: '我自己屏蔽了' }),
      409,
      'MESSAGE_YOU_BLOCKED',
      before,
    )
    expect(
      ConversationView.parse((await as.reader.call('DELETE', `/api/me/conversations/${id}/block`)).body).blocked,
    ).toBe(false)
    await answer(as.author, id, '又能发了')

    // The author blocks the reader.
    expect(
      EditorConversationView.parse((await as.author.call('PUT', `/api/editor/conversations/${id}/block`)).body).blocked,
    ).toBe(true)
    before = await snapshot()
    await expectRefused(
      await as.reader.call('POST', `/api/authors/${linked.id}/messages`, { content: '被屏蔽了' }),
      403,
      'MESSAGE_BLOCKED',
      before,
    )
    await expectRefused(
      await as.author.call('POST', `/api/editor/conversations/${id}/messages`, { content: '我屏蔽了对方' }),
      409,
      'MESSAGE_YOU_BLOCKED',
      before,
    )
    // Another reader is not affected.
    await send(as.otherReader, linked.id, '我没被屏蔽')
    expect(
      EditorConversationView.parse((await as.author.call('DELETE', `/api/editor/conversations/${id}/block`)).body)
        .blocked,
    ).toBe(false)
    await send(as.reader, linked.id, '解除了')
    await expectCountsExact()
  })

  it('limits messages per writer like comments: 429 RATE_LIMITED, nothing stored', async () => {
    app
      .get(RateLimitService)
      .configure(
        { ...GENEROUS_LIMITS, message: { perUser: { points: 2, seconds: 60 }, perIp: ROOM } },
        `test-${randomUUID()}`,
      )
    const { conversationId: id } = await send(as.reader, linked.id, '一')
    await send(as.reader, linked.id, '二')
    const before = await snapshot()
    const limited = await as.reader.call('POST', `/api/authors/${linked.id}/messages`, { content: '三' })
    const error = await expectRefused(limited, 429, 'RATE_LIMITED', before)
    expect(error.message).toBe('私信发送太频繁了，请稍后再试')
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    await answer(as.author, id, '作者还能回')
    await answer(as.author, id, '两条')
    await expectRefused(
      await as.author.call('POST', `/api/editor/conversations/${id}/messages`, { content: '第三条' }),
      429,
      'RATE_LIMITED',
      await snapshot(),
    )
  })

  it('pages messages newest first and conversations by newest activity, keyset, each once', async () => {
    const { conversationId: id } = await send(as.reader, linked.id, '消息 0')
    for (let i = 1; i < 45; i++) {
      if (i % 2) await answer(as.author, id, `消息 ${i}`)
      else await send(as.reader, linked.id, `消息 ${i}`)
    }
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const page = await readerMessages(
        as.reader,
        id,
        `?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      )
      seen.push(...page.items.map((m) => m.content))
      cursor = page.nextCursor
      pages++
    } while (cursor)
    expect(pages).toBe(3)
    expect(seen).toEqual(Array.from({ length: 45 }, (_, i) => `消息 ${44 - i}`))
    expect((await myList(as.reader)).items[0].unread).toBe(22)

    // Three conversations; the newest activity first, paged two at a time.
    const { conversationId: b } = await send(as.reader, staff.id, '乙')
    const { conversationId: c } = await send(as.reader, otherLinked.id, '丙')
    await answer(as.author, id, '最新')
    const order: number[] = []
    cursor = null
    do {
      const page = await myList(as.reader, `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      order.push(...page.items.map((x) => x.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(order).toEqual([id, c, b])
    expect(await unread(as.reader)).toEqual({ unread: 23 })
    await expectCountsExact()
  })

  it('keeps counts equal to rows when many readers write to one author at once', async () => {
    const readers = await Promise.all(Array.from({ length: 12 }, (_, i) => agent(app, `并发读者${i}`, 'reader')))
    const results = await Promise.all(
      readers.flatMap((r) =>
        [0, 1, 2].map((k) => r.call('POST', `/api/authors/${linked.id}/messages`, { content: `第${k}条` })),
      ),
    )
    expect(results.every((r) => r.status === 201)).toBe(true)
    expect(await db.getRepository(Conversation).countBy({ authorId: linked.id })).toBe(12)
    const list = await authorList(as.author, '?limit=50')
    expect(list.items).toHaveLength(12)
    expect(list.items.every((c) => c.unread === 3)).toBe(true)
    await Promise.all([
      ...list.items.map((c) =>
        as.author.call('POST', `/api/editor/conversations/${c.id}/messages`, { content: '谢谢' }),
      ),
      ...list.items.map((c) => as.author.call('POST', `/api/editor/conversations/${c.id}/read`)),
    ])
    await expectCountsExact()
    for (const r of readers) expect(await unread(r)).toEqual({ unread: 1 })
  }, 60_000)

  it("removes a deleted account's message text inside account deletion; its conversations stay for the other party", async () => {
    const { conversationId: id } = await send(as.reader, linked.id, '我的秘密')
    await send(as.reader, linked.id, '请加薇信') // held for review
    await answer(as.author, id, '作者的话')
    const { conversationId: other } = await send(as.otherReader, linked.id, '另一位读者')

    await app.get(AccountService).delete(as.reader.user!.id)

    // In the order written (without an order, PostgreSQL returns the updated row last once in a while).
    const rows = await db.getRepository(PrivateMessage).find({ where: { conversationId: id }, order: { id: 'ASC' } })
    expect(rows.map((m) => [m.sender, m.status, m.content])).toEqual([
      ['reader', 'deleted', ''],
      ['author', 'published', '作者的话'],
    ])
    const theirs = (await authorList(as.author)).items.find((c) => c.id === id)!
    expect(theirs.reader).toEqual({ userId: null, name: '已注销用户', avatar: null, deleted: true })
    expect((await authorMessages(as.author, id)).items.map((m) => [m.status, m.content])).toEqual([
      ['published', '作者的话'],
      ['deleted', ''],
    ])
    const before = await snapshot()
    await expectRefused(
      await as.author.call('POST', `/api/editor/conversations/${id}/messages`, { content: '还在吗' }),
      409,
      'RECIPIENT_GONE',
      before,
    )
    // Its token is dead.
    await expectRefused(await as.reader.call('GET', '/api/me/conversations'), 401, 'UNAUTHORIZED', before)

    // An author account deleted: the text it wrote goes too; the other reader keeps the conversation.
    await answer(as.author, other, '回复乙')
    await app.get(AccountService).delete(as.author.user!.id)
    expect((await readerMessages(as.otherReader, other)).items.map((m) => [m.sender, m.status, m.content])).toEqual([
      ['author', 'deleted', ''],
      ['reader', 'published', '另一位读者'],
    ])
    expect(
      (await db.getRepository(PrivateMessage).findBy({ senderUserId: as.author.user!.id })).every(
        (m) => m.content === '',
      ),
    ).toBe(true)
    await expectCountsExact()
  })

  it('refuses a write racing its account deletion (401), storing nothing', async () => {
    const { conversationId } = await send(as.reader, linked.id, '你好')
    expect(conversationId).toBeGreaterThan(0)
    // Only `deletedAt` set, the session live: as a request that passed the guard just before the deletion.
    await db.getRepository<User>('app_user').update({ id: as.reader.user!.id }, { deletedAt: new Date() })
    const before = await snapshot()
    await expectRefused(
      await as.reader.call('POST', `/api/authors/${linked.id}/messages`, { content: '晚了' }),
      401,
      'UNAUTHORIZED',
      before,
    )
  })
})
