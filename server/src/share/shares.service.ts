import { Injectable } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import {
  ContentErrors,
  type DeclaredError,
  type OpenRecorded,
  type RecordOpenInput,
  type RecordShareInput,
  type ShareRecorded,
  type ShareTargetRef,
} from '@chuangan/shared'
import { DataSource, IsNull, type EntityManager } from 'typeorm'
import { AppError } from '../common/app-error'
import { bindKey, chinaDay, isUniqueViolation } from '../common/db'
import { Transactions } from '../database/transactions'
import { Article, ArticleRead } from '../content/article.entity'
import { Author } from '../content/author.entity'
import { ContentColumn } from '../content/column.entity'
import { Periodical } from '../content/periodical.entity'
import { lockArticle, lockUser, recount, type Counter } from '../database/locks'
import { User } from '../users/user.entity'
import { ShareEvent, ShareOpen } from './share.entity'

/** Article.shareCount: share events of the article, one per sharer, channel and China day. */
const SHARE_COUNT: Counter = { from: 'share_event', by: 'targetId', where: { targetType: 'article' } }

const NOT_FOUND: Record<ShareTargetRef['type'], DeclaredError> = {
  article: ContentErrors.ARTICLE_NOT_FOUND,
  author: ContentErrors.AUTHOR_NOT_FOUND,
  column: ContentErrors.COLUMN_NOT_FOUND,
  periodical: ContentErrors.PERIODICAL_NOT_FOUND,
}

/**
 * Share attribution. A share event is recorded when a signed-in reader shares a page, once per target, channel and
 * day; an open when a page is reached from someone's share, once per reader (the read counter's reader key) per
 * sharer and target. For articles the article row is locked while the event is written and `shareCount` is then set
 * from the rows, as likes do.
 */
@Injectable()
export class SharesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
  ) {}

  /**
   * Records a share, unless this sharer already shared this target on this channel today (China Standard Time, see
   * chinaDay): a repeat stores nothing and answers the unchanged count (`created: false`). The sharer's user row is
   * locked first, so one sharer's shares are recorded one at a time and the check sees the previous one (and an
   * account deleted meanwhile records nothing: 401); then, for an article, its row.
   */
  recordShare(
    sharerId: number,
    input: RecordShareInput,
    now = new Date(),
  ): Promise<ShareRecorded & { created: boolean }> {
    const { type, id } = input.target
    const event = { sharerId, targetType: type, targetId: id, channel: input.channel, createdAt: now }
    return this.transactions.run(async (em) => {
      await lockUser(em, sharerId)
      if (type === 'article') await this.lockPublishedArticle(em, id)
      else await this.assertVisible(em, input.target)
      const created = !(await this.sharedToday(em, event))
      if (created) await em.insert(ShareEvent, event)
      if (type !== 'article') {
        // Authors, columns and periodicals have no counter: their rows are the count.
        return { shares: await em.countBy(ShareEvent, { targetType: type, targetId: id }), created }
      }
      if (created) await this.recountArticleShares(em, id)
      const counted = await em.findOneOrFail(Article, { select: { id: true, shareCount: true }, where: { id } })
      return { shares: counted.shareCount, created }
    })
  }

  /** Whether this share was recorded already on its China day (the day of `createdAt` in UTC+8). */
  private sharedToday(em: EntityManager, e: Omit<ShareEvent, 'id'>): Promise<boolean> {
    const dayStart = new Date(`${chinaDay(e.createdAt)}T00:00:00+08:00`)
    const dayEnd = new Date(dayStart.getTime() + 86_400_000)
    return em
      .createQueryBuilder(ShareEvent, 'e')
      .where('e.sharerId = :sharerId AND e.targetType = :targetType AND e.targetId = :targetId', {
        sharerId: bindKey(e.sharerId),
        targetType: e.targetType,
        targetId: bindKey(e.targetId),
      })
      .andWhere('e.channel = :channel AND e.createdAt >= :dayStart AND e.createdAt < :dayEnd', {
        channel: e.channel,
        dayStart,
        dayEnd,
      })
      .getExists()
  }

  private async lockPublishedArticle(em: EntityManager, id: number): Promise<void> {
    if (!(await lockArticle(em, id, { published: true }))) throw AppError.of(NOT_FOUND.article)
  }

  /** Sets `Article.shareCount` from the rows (the article row is locked). */
  private async recountArticleShares(em: EntityManager, id: number): Promise<void> {
    await recount(em, 'article', [id], { shareCount: SHARE_COUNT })
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
    if (!(await found())) throw AppError.of(NOT_FOUND[type])
  }
}
