import { Injectable } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import {
  DELETED_USER_NAME,
  InquiryErrors,
  type InquiryInput,
  ModerationErrors,
  SearchErrors,
  type InquiryAnswerInput,
  type InquiryCloser,
  type InquiryListQuery,
  type InquiryPage,
  type InquiryStatus,
  type InquiryView,
} from '@chuangan/shared'
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm'
import { Product, Supplier } from '../catalog/catalog.entity'
import { AppError } from '../common/app-error'
import { bindKey, toInt } from '../common/db'
import { keysetPage } from '../common/keyset'
import { lockInquiries, lockSupplier, lockUser } from '../database/locks'
import { runSql } from '../database/raw-sql'
import { Transactions } from '../database/transactions'
import { OutboxService } from '../delivery/outbox.service'
import { ContentCheckService, labelName } from '../moderation/content-check.service'
import { NoticesService } from '../notices/notices.service'
import { displayName } from '../users/display-name'
import { User } from '../users/user.entity'
import { Inquiry } from './inquiry.entity'

/** The states an inquiry can still leave (accepted and closed are final). */
const OPEN: readonly InquiryStatus[] = ['submitted', 'answered']

/** Whose side a caller is on: the buyer (any signed-in user, their own inquiries) or a supplier's staff. */
type Side = { buyerId: number } | { supplierId: number | null }

const toFen = (yuan: number) => Math.round(yuan * 100)

/**
 * 询价: a buyer asks a product's supplier for a price; the supplier's staff answer; the buyer accepts or either side
 * closes. Only the two parties read an inquiry: anyone else gets INQUIRY_NOT_FOUND, as for a missing one.
 *
 * Writes that move the supplier's response figures (send, answer) lock the acting user's row → the supplier's row →
 * the inquiry (database/locks.ts), then set the figures from the inquiry rows; the notices and the outbox row are
 * written last, in the same transaction. Notes are checked like comments (our word filter + WeChat's msg_sec_check);
 * there is no review queue for inquiries, so text the check would hold for review is refused like risky text.
 */
