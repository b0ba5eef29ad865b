import { Injectable } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import {
  DEMAND_LIMITS,
  DemandErrors,
  DemandFilters,
  ModerationErrors,
  type BuyerDemand,
  type BuyerDemandPage,
  type DemandAnswer,
  type DemandAnswerInput,
  type DemandInput,
  type DemandListQuery,
  type DemandProducts,
  type DemandProductsQuery,
  type DemandStatus,
  type DemandSummary,
  type SearchQuery,
  type SupplierDemand,
  type SupplierDemandPage,
} from '@chuangan/shared'
import { DataSource, In, IsNull, type EntityManager } from 'typeorm'
import { Supplier } from '../catalog/catalog.entity'
import { AppError } from '../common/app-error'
import { bindKey } from '../common/db'
import { keysetPage } from '../common/keyset'
import { lockUser } from '../database/locks'
import { Transactions } from '../database/transactions'
import { ContentCheckService, labelName } from '../moderation/content-check.service'
import { NoticesService } from '../notices/notices.service'
import { loadCategories } from '../search/catalog-source'
import { SearchService } from '../search/search.service'
import type { User } from '../users/user.entity'
import { Demand, DemandSupplier } from './demand.entity'

/** demand_supplier rows written per INSERT. */
const INSERT_CHUNK = 500
const DAY_MS = 86_400_000

/**
 * 求购 (docs/demands.md). Posting checks the constraints with search's own checks (`SearchService.check`), asks
 * the engine which suppliers have at least one matching product, and in one transaction writes the demand, one
 * `demand_supplier` row per supplier and their supplier accounts' notices. Who sees what: the buyer its own
 * demands (contact, matched count, every answer); a supplier account the demands sent to its supplier (contact,
 * its own answer, never another supplier's); anyone else 404. The status is computed from `closedAt` and the
 * deadline: nothing sweeps, and an answer after the deadline is refused.
 */
