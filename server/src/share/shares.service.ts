import { Injectable } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import type { OpenRecorded, RecordOpenInput, RecordShareInput, ShareRecorded, ShareTargetRef } from '@chuangan/shared'
import { DataSource, IsNull, type EntityManager } from 'typeorm'
import { AppError } from '../common/app-error'
import { bindKey, chinaDay, isUniqueViolation } from '../common/db'
import { Transactions } from '../common/transactions'
import { Article, ArticleRead } from '../content/article.entity'
import { Author } from '../content/author.entity'
import { ContentColumn } from '../content/column.entity'
import { Periodical } from '../content/periodical.entity'
import { User } from '../users/user.entity'
import { ShareEvent, ShareOpen } from './share.entity'

const NOT_FOUND: Record<ShareTargetRef['type'], string> = {
  article: '文章不存在或已下线',
  author: '作者不存在',
  column: '栏目不存在',
  periodical: '期刊不存在',
}

/**
 * Share attribution. A share event is recorded when a signed-in reader shares a page; an open when a page is reached
 * from someone's share, once per reader (the read counter's reader key) per sharer and target. For articles the
 * article row is locked while the event is written and `shareCount` is then set from the rows, as likes do.
 */
@Injectable()
export class SharesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
  ) {}

  async recordShare(sharerId: number, input: RecordShareInput, now = new Date()): Promise<ShareRecorded> {
    const { type, id } = input.target
    const event = { sharerId, targetType: type, targetId: id, channel: input.channel, createdAt: now }
    if (type !== 'article') {
      await this.assertVisible(this.db.manager, input.target)
      await this.db.manager.insert(ShareEvent, event)
      return { shares: await this.db.manager.countBy(ShareEvent, { targetType: type, targetId: id }) }
    }
    return this.transactions.run(async (em) => {
      const article = await em.findOne(Article, {
        select: { id: true },
        where: { id, status: 'published' },
        lock: this.transactions.rowLock ? { mode: this.transactions.rowLock } : undefined,
      })
      if (!article) throw AppError.notFound(NOT_FOUND.article)
      await em.insert(ShareEvent, event)
      // The count is a subquery of the UPDATE, which reads the latest rows (see engagement/article-counts.ts).
      const q = (name: string) => em.connection.driver.escape(name)
      await em
        .createQueryBuilder()
        .update(Article)
        .set({
          shareCount: () =>
            `(SELECT COUNT(*) FROM ${q('share_event')} e WHERE e.${q('targetType')} = 'article' AND e.${q('targetId')} = ${q('article')}.${q('id')})`,
        })
        .where({ id })
        .execute()
      const counted = await em.findOneOrFail(Article, { select: { id: true, shareCount: true }, where: { id } })
      return { shares: counted.shareCount }
    })
  }

  /**
   * Counts an open of `input.target` from the share of `input.sharer` by this reader, once. Not counted (200,
   * `counted: false`): a code that names no account (unknown, or the account was deleted: the page still opens,
   * and a failed request would only show up as an error in the mini-program), the sharer opening their own share,
   * and any repeat by the same reader. A target that does not exist or is not published is a 404.
   */
  async recordOpen(input: RecordOpenInput, reader: { key: string; userId: number | null }, now = new Date()) {
    await this.assertVisible(this.db.manager, input.target)
    const notCounted: OpenRecorded = { counted: false, newReader: false }
    const sharer = await this.db.manager.findOne(User, {
      select: { id: true },
      where: { shareCode: input.sharer, deletedAt: IsNull() },
    })
    if (!sharer || sharer.id === reader.userId) return notCounted
    const { type, id } = input.target
    if (
      await this.db.manager.existsBy(ShareOpen, {
        sharerId: sharer.id,
        targetType: type,
        targetId: id,
        readerKey: reader.key,
      })
    ) {
      return notCounted
    }
    const newReader = !(await this.seenBefore(reader.key, input.target, now))
    try {
      await this.db.manager.insert(ShareOpen, {
        sharerId: sharer.id,
        targetType: type,
        targetId: id,
        channel: input.channel,
        readerKey: reader.key,
        newReader,
        scene: input.scene ?? null,
        createdAt: now,
      })
    } catch (error) {
      // The same reader's open arriving twice at once: the unique key lets one in.
      if (isUniqueViolation(error)) return notCounted
      throw error
    }
    return { counted: true, newReader }
  }

  /**
   * Whether this reader key was seen before: any earlier share open, or a read — except a read today of the very
   * article opened, which the same visit's read counter may have written a moment before this open arrived.
   */
  private async seenBefore(readerKey: string, target: ShareTargetRef, now: Date): Promise<boolean> {
    if (await this.db.manager.existsBy(ShareOpen, { readerKey })) return true
    const reads = this.db.manager
      .createQueryBuilder(ArticleRead, 'r')
      .select('r.articleId')
      .where('r.readerKey = :readerKey', { readerKey })
    if (target.type === 'article') {
      reads.andWhere('(r.articleId <> :articleId OR r.day <> :today)', {
        articleId: bindKey(target.id),
        today: chinaDay(now),
      })
    }
    return (await reads.limit(1).getRawOne()) !== undefined
  }

  /** A 404 unless the target can be seen by anyone: a published article, an existing author, column or periodical. */
  private async assertVisible(em: EntityManager, { type, id }: ShareTargetRef): Promise<void> {
    const found = {
      article: () => em.existsBy(Article, { id, status: 'published' }),
      author: () => em.existsBy(Author, { id }),
      column: () => em.existsBy(ContentColumn, { id }),
      periodical: () => em.existsBy(Periodical, { id }),
    }[type]
    if (!(await found())) throw AppError.notFound(NOT_FOUND[type])
  }
}
