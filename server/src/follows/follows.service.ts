import { Injectable } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import {
  FollowErrors,
  type FollowingFeedPage,
  type FollowKind,
  type FollowState,
  type FollowTarget,
  type MyFollowsPage,
  type MyFollowsQuery,
  type MyListQuery,
} from '@chuangan/shared'
import { DataSource, In, type EntityManager } from 'typeorm'
import { AppError } from '../common/app-error'
import { bindKey } from '../common/db'
import { keysetPage } from '../common/keyset'
import { Article } from '../content/article.entity'
import { Author } from '../content/author.entity'
import { CardsService } from '../content/cards.service'
import { ContentColumn } from '../content/column.entity'
import { Periodical } from '../content/periodical.entity'
import { insertOnce, lockFollowed, lockUser, recount, type Counter } from '../database/locks'
import { Transactions } from '../database/transactions'
import { Follow } from './follow.entity'

/** Where each kind of followed thing lives, and how its follower count is counted. */
const TABLES = {
  author: 'author',
  column: 'content_column',
  periodical: 'periodical',
} as const satisfies Record<FollowKind, string>

const followersOf = (kind: FollowKind): Counter => ({ from: 'follow', by: 'targetId', where: { kind } })

/**
 * Following authors and columns, subscribing to periodicals. Each change locks the reader's user row, then the
 * followed row (database/locks.ts), inserts or deletes the follow and sets the count from the rows, so under any
 * concurrency `followerCount` equals its rows.
 */
@Injectable()
export class FollowsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
    private readonly cards: CardsService,
  ) {}

  async state(userId: number | null, kind: FollowKind, targetId: number): Promise<FollowState> {
    const target = await this.db
      .createQueryBuilder()
      .select('t.followerCount', 'followers')
      .from(TABLES[kind], 't')
      .where('t.id = :id', { id: targetId })
      .getRawOne<{ followers: number | string }>()
    if (!target) throw AppError.of(FollowErrors.TARGET_NOT_FOUND)
    const following = userId !== null && (await this.db.getRepository(Follow).existsBy({ userId, kind, targetId }))
    return { following, followers: Number(target.followers) }
  }

  follow(userId: number, kind: FollowKind, targetId: number, now = new Date()): Promise<FollowState> {
    return this.change(userId, kind, targetId, async (em) => {
      await insertOnce(em, () => em.insert(Follow, { userId, kind, targetId, createdAt: now }))
      return true
    })
  }

  unfollow(userId: number, kind: FollowKind, targetId: number): Promise<FollowState> {
    return this.change(userId, kind, targetId, async (em) => {
      await em.delete(Follow, { userId, kind, targetId })
      return false
    })
  }

  /** 我的关注, newest first; each with its name, image and follower count. */
  async mine(userId: number, query: MyFollowsQuery): Promise<MyFollowsPage> {
    const qb = this.db
      .getRepository(Follow)
      .createQueryBuilder('f')
      .where('f.userId = :userId', { userId: bindKey(userId) })
    if (query.kind) qb.andWhere('f.kind = :kind', { kind: query.kind })
    const { items, nextCursor } = await keysetPage(qb, {
      order: query.kind ? `follows-${query.kind}` : 'follows',
      key: { column: 'f.createdAt', kind: 'time', of: (f) => f.createdAt.getTime() },
      id: { column: 'f.id', of: (f) => f.id },
      limit: query.limit,
      cursor: query.cursor,
    })
    const targets = await this.targets(items)
    return {
      items: items.flatMap((f) => {
        const target = targets.get(`${f.kind}:${f.targetId}`)
        return target ? [{ target, followedAt: f.createdAt.toISOString() }] : []
      }),
      nextCursor,
    }
  }

  /** The 关注 feed: published articles by the authors I follow or in the columns I follow, newest first. */
  async feed(userId: number, query: MyListQuery): Promise<FollowingFeedPage> {
    const qb = this.db
      .getRepository(Article)
      .createQueryBuilder('a')
      .where('a.status = :status', { status: 'published' })
    const followed = (kind: FollowKind) =>
      qb
        .subQuery()
        .select('f.targetId')
        .from(Follow, 'f')
        .where('f.userId = :userId')
        .andWhere(`f.kind = :${kind}Kind`)
        .getQuery()
    qb.andWhere(`(a.authorId IN ${followed('author')} OR a.columnId IN ${followed('column')})`, {
      userId: bindKey(userId),
      authorKind: 'author',
      columnKind: 'column',
    })
    const { items, nextCursor } = await keysetPage(qb, {
      order: 'following',
      key: { column: 'a.publishedAt', kind: 'time', of: (a) => a.publishedAt!.getTime() },
      id: { column: 'a.id', of: (a) => a.id },
      limit: query.limit,
      cursor: query.cursor,
    })
    return { items: await this.cards.cards(items), nextCursor }
  }

  /**
   * Removes a reader's follows inside account deletion's transaction (which holds the user row and the articles),
   * locking and recounting what they followed.
   */
  async forgetUser(em: EntityManager, userId: number): Promise<void> {
    const rows = await em.find(Follow, { select: { kind: true, targetId: true }, where: { userId } })
    await em.delete(Follow, { userId })
    for (const kind of Object.keys(TABLES) as FollowKind[]) {
      const ids = rows.filter((r) => r.kind === kind).map((r) => r.targetId)
      if (!ids.length) continue
      await lockFollowed(em, TABLES[kind], ids)
      await recount(em, TABLES[kind], ids, { followerCount: followersOf(kind) })
    }
  }

  private change(
    userId: number,
    kind: FollowKind,
    targetId: number,
    apply: (em: EntityManager) => Promise<boolean>,
  ): Promise<FollowState> {
    return this.transactions.run(async (em) => {
      await lockUser(em, userId)
      if (!(await lockFollowed(em, TABLES[kind], [targetId])).length) throw AppError.of(FollowErrors.TARGET_NOT_FOUND)
      const following = await apply(em)
      const counts = await recount(em, TABLES[kind], [targetId], { followerCount: followersOf(kind) })
      return { following, followers: counts.get(targetId)!.followerCount }
    })
  }

  private async targets(follows: Follow[]): Promise<Map<string, FollowTarget>> {
    const out = new Map<string, FollowTarget>()
    const idsOf = (kind: FollowKind) => follows.filter((f) => f.kind === kind).map((f) => f.targetId)
    const [authors, columns, periodicals] = await Promise.all([
      idsOf('author').length ? this.db.getRepository(Author).findBy({ id: In(idsOf('author')) }) : [],
      idsOf('column').length ? this.db.getRepository(ContentColumn).findBy({ id: In(idsOf('column')) }) : [],
      idsOf('periodical').length ? this.db.getRepository(Periodical).findBy({ id: In(idsOf('periodical')) }) : [],
    ])
    for (const a of authors) {
      out.set(`author:${a.id}`, {
        kind: 'author',
        id: a.id,
        slug: a.slug,
        name: a.name,
        image: a.avatar,
        followers: a.followerCount,
      })
    }
    for (const c of columns) {
      out.set(`column:${c.id}`, {
        kind: 'column',
        id: c.id,
        slug: c.slug,
        name: c.name,
        image: c.cover,
        followers: c.followerCount,
      })
    }
    for (const p of periodicals) {
      out.set(`periodical:${p.id}`, {
        kind: 'periodical',
        id: p.id,
        slug: p.slug,
        name: p.name,
        image: p.cover,
        followers: p.followerCount,
      })
    }
    return out
  }
}