@Injectable()
export class InquiriesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
    private readonly checks: ContentCheckService,
    private readonly notices: NoticesService,
    private readonly outbox: OutboxService,
  ) {}

  // ——— the buyer ———

  async create(user: User, productId: number, input: InquiryInput, now = new Date()): Promise<InquiryView> {
    const parsed = input
    const product = await this.db.getRepository(Product).findOneBy({ id: productId })
    if (!product) throw AppError.of(SearchErrors.PRODUCT_NOT_FOUND)
    if (user.supplierId !== null && user.supplierId === product.supplierId) {
      throw AppError.of(InquiryErrors.INQUIRY_OWN_SUPPLIER)
    }
    const note = parsed.note ?? ''
    await this.checkText(user, note, 'body.note')

    const id = await this.transactions.run(async (em) => {
      await lockUser(em, user.id)
      const supplier = await lockSupplier(em, product.supplierId)
      if (!supplier) throw AppError.of(SearchErrors.PRODUCT_NOT_FOUND)
      const saved = await em.save(
        em.create(Inquiry, {
          buyerId: user.id,
          productId: product.id,
          supplierId: product.supplierId,
          status: 'submitted',
          quantity: parsed.quantity,
          targetPrice: parsed.targetPrice == null ? null : toFen(parsed.targetPrice),
          deadline: parsed.deadline ?? null,
          note,
          contact: parsed.contact.replace(/\s+/g, ''),
          answerPrice: null,
          answerLeadTimeDays: null,
          answerNote: null,
          answeredBy: null,
          answeredAt: null,
          answerMinutes: null,
          closedBy: null,
          createdAt: now,
          updatedAt: now,
        }),
      )
      await refreshFigures(em, product.supplierId)
      await this.notices.inquirySent(em, { id: saved.id, supplierId: product.supplierId, buyerId: user.id }, now)
      return saved.id
    })
    return this.view(await this.db.getRepository(Inquiry).findOneByOrFail({ id }))
  }

  /** My inquiries as a buyer, newest first. */
  mine(userId: number, query: InquiryListQuery): Promise<InquiryPage> {
    return this.page(this.inquiries().where('i.buyerId = :buyerId', { buyerId: bindKey(userId) }), query)
  }

  async getMine(userId: number, id: number): Promise<InquiryView> {
    return this.view(await this.find({ buyerId: userId }, id))
  }

  /** answered → accepted. */
  accept(userId: number, id: number, now = new Date()): Promise<InquiryView> {
    return this.change({ buyerId: userId }, id, now, (inquiry) => {
      if (inquiry.status === 'submitted') throw AppError.of(InquiryErrors.INQUIRY_NOT_ANSWERED)
      if (inquiry.status !== 'answered') throw AppError.of(InquiryErrors.INQUIRY_FINISHED)
      return { status: 'accepted' }
    })
  }

  closeMine(userId: number, id: number, now = new Date()): Promise<InquiryView> {
    return this.close({ buyerId: userId }, id, 'buyer', now)
  }

  // ——— the supplier ———

  /** Inquiries to my supplier, newest first; none for a supplier account linked to no supplier. */
  supplierList(user: User, query: InquiryListQuery): Promise<InquiryPage> {
    if (user.supplierId === null) return Promise.resolve({ items: [], nextCursor: null })
    return this.page(
      this.inquiries().where('i.supplierId = :supplierId', { supplierId: bindKey(user.supplierId) }),
      query,
    )
  }

  async supplierGet(user: User, id: number): Promise<InquiryView> {
    return this.view(await this.find({ supplierId: user.supplierId }, id))
  }

  /** submitted → answered: price, lead time, note; the buyer is told in-app and, when granted, on WeChat. */
  async answer(user: User, id: number, input: InquiryAnswerInput, now = new Date()): Promise<InquiryView> {
    const found = await this.find({ supplierId: user.supplierId }, id)
    assertCanAnswer(found)
    const note = input.note?.trim() ?? ''
    await this.checkText(user, note, 'body.note')
    await this.transactions.run(async (em) => {
      await lockUser(em, user.id)
      await lockSupplier(em, found.supplierId)
      const [inquiry] = await lockInquiries<Inquiry>(em, [id])
      if (!inquiry || inquiry.supplierId !== user.supplierId) throw AppError.of(InquiryErrors.INQUIRY_NOT_FOUND)
      assertCanAnswer(inquiry)
      await em.update(
        Inquiry,
        { id },
        {
          status: 'answered',
          answerPrice: toFen(input.price),
          answerLeadTimeDays: input.leadTimeDays,
          answerNote: note,
          answeredBy: user.id,
          answeredAt: now,
          answerMinutes: Math.max(0, Math.floor((now.getTime() - inquiry.createdAt.getTime()) / 60_000)),
          updatedAt: now,
        },
      )
      await refreshFigures(em, inquiry.supplierId)
      await this.notices.inquiryAnswered(em, { id, buyerId: inquiry.buyerId, answeredBy: user.id }, now)
      await this.outbox.enqueueInquiryAnswer(em, { id, buyerId: inquiry.buyerId })
    })
    return this.view(await this.db.getRepository(Inquiry).findOneByOrFail({ id }))
  }

  supplierClose(user: User, id: number, now = new Date()): Promise<InquiryView> {
    return this.close({ supplierId: user.supplierId }, id, 'supplier', now)
  }

  // ——— account deletion ———

  /**
   * Inside account deletion's transaction (user → … → conversations already held): the account's open inquiries are
   * closed and every one of its inquiries loses the contact. The suppliers' figures do not change (an inquiry
   * received stays received), so their rows are not locked.
   */
  async forgetUser(em: EntityManager, userId: number, now = new Date()): Promise<void> {
    const ids = (await em.find(Inquiry, { select: { id: true }, where: { buyerId: userId } })).map((i) => i.id)
    if (!ids.length) return
    await lockInquiries(em, ids)
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500)
      await em.update(
        Inquiry,
        { id: In(chunk), status: In([...OPEN]) },
        { status: 'closed', closedBy: 'system', updatedAt: now },
      )
      await em.update(Inquiry, { id: In(chunk) }, { contact: null })
    }
  }

  // ——— helpers ———

  private inquiries(): SelectQueryBuilder<Inquiry> {
    return this.db.getRepository(Inquiry).createQueryBuilder('i')
  }

  private async page(qb: SelectQueryBuilder<Inquiry>, query: InquiryListQuery): Promise<InquiryPage> {
    if (query.status) qb.andWhere('i.status = :status', { status: query.status })
    const { items, nextCursor } = await keysetPage(qb, {
      order: query.status ? `inquiries-${query.status}` : 'inquiries',
      key: { column: 'i.id', kind: 'integer', of: (i) => i.id },
      id: { column: 'i.id', of: (i) => i.id },
      limit: query.limit,
      cursor: query.cursor,
    })
    return { items: await this.views(items), nextCursor }
  }

  /** The inquiry if the caller is one of its parties; INQUIRY_NOT_FOUND otherwise (no hint that it exists). */
  private async find(side: Side, id: number, em: EntityManager = this.db.manager): Promise<Inquiry> {
    const inquiry = await em.findOneBy(Inquiry, { id })
    if (!inquiry || !holds(side, inquiry)) throw AppError.of(InquiryErrors.INQUIRY_NOT_FOUND)
    return inquiry
  }

  private close(side: Side, id: number, by: InquiryCloser, now: Date): Promise<InquiryView> {
    return this.change(side, id, now, (inquiry) => {
      if (!OPEN.includes(inquiry.status)) throw AppError.of(InquiryErrors.INQUIRY_FINISHED)
      return { status: 'closed', closedBy: by }
    })
  }

  /**
   * A status change that moves no figure (accept, close): under the acting user's row and the inquiry's lock, the
   * state is checked again and changed.
   */
  private async change(
    side: Side,
    id: number,
    now: Date,
    next: (inquiry: Inquiry) => Partial<Pick<Inquiry, 'status' | 'closedBy'>>,
  ): Promise<InquiryView> {
    const found = await this.find(side, id)
    next(found)
    const actor = 'buyerId' in side ? side.buyerId : null
    await this.transactions.run(async (em) => {
      if (actor !== null) await lockUser(em, actor)
      const [inquiry] = await lockInquiries<Inquiry>(em, [id])
      if (!inquiry || !holds(side, inquiry)) throw AppError.of(InquiryErrors.INQUIRY_NOT_FOUND)
      await em.update(Inquiry, { id }, { ...next(inquiry), updatedAt: now })
    })
    return this.view(await this.db.getRepository(Inquiry).findOneByOrFail({ id }))
  }

  private async checkText(user: User, text: string, field: string): Promise<void> {
    if (!text.trim()) return
    const check = await this.checks.check({ openid: user.openid, text, scene: 2 })
    if (check.verdict !== 'pass') {
      throw AppError.of(ModerationErrors.CONTENT_REJECTED, { params: { kind: labelName(check.label) }, field })
    }
  }

  private async view(inquiry: Inquiry): Promise<InquiryView> {
    return (await this.views([inquiry]))[0]!
  }

  private async views(inquiries: Inquiry[]): Promise<InquiryView[]> {
    if (!inquiries.length) return []
    const unique = (pick: (i: Inquiry) => number) => [...new Set(inquiries.map(pick))]
    const [products, suppliers, buyers] = await Promise.all([
      this.db.getRepository(Product).find({
        select: { id: true, model: true, name: true, brand: true },
        where: { id: In(unique((i) => i.productId)) },
      }),
      this.db.getRepository(Supplier).find({
        select: { id: true, name: true },
        where: { id: In(unique((i) => i.supplierId)) },
      }),
      this.db.getRepository(User).find({
        select: { id: true, nickname: true, deletedAt: true },
        where: { id: In(unique((i) => i.buyerId)) },
      }),
    ])
    const productOf = new Map(products.map((p) => [p.id, p]))
    const supplierOf = new Map(suppliers.map((s) => [s.id, s]))
    const buyerOf = new Map(buyers.map((u) => [u.id, u]))
    return inquiries.map((i) => {
      const product = productOf.get(i.productId)
      const buyer = buyerOf.get(i.buyerId)
      const gone = !buyer || buyer.deletedAt !== null
      return {
        id: i.id,
        status: i.status,
        product: {
          id: i.productId,
          model: product?.model ?? '',
          name: product?.name ?? '产品已下架',
          brand: product?.brand ?? '',
        },
        supplier: { id: i.supplierId, name: supplierOf.get(i.supplierId)?.name ?? '' },
        buyer: { name: gone ? DELETED_USER_NAME : displayName(buyer), deleted: gone },
        quantity: i.quantity,
        targetPrice: i.targetPrice === null ? null : i.targetPrice / 100,
        deadline: i.deadline,
        note: i.note,
        contact: i.contact,
        answer:
          i.answeredAt && i.answerPrice !== null
            ? {
                price: i.answerPrice / 100,
                leadTimeDays: i.answerLeadTimeDays ?? 0,
                note: i.answerNote ?? '',
                answeredAt: i.answeredAt.toISOString(),
              }
            : null,
        closedBy: i.closedBy,
        createdAt: i.createdAt.toISOString(),
        updatedAt: i.updatedAt.toISOString(),
      }
    })
  }
}