@Injectable()
export class DemandsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
    private readonly search: SearchService,
    private readonly notices: NoticesService,
    private readonly checks: ContentCheckService,
  ) {}

  async post(user: User, input: DemandInput, now = new Date()): Promise<BuyerDemand> {
    const body = input as Required<DemandInput>
    const deadline = new Date(body.deadline)
    if (!(deadline.getTime() > now.getTime() && deadline.getTime() <= now.getTime() + DEMAND_LIMITS.maxDays * DAY_MS)) {
      throw AppError.of(DemandErrors.DEMAND_DEADLINE_INVALID, { field: 'body.deadline' })
    }
    const filters = DemandFilters.parse(body)
    const query = searchQuery(filters)
    await this.search.check(query)
    await this.checkText(user, `${body.note}\n${body.contact}`, 'body.note')
    const suppliers = await this.search.matchingSuppliers(query)
    const id = await this.transactions.run(async (em) => {
      await lockUser(em, user.id)
      const demand = await em.save(
        em.create(Demand, {
          userId: user.id,
          categoryId: filters.category,
          filters: JSON.stringify(filters),
          quantity: body.quantity,
          deadline,
          note: body.note,
          contact: body.contact,
          matchedCount: suppliers.length,
          createdAt: now,
          closedAt: null,
        }),
      )
      for (let i = 0; i < suppliers.length; i += INSERT_CHUNK) {
        await em.insert(
          DemandSupplier,
          suppliers
            .slice(i, i + INSERT_CHUNK)
            .map((supplierId) => ({ demandId: demand.id, supplierId, createdAt: now })),
        )
      }
      await this.notices.demandSent(em, demand.id, now)
      return demand.id
    })
    return this.mine(user.id, id, now)
  }

  async list(userId: number, query: DemandListQuery, now = new Date()): Promise<BuyerDemandPage> {
    const qb = this.db
      .getRepository(Demand)
      .createQueryBuilder('d')
      .where('d.userId = :userId', { userId: bindKey(userId) })
    const { items, nextCursor } = await keysetPage(qb, {
      order: 'demands',
      key: { column: 'd.id', kind: 'integer', of: (d) => d.id },
      id: { column: 'd.id', of: (d) => d.id },
      limit: query.limit,
      cursor: query.cursor,
    })
    return { items: await this.buyerViews(items, now), nextCursor }
  }

  async mine(userId: number, id: number, now = new Date()): Promise<BuyerDemand> {
    const demand = await this.db.getRepository(Demand).findOneBy({ id, userId })
    if (!demand) throw AppError.of(DemandErrors.DEMAND_NOT_FOUND)
    return (await this.buyerViews([demand], now))[0]
  }

  /** The products matching my demand now, ranked and paged as search does it. */
  async products(userId: number, id: number, query: DemandProductsQuery): Promise<DemandProducts> {
    const demand = await this.db.getRepository(Demand).findOneBy({ id, userId })
    if (!demand) throw AppError.of(DemandErrors.DEMAND_NOT_FOUND)
    const result = await this.search.search({
      ...searchQuery(filtersOf(demand)),
      limit: query.limit,
      cursor: query.cursor,
    })
    return { items: result.items, total: result.total, nextCursor: result.nextCursor }
  }

  /** Closes my demand (again: no change). */
  async close(userId: number, id: number, now = new Date()): Promise<BuyerDemand> {
    await this.transactions.run(async (em) => {
      const result = await em.update(Demand, { id, userId, closedAt: IsNull() }, { closedAt: now })
      if (!result.affected && !(await em.existsBy(Demand, { id, userId }))) {
        throw AppError.of(DemandErrors.DEMAND_NOT_FOUND)
      }
    })
    return this.mine(userId, id, now)
  }

  // ---- the supplier's side ----

  async inbox(user: User, query: DemandListQuery, now = new Date()): Promise<SupplierDemandPage> {
    if (user.supplierId === null) return { items: [], nextCursor: null }
    const qb = this.db
      .getRepository(DemandSupplier)
      .createQueryBuilder('ds')
      .where('ds.supplierId = :supplierId', { supplierId: bindKey(user.supplierId) })
    const { items, nextCursor } = await keysetPage(qb, {
      order: 'inbox',
      key: { column: 'ds.id', kind: 'integer', of: (r) => r.id },
      id: { column: 'ds.id', of: (r) => r.id },
      limit: query.limit,
      cursor: query.cursor,
    })
    return { items: await this.supplierViews(items, now), nextCursor }
  }

  async sent(user: User, demandId: number, now = new Date()): Promise<SupplierDemand> {
    const row = await this.sentRow(this.db.manager, user, demandId)
    return (await this.supplierViews([row], now))[0]
  }

  /** Answers a demand sent to my supplier, once, while it is open; the buyer gets a notice. */
  async answer(user: User, demandId: number, input: DemandAnswerInput, now = new Date()): Promise<SupplierDemand> {
    await this.sentRow(this.db.manager, user, demandId)
    await this.checkText(user, input.note, 'body.note')
    await this.transactions.run(async (em) => {
      await lockUser(em, user.id)
      const row = await this.sentRow(em, user, demandId)
      const demand = await em.findOneByOrFail(Demand, { id: demandId })
      if (statusOf(demand, now) !== 'open') throw AppError.of(DemandErrors.DEMAND_CLOSED)
      const result = await em.update(
        DemandSupplier,
        { id: row.id, answeredAt: IsNull() },
        {
          answeredAt: now,
          answeredBy: user.id,
          answerNote: input.note,
          price: input.price === undefined ? null : Math.round(input.price * 100),
        },
      )
      if (!result.affected) throw AppError.of(DemandErrors.DEMAND_ANSWERED)
      await this.notices.demandAnswered(em, demand.userId, row.id, now)
    })
    return this.sent(user, demandId, now)
  }

  // ---- account deletion ----

  /** The deleted buyer's demands close and lose their contact (inside deletion's transaction). */
  async forgetUser(em: EntityManager, userId: number, now = new Date()): Promise<void> {
    await em.update(Demand, { userId, closedAt: IsNull() }, { closedAt: now })
    await em.update(Demand, { userId }, { contact: null })
  }

  // ---- views ----

  private async sentRow(em: EntityManager, user: User, demandId: number): Promise<DemandSupplier> {
    const row =
      user.supplierId === null ? null : await em.findOneBy(DemandSupplier, { demandId, supplierId: user.supplierId })
    if (!row) throw AppError.of(DemandErrors.DEMAND_NOT_FOUND)
    return row
  }

  private async summaries(demands: Demand[], now: Date): Promise<Map<number, DemandSummary>> {
    const categories = await loadCategories(this.db)
    return new Map(
      demands.map((d) => {
        const c = categories.get(d.categoryId)
        return [
          d.id,
          {
            id: d.id,
            category: c ? { id: c.id, name: c.name, path: c.path } : { id: d.categoryId, name: '', path: '' },
            filters: filtersOf(d),
            quantity: d.quantity,
            deadline: d.deadline.toISOString(),
            note: d.note,
            status: statusOf(d, now),
            createdAt: d.createdAt.toISOString(),
          },
        ]
      }),
    )
  }

  private async buyerViews(demands: Demand[], now: Date): Promise<BuyerDemand[]> {
    if (!demands.length) return []
    const summaries = await this.summaries(demands, now)
    const answered = await this.db.getRepository(DemandSupplier).find({
      where: { demandId: In(demands.map((d) => d.id)) },
      order: { answeredAt: 'ASC', id: 'ASC' },
    })
    const rows = answered.filter((r) => r.answeredAt !== null)
    const suppliers = rows.length
      ? await this.db.getRepository(Supplier).findBy({ id: In([...new Set(rows.map((r) => r.supplierId))]) })
      : []
    const supplierOf = new Map(suppliers.map((s) => [s.id, s]))
    return demands.map((d) => ({
      ...summaries.get(d.id)!,
      contact: d.contact,
      matchedSuppliers: d.matchedCount,
      answers: rows
        .filter((r) => r.demandId === d.id)
        .map((r): DemandAnswer => {
          const s = supplierOf.get(r.supplierId)
          return {
            supplier: {
              id: r.supplierId,
              name: s?.name ?? '',
              region: s?.region ?? '',
              verified: Boolean(s?.verified),
            },
            ...answerOf(r)!,
          }
        }),
    }))
  }

  private async supplierViews(rows: DemandSupplier[], now: Date): Promise<SupplierDemand[]> {
    if (!rows.length) return []
    const demands = await this.db.getRepository(Demand).findBy({ id: In(rows.map((r) => r.demandId)) })
    const demandOf = new Map(demands.map((d) => [d.id, d]))
    const summaries = await this.summaries(demands, now)
    return rows.map((r) => ({
      ...summaries.get(r.demandId)!,
      contact: demandOf.get(r.demandId)!.contact,
      sentAt: r.createdAt.toISOString(),
      answer: answerOf(r),
    }))
  }

  private async checkText(user: User, text: string, field: string): Promise<void> {
    if (!text.trim()) return
    const check = await this.checks.check({ openid: user.openid, text, scene: 2 })
    // Demands reach many suppliers and answers reach a buyer at once: nothing waits for review, so a text the
    // check would hold is refused as a risky one is.
    if (check.verdict !== 'pass') {
      throw AppError.of(ModerationErrors.CONTENT_REJECTED, { params: { kind: labelName(check.label) }, field })
    }
  }
}

function statusOf(d: Demand, now: Date): DemandStatus {
  if (d.closedAt) return 'closed'
  return d.deadline.getTime() <= now.getTime() ? 'expired' : 'open'
}

function filtersOf(d: Demand): DemandFilters {
  return DemandFilters.parse(JSON.parse(d.filters))
}

function answerOf(r: DemandSupplier): Omit<DemandAnswer, 'supplier'> | null {
  if (!r.answeredAt) return null
  return { price: r.price === null ? null : r.price / 100, note: r.answerNote ?? '', at: r.answeredAt.toISOString() }
}

/** A demand's constraints as a search request (words, category, parameters, region, stock). */
function searchQuery(f: DemandFilters): SearchQuery {
  return {
    q: f.q,
    category: f.category,
    enum: f.enum,
    range: f.range,
    region: f.region,
    inStock: f.inStock,
    sort: 'relevance',
    facets: false,
    limit: 20,
  }
}
