import { randomUUID } from 'node:crypto'
import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { ApiError, InquiryPage, InquiryView, NoticePage, ProductDetail, SupplierProfile } from '@chuangan/shared'
import { DataSource } from 'typeorm'
import { Category, Product, Supplier } from '../src/catalog/catalog.entity'
import { TaxonomyService } from '../src/catalog/taxonomy.service'
import { Delivery } from '../src/delivery/delivery.entity'
import { DeliveryWorker } from '../src/delivery/delivery-worker.service'
import { EMULATOR_TEMPLATES } from '../src/delivery/subscribe-templates'
import { Inquiry } from '../src/inquiries/inquiry.entity'
import { Notice } from '../src/notices/notice.entity'
import { RateLimitService } from '../src/rate-limit/rate-limit.service'
import { User } from '../src/users/user.entity'
import { EmbeddedWechatEmulator } from '../src/wechat/embedded-emulator'
import type { WechatEmulator } from '../src/wechat/emulator/wechat-emulator'
import {
  agent,
  createTestApp,
  ENGINE,
  GENEROUS_LIMITS,
  resetDatabase,
  ROOM,
  type Agent,
  type InjectResult,
} from './support/test-app'

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

const INQUIRY_TEMPLATE = (JSON.parse(EMULATOR_TEMPLATES) as { inquiry: { id: string } }).inquiry.id
const CONTACT = '13812345678'

/** A day ahead of today in China, as the form sends it. */
const dayAhead = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)

/**
 * 询价 over the real app, per role: anonymous, buyer, another buyer, supplier (staff of supplier A, whose product is
 * asked about), another supplier (staff of supplier B), editor. Only the buyer and supplier A ever see the inquiry
 * (and its contact); everyone else gets 401, 403 or 404, and each refused call changes nothing.
 */
