import { Injectable } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import { ContentErrors, DELETED_USER_NAME, SHARE_CHANNELS, type ShareStats } from '@chuangan/shared'
import { DataSource, In, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm'
import { AppError } from '../common/app-error'
import { bindKey, toInt } from '../common/db'
import { Article } from '../content/article.entity'
import { Author } from '../content/author.entity'
import { EditorArticlesService } from '../editor/editor-articles.service'
import { displayName } from '../users/display-name'
import { User } from '../users/user.entity'
import { ShareEvent, ShareOpen } from './share.entity'

/** Restricts a query over `share_event` or `share_open` (under `alias`) to the rows being counted. */
type Scope = <T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string) => SelectQueryBuilder<T>

const TOP_SHARERS = 10

/**
 * How an article, or all of an author's articles, spread: shares by channel, the opens they brought, readers brought
 * and new readers, and the sharers who brought the most. Access as for the article stats (editors: everything; an
 * author: their own articles and author profiles; anything else is reported as missing).
 */
@Injectable()
export class ShareStatsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly editorArticles: EditorArticlesService,
  ) {}

  async article(user: User, articleId: number): Promise<ShareStats> {
    await this.editorArticles.reachable(user, articleId)
    return this.stats((qb, alias) =>
      qb
        .andWhere(`${alias}.targetType = 'article'`)
        .andWhere(`${alias}.targetId = :articleId`, { articleId: bindKey(articleId) }),
    )
  }

  async author(user: User, authorId: number): Promise<ShareStats> {
    const reachable =
      user.role === 'editor'
        ? await this.db.manager.existsBy(Author, { id: authorId })
        : (await this.editorArticles.ownAuthorIds(user)).includes(authorId)
    if (!reachable) throw AppError.of(ContentErrors.AUTHOR_NOT_FOUND)
    return this.stats((qb, alias) => {
      const articles = qb.subQuery().select('a.id').from(Article, 'a').where('a.authorId = :authorId').getQuery()
      return qb
        .andWhere(`${alias}.targetType = 'article'`)
        .andWhere(`${alias}.targetId IN ${articles}`)
        .setParameter('authorId', bindKey(authorId))
    })
  }

  private async stats(scope: Scope): Promise<ShareStats> {
    const em = this.db.manager
    const events = () => scope(em.createQueryBuilder(ShareEvent, 'e'), 'e')
    const opens = () => scope(em.createQueryBuilder(ShareOpen, 'o'), 'o')
    // A reader counts as new through the open that first brought them (its newReader flag).
    const newReaders = 'COUNT(DISTINCT CASE WHEN o.newReader THEN o.readerKey END)'

    const [sharesByChannel, opensByChannel, readers, sharesBySharer, opensBySharer] = await Promise.all([
      events()
        .select('e.channel', 'channel')
        .addSelect('COUNT(*)', 'shares')
        .groupBy('e.channel')
        .getRawMany<{ channel: string; shares: unknown }>(),
      opens()
        .select('o.channel', 'channel')
        .addSelect('COUNT(*)', 'opens')
        .addSelect(newReaders, 'newReaders')
        .groupBy('o.channel')
        .getRawMany<{ channel: string; opens: unknown; newReaders: unknown }>(),
      opens()
        .select('COUNT(DISTINCT o.readerKey)', 'brought')
        .addSelect(newReaders, 'newReaders')
        .getRawOne<{ brought: unknown; newReaders: unknown }>(),
      events()
        .select('e.sharerId', 'sharerId')
        .addSelect('COUNT(*)', 'n')
        .groupBy('e.sharerId')
        .getRawMany<{ sharerId: unknown; n: unknown }>(),
      opens()
        .select('o.sharerId', 'sharerId')
        .addSelect('COUNT(*)', 'n')
        .groupBy('o.sharerId')
        .getRawMany<{ sharerId: unknown; n: unknown }>(),
    ])

    const byChannel = SHARE_CHANNELS.map((channel) => {
      const s = sharesByChannel.find((r) => r.channel === channel)
      const o = opensByChannel.find((r) => r.channel === channel)
      return { channel, shares: toInt(s?.shares), opens: toInt(o?.opens), newReaders: toInt(o?.newReaders) }
    })
    const shares = byChannel.reduce((sum, c) => sum + c.shares, 0)
    const opened = byChannel.reduce((sum, c) => sum + c.opens, 0)

    // Every sharer of the scope with their shares and opens, the best 10 by opens, then shares, then longest member.
    const sharers = new Map<number, { shares: number; opens: number }>()
    const entry = (id: unknown) => {
      const key = toInt(id)
      if (!sharers.has(key)) sharers.set(key, { shares: 0, opens: 0 })
      return sharers.get(key)!
    }
    for (const r of sharesBySharer) entry(r.sharerId).shares = toInt(r.n)
    for (const r of opensBySharer) entry(r.sharerId).opens = toInt(r.n)
    const top = [...sharers]
      .sort(([idA, a], [idB, b]) => b.opens - a.opens || b.shares - a.shares || idA - idB)
      .slice(0, TOP_SHARERS)
    const users = top.length
      ? await em.find(User, {
          select: { id: true, nickname: true, deletedAt: true },
          where: { id: In(top.map(([id]) => id)) },
        })
      : []
    const nameOf = new Map(users.map((u) => [u.id, displayName(u)]))

    return {
      shares,
      opens: opened,
      opensPerShare: shares ? Math.round((opened / shares) * 100) / 100 : 0,
      readersBrought: toInt(readers?.brought),
      newReaders: toInt(readers?.newReaders),
      byChannel,
      topSharers: top.map(([id, counts]) => ({ name: nameOf.get(id) ?? DELETED_USER_NAME, ...counts })),
    }
  }
}
