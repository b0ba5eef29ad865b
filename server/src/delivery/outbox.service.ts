import { Inject, Injectable, type OnModuleInit } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import { SubscriptionErrors, type DeliveryParams, type DeliveryStats } from '@chuangan/shared'
import { DataSource, type EntityManager } from 'typeorm'
import { AppError } from '../common/app-error'
import { toInt } from '../common/db'
import { Article } from '../content/article.entity'
import { PeriodicalIssue } from '../content/periodical.entity'
import { PublishEvents } from '../content/publish-events'
import { insertIgnoring, quoter, runSql, typed } from '../database/raw-sql'
import { articleAudience, periodicalAudience, type Audience } from '../follows/audience'
import { Delivery, type DeliverySubject, type DeliveryState } from './delivery.entity'
import type { TemplateConfig } from './subscribe-templates'
import { SUBSCRIBE_TEMPLATES } from './subscribe-templates.provider'

/** Called after an enqueue commits, so a worker in this process starts at once instead of at its next poll. */
export type WakeListener = () => void

/**
 * The outbox: publishing an article (or creating a periodical issue) writes one delivery per follower (subscriber)
 * in the publishing transaction, with one INSERT … SELECT whatever the follower count. A reader who follows both
 * the author and the column gets one; publishing the same article again adds nobody twice (the unique key, and an
 * insert that ignores rows already there).
 */
@Injectable()
export class OutboxService implements OnModuleInit {
  private readonly wakeListeners = new Set<WakeListener>()

  constructor(
    @Inject(SUBSCRIBE_TEMPLATES) private readonly templates: TemplateConfig[],
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: PublishEvents,
  ) {}

  onModuleInit(): void {
    this.events.onArticlePublished(async (em, article) => void (await this.enqueueArticle(em, article)))
    this.events.onIssuePublished(async (em, issue) => void (await this.enqueueIssue(em, issue)))
  }

  onWake(listener: WakeListener): () => void {
    this.wakeListeners.add(listener)
    return () => this.wakeListeners.delete(listener)
  }

  /** Followers of the article's author or column, each once. Returns how many deliveries were added. */
  async enqueueArticle(em: EntityManager, article: Pick<Article, 'id' | 'authorId' | 'columnId'>): Promise<number> {
    if (!this.templates.some((t) => t.topic === 'article')) return 0
    return this.fanOut(em, 'article', article.id, articleAudience(em, article))
  }

  /** Subscribers of the issue's periodical. */
  async enqueueIssue(em: EntityManager, issue: Pick<PeriodicalIssue, 'id' | 'periodicalId'>): Promise<number> {
    if (!this.templates.some((t) => t.topic === 'issue')) return 0
    return this.fanOut(em, 'issue', issue.id, periodicalAudience(em, issue.periodicalId))
  }

  /**
   * A supplier answered an inquiry (询价): one delivery to its buyer, only when the buyer granted the inquiry
   * template (a send credit left), in the answering transaction. Returns how many were added (0 or 1).
   */
  async enqueueInquiryAnswer(em: EntityManager, inquiry: { id: number; buyerId: number }): Promise<number> {
    const template = this.templates.find((t) => t.topic === 'inquiry')
    if (!template) return 0
    const q = quoter(em)
    const select =
      `SELECT ${typed(em, ':subject', 'varchar')}, ${typed(em, ':subjectId', 'integer')}, g.${q('userId')}, ` +
      `'queued', 0, ${typed(em, ':now', 'timestamp')}, ${typed(em, ':now', 'timestamp')} ` +
      `FROM ${q('subscribe_grant')} g WHERE g.${q('userId')} = :userId AND g.${q('templateId')} = :templateId ` +
      `AND g.${q('credits')} > 0`
    const columns = ['subject', 'subjectId', 'userId', 'state', 'attempts', 'dueAt', 'createdAt']
    const added = await runSql(em, insertIgnoring(em, 'delivery', columns, select), {
      subject: 'inquiry',
      subjectId: inquiry.id,
      userId: inquiry.buyerId,
      templateId: template.id,
      now: new Date(),
    })
    if (added) setTimeout(() => this.wakeListeners.forEach((wake) => wake()), 50).unref()
    return added
  }

  private async fanOut(em: EntityManager, subject: DeliverySubject, subjectId: number, audience: Audience) {
    const q = quoter(em)
    const select =
      `SELECT DISTINCT ${typed(em, ':subject', 'varchar')}, ${typed(em, ':subjectId', 'integer')}, f.${q('userId')}, ` +
      `'queued', 0, ${typed(em, ':now', 'timestamp')}, ${typed(em, ':now', 'timestamp')} ` +
      `FROM ${q('follow')} f WHERE ${audience.where}`
    const columns = ['subject', 'subjectId', 'userId', 'state', 'attempts', 'dueAt', 'createdAt']
    const added = await runSql(em, insertIgnoring(em, 'delivery', columns, select), {
      ...audience.params,
      subject,
      subjectId,
      now: new Date(),
    })
    setTimeout(() => this.wakeListeners.forEach((wake) => wake()), 50).unref()
    return added
  }

  /** How an article's or issue's deliveries stand (editors). */
  async stats({ kind, id }: DeliveryParams): Promise<DeliveryStats> {
    const exists =
      kind === 'article'
        ? await this.db.manager.existsBy(Article, { id })
        : await this.db.manager.existsBy(PeriodicalIssue, { id })
    if (!exists) throw AppError.of(SubscriptionErrors.DELIVERY_SUBJECT_NOT_FOUND)
    const rows = await this.db.manager
      .createQueryBuilder(Delivery, 'd')
      .select('d.state', 'state')
      .addSelect('COUNT(*)', 'n')
      .where('d.subject = :kind AND d.subjectId = :id', { kind, id })
      .groupBy('d.state')
      .getRawMany<{ state: DeliveryState; n: unknown }>()
    const count = (state: DeliveryState) => toInt(rows.find((r) => r.state === state)?.n)
    return {
      kind,
      id,
      total: rows.reduce((sum, r) => sum + toInt(r.n), 0),
      queued: count('queued') + count('claimed'),
      sending: count('sending'),
      sent: count('sent'),
      noCredit: count('no_credit'),
      dropped: count('dropped'),
      failed: count('failed'),
      unknown: count('unknown'),
    }
  }
}