function holds(side: Side, inquiry: Pick<Inquiry, 'buyerId' | 'supplierId'>): boolean {
  if ('buyerId' in side) return inquiry.buyerId === side.buyerId
  return side.supplierId !== null && inquiry.supplierId === side.supplierId
}

function assertCanAnswer(inquiry: Pick<Inquiry, 'status'>): void {
  if (inquiry.status === 'answered') throw AppError.of(InquiryErrors.INQUIRY_ALREADY_ANSWERED)
  if (inquiry.status !== 'submitted') throw AppError.of(InquiryErrors.INQUIRY_FINISHED)
}

/**
 * Sets a supplier's response figures from its inquiries, inside a transaction that holds the supplier's row (every
 * writer of its inquiries' answers takes it first, so the reads below see them all): inquiries received and answered
 * as subqueries of one UPDATE (latest rows, as `recount`), then the median answer minutes — the middle value of the
 * answered ones (the mean of the two middle values for an even count), read with LIMIT/OFFSET on the
 * (supplierId, answerMinutes) index: two short reads per answer, however many inquiries.
 */
async function refreshFigures(em: EntityManager, supplierId: number): Promise<void> {
  const q = (name: string) => em.connection.driver.escape(name)
  const ofSupplier = `r.${q('supplierId')} = ${q('supplier')}.${q('id')}`
  await runSql(
    em,
    `UPDATE ${q('supplier')} SET
       ${q('inquiryCount')} = (SELECT COUNT(*) FROM ${q('inquiry')} r WHERE ${ofSupplier}),
       ${q('answeredCount')} = (SELECT COUNT(*) FROM ${q('inquiry')} r WHERE ${ofSupplier}
                                AND r.${q('answerMinutes')} IS NOT NULL)
     WHERE ${q('id')} = :supplierId`,
    { supplierId: bindKey(supplierId) },
  )
  const answered = em
    .createQueryBuilder(Inquiry, 'i')
    .where('i.supplierId = :supplierId AND i.answerMinutes IS NOT NULL', { supplierId: bindKey(supplierId) })
  const n = await answered.clone().getCount()
  let median: number | null = null
  if (n > 0) {
    const middle = await answered
      .clone()
      .select('i.answerMinutes', 'minutes')
      .orderBy('i.answerMinutes', 'ASC')
      .offset(Math.floor((n - 1) / 2))
      .limit(n % 2 === 0 ? 2 : 1)
      .getRawMany<{ minutes: unknown }>()
    median = Math.round(middle.reduce((sum, r) => sum + toInt(r.minutes), 0) / middle.length)
  }
  await em.update(Supplier, { id: supplierId }, { medianAnswerMinutes: median })
}
