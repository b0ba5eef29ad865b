import { Inject, Injectable, type OnModuleInit } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import { SubscriptionErrors, type DeliveryParams, type DeliveryStats } from '@chuangan/shared'
import { DataSource, type EntityManager } from 'typeorm'
import { AppError } from '../common/app-error'
import { toInt } from '../common/db'
import { Article } from '../content/article.entity'
import { PeriodicalIssue } from '../content/periodical.entity'
import { PublishEvents } from '../content/publish-events'
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
    const who: string[] = []
    const params: Record<string, unknown> = {}
    if (article.authorId != null) {
      who.push(`(f.kind = 'author' AND f.targetId = :authorId)`)
      params.authorId = article.authorId
    }
    if (article.columnId != null) {
      who.push(`(f.kind = 'column' AND f.targetId = :columnId)`)
      params.columnId = article.columnId
    }
    if (!who.length) return 0
    return this.fanOut(em, 'article', article.id, who.join(' OR '), params)
  }

  /** Subscribers of the issue's periodical. */
  async enqueueIssue(em: EntityManager, issue: Pick<PeriodicalIssue, 'id' | 'periodicalId'>): Promise<number> {
    if (!this.templates.some((t) => t.topic === 'issue')) return 0
    return this.fanOut(em, 'issue', issue.id, `f.kind = 'periodical' AND f.targetId = :periodicalId`, {
      periodicalId: issue.periodicalId,
    })
  }

  private async fanOut(
    em: EntityManager,
    subject: DeliverySubject,
    subjectId: number,
    followers: string,
    params: Record<string, unknown>,
  ): Promise<number> {
    const driver = em.connection.driver
    const type = em.connection.options.type
    const q = (name: string) => driver.escape(name)
    const now = this.persistedDate(new Date())
    const columns = ['subject', 'subjectId', 'userId', 'state', 'attempts', 'dueAt', 'createdAt'].map(q).join(', ')
    if (!Number.isSafeInteger(subjectId)) throw new Error(`bad subject id ${subjectId}`)
    // The subject and its id are written as literals (a fixed word, a checked integer): PostgreSQL cannot type a
    // bare parameter in a SELECT list.
    const at = type === 'postgres' ? 'CAST(:now AS timestamp)' : ':now'
    const select =
      `SELECT DISTINCT '${subject}', ${subjectId}, f.${q('userId')}, 'queued', 0, ${at}, ${at} ` +
      `FROM ${q('follow')} f WHERE ${followers.replace(/f\.(\w+)/g, (_, c: string) => `f.${q(c)}`)}`
    const insert =
      type === 'postgres'
        ? `INSERT INTO ${q('delivery')} (${columns}) ${select} ON CONFLICT DO NOTHING`
        : type === 'better-sqlite3'
          ? `INSERT OR IGNORE INTO ${q('delivery')} (${columns}) ${select}`
          : `INSERT IGNORE INTO ${q('delivery')} (${columns}) ${select}`
    const [sql, values] = driver.escapeQueryWithParameters(insert, { ...params, now })
    const result: unknown = await em.query(sql, values)
    setTimeout(() => this.wakeListeners.forEach((wake) => wake()), 50).unref()
    return affectedRows(result)
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

  private persistedDate(value: Date): unknown {
    const column = this.db.getMetadata(Delivery).findColumnWithPropertyName('createdAt')!
    return this.db.driver.preparePersistentValue(value, column)
  }
}

/** Rows an INSERT wrote: PostgreSQL's driver answers [rows, count]; MariaDB { affectedRows }; SQLite { changes }. */
function affectedRows(result: unknown): number {
  if (Array.isArray(result) && typeof result[1] === 'number') return result[1]
  const r = result as { affectedRows?: number; changes?: number } | null
  return r?.affectedRows ?? r?.changes ?? 0
}