describe(`inquiries (${ENGINE})`, () => {
  let app: NestFastifyApplication
  let db: DataSource
  let emulator: WechatEmulator
  let as: Record<'anonymous' | 'buyer' | 'otherBuyer' | 'supplier' | 'otherSupplier' | 'editor', Agent>
  let supplierA: Supplier
  let supplierB: Supplier
  let productA: Product
  let productB: Product

  beforeAll(async () => {
    app = await createTestApp()
    db = app.get(DataSource)
    emulator = app.get(EmbeddedWechatEmulator).instance!
  })
  beforeEach(async () => {
    await resetDatabase(app)
    await app.get(TaxonomyService).apply()
    app.get(RateLimitService).configure(GENEROUS_LIMITS, `test-${randomUUID()}`)
    emulator.clearMessages()
    const category = (await db.getRepository(Category).find({ order: { id: 'ASC' }, take: 1 }))[0]!
    const now = new Date()
    const supplier = (name: string) =>
      db
        .getRepository(Supplier)
        .save({ name, region: '上海', verified: true, contact: null, createdAt: now, updatedAt: now })
    supplierA = await supplier('甲传感')
    supplierB = await supplier('乙仪表')
    const product = (s: Supplier, model: string) =>
      db.getRepository(Product).save({
        supplierId: s.id,
        model,
        modelKey: model.replace(/\W/g, ''),
        name: `${model} 压力变送器`,
        brand: s.name,
        categoryId: category.id,
        description: '',
        datasheetUrl: null,
        images: '[]',
        params: '{}',
        priceBreaks: '[]',
        priceFrom: null,
        moq: 1,
        stock: 100,
        leadTimeDays: 7,
        createdAt: now,
        updatedAt: now,
      })
    productA = await product(supplierA, 'PT-100A')
    productB = await product(supplierB, 'PT-200B')
    as = {
      anonymous: await agent(app, 'anonymous', null),
      buyer: await agent(app, '买家甲', 'reader'),
      otherBuyer: await agent(app, '买家乙', 'reader'),
      supplier: await agent(app, '甲传感销售', 'supplier', { supplierId: supplierA.id }),
      otherSupplier: await agent(app, '乙仪表销售', 'supplier', { supplierId: supplierB.id }),
      editor: await agent(app, '编辑丁', 'editor'),
    }
  })
  afterAll(() => app.close())

  const input = (extra: object = {}) => ({
    quantity: 500,
    targetPrice: 12.5,
    deadline: dayAhead(7),
    note: '需要含税价',
    contact: CONTACT,
    ...extra,
  })
  const send = async (who: Agent, product = productA, extra: object = {}) => {
    const res = await who.call('POST', `/api/products/${product.id}/inquiries`, input(extra))
    expect(res.status).toBe(201)
    return InquiryView.parse(res.body)
  }
  const answer = async (who: Agent, id: number, body: object = { price: 11.8, leadTimeDays: 10, note: '含税含运' }) => {
    const res = await who.call('POST', `/api/supplier/inquiries/${id}/answer`, body)
    expect(res.status).toBe(200)
    return InquiryView.parse(res.body)
  }
  const figures = async (id = supplierA.id) => {
    const s = await db.getRepository(Supplier).findOneByOrFail({ id })
    return { inquiryCount: s.inquiryCount, answeredCount: s.answeredCount, median: s.medianAnswerMinutes }
  }
  /** Everything a call could change. */
  const snapshot = async () => ({
    inquiries: await db.getRepository(Inquiry).find({ order: { id: 'ASC' } }),
    suppliers: await db.getRepository(Supplier).find({ order: { id: 'ASC' } }),
    notices: await db.getRepository(Notice).find({ order: { id: 'ASC' } }),
    deliveries: await db.getRepository(Delivery).find({ order: { id: 'ASC' } }),
  })
  const expectRefused = async (
    res: InjectResult,
    status: number,
    code: string,
    before: Awaited<ReturnType<typeof snapshot>>,
  ) => {
    expect(`${res.status} ${(res.body as ApiError).code}`).toBe(`${status} ${code}`)
    expect(await snapshot()).toEqual(before)
    return ApiError.parse(res.body)
  }
  const routes = (inquiryId: number, productId = productA.id): Array<[Method, string, object?]> => [
    ['POST', `/api/products/${productId}/inquiries`, input()],
    ['GET', '/api/me/inquiries'],
    ['GET', `/api/me/inquiries/${inquiryId}`],
    ['POST', `/api/me/inquiries/${inquiryId}/accept`],
    ['POST', `/api/me/inquiries/${inquiryId}/close`],
    ['GET', '/api/supplier/inquiries'],
    ['GET', `/api/supplier/inquiries/${inquiryId}`],
    ['POST', `/api/supplier/inquiries/${inquiryId}/answer`, { price: 10, leadTimeDays: 3 }],
    ['POST', `/api/supplier/inquiries/${inquiryId}/close`],
  ]

  it('anonymous: 401 on every route, nothing changes', async () => {
    const sent = await send(as.buyer)
    const before = await snapshot()
    for (const [method, url, body] of routes(sent.id)) {
      await expectRefused(await as.anonymous.call(method, url, body), 401, 'UNAUTHORIZED', before)
    }
  })

  it('a buyer sends an inquiry: stored with the product’s supplier, counted, the supplier’s staff told in-app', async () => {
    const colleague = await agent(app, '甲传感经理', 'supplier', { supplierId: supplierA.id })
    const sent = await send(as.buyer, productA, { contact: ' 138 1234 5678 ' })
    expect(sent).toMatchObject({
      status: 'submitted',
      product: { id: productA.id, model: 'PT-100A' },
      supplier: { id: supplierA.id, name: '甲传感' },
      buyer: { name: '买家甲', deleted: false },
      quantity: 500,
      targetPrice: 12.5,
      deadline: dayAhead(7),
      note: '需要含税价',
      contact: CONTACT,
      answer: null,
      closedBy: null,
    })
    const stored = await db.getRepository(Inquiry).findOneByOrFail({ id: sent.id })
    expect(stored).toMatchObject({ supplierId: supplierA.id, buyerId: as.buyer.user!.id, targetPrice: 1250 })
    expect(await figures()).toEqual({ inquiryCount: 1, answeredCount: 0, median: null })
    expect(await figures(supplierB.id)).toEqual({ inquiryCount: 0, answeredCount: 0, median: null })

    // Both staff accounts of supplier A are told; nobody else.
    for (const staff of [as.supplier, colleague]) {
      const notices = NoticePage.parse((await staff.call('GET', '/api/me/notices')).body)
      expect(notices.items.map((n) => [n.kind, n.inquiry, n.actor?.name])).toEqual([
        ['inquiry', { id: sent.id, model: 'PT-100A', supplierName: '甲传感' }, '买家甲'],
      ])
    }
    for (const other of [as.buyer, as.otherBuyer, as.otherSupplier, as.editor]) {
      expect(NoticePage.parse((await other.call('GET', '/api/me/notices')).body).items).toEqual([])
    }

    // A minimal inquiry: quantity and contact (a WeChat id) only.
    const minimal = InquiryView.parse(
      (
        await as.otherBuyer.call('POST', `/api/products/${productB.id}/inquiries`, {
          quantity: 1,
          contact: 'wx_buyer2',
        })
      ).body,
    )
    expect(minimal).toMatchObject({ targetPrice: null, deadline: null, note: '', contact: 'wx_buyer2' })
    expect(await figures(supplierB.id)).toEqual({ inquiryCount: 1, answeredCount: 0, median: null })
  })

  it('only the buyer and the product’s supplier see an inquiry and its contact; everyone else 403 or 404', async () => {
    const sent = await send(as.buyer)
    const mine = InquiryPage.parse((await as.buyer.call('GET', '/api/me/inquiries')).body)
    expect(mine.items.map((i) => [i.id, i.contact])).toEqual([[sent.id, CONTACT]])
    expect(InquiryView.parse((await as.buyer.call('GET', `/api/me/inquiries/${sent.id}`)).body).contact).toBe(CONTACT)
    const theirs = InquiryPage.parse((await as.supplier.call('GET', '/api/supplier/inquiries')).body)
    expect(theirs.items.map((i) => [i.id, i.contact, i.buyer.name])).toEqual([[sent.id, CONTACT, '买家甲']])
    expect(InquiryView.parse((await as.supplier.call('GET', `/api/supplier/inquiries/${sent.id}`)).body).contact).toBe(
      CONTACT,
    )

    const before = await snapshot()
    // Lists: empty for the others, never the contact.
    for (const [who, url] of [
      [as.otherBuyer, '/api/me/inquiries'],
      [as.supplier, '/api/me/inquiries'],
      [as.otherSupplier, '/api/me/inquiries'],
      [as.editor, '/api/me/inquiries'],
      [as.otherSupplier, '/api/supplier/inquiries'],
    ] as const) {
      const res = await who.call('GET', url)
      expect(`${who.name} ${url} ${res.status}`).toBe(`${who.name} ${url} 200`)
      expect(InquiryPage.parse(res.body).items).toEqual([])
    }
    // One inquiry: 404 for a party of the wrong side or another party (the same as a missing one); 403 for a role.
    const refusals: Array<[Agent, Method, string, number, string]> = [
      [as.otherBuyer, 'GET', `/api/me/inquiries/${sent.id}`, 404, 'INQUIRY_NOT_FOUND'],
      [as.supplier, 'GET', `/api/me/inquiries/${sent.id}`, 404, 'INQUIRY_NOT_FOUND'],
      [as.editor, 'GET', `/api/me/inquiries/${sent.id}`, 404, 'INQUIRY_NOT_FOUND'],
      [as.otherSupplier, 'GET', `/api/supplier/inquiries/${sent.id}`, 404, 'INQUIRY_NOT_FOUND'],
      [as.otherSupplier, 'GET', `/api/supplier/inquiries/${sent.id + 1000}`, 404, 'INQUIRY_NOT_FOUND'],
      [as.buyer, 'GET', `/api/supplier/inquiries/${sent.id}`, 403, 'FORBIDDEN'],
      [as.buyer, 'GET', '/api/supplier/inquiries', 403, 'FORBIDDEN'],
      [as.editor, 'GET', `/api/supplier/inquiries/${sent.id}`, 403, 'FORBIDDEN'],
      [as.editor, 'GET', '/api/supplier/inquiries', 403, 'FORBIDDEN'],
    ]
    for (const [who, method, url, status, code] of refusals) {
      const res = await who.call(method, url)
      expect(`${who.name} ${url}: ${res.status} ${(res.body as ApiError).code}`).toBe(
        `${who.name} ${url}: ${status} ${code}`,
      )
      expect(JSON.stringify(res.body)).not.toContain(CONTACT)
    }
    expect(await snapshot()).toEqual(before)
  })

  it('refused writes by every other role change nothing', async () => {
    const sent = await send(as.buyer)
    const before = await snapshot()
    const ok = { price: 10, leadTimeDays: 3 }
    const refused: Array<[Agent, string, object | undefined, number, string]> = [
      [as.otherBuyer, `/api/me/inquiries/${sent.id}/accept`, undefined, 404, 'INQUIRY_NOT_FOUND'],
      [as.otherBuyer, `/api/me/inquiries/${sent.id}/close`, undefined, 404, 'INQUIRY_NOT_FOUND'],
      [as.supplier, `/api/me/inquiries/${sent.id}/close`, undefined, 404, 'INQUIRY_NOT_FOUND'],
      [as.supplier, `/api/me/inquiries/${sent.id}/accept`, undefined, 404, 'INQUIRY_NOT_FOUND'],
      [as.editor, `/api/me/inquiries/${sent.id}/close`, undefined, 404, 'INQUIRY_NOT_FOUND'],
      [as.otherSupplier, `/api/supplier/inquiries/${sent.id}/answer`, ok, 404, 'INQUIRY_NOT_FOUND'],
      [as.otherSupplier, `/api/supplier/inquiries/${sent.id}/close`, undefined, 404, 'INQUIRY_NOT_FOUND'],
      [as.buyer, `/api/supplier/inquiries/${sent.id}/answer`, ok, 403, 'FORBIDDEN'],
      [as.buyer, `/api/supplier/inquiries/${sent.id}/close`, undefined, 403, 'FORBIDDEN'],
      [as.otherBuyer, `/api/supplier/inquiries/${sent.id}/answer`, ok, 403, 'FORBIDDEN'],
      [as.editor, `/api/supplier/inquiries/${sent.id}/answer`, ok, 403, 'FORBIDDEN'],
      [as.editor, `/api/supplier/inquiries/${sent.id}/close`, undefined, 403, 'FORBIDDEN'],
      // A supplier's staff cannot ask their own supplier.
      [as.supplier, `/api/products/${productA.id}/inquiries`, input(), 409, 'INQUIRY_OWN_SUPPLIER'],
      [as.buyer, `/api/products/${productB.id + 1000}/inquiries`, input(), 404, 'PRODUCT_NOT_FOUND'],
    ]
    for (const [who, url, body, status, code] of refused) {
      const res = await who.call('POST', url, body)
      expect(`${who.name} ${url}: ${res.status} ${(res.body as ApiError).code}`).toBe(
        `${who.name} ${url}: ${status} ${code}`,
      )
      expect(await snapshot()).toEqual(before)
    }
    // Another supplier's staff may ask supplier A like any buyer.
    expect((await send(as.otherSupplier)).supplier.id).toBe(supplierA.id)
  })

  it('checks input: 400 with the field, nothing stored; text checked like comments (422)', async () => {
    const before = await snapshot()
    const bad: object[] = [
      { quantity: 0 },
      { quantity: 1.5 },
      { quantity: '5' },
      { contact: 'abc' },
      { contact: '12345' },
      { contact: '' },
      { targetPrice: 0 },
      { targetPrice: 1.234 },
      { targetPrice: 20_000_000 },
      { deadline: dayAhead(-1) },
      { deadline: dayAhead(400) },
      { deadline: '2026-02-30' },
      { deadline: 'tomorrow' },
      { note: '长'.repeat(501) },
      { extra: 1 },
    ]
    for (const extra of bad) {
      const res = await as.buyer.call('POST', `/api/products/${productA.id}/inquiries`, input(extra))
      expect(`${JSON.stringify(extra)} ${res.status} ${(res.body as ApiError).code}`).toBe(
        `${JSON.stringify(extra)} 400 VALIDATION_FAILED`,
      )
    }
    const { contact: _dropped, ...noContact } = input()
    await expectRefused(
      await as.buyer.call('POST', `/api/products/${productA.id}/inquiries`, noContact),
      400,
      'VALIDATION_FAILED',
      before,
    )
    const rejected = await expectRefused(
      await as.buyer.call('POST', `/api/products/${productA.id}/inquiries`, input({ note: '长期代开发票' })),
      422,
      'CONTENT_REJECTED',
      before,
    )
    expect(rejected.details).toEqual([{ path: 'body.note', message: rejected.message }])

    const sent = await send(as.buyer)
    const afterSend = await snapshot()
    for (const body of [
      { price: 0, leadTimeDays: 3 },
      { price: 10 },
      { price: 10, leadTimeDays: -1 },
      { price: 10, leadTimeDays: 400 },
    ]) {
      await expectRefused(
        await as.supplier.call('POST', `/api/supplier/inquiries/${sent.id}/answer`, body),
        400,
        'VALIDATION_FAILED',
        afterSend,
      )
    }
    await expectRefused(
      await as.supplier.call('POST', `/api/supplier/inquiries/${sent.id}/answer`, {
        price: 10,
        leadTimeDays: 3,
        note: '代开发票找我',
      }),
      422,
      'CONTENT_REJECTED',
      afterSend,
    )
    await expectRefused(
      await as.buyer.call('GET', '/api/me/inquiries?status=nope'),
      400,
      'VALIDATION_FAILED',
      afterSend,
    )
    await expectRefused(await as.buyer.call('GET', '/api/me/inquiries?cursor=xyz'), 400, 'VALIDATION_FAILED', afterSend)
  })

  it('moves submitted → answered → accepted, or closed by either side; every other move is a 409', async () => {
    const a = await send(as.buyer)
    let before = await snapshot()
    await expectRefused(
      await as.buyer.call('POST', `/api/me/inquiries/${a.id}/accept`),
      409,
      'INQUIRY_NOT_ANSWERED',
      before,
    )
    const answered = await answer(as.supplier, a.id)
    expect(answered).toMatchObject({ status: 'answered', answer: { price: 11.8, leadTimeDays: 10, note: '含税含运' } })
    before = await snapshot()
    await expectRefused(
      await as.supplier.call('POST', `/api/supplier/inquiries/${a.id}/answer`, { price: 9, leadTimeDays: 1 }),
      409,
      'INQUIRY_ALREADY_ANSWERED',
      before,
    )
    const accepted = InquiryView.parse((await as.buyer.call('POST', `/api/me/inquiries/${a.id}/accept`)).body)
    expect(accepted).toMatchObject({ status: 'accepted', closedBy: null })
    before = await snapshot()
    for (const [who, url] of [
      [as.buyer, `/api/me/inquiries/${a.id}/accept`],
      [as.buyer, `/api/me/inquiries/${a.id}/close`],
      [as.supplier, `/api/supplier/inquiries/${a.id}/close`],
    ] as const) {
      await expectRefused(await who.call('POST', url), 409, 'INQUIRY_FINISHED', before)
    }

    // Closed by the supplier while submitted; then nothing more.
    const b = await send(as.buyer)
    const closed = InquiryView.parse((await as.supplier.call('POST', `/api/supplier/inquiries/${b.id}/close`)).body)
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'supplier' })
    before = await snapshot()
    await expectRefused(
      await as.supplier.call('POST', `/api/supplier/inquiries/${b.id}/answer`, { price: 9, leadTimeDays: 1 }),
      409,
      'INQUIRY_FINISHED',
      before,
    )
    await expectRefused(await as.buyer.call('POST', `/api/me/inquiries/${b.id}/close`), 409, 'INQUIRY_FINISHED', before)
    await expectRefused(
      await as.buyer.call('POST', `/api/me/inquiries/${b.id}/accept`),
      409,
      'INQUIRY_FINISHED',
      before,
    )

    // Closed by the buyer once answered.
    const c = await send(as.buyer)
    await answer(as.supplier, c.id)
    const mineClosed = InquiryView.parse((await as.buyer.call('POST', `/api/me/inquiries/${c.id}/close`)).body)
    expect(mineClosed).toMatchObject({ status: 'closed', closedBy: 'buyer', answer: { price: 11.8 } })

    // Lists filter by status and page by keyset, newest first.
    const byStatus = async (who: Agent, url: string, status: string) =>
      InquiryPage.parse((await who.call('GET', `${url}?status=${status}`)).body).items.map((i) => i.id)
    expect(await byStatus(as.buyer, '/api/me/inquiries', 'closed')).toEqual([c.id, b.id])
    expect(await byStatus(as.buyer, '/api/me/inquiries', 'accepted')).toEqual([a.id])
    expect(await byStatus(as.supplier, '/api/supplier/inquiries', 'closed')).toEqual([c.id, b.id])
    expect(await byStatus(as.supplier, '/api/supplier/inquiries', 'submitted')).toEqual([])
    const first = InquiryPage.parse((await as.buyer.call('GET', '/api/me/inquiries?limit=2')).body)
    expect(first.items.map((i) => i.id)).toEqual([c.id, b.id])
    const second = InquiryPage.parse(
      (await as.buyer.call('GET', `/api/me/inquiries?limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`)).body,
    )
    expect(second).toEqual({ items: [expect.objectContaining({ id: a.id })], nextCursor: null })
  })

  it('keeps the supplier’s response figures: answered share and median answer minutes, on the supplier card', async () => {
    const ids: number[] = []
    for (let i = 0; i < 4; i++) ids.push((await send(as.buyer)).id)
    expect(await figures()).toEqual({ inquiryCount: 4, answeredCount: 0, median: null })
    const card = async () =>
      ProductDetail.parse((await as.anonymous.call('GET', `/api/products/${productA.id}`)).body).supplier
    expect(await card()).toMatchObject({ responseRate: 0, medianAnswerMinutes: null })

    // Sent 10, 30 and 20 minutes before the answer.
    const age = async (id: number, minutes: number) =>
      db.getRepository(Inquiry).update({ id }, { createdAt: new Date(Date.now() - minutes * 60_000 - 5_000) })
    for (const [id, minutes] of [
      [ids[0]!, 10],
      [ids[1]!, 30],
      [ids[2]!, 20],
    ]) {
      await age(id, minutes)
      await answer(as.supplier, id)
    }
    expect(await figures()).toEqual({ inquiryCount: 4, answeredCount: 3, median: 20 })
    expect(await card()).toMatchObject({ responseRate: 0.75, medianAnswerMinutes: 20 })
    const profile = SupplierProfile.parse((await as.anonymous.call('GET', `/api/suppliers/${supplierA.id}`)).body)
    expect(profile).toMatchObject({ responseRate: 0.75, medianAnswerMinutes: 20 })

    // An even count: the mean of the two middle values. Closing moves nothing.
    await age(ids[3]!, 60)
    await answer(as.supplier, ids[3]!)
    expect(await figures()).toEqual({ inquiryCount: 4, answeredCount: 4, median: 25 })
    await as.buyer.call('POST', `/api/me/inquiries/${ids[0]}/close`)
    expect(await figures()).toEqual({ inquiryCount: 4, answeredCount: 4, median: 25 })
    expect(await figures(supplierB.id)).toEqual({ inquiryCount: 0, answeredCount: 0, median: null })
    expect(await card()).toMatchObject({ responseRate: 1, medianAnswerMinutes: 25 })
  })

  it('tells the buyer of an answer in-app, and by a subscribe message through the outbox when granted', async () => {
    const openid = emulator.openidFor('买家甲')
    await db.getRepository(User).update({ id: as.buyer.user!.id }, { openid })
    const granted = await as.buyer.call('POST', '/api/me/subscriptions', { results: { [INQUIRY_TEMPLATE]: 'accept' } })
    expect(granted.status).toBe(200)
    const sent = await send(as.buyer)
    await answer(as.supplier, sent.id)

    const notices = NoticePage.parse((await as.buyer.call('GET', '/api/me/notices')).body)
    expect(notices.items.map((n) => [n.kind, n.inquiry, n.actor?.name, n.read])).toEqual([
      ['inquiry_answer', { id: sent.id, model: 'PT-100A', supplierName: '甲传感' }, '甲传感', false],
    ])
    expect(await db.getRepository(Delivery).findBy({ subject: 'inquiry' })).toEqual([
      expect.objectContaining({ subjectId: sent.id, userId: as.buyer.user!.id, state: 'queued' }),
    ])
    await app.get(DeliveryWorker).drain()
    const messages = emulator.messages().filter((m) => m.touser === openid)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({
      templateId: INQUIRY_TEMPLATE,
      page: `packages/me/inquiry/index?id=${sent.id}`,
    })
    expect(Object.values(messages[0]!.data)).toEqual(
      expect.arrayContaining(['PT-100A', '甲传感', '11.80元', '交期10天']),
    )
    expect(await db.getRepository(Delivery).findOneByOrFail({ subject: 'inquiry', subjectId: sent.id })).toMatchObject({
      state: 'sent',
    })

    // Without a grant: in-app only, nothing queued.
    const other = await send(as.otherBuyer)
    await answer(as.supplier, other.id)
    expect(
      NoticePage.parse((await as.otherBuyer.call('GET', '/api/me/notices')).body).items.map((n) => n.kind),
    ).toEqual(['inquiry_answer'])
    expect(await db.getRepository(Delivery).countBy({ subject: 'inquiry', subjectId: other.id })).toBe(0)
  })

  it('a deleted buyer’s inquiries are closed and the contact wiped; the supplier still sees them, without it', async () => {
    const open = await send(as.buyer)
    const done = await send(as.buyer)
    await answer(as.supplier, done.id)
    await as.buyer.call('POST', `/api/me/inquiries/${done.id}/accept`)
    const others = await send(as.otherBuyer)
    expect((await as.buyer.call('DELETE', '/api/me', { confirm: true })).status).toBe(200)

    const rows = await db.getRepository(Inquiry).find({ order: { id: 'ASC' } })
    expect(rows.map((r) => [r.id, r.status, r.closedBy, r.contact])).toEqual([
      [open.id, 'closed', 'system', null],
      [done.id, 'accepted', null, null],
      [others.id, 'submitted', null, CONTACT],
    ])
    const seen = InquiryView.parse((await as.supplier.call('GET', `/api/supplier/inquiries/${open.id}`)).body)
    expect(seen).toMatchObject({ status: 'closed', contact: null, buyer: { name: '已注销用户', deleted: true } })
    expect(await figures()).toEqual({ inquiryCount: 3, answeredCount: 1, median: 0 })
  })

  it('limits inquiries per buyer: 429 RATE_LIMITED, nothing stored', async () => {
    app
      .get(RateLimitService)
      .configure(
        { ...GENEROUS_LIMITS, inquiry: { perUser: { points: 2, seconds: 600 }, perIp: ROOM } },
        `test-${randomUUID()}`,
      )
    await send(as.buyer)
    await send(as.buyer)
    const before = await snapshot()
    const limited = await as.buyer.call('POST', `/api/products/${productA.id}/inquiries`, input())
    const error = await expectRefused(limited, 429, 'RATE_LIMITED', before)
    expect(error.message).toBe('询价太频繁了，请稍后再试')
    await send(as.otherBuyer)
  })
})
