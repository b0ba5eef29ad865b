import { randomBytes } from 'node:crypto'
import os from 'node:os'
import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common'
import { HttpAdapterHost } from '@nestjs/core'
import { InjectDataSource } from '@nestjs/typeorm'
import { SHARE_PAGES } from '@chuangan/shared'
import { DataSource, In, IsNull, LessThan, type EntityManager } from 'typeorm'
import { Product, Supplier } from '../catalog/catalog.entity'
import { APP_CONFIG, type AppConfig } from '../config/config'
import { Article } from '../content/article.entity'
import { Author } from '../content/author.entity'
import { ContentColumn } from '../content/column.entity'
import { Periodical, PeriodicalIssue } from '../content/periodical.entity'
import { Transactions } from '../database/transactions'
import { User } from '../users/user.entity'
import { WechatClient } from '../wechat/wechat.client'
import { WechatErrcode, WechatError } from '../wechat/wechat.errors'
import { Delivery, type DeliveryState } from './delivery.entity'
import { OutboxService } from './outbox.service'
import { SubscribeGrant } from './subscribe-grant.entity'
import { formatField, type TemplateConfig } from './subscribe-templates'
import { SUBSCRIBE_TEMPLATES } from './subscribe-templates.provider'

export interface WorkerOptions {
  /** Rows claimed at once. */
  batch: number
  /** Rows handed to WeChat together (each reader at most once in a chunk). */
  chunk: number
  /** Chunks in flight at once. */
  parallel: number
  /** How long a claim holds; a claim past it belongs to a stopped worker and is recovered. */
  leaseMs: number
  /** Tries before a transiently failing row is given up as failed. */
  maxAttempts: number
  /** Poll interval while the queue is empty. */
  idleMs: number
}

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = {
  batch: 1000,
  chunk: 50,
  parallel: 4,
  leaseMs: 60_000,
  maxAttempts: 5,
  idleMs: 500,
}

/** Errors no retry can fix: the row is recorded as failed. */
const PERMANENT = new Set<number>([
  WechatErrcode.INVALID_OPENID,
  WechatErrcode.INVALID_TEMPLATE_ID,
  WechatErrcode.INVALID_ARGS,
  WechatErrcode.INVALID_PAGE,
  WechatErrcode.DATA_FORMAT_ERROR,
  47003,
])

type Outcome =
  | { row: Delivery; result: 'sent' }
  | { row: Delivery; result: 'dropped' | 'failed' | 'unknown'; error: string }
  | { row: Delivery; result: 'retry'; error: string }

interface Message {
  page: string
  data: Record<string, string>
}

