import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { ApiError, DeliveryStats, MySubscriptions } from '@chuangan/shared'
import { DataSource } from 'typeorm'
import { Delivery } from '../src/delivery/delivery.entity'
import { DeliveryWorker } from '../src/delivery/delivery-worker.service'
import { SubscribeGrant } from '../src/delivery/subscribe-grant.entity'
import { EMULATOR_TEMPLATES } from '../src/delivery/subscribe-templates'
import { User } from '../src/users/user.entity'
import { EmbeddedWechatEmulator } from '../src/wechat/embedded-emulator'
import type { WechatEmulator } from '../src/wechat/emulator/wechat-emulator'
import { freshWorld, type World } from './support/content-world'
import { agent, createTestApp, ENGINE, roles, type Agent } from './support/test-app'

const ARTICLE_TEMPLATE = (JSON.parse(EMULATOR_TEMPLATES) as { article: { id: string } }).article.id
const ISSUE_TEMPLATE = (JSON.parse(EMULATOR_TEMPLATES) as { issue: { id: string } }).issue.id
const INQUIRY_TEMPLATE = (JSON.parse(EMULATOR_TEMPLATES) as { inquiry: { id: string } }).inquiry.id
const SEND = '/cgi-bin/message/subscribe/send'

describe(`subscribe messages: grants, the outbox, the worker (${ENGINE})`, () => {
  let app: NestFastifyApplication
  let world: World
  let db: DataSource
  let emulator: WechatEmulator
  let worker: DeliveryWorker

  beforeAll(async () => {
    app = await createTestApp()
    db = app.get(DataSource)
    emulator = app.get(EmbeddedWechatEmulator).instance!
    worker = app.get(DeliveryWorker)
  })
  beforeEach(async () => {
    world = await freshWorld(app)
    emulator.clearMessages()
  })
  afterAll(() => app.close())

  /** A reader with a WeChat identity (as a real sign-in leaves it). */
  const reader = async (name: string): Promise<Agent & { openid: string }> => {
    const a = await agent(app, name, 'reader')
    const openid = emulator.openidFor(name)
    await db.getRepository(User).update({ id: a.user!.id }, { openid })
    return { ...a, openid }
  }
  const accept = (a: Agent, times = 1, template = ARTICLE_TEMPLATE) =>
    Promise.all(
      Array.from({ length: times }, () =>
        a.call('POST', '/api/me/subscriptions', { results: { [template]: 'accept' } }),
      ),
    )
  const credits = async (a: Agent, template = ARTICLE_TEMPLATE) =>
    (await db.getRepository(SubscribeGrant).findOneBy({ userId: a.user!.id, templateId: template }))?.credits ?? 0
  const stats = async (editor: Agent, kind: 'article' | 'issue', id: number) =>
    DeliveryStats.parse((await editor.call('GET', `/api/editor/deliveries/${kind}/${id}`)).body)
  const sentTo = (openid: string) => emulator.messages().filter((m) => m.touser === openid)

  it('records grants per template: each accept one credit, reject and ban stop asking; bad answers change nothing', async () => {
    const as = await roles(app)
    expect((await as.anonymous.call('GET', '/api/me/subscriptions')).status).toBe(401)
    expect((await as.anonymous.call('POST', '/api/me/subscriptions', { results: { x: 'accept' } })).status).toBe(401)

    const mine = MySubscriptions.parse((await as.reader.call('GET', '/api/me/subscriptions')).body)
    expect(mine.templates.map((t) => [t.topic, t.templateId, t.credits, t.answer, t.ask])).toEqual([
      ['article', ARTICLE_TEMPLATE, 0, null, true],
      ['issue', ISSUE_TEMPLATE, 0, null, true],
      ['inquiry', INQUIRY_TEMPLATE, 0, null, true],
    ])

    await accept(as.reader, 3)
    const both = await as.reader.call('POST', '/api/me/subscriptions', {
      results: { [ARTICLE_TEMPLATE]: 'accept', [ISSUE_TEMPLATE]: 'reject' },
    })
    expect(both.status).toBe(200)
    const after = MySubscriptions.parse(both.body).templates
    expect(after[0]).toMatchObject({ credits: 4, answer: 'accept', ask: true })
    expect(after[1]).toMatchObject({ credits: 0, answer: 'reject', ask: false })
    // Another reader's credits are their own.
    expect(
      MySubscriptions.parse((await as.otherReader.call('GET', '/api/me/subscriptions')).body).templates[0],
    ).toMatchObject({
      credits: 0,
    })

    // filter changes nothing; ban keeps the credits already given but stops the asking.
    await as.reader.call('POST', '/api/me/subscriptions', { results: { [ARTICLE_TEMPLATE]: 'filter' } })
    expect(await credits(as.reader)).toBe(4)
    const banned = await as.reader.call('POST', '/api/me/subscriptions', { results: { [ARTICLE_TEMPLATE]: 'ban' } })
    expect(MySubscriptions.parse(banned.body).templates[0]).toMatchObject({ credits: 4, answer: 'ban', ask: false })

    const before = await db.getRepository(SubscribeGrant).find({ order: { userId: 'ASC', templateId: 'ASC' } })
    const bad: Array<[unknown, string]> = [
      [{ results: { 'no-such-template': 'accept' } }, 'UNKNOWN_TEMPLATE'],
      [{ results: { [ARTICLE_TEMPLATE]: 'accept', 'no-such-template': 'accept' } }, 'UNKNOWN_TEMPLATE'],
      [{ results: { a: 'accept', b: 'accept', c: 'accept', d: 'accept' } }, 'VALIDATION_FAILED'],
      [{ results: {} }, 'VALIDATION_FAILED'],
      [{ results: { [ARTICLE_TEMPLATE]: 'maybe' } }, 'VALIDATION_FAILED'],
      [{}, 'VALIDATION_FAILED'],
    ]
    for (const [body, code] of bad) {
      const res = await as.reader.call('POST', '/api/me/subscriptions', body as object)
      expect(res.status).toBe(400)
      expect(ApiError.parse(res.body).code).toBe(code)
    }
    expect(await db.getRepository(SubscribeGrant).find({ order: { userId: 'ASC', templateId: 'ASC' } })).toEqual(before)
  })

  it('publishing queues one delivery per follower in its transaction; the worker sends each once and spends a credit', async () => {
    const as = await roles(app)
    const [a, b, c, d] = await Promise.all(['甲', '乙', '丙', '丁'].map((n) => reader(`订阅者${n}`)))
    const article = world.draft
    // a follows the author, b the column, c both (one delivery), d follows but never granted; the author follows nobody.
    await a.call('PUT', `/api/follows/author/${article.authorId}`)
    const column = world.columns[0].id
    await as.editor.call('PATCH', `/api/editor/articles/${article.id}`, { columnId: column })
    await b.call('PUT', `/api/follows/column/${column}`)
    await c.call('PUT', `/api/follows/author/${article.authorId}`)
    await c.call('PUT', `/api/follows/column/${column}`)
    await d.call('PUT', `/api/follows/author/${article.authorId}`)
    await accept(a, 2)
    await accept(b)
    await accept(c)

    expect((await as.editor.call('POST', `/api/editor/articles/${article.id}/publish`)).status).toBe(200)
    expect(await stats(as.editor, 'article', article.id)).toMatchObject({ total: 4, queued: 4, sent: 0 })

    // Archived and published again: nobody is queued twice.
    await as.editor.call('POST', `/api/editor/articles/${article.id}/archive`)
    await as.editor.call('POST', `/api/editor/articles/${article.id}/publish`)
    expect(await db.getRepository(Delivery).countBy({ subject: 'article', subjectId: article.id })).toBe(4)

    await worker.drain()
    expect(await stats(as.editor, 'article', article.id)).toEqual({
      kind: 'article',
      id: article.id,
      total: 4,
      queued: 0,
      sending: 0,
      sent: 3,
      noCredit: 1,
      dropped: 0,
      failed: 0,
      unknown: 0,
    })
    for (const r of [a, b, c]) {
      const got = sentTo(r.openid)
      expect(got).toHaveLength(1)
      expect(got[0]).toMatchObject({
        templateId: ARTICLE_TEMPLATE,
        page: `packages/content/article/index?id=${article.id}`,
      })
      expect(got[0]!.data.thing1).toBe('草稿')
      expect(got[0]!.data.time3).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
    }
    expect(sentTo(d.openid)).toHaveLength(0)
    expect([await credits(a), await credits(b), await credits(c), await credits(d)]).toEqual([1, 0, 0, 0])

    // Nothing is sent again by later passes, or by publishing once more.
    await as.editor.call('POST', `/api/editor/articles/${article.id}/archive`)
    await as.editor.call('POST', `/api/editor/articles/${article.id}/publish`)
    await worker.drain()
    expect(emulator.messages()).toHaveLength(3)
  })

  it('cuts fields to WeChat limits; 43101 drops the credit; transient errors retry with backoff; permanent ones fail', async () => {
    const as = await roles(app)
    const [a, b, c] = await Promise.all(['一', '二', '三'].map((n) => reader(`读者${n}号`)))
    const long = '一篇标题很长很长的文章：MEMS 压力传感器在汽车电子中的温漂补偿与封装应力'
    await as.editor.call('PATCH', `/api/editor/articles/${world.draft.id}`, { title: long })
    for (const r of [a, b, c]) {
      await r.call('PUT', `/api/follows/author/${world.draft.authorId}`)
      await accept(r, 2)
    }
    emulator.refuseMessages(b.openid)
    // System busy for a's send (the chunk's sends are concurrent: an untargeted failure could hit b's refusal).
    emulator.failNext(SEND, -1, a.openid)
    await as.editor.call('POST', `/api/editor/articles/${world.draft.id}/publish`)

    const t0 = Date.now()
    await worker.drain(() => new Date(t0))
    let s = await stats(as.editor, 'article', world.draft.id)
    expect(s).toMatchObject({ total: 3, dropped: 1, queued: 1, sent: 1, failed: 0 })
    expect(await credits(b)).toBe(0) // 43101: the grant is gone, not retried
    const retried = await db.getRepository(Delivery).findOneByOrFail({ subjectId: world.draft.id, state: 'queued' })
    expect(retried.attempts).toBe(1)
    expect(retried.lastError).toMatch(/^-1 /)
    expect(retried.dueAt.getTime()).toBeGreaterThan(t0 + 1000)
    expect(retried.userId).toBe(a.user!.id)
    expect(await credits(a)).toBe(2) // given back: the send surely did not happen

    // Not due yet: nothing happens; once due, it is sent.
    expect(await worker.drain(() => new Date(t0 + 500))).toBe(0)
    await worker.drain(() => new Date(t0 + 10_000))
    s = await stats(as.editor, 'article', world.draft.id)
    expect(s).toMatchObject({ total: 3, dropped: 1, queued: 0, sent: 2 })
    for (const r of [a, c]) {
      const got = sentTo(r.openid)
      expect(got).toHaveLength(1)
      expect([...got[0]!.data.thing1!].length).toBeLessThanOrEqual(20)
      expect(got[0]!.data.thing1!.endsWith('…')).toBe(true)
      expect(await credits(r)).toBe(1)
    }

    // A permanent error (bad openid) is recorded as failed and the credit given back.
    const e = await reader('读者四号')
    await e.call('PUT', `/api/follows/periodical/${world.periodical.id}`)
    await accept(e, 1, ISSUE_TEMPLATE)
    emulator.failNext(SEND, 40003)
    const issue = await as.editor.call<{ id: number }>(
      'POST',
      `/api/editor/periodicals/${world.periodical.id}/issues`,
      {
        number: 2,
        title: '第二期：压力与温度',
        articleIds: [world.published[0].id],
      },
    )
    expect(issue.status).toBe(201)
    await worker.drain()
    expect(await stats(as.editor, 'issue', issue.body.id)).toMatchObject({ total: 1, failed: 1, sent: 0 })
    expect(await credits(e, ISSUE_TEMPLATE)).toBe(1)
    expect(sentTo(e.openid)).toHaveLength(0)
  })

  it('recovers a stopped worker: claimed rows go back to the queue, rows WeChat may have seen are never sent again', async () => {
    const as = await roles(app)
    const readers = await Promise.all(Array.from({ length: 6 }, (_, i) => reader(`恢复读者${i}`)))
    for (const r of readers) {
      await r.call('PUT', `/api/follows/author/${world.draft.authorId}`)
      await accept(r)
    }
    await as.editor.call('POST', `/api/editor/articles/${world.draft.id}/publish`)
    // What a killed worker leaves: two rows claimed (not yet sent), two in flight to WeChat.
    const rows = await db.getRepository(Delivery).find({ where: { subjectId: world.draft.id }, order: { id: 'ASC' } })
    const past = new Date(Date.now() - 1000)
    const dead = { claim: 'dead-worker:1', claimedUntil: past }
    await db.getRepository(Delivery).update([rows[0]!.id, rows[1]!.id], { state: 'claimed', ...dead })
    await db.getRepository(Delivery).update([rows[2]!.id, rows[3]!.id], { state: 'sending', ...dead })
    // A live worker's claim (lease not over) is left alone.
    const live = { claim: 'live-worker:1', claimedUntil: new Date(Date.now() + 60_000) }
    await db.getRepository(Delivery).update([rows[4]!.id], { state: 'sending', ...live })

    await worker.drain()
    const after = await db.getRepository(Delivery).find({ where: { subjectId: world.draft.id }, order: { id: 'ASC' } })
    expect(after.map((r) => r.state)).toEqual(['sent', 'sent', 'unknown', 'unknown', 'sending', 'sent'])
    expect(emulator.messages()).toHaveLength(3)
    expect(await stats(as.editor, 'article', world.draft.id)).toMatchObject({ sent: 3, unknown: 2, sending: 1 })
  })

  it('forgets a deleted account: its credits and what was still queued for it', async () => {
    const as = await roles(app)
    const leaving = await reader('要走的读者')
    const staying = await reader('留下的读者')
    for (const r of [leaving, staying]) {
      await r.call('PUT', `/api/follows/author/${world.draft.authorId}`)
      await accept(r)
    }
    await as.editor.call('POST', `/api/editor/articles/${world.draft.id}/publish`)
    expect((await leaving.call('DELETE', '/api/me', { confirm: true })).status).toBe(200)
    expect(await db.getRepository(SubscribeGrant).countBy({ userId: leaving.user!.id })).toBe(0)
    await worker.drain()
    expect(emulator.messages().map((m) => m.touser)).toEqual([staying.openid])
    expect(await stats(as.editor, 'article', world.draft.id)).toMatchObject({ total: 1, sent: 1 })
  })

  it('lets only editors see delivery figures; unknown subjects are 404 and bad kinds 400', async () => {
    const as = await roles(app)
    const url = `/api/editor/deliveries/article/${world.published[0].id}`
    expect((await as.anonymous.call('GET', url)).status).toBe(401)
    expect((await as.reader.call('GET', url)).status).toBe(403)
    expect((await as.otherReader.call('GET', url)).status).toBe(403)
    expect((await as.author.call('GET', url)).status).toBe(403)
    expect(DeliveryStats.parse((await as.editor.call('GET', url)).body)).toMatchObject({ total: 0 })
    const missing = await as.editor.call('GET', '/api/editor/deliveries/issue/999999')
    expect(missing.status).toBe(404)
    expect(ApiError.parse(missing.body).code).toBe('DELIVERY_SUBJECT_NOT_FOUND')
    expect((await as.editor.call('GET', '/api/editor/deliveries/comment/1')).status).toBe(400)
    expect((await as.editor.call('GET', '/api/editor/deliveries/article/abc')).status).toBe(400)
  })
})
