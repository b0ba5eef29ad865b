import { Injectable } from '@nestjs/common'
import type { EntityManager } from 'typeorm'
import type { Article } from './article.entity'
import type { PeriodicalIssue } from './periodical.entity'

/** Runs inside the transaction that publishes: whatever it writes commits or rolls back with the publish. */
export type PublishListener<T> = (em: EntityManager, published: T) => Promise<void>

/**
 * The moment an article goes live or a periodical issue appears, for features on higher floors that must write in
 * the same transaction (notices to followers, the subscribe-message outbox). Listeners register at module init and
 * run in registration order; a listener that throws rolls the publish back. A listener must be idempotent: an
 * article published, archived and published again fires twice. Features that derive data from a published article's
 * text (文中相关产品) also hear when it is revised and when it is withdrawn.
 */
@Injectable()
export class PublishEvents {
  private readonly articleListeners: PublishListener<Article>[] = []
  private readonly issueListeners: PublishListener<PeriodicalIssue>[] = []
  private readonly revisedListeners: PublishListener<Article>[] = []
  private readonly withdrawnListeners: PublishListener<Article>[] = []

  onArticlePublished(listener: PublishListener<Article>): void {
    this.articleListeners.push(listener)
  }

  onIssuePublished(listener: PublishListener<PeriodicalIssue>): void {
    this.issueListeners.push(listener)
  }

  /** A published article was changed (title, summary, body, tags): runs in a transaction after the change commits. */
  onArticleRevised(listener: PublishListener<Article>): void {
    this.revisedListeners.push(listener)
  }

  /** A published article left (archived): runs in the transaction that archives it. */
  onArticleWithdrawn(listener: PublishListener<Article>): void {
    this.withdrawnListeners.push(listener)
  }

  async articlePublished(em: EntityManager, article: Article): Promise<void> {
    for (const listener of this.articleListeners) await listener(em, article)
  }

  async articleRevised(em: EntityManager, article: Article): Promise<void> {
    for (const listener of this.revisedListeners) await listener(em, article)
  }

  async articleWithdrawn(em: EntityManager, article: Article): Promise<void> {
    for (const listener of this.withdrawnListeners) await listener(em, article)
  }

  async issuePublished(em: EntityManager, issue: PeriodicalIssue): Promise<void> {
    for (const listener of this.issueListeners) await listener(em, issue)
  }
}