/**
 * Works the outbox: claims due rows, spends one credit per row, sends each as a WeChat subscribe message, and
 * records what happened. Never twice: a row is marked `sending` (and its credit taken) in a committed transaction
 * before WeChat sees it; a worker that stops leaves its `sending` rows to be recovered as `unknown` — WeChat has no
 * way to ask whether a message arrived, so they are not sent again — and its merely `claimed` rows back in the queue.
 * Claims are conditional updates (and `FOR UPDATE SKIP LOCKED` on PostgreSQL and MariaDB), so any number of
 * processes can work one queue.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name)
  private readonly name = `${os.hostname()}:${process.pid}`
  private options: WorkerOptions = { ...DEFAULT_WORKER_OPTIONS }
  private running = false
  private loop: Promise<void> | null = null
  private wake: (() => void) | null = null

  constructor(
    @Inject(SUBSCRIBE_TEMPLATES) private readonly templates: TemplateConfig[],
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
    private readonly wechat: WechatClient,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly adapterHost?: HttpAdapterHost,
  ) {}

  /** Server processes work the queue unless DELIVERY_WORKER=0; CLI commands and tests start it themselves. */
  onApplicationBootstrap(): void {
    if (this.config.NODE_ENV === 'test' || !this.config.DELIVERY_WORKER || !this.adapterHost?.httpAdapter) return
    if (!this.templates.length) return
    this.start()
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop()
  }

  configure(options: Partial<WorkerOptions>): void {
    this.options = { ...this.options, ...options }
  }

  start(): void {
    if (this.running) return
    this.running = true
    const unsubscribe = this.outbox.onWake(() => this.wake?.())
    this.loop = (async () => {
      while (this.running) {
        let done = 0
        try {
          done = await this.runOnce()
        } catch (error) {
          this.logger.error({ err: error }, 'delivery pass failed')
        }
        if (!done && this.running) await this.idle()
      }
      unsubscribe()
    })()
  }

  /** Finishes the chunks in flight, then stops. */
  async stop(): Promise<void> {
    this.running = false
    this.wake?.()
    await this.loop
    this.loop = null
  }

  /** Works until nothing is due; returns the rows finished (tests, `cli.js deliver --drain`). */
  async drain(now: () => Date = () => new Date()): Promise<number> {
    let total = 0
    for (;;) {
      const done = await this.runOnce(now())
      if (!done) return total
      total += done
    }
  }

  /** One pass: recover stopped workers' claims, claim a batch, send it. Returns the rows finished or recovered. */
  async runOnce(now = new Date()): Promise<number> {
    const recovered = await this.recover(now)
    const claim = `${this.name}:${randomBytes(6).toString('hex')}`
    const rows = await this.claim(claim, now)
    if (!rows.length) return recovered
    const chunks = this.chunks(rows)
    // What every chunk needs, read once for the batch: the messages and the readers' openids.
    const messages = await this.messages(rows)
    const openids = await this.openids(rows.map((r) => r.userId))
    let next = 0
    const lane = async () => {
      while (next < chunks.length) await this.send(claim, chunks[next++]!, messages, openids)
    }
    await Promise.all(Array.from({ length: Math.min(this.options.parallel, chunks.length) }, lane))
    return recovered + rows.length
  }

  private idle(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.options.idleMs)
      function done() {
        clearTimeout(timer)
        resolve()
      }
      this.wake = done
    }).then(() => {
      this.wake = null
    })
  }

  /** Claims past their lease: `claimed` rows go back to the queue, `sending` rows become `unknown`. */
  private async recover(now: Date): Promise<number> {
    const expired = { claimedUntil: LessThan(now) }
    // Through Transactions, like the claims: with two workers on MariaDB these updates can be picked as a deadlock
    // victim against another worker's claim, and are then run again instead of stopping the worker.
    const [back, lost] = await this.transactions.run(async (em) => [
      await em.update(Delivery, { state: 'claimed', ...expired }, { state: 'queued', claim: null, claimedUntil: null }),
      await em.update(
        Delivery,
        { state: 'sending', ...expired },
        { state: 'unknown', claim: null, claimedUntil: null, lastError: 'worker stopped while sending' },
      ),
    ])
    const n = (back.affected ?? 0) + (lost.affected ?? 0)
    if (n) this.logger.warn(`recovered ${back.affected ?? 0} claimed and ${lost.affected ?? 0} in-flight deliveries`)
    return n
  }

  private async claim(claim: string, now: Date): Promise<Delivery[]> {
    const until = new Date(now.getTime() + this.options.leaseMs)
    const type = this.db.options.type
    await this.transactions.run(async (em) => {
      const qb = em
        .createQueryBuilder(Delivery, 'd')
        .select('d.id', 'id')
        .where('d.state = :queued AND d.dueAt <= :now', { queued: 'queued', now })
        .orderBy('d.id', 'ASC')
        .limit(this.options.batch)
      if (type !== 'better-sqlite3') qb.setLock('pessimistic_write').setOnLocked('skip_locked')
      const ids = (await qb.getRawMany<{ id: number }>()).map((r) => Number(r.id))
      for (let i = 0; i < ids.length; i += 500) {
        await em.update(
          Delivery,
          { id: In(ids.slice(i, i + 500)), state: 'queued' },
          { state: 'claimed', claim, claimedUntil: until },
        )
      }
    })
    return this.db.manager.find(Delivery, { where: { claim, state: 'claimed' }, order: { id: 'ASC' } })
  }

  /** Splits a batch so that no reader appears twice in a chunk for one template (credits are taken per chunk). */
  private chunks(rows: Delivery[]): Delivery[][] {
    const chunks: Array<{ rows: Delivery[]; users: Set<string> }> = []
    for (const row of rows) {
      const key = `${row.subject}:${row.userId}`
      let target = chunks.find((c) => c.rows.length < this.options.chunk && !c.users.has(key))
      if (!target) chunks.push((target = { rows: [], users: new Set() }))
      target.rows.push(row)
      target.users.add(key)
    }
    return chunks.map((c) => c.rows)
  }

  /** One chunk: take credits and mark `sending` (committed), send, record the outcomes. */
  private async send(
    claim: string,
    rows: Delivery[],
    messages: Map<string, Message>,
    openids: Map<number, string>,
  ): Promise<void> {
    const ready: Delivery[] = []
    const now = new Date()
    await this.transactions.run(async (em) => {
      const finals: Array<[Delivery, DeliveryState, string | null]> = []
      const candidates: Delivery[] = []
      for (const row of rows) {
        if (!this.templateOf(row)) finals.push([row, 'failed', 'no template configured'])
        else if (!messages.has(messageKey(row))) finals.push([row, 'failed', 'article or issue withdrawn'])
        else if (!openids.has(row.userId)) finals.push([row, 'failed', 'reader has no WeChat identity'])
        else candidates.push(row)
      }
      for (const [templateId, group] of groupBy(candidates, (r) => this.templateOf(r)!.id)) {
        const withCredit = await this.takeCredits(
          em,
          templateId,
          group.map((r) => r.userId),
        )
        for (const row of group) {
          if (withCredit.has(row.userId)) ready.push(row)
          else finals.push([row, 'no_credit', null])
        }
      }
      await this.mark(em, claim, ready, { state: 'sending' }, true)
      for (const [state, group] of groupBy(finals, ([, s]) => s)) {
        await this.mark(
          em,
          claim,
          group.map(([r]) => r),
          { state, claim: null, claimedUntil: null, lastError: group[0]![2] },
        )
      }
    })

    const outcomes = await Promise.all(ready.map((row) => this.deliver(row, openids.get(row.userId)!, messages)))
    await this.settle(claim, outcomes, now)
  }

  private async deliver(row: Delivery, openid: string, messages: Map<string, Message>): Promise<Outcome> {
    const message = messages.get(messageKey(row))!
    try {
      await this.wechat.sendSubscribeMessage({
        touser: openid,
        templateId: this.templateOf(row)!.id,
        page: message.page,
        data: message.data,
      })
      return { row, result: 'sent' }
    } catch (error) {
      if (!(error instanceof WechatError)) return { row, result: 'failed', error: String(error).slice(0, 200) }
      const text = `${error.errcode} ${error.errmsg}`.slice(0, 200)
      if (error.errcode === WechatErrcode.NO_SUBSCRIBE_QUOTA) return { row, result: 'dropped', error: text }
      if (error.uncertain) return { row, result: 'unknown', error: text }
      if (PERMANENT.has(error.errcode)) return { row, result: 'failed', error: text }
      return row.attempts + 1 >= this.options.maxAttempts
        ? { row, result: 'failed', error: `gave up after ${row.attempts + 1} tries: ${text}` }
        : { row, result: 'retry', error: text }
    }
  }

  private async settle(claim: string, outcomes: Outcome[], startedAt: Date): Promise<void> {
    if (!outcomes.length) return
    const now = new Date()
    await this.transactions.run(async (em) => {
      const by = groupBy(outcomes, (o) => o.result)
      await this.mark(
        em,
        claim,
        (by.get('sent') ?? []).map((o) => o.row),
        { state: 'sent', sentAt: now, claim: null, claimedUntil: null },
      )
      for (const result of ['dropped', 'failed', 'unknown'] as const) {
        for (const [error, group] of groupBy(by.get(result) ?? [], (o) => ('error' in o ? o.error : ''))) {
          await this.mark(
            em,
            claim,
            group.map((o) => o.row),
            { state: result, claim: null, claimedUntil: null, lastError: error },
          )
        }
      }
      for (const [attempts, group] of groupBy(by.get('retry') ?? [], (o) => o.row.attempts)) {
        // 2 s, 8 s, 32 s, … after the try that failed.
        const dueAt = new Date(startedAt.getTime() + 2000 * 4 ** attempts)
        const error = 'error' in group[0]! ? group[0].error : null
        await this.mark(
          em,
          claim,
          group.map((o) => o.row),
          { state: 'queued', dueAt, claim: null, claimedUntil: null, lastError: error },
        )
      }
      // Credits: a send WeChat refused for lack of quota leaves none; a send that surely did not happen is given back.
      for (const [templateId, group] of groupBy(by.get('dropped') ?? [], (o) => this.templateOf(o.row)!.id)) {
        await em.update(SubscribeGrant, { templateId, userId: In(group.map((o) => o.row.userId)) }, { credits: 0 })
      }
      const refund = [...(by.get('retry') ?? []), ...(by.get('failed') ?? [])]
      for (const [templateId, group] of groupBy(refund, (o) => this.templateOf(o.row)!.id)) {
        await em
          .createQueryBuilder()
          .update(SubscribeGrant)
          .set({ credits: () => 'credits + 1' })
          .where({ templateId, userId: In(group.map((o) => o.row.userId)) })
          .execute()
      }
    })
  }

  /** Locks the grants of these readers (ascending) and takes one credit from each that has one. */
  private async takeCredits(em: EntityManager, templateId: string, userIds: number[]): Promise<Set<number>> {
    const qb = em
      .createQueryBuilder(SubscribeGrant, 'g')
      .select('g.userId', 'userId')
      .where({ templateId, userId: In(userIds) })
      .andWhere('g.credits > 0')
      .orderBy('g.userId', 'ASC')
    if (this.db.options.type !== 'better-sqlite3') qb.setLock('pessimistic_write')
    const have = (await qb.getRawMany<{ userId: number }>()).map((r) => Number(r.userId))
    if (have.length) {
      await em
        .createQueryBuilder()
        .update(SubscribeGrant)
        .set({ credits: () => 'credits - 1' })
        .where({ templateId, userId: In(have) })
        .execute()
    }
    return new Set(have)
  }

  /** Updates rows this claim still holds (a recovered row is left as recovery left it). */
  private async mark(
    em: EntityManager,
    claim: string,
    rows: Delivery[],
    set: Partial<Delivery>,
    countAttempt = false,
  ): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      const ids = rows.slice(i, i + 500).map((r) => r.id)
      await em
        .createQueryBuilder()
        .update(Delivery)
        .set(countAttempt ? { ...set, attempts: () => 'attempts + 1' } : set)
        .where({ id: In(ids), claim })
        .execute()
    }
  }

  private templateOf(row: Delivery): TemplateConfig | undefined {
    return this.templates.find((t) => t.topic === row.subject)
  }

  private async openids(userIds: number[]): Promise<Map<number, string>> {
    const ids = [...new Set(userIds)]
    const out = new Map<number, string>()
    for (let i = 0; i < ids.length; i += 500) {
      const users = await this.db.manager.find(User, {
        select: { id: true, openid: true },
        where: { id: In(ids.slice(i, i + 500)), deletedAt: IsNull() },
      })
      for (const u of users) if (u.openid) out.set(u.id, u.openid)
    }
    return out
  }

  /** The message of each article, issue or inquiry answer in these rows, formatted for its template. */
  private async messages(rows: Delivery[]): Promise<Map<string, Message>> {
    const out = new Map<string, Message>()
    const articleIds = [...new Set(rows.filter((r) => r.subject === 'article').map((r) => r.subjectId))]
    const issueIds = [...new Set(rows.filter((r) => r.subject === 'issue').map((r) => r.subjectId))]
    const m = this.db.manager
    const article = this.templates.find((t) => t.topic === 'article')
    if (articleIds.length && article) {
      const articles = await m.find(Article, {
        select: { id: true, title: true, summary: true, authorId: true, columnId: true, publishedAt: true },
        where: { id: In(articleIds), status: 'published' },
      })
      const authors = await m.find(Author, { where: { id: In(articles.map((a) => a.authorId)) } })
      const columnIds = articles.map((a) => a.columnId).filter((id): id is number => id != null)
      const columns = columnIds.length ? await m.find(ContentColumn, { where: { id: In(columnIds) } }) : []
      for (const a of articles) {
        const values: Record<string, string | Date> = {
          title: a.title,
          summary: a.summary,
          author: authors.find((x) => x.id === a.authorId)?.name ?? '传感说',
          column: columns.find((x) => x.id === a.columnId)?.name ?? '传感说',
          publishedAt: a.publishedAt ?? new Date(),
        }
        out.set(`article:${a.id}`, {
          page: `${SHARE_PAGES.article}?id=${a.id}`,
          data: fill(article.fields, values),
        })
      }
    }
    const issue = this.templates.find((t) => t.topic === 'issue')
    if (issueIds.length && issue) {
      const issues = await m.find(PeriodicalIssue, { where: { id: In(issueIds) } })
      const periodicals = await m.find(Periodical, { where: { id: In(issues.map((i) => i.periodicalId)) } })
      for (const i of issues) {
        const values: Record<string, string | Date> = {
          periodical: periodicals.find((p) => p.id === i.periodicalId)?.name ?? '期刊',
          title: i.title,
          number: String(i.number),
          publishedAt: i.publishedAt,
        }
        out.set(`issue:${i.id}`, {
          page: `${SHARE_PAGES.periodical}?id=${i.periodicalId}`,
          data: fill(issue.fields, values),
        })
      }
    }
    const inquiryIds = [...new Set(rows.filter((r) => r.subject === 'inquiry').map((r) => r.subjectId))]
    const inquiry = this.templates.find((t) => t.topic === 'inquiry')
    if (inquiryIds.length && inquiry) {
      // Inquiries live on a higher floor (inquiries/): read by table name. Only an answer still standing is sent.
      const answers = (await m.find('inquiry', {
        where: { id: In(inquiryIds), status: In(['answered', 'accepted']) },
      })) as unknown as Array<{
        id: number
        productId: number
        supplierId: number
        answerPrice: number
        answerLeadTimeDays: number
        answeredAt: Date
      }>
      const products = answers.length
        ? await m.find(Product, {
            select: { id: true, model: true },
            where: { id: In(answers.map((a) => a.productId)) },
          })
        : []
      const suppliers = answers.length
        ? await m.find(Supplier, {
            select: { id: true, name: true },
            where: { id: In(answers.map((a) => a.supplierId)) },
          })
        : []
      for (const a of answers) {
        const values: Record<string, string | Date> = {
          model: products.find((p) => p.id === a.productId)?.model ?? '产品',
          supplier: suppliers.find((x) => x.id === a.supplierId)?.name ?? '供应商',
          price: `${(a.answerPrice / 100).toFixed(2)}元`,
          leadTime: `交期${a.answerLeadTimeDays}天`,
          answeredAt: a.answeredAt,
        }
        out.set(`inquiry:${a.id}`, {
          page: `packages/me/inquiry/index?id=${a.id}`,
          data: fill(inquiry.fields, values),
        })
      }
    }
    return out
  }
}

const messageKey = (row: Delivery) => `${row.subject}:${row.subjectId}`

function fill(fields: Record<string, string>, values: Record<string, string | Date>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, source]) => [key, formatField(key, values[source] ?? '')]),
  )
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = map.get(k)
    if (list) list.push(item)
    else map.set(k, [item])
  }
  return map
}
