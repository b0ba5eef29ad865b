import { Inject, Injectable } from '@nestjs/common'
import { SubscriptionErrors, type MySubscriptions, type SubscribeAnswers } from '@chuangan/shared'
import { InjectDataSource } from '@nestjs/typeorm'
import { DataSource, In, type EntityManager } from 'typeorm'
import { AppError } from '../common/app-error'
import { lockUser } from '../database/locks'
import { Transactions } from '../database/transactions'
import { Delivery } from './delivery.entity'
import { SubscribeGrant } from './subscribe-grant.entity'
import type { TemplateConfig } from './subscribe-templates'
import { SUBSCRIBE_TEMPLATES } from './subscribe-templates.provider'

/** Credits past this are not kept: WeChat itself answers 43101 long before, and a client cannot hoard sends. */
export const MAX_CREDITS = 50

/**
 * Subscribe-message grants: what `wx.requestSubscribeMessage` answered, recorded as send credits per reader and
 * template. The outbox worker spends them (delivery-worker.service.ts).
 */
@Injectable()
export class GrantsService {
  constructor(
    @Inject(SUBSCRIBE_TEMPLATES) private readonly templates: TemplateConfig[],
    private readonly transactions: Transactions,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async mine(userId: number, em?: EntityManager): Promise<MySubscriptions> {
    const ids = this.templates.map((t) => t.id)
    const grants = ids.length
      ? await (em ?? this.db.manager).find(SubscribeGrant, { where: { userId, templateId: In(ids) } })
      : []
    return {
      templates: this.templates.map((t) => {
        const grant = grants.find((g) => g.templateId === t.id)
        return {
          topic: t.topic,
          templateId: t.id,
          credits: grant?.credits ?? 0,
          answer: grant?.answer ?? null,
          ask: grant?.answer !== 'reject' && grant?.answer !== 'ban',
        }
      }),
    }
  }

  /** Each accept adds a credit (up to MAX_CREDITS); reject and ban are remembered; filter changes nothing. */
  async record(userId: number, { results }: SubscribeAnswers, now = new Date()): Promise<MySubscriptions> {
    const unknown = Object.keys(results).filter((id) => !this.templates.some((t) => t.id === id))
    if (unknown.length) {
      throw AppError.of(SubscriptionErrors.UNKNOWN_TEMPLATE, {
        details: unknown.map((id) => ({ path: `body.results.${id}`, message: 'not a configured template id' })),
      })
    }
    return this.transactions.run(async (em) => {
      await lockUser(em, userId)
      for (const [templateId, answer] of Object.entries(results)) {
        if (answer === 'filter') continue
        const grant = await em.findOneBy(SubscribeGrant, { userId, templateId })
        const credits = Math.min(MAX_CREDITS, (grant?.credits ?? 0) + (answer === 'accept' ? 1 : 0))
        if (grant) await em.update(SubscribeGrant, { userId, templateId }, { credits, answer, updatedAt: now })
        else await em.insert(SubscribeGrant, { userId, templateId, credits, answer, updatedAt: now })
      }
      return this.mine(userId, em)
    })
  }

  /** Account deletion: the credits go, and so do deliveries not yet handed to WeChat (after the user row's lock). */
  async forgetUser(em: EntityManager, userId: number): Promise<void> {
    await em.delete(SubscribeGrant, { userId })
    await em.delete(Delivery, { userId, state: In(['queued', 'claimed']) })
  }
}
