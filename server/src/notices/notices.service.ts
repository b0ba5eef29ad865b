import { Injectable, type OnModuleInit } from '@nestjs/common'
import { InjectDataSource } from '@nestjs/typeorm'
import {
  NOTICE_EXCERPT_LENGTH,
  NOTICE_KINDS,
  NoticeErrors,
  type NoticeActor,
  type NoticeKind,
  type NoticeListQuery,
  type NoticePage,
  type NoticeView,
  type UnreadNotices,
} from '@chuangan/shared'
import { DataSource, In, IsNull, type EntityManager } from 'typeorm'
import { AppError } from '../common/app-error'
import { bindKey, toInt } from '../common/db'
import { keysetPage } from '../common/keyset'
import { Article } from '../content/article.entity'
import { Author } from '../content/author.entity'
import { Periodical, PeriodicalIssue } from '../content/periodical.entity'
import { PublishEvents } from '../content/publish-events'
import { quoter as quote, runSql as run, typed } from '../database/raw-sql'
import { Transactions } from '../database/transactions'
import { articleAudience, periodicalAudience, type Audience } from '../follows/audience'
import { displayName } from '../users/display-name'
import { User } from '../users/user.entity'
import { Notice } from './notice.entity'

/** The comment columns a reply or like notice needs (comments live on a higher floor: named by table here). */
export interface NoticedComment {
  id: number
  userId: number
  articleId: number
  isAuthorReply: boolean
}

interface CommentRow {
  id: number
  rootId: number | null
  content: string
  status: string
}

/**
 * 消息: writes notices in the transactions of what they tell about, and reads them back for their recipient.
 *
 * - article / issue: a PublishEvents listener fans out with one INSERT … SELECT from `follow` per publish (a reader
 *   following both the author and the column gets one; NOT EXISTS + the unique index make a second publish a no-op);
 * - reply / editor_reply: `replied`, called by comments/ where a published reply appears;
 * - comment_like: `liked`, called by comments/ where a like is cast (one open notice per comment, counting likers).
 *
 * Notice rows come last in the lock order (database/locks.ts): a producer holds the comment or article it writes
 * about; reading locks notice rows only. Nobody is notified of their own action.
 */
@Injectable()
export class NoticesService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
    private readonly events: PublishEvents,
  ) {}

  onModuleInit(): void {
    this.events.onArticlePublished((em, article) => this.articlePublished(em, article))
    this.events.onIssuePublished((em, issue) => this.issuePublished(em, issue))
  }

  // ---- producers (inside the caller's transaction) ----

  /** One `article` notice per follower of the article's author or column, in one statement; none for the author's own account. */
  async articlePublished(em: EntityManager, article: Pick<Article, 'id' | 'authorId' | 'columnId'>): Promise<void> {
    await this.fanOut(
      em,
      { kind: 'article', subjectId: article.id, articleId: article.id },
      articleAudience(em, article),
    )
  }

  /** One `issue` notice per subscriber of the issue's periodical, in one statement. */
  async issuePublished(em: EntityManager, issue: Pick<PeriodicalIssue, 'id' | 'periodicalId'>): Promise<void> {
    await this.fanOut(
      em,
      { kind: 'issue', subjectId: issue.id, articleId: null },
      periodicalAudience(em, issue.periodicalId),
    )
  }

  /**
   * A published reply: a `reply` notice (`editor_reply` for the author's reply) to the writer of the comment it
   * answers, unless that is the replier or a deleted account. Idempotent (a reply restored by an editor after review
   * is noticed then, once). One statement.
   */
  async replied(em: EntityManager, reply: NoticedComment, now = new Date()): Promise<void> {
    const q = quote(em)
    const kind: NoticeKind = reply.isAuthorReply ? 'editor_reply' : 'reply'
    const sql = `INSERT INTO ${q('notice')} (${COLUMNS.map(q).join(', ')})
      SELECT c.${q('replyToUserId')}, ${typed(em, ':kind', 'varchar')}, c.${q('id')}, c.${q('articleId')},
             c.${q('userId')}, 1, ${typed(em, ':now', 'timestamp')}, ${typed(em, ':now', 'timestamp')},
             ${typed(em, ':now', 'timestamp')}, NULL
      FROM ${q('comment')} c
      JOIN ${q('app_user')} u ON u.${q('id')} = c.${q('replyToUserId')} AND u.${q('deletedAt')} IS NULL
      WHERE c.${q('id')} = :id AND c.${q('replyToUserId')} <> c.${q('userId')}
        AND NOT EXISTS (SELECT 1 FROM ${q('notice')} n WHERE n.${q('userId')} = c.${q('replyToUserId')}
                        AND n.${q('kind')} = :kind AND n.${q('subjectId')} = c.${q('id')})`
    await run(em, sql, { kind, now, id: reply.id })
  }

  /**
   * A new like (not a repeat, not an unlike) of `comment` by `likerId`: the comment's writer has one open
   * `comment_like` notice counting the readers who liked since it was opened; a like after it was read opens it
   * again, counting from 1. Called with the comment row locked (so likes of one comment take turns); locks the notice.
   */
  async liked(em: EntityManager, comment: NoticedComment, likerId: number, now = new Date()): Promise<void> {
    if (comment.userId === likerId) return
    const q = quote(em)
    const found = await em.findOne(Notice, {
      select: { id: true, readAt: true },
      where: { userId: comment.userId, kind: 'comment_like', subjectId: comment.id },
      lock: em.connection.options.type === 'better-sqlite3' ? undefined : { mode: 'pessimistic_write' },
    })
    if (!found) {
      const sql = `INSERT INTO ${q('notice')} (${COLUMNS.map(q).join(', ')})
        SELECT u.${q('id')}, ${typed(em, ':kind', 'varchar')}, ${typed(em, ':commentId', 'integer')},
               ${typed(em, ':articleId', 'integer')}, ${typed(em, ':likerId', 'integer')}, 1,
               ${typed(em, ':now', 'timestamp')}, ${typed(em, ':now', 'timestamp')}, ${typed(em, ':now', 'timestamp')}, NULL
        FROM ${q('app_user')} u WHERE u.${q('id')} = :ownerId AND u.${q('deletedAt')} IS NULL`
      await run(em, sql, {
        kind: 'comment_like',
        commentId: comment.id,
        articleId: comment.articleId,
        likerId,
        now,
        ownerId: comment.userId,
      })
    } else if (found.readAt === null) {
      // Counted from the rows (a reader who liked, took it back and liked again counts once), as an UPDATE so it
      // reads the latest rows under MariaDB's REPEATABLE READ too (see recount in database/locks.ts).
      const sql = `UPDATE ${q('notice')} SET ${q('count')} = (SELECT COUNT(*) FROM ${q('comment_vote')} v
          WHERE v.${q('commentId')} = :commentId AND v.${q('kind')} = :like AND v.${q('userId')} <> :ownerId
            AND v.${q('createdAt')} >= ${q('notice')}.${q('since')}),
        ${q('actorId')} = :likerId, ${q('at')} = :now
        WHERE ${q('id')} = :id`
      await run(em, sql, { commentId: comment.id, like: 'like', ownerId: comment.userId, likerId, now, id: found.id })
    } else {
      await em.update(Notice, { id: found.id }, { readAt: null, since: now, count: 1, actorId: likerId, at: now })
    }
  }

  /**
   * A new inquiry (询价, a row of inquiries/, named by table here): one `inquiry` notice to each live account of its
   * supplier, none to the buyer (a supplier's staff cannot ask their own supplier). One statement, idempotent.
   */
  async inquirySent(
    em: EntityManager,
    inquiry: { id: number; supplierId: number; buyerId: number },
    now = new Date(),
  ): Promise<void> {
    const q = quote(em)
    await this.noticeAccounts(
      em,
      { kind: 'inquiry', subject: typed(em, ':inquiryId', 'integer'), actor: typed(em, ':buyerId', 'integer'), now },
      `FROM ${q('app_user')} u
       WHERE u.${q('supplierId')} = :supplierId AND u.${q('role')} = :role AND u.${q('id')} <> :buyerId`,
      { inquiryId: inquiry.id, buyerId: inquiry.buyerId, supplierId: inquiry.supplierId, role: 'supplier' },
    )
  }

  /** The supplier answered an inquiry: one `inquiry_answer` notice to its buyer, unless the account is gone. */
  async inquiryAnswered(
    em: EntityManager,
    inquiry: { id: number; buyerId: number; answeredBy: number },
    now = new Date(),
  ): Promise<void> {
    await this.noticeAccounts(
      em,
      {
        kind: 'inquiry_answer',
        subject: typed(em, ':inquiryId', 'integer'),
        actor: typed(em, ':answeredBy', 'integer'),
        now,
      },
      `FROM ${quote(em)('app_user')} u WHERE u.${quote(em)('id')} = :buyerId`,
      { inquiryId: inquiry.id, answeredBy: inquiry.answeredBy, buyerId: inquiry.buyerId },
    )
  }

  /**
   * New products matched `savedSearchId` (订阅的搜索, saved-searches/): its owner's one `saved_search` notice says how
   * many products matched since the search was last opened (`count`). An unread notice takes the new count (the same
   * notice, never a second); a read or missing one is (re)opened only when `reopen` (the caller allows one notice a
   * day). Returns whether a notice was opened. Called with the saved search's row written (locked) first.
   */
  async savedSearchMatched(
    em: EntityManager,
    match: { userId: number; savedSearchId: number; count: number; reopen: boolean },
    now = new Date(),
  ): Promise<boolean> {
    const found = await em.findOne(Notice, {
      select: { id: true, readAt: true },
      where: { userId: match.userId, kind: 'saved_search', subjectId: match.savedSearchId },
      lock: em.connection.options.type === 'better-sqlite3' ? undefined : { mode: 'pessimistic_write' },
    })
    if (found && found.readAt === null) {
      await em.update(Notice, { id: found.id }, { count: match.count, at: now })
      return false
    }
    if (!match.reopen) return false
    if (found) {
      await em.update(Notice, { id: found.id }, { readAt: null, since: now, count: match.count, at: now })
    } else {
      await em.insert(Notice, {
        userId: match.userId,
        kind: 'saved_search',
        subjectId: match.savedSearchId,
        articleId: null,
        actorId: null,
        count: match.count,
        since: now,
        createdAt: now,
        at: now,
        readAt: null,
      })
    }
    return true
  }

  /** A subject deleted by its owner (a saved search): its notice goes too, inside the deleting transaction. */
  async forgetSubject(em: EntityManager, userId: number, kind: NoticeKind, subjectId: number): Promise<void> {
    await em.delete(Notice, { userId, kind, subjectId })
  }

  /**
   * 求购 sent: one `demand` notice to each live supplier account of each supplier the demand was sent to (rows of
   * `demand_supplier`, written just before in the caller's transaction), in one statement; idempotent.
   */
  async demandSent(em: EntityManager, demandId: number, now = new Date()): Promise<void> {
    const q = quote(em)
    await this.noticeAccounts(
      em,
      { kind: 'demand', subject: `ds.${q('demandId')}`, actor: typed(em, 'NULL', 'integer'), now },
      `FROM ${q('demand_supplier')} ds
       JOIN ${q('app_user')} u ON u.${q('supplierId')} = ds.${q('supplierId')} AND u.${q('role')} = :role
       WHERE ds.${q('demandId')} = :demandId`,
      { role: 'supplier', demandId },
    )
  }

  /** A supplier answered a 求购: one `demand_answer` notice to the buyer (the subject is the answered row). */
  async demandAnswered(em: EntityManager, buyerId: number, answerId: number, now = new Date()): Promise<void> {
    await this.noticeAccounts(
      em,
      { kind: 'demand_answer', subject: typed(em, ':answerId', 'integer'), actor: typed(em, 'NULL', 'integer'), now },
      `FROM ${quote(em)('app_user')} u WHERE u.${quote(em)('id')} = :buyerId`,
      { answerId, buyerId },
    )
  }

  /**
   * One notice of `kind` about `subject` (an SQL expression) from `actor` (one too) to each live account that
   * `recipients` selects (FROM … WHERE … text naming the account table `u`), unless it has that notice already: one
   * INSERT … SELECT … NOT EXISTS, so calling it twice notifies once.
   */
  private async noticeAccounts(
    em: EntityManager,
    notice: { kind: NoticeKind; subject: string; actor: string; now: Date },
    recipients: string,
    params: Record<string, unknown>,
  ): Promise<void> {
    const q = quote(em)
    const now = typed(em, ':now', 'timestamp')
    const sql = `INSERT INTO ${q('notice')} (${COLUMNS.map(q).join(', ')})
      SELECT DISTINCT u.${q('id')}, ${typed(em, ':kind', 'varchar')}, ${notice.subject}, ${typed(em, 'NULL', 'integer')},
             ${notice.actor}, 1, ${now}, ${now}, ${now}, ${typed(em, 'NULL', 'timestamp')}
      ${recipients}
        AND u.${q('deletedAt')} IS NULL
        AND NOT EXISTS (SELECT 1 FROM ${q('notice')} n WHERE n.${q('userId')} = u.${q('id')}
                        AND n.${q('kind')} = :kind AND n.${q('subjectId')} = ${notice.subject})`
    await run(em, sql, { ...params, kind: notice.kind, now: notice.now })
  }

  /** Account deletion: the account's notices go, inside deletion's transaction. */
  async forgetUser(em: EntityManager, userId: number): Promise<void> {
    await em.delete(Notice, { userId })
  }

  // ---- the recipient's API ----

  /** 消息, newest activity first, keyset-paged, each with what to show. */
  async list(userId: number, query: NoticeListQuery): Promise<NoticePage> {
    const qb = this.db
      .getRepository(Notice)
      .createQueryBuilder('n')
      .where('n.userId = :userId', { userId: bindKey(userId) })
    const { items, nextCursor } = await keysetPage(qb, {
      order: 'notices',
      key: { column: 'n.at', kind: 'time', of: (n) => n.at.getTime() },
      id: { column: 'n.id', of: (n) => n.id },
      limit: query.limit,
      cursor: query.cursor,
    })
    return { items: await this.views(items), nextCursor }
  }

  async unread(userId: number): Promise<UnreadNotices> {
    return this.unreadWith(this.db.manager, userId)
  }

  /** Marks one of my notices read (again: no change); another reader's notice is as missing as a missing one. */
  async read(userId: number, id: number, now = new Date()): Promise<UnreadNotices> {
    return this.transactions.run(async (em) => {
      const result = await em.update(Notice, { id, userId, readAt: IsNull() }, { readAt: now })
      if (!result.affected && !(await em.existsBy(Notice, { id, userId }))) {
        throw AppError.of(NoticeErrors.NOTICE_NOT_FOUND)
      }
      return this.unreadWith(em, userId)
    })
  }

  /** 全部已读. */
  async readAll(userId: number, now = new Date()): Promise<UnreadNotices> {
    return this.transactions.run(async (em) => {
      await em.update(Notice, { userId, readAt: IsNull() }, { readAt: now })
      return this.unreadWith(em, userId)
    })
  }

  private async unreadWith(em: EntityManager, userId: number): Promise<UnreadNotices> {
    const rows = await em
      .getRepository(Notice)
      .createQueryBuilder('n')
      .select('n.kind', 'kind')
      .addSelect('COUNT(*)', 'count')
      .where('n.userId = :userId AND n.readAt IS NULL', { userId: bindKey(userId) })
      .groupBy('n.kind')
      .getRawMany<{ kind: NoticeKind; count: number | string }>()
    const byKind = Object.fromEntries(NOTICE_KINDS.map((k) => [k, 0])) as Record<NoticeKind, number>
    for (const row of rows) if (row.kind in byKind) byKind[row.kind] = toInt(row.count)
    return { total: Object.values(byKind).reduce((a, b) => a + b, 0), byKind }
  }

  /** What each notice shows, for a whole page in a handful of queries. */
  private async views(notices: Notice[]): Promise<NoticeView[]> {
    if (!notices.length) return []
    const q = quote(this.db.manager)
    const ids = (pick: (n: Notice) => number | null) => [
      ...new Set(notices.map(pick).filter((id): id is number => id !== null)),
    ]
    const commentKinds: NoticeKind[] = ['reply', 'editor_reply', 'comment_like']
    const commentIds = ids((n) => (commentKinds.includes(n.kind) ? n.subjectId : null))
    const issueIds = ids((n) => (n.kind === 'issue' ? n.subjectId : null))
    const inquiryKinds: NoticeKind[] = ['inquiry', 'inquiry_answer']
    const inquiryIds = ids((n) => (inquiryKinds.includes(n.kind) ? n.subjectId : null))
    const savedSearchIds = ids((n) => (n.kind === 'saved_search' ? n.subjectId : null))
    const actorIds = ids((n) => (n.kind === 'editor_reply' || n.kind === 'inquiry_answer' ? null : n.actorId))
    const [articles, comments, issues, users, inquiries, savedSearches] = await Promise.all([
      ids((n) => n.articleId).length
        ? this.db.getRepository(Article).find({
            select: { id: true, title: true, authorId: true, status: true },
            where: { id: In(ids((n) => n.articleId)) },
          })
        : [],
      commentIds.length
        ? this.db
            .createQueryBuilder()
            .select(`c.${q('id')}`, 'id')
            .addSelect(`c.${q('rootId')}`, 'rootId')
            .addSelect(`c.${q('content')}`, 'content')
            .addSelect(`c.${q('status')}`, 'status')
            .from('comment', 'c')
            .where(`c.${q('id')} IN (:...commentIds)`, { commentIds })
            .getRawMany<CommentRow>()
        : [],
      issueIds.length ? this.db.getRepository(PeriodicalIssue).findBy({ id: In(issueIds) }) : [],
      actorIds.length
        ? this.db.getRepository(User).find({
            select: { id: true, nickname: true, avatarUrl: true, deletedAt: true },
            where: { id: In(actorIds) },
          })
        : [],
      inquiryIds.length
        ? this.db
            .createQueryBuilder()
            .select(`i.${q('id')}`, 'id')
            .addSelect(`p.${q('model')}`, 'model')
            .addSelect(`s.${q('name')}`, 'supplierName')
            .from('inquiry', 'i')
            .innerJoin('product', 'p', `p.${q('id')} = i.${q('productId')}`)
            .innerJoin('supplier', 's', `s.${q('id')} = i.${q('supplierId')}`)
            .where(`i.${q('id')} IN (:...inquiryIds)`, { inquiryIds })
            .getRawMany<{ id: unknown; model: string; supplierName: string }>()
        : [],
      savedSearchIds.length
        ? this.db
            .createQueryBuilder()
            .select(`s.${q('id')}`, 'id')
            .addSelect(`s.${q('name')}`, 'name')
            .from('saved_search', 's')
            .where(`s.${q('id')} IN (:...savedSearchIds)`, { savedSearchIds })
            .getRawMany<{ id: number; name: string }>()
        : [],
    ])
    const inquiryOf = new Map(inquiries.map((i) => [Number(i.id), i]))
    const savedSearchOf = new Map(savedSearches.map((s) => [Number(s.id), { id: Number(s.id), name: s.name }]))
    const articleOf = new Map(articles.map((a) => [a.id, a]))
    const commentOf = new Map(comments.map((c) => [Number(c.id), c]))
    const issueOf = new Map(issues.map((i) => [i.id, i]))
    const userOf = new Map(users.map((u) => [u.id, u]))
    const periodicalIds = [...new Set(issues.map((i) => i.periodicalId))]
    const authorIds = [
      ...new Set(
        notices.filter((n) => n.kind === 'editor_reply').map((n) => articleOf.get(n.articleId ?? 0)?.authorId),
      ),
    ].filter((id): id is number => id !== undefined)
    const [periodicals, authors] = await Promise.all([
      periodicalIds.length ? this.db.getRepository(Periodical).findBy({ id: In(periodicalIds) }) : [],
      authorIds.length ? this.db.getRepository(Author).findBy({ id: In(authorIds) }) : [],
    ])
    const demandOf = await this.demandsOf(notices)
    const periodicalOf = new Map(periodicals.map((p) => [p.id, p]))
    const authorOf = new Map(authors.map((a) => [a.id, a]))

    return notices.map((n) => {
      const article = n.articleId !== null ? articleOf.get(n.articleId) : undefined
      const comment = commentOf.get(n.subjectId)
      const issue = n.kind === 'issue' ? issueOf.get(n.subjectId) : undefined
      const periodical = issue ? periodicalOf.get(issue.periodicalId) : undefined
      let actor: NoticeActor | null = null
      const inquiry = inquiryKinds.includes(n.kind) ? inquiryOf.get(n.subjectId) : undefined
      if (n.kind === 'inquiry_answer') {
        actor = { userId: null, name: inquiry?.supplierName ?? '供应商', avatar: null }
      } else if (n.kind === 'editor_reply') {
        const author = article ? authorOf.get(article.authorId) : undefined
        actor = { userId: null, name: author?.name ?? '作者', avatar: author?.avatar ?? null }
      } else if (n.actorId !== null) {
        const user = userOf.get(n.actorId)
        actor = user
          ? {
              userId: user.deletedAt ? null : user.id,
              name: displayName(user),
              avatar: user.deletedAt ? null : user.avatarUrl,
            }
          : null
      }
      const shown = comment?.status === 'published'
      return {
        id: n.id,
        kind: n.kind,
        read: n.readAt !== null,
        at: n.at.toISOString(),
        count: n.count,
        actor,
        article: article && article.status === 'published' ? { id: article.id, title: article.title } : null,
        issue:
          issue && periodical
            ? {
                id: issue.id,
                number: issue.number,
                title: issue.title,
                periodical: { id: periodical.id, name: periodical.name },
              }
            : null,
        comment:
          commentKinds.includes(n.kind) && comment
            ? {
                id: Number(comment.id),
                rootId: comment.rootId === null ? Number(comment.id) : Number(comment.rootId),
                excerpt: shown ? excerpt(comment.content) : '',
                gone: !shown,
              }
            : null,
        inquiry: inquiry ? { id: Number(inquiry.id), model: inquiry.model, supplierName: inquiry.supplierName } : null,
        savedSearch: n.kind === 'saved_search' ? (savedSearchOf.get(n.subjectId) ?? null) : null,
        demand: n.kind === 'demand' || n.kind === 'demand_answer' ? (demandOf.get(n.id) ?? null) : null,
      }
    })
  }

  /** demand / demand_answer notices → their demand (category name, quantity), by notice id; read by table name. */
  private async demandsOf(notices: Notice[]): Promise<Map<number, { id: number; category: string; quantity: number }>> {
    const out = new Map<number, { id: number; category: string; quantity: number }>()
    const q = quote(this.db.manager)
    const answerIds = notices.filter((n) => n.kind === 'demand_answer').map((n) => n.subjectId)
    const answers = answerIds.length
      ? await this.db
          .createQueryBuilder()
          .select(`ds.${q('id')}`, 'id')
          .addSelect(`ds.${q('demandId')}`, 'demandId')
          .from('demand_supplier', 'ds')
          .where(`ds.${q('id')} IN (:...answerIds)`, { answerIds })
          .getRawMany<{ id: number | string; demandId: number | string }>()
      : []
    const demandOfAnswer = new Map(answers.map((a) => [Number(a.id), Number(a.demandId)]))
    const demandIdOf = (n: Notice): number | undefined =>
      n.kind === 'demand' ? n.subjectId : n.kind === 'demand_answer' ? demandOfAnswer.get(n.subjectId) : undefined
    const demandIds = [...new Set(notices.map(demandIdOf).filter((id): id is number => id !== undefined))]
    if (!demandIds.length) return out
    const rows = await this.db
      .createQueryBuilder()
      .select(`d.${q('id')}`, 'id')
      .addSelect(`d.${q('quantity')}`, 'quantity')
      .addSelect(`c.${q('name')}`, 'category')
      .from('demand', 'd')
      .leftJoin('category', 'c', `c.${q('id')} = d.${q('categoryId')}`)
      .where(`d.${q('id')} IN (:...demandIds)`, { demandIds })
      .getRawMany<{ id: number | string; quantity: number | string; category: string | null }>()
    const byId = new Map(
      rows.map((r) => [Number(r.id), { id: Number(r.id), category: r.category ?? '', quantity: Number(r.quantity) }]),
    )
    for (const n of notices) {
      const id = demandIdOf(n)
      const demand = id === undefined ? undefined : byId.get(id)
      if (demand) out.set(n.id, demand)
    }
    return out
  }

  /** INSERT … SELECT from `follow`: one notice per distinct follower in the audience, none twice. */
  private async fanOut(
    em: EntityManager,
    spec: { kind: NoticeKind; subjectId: number; articleId: number | null },
    audience: Audience,
  ): Promise<void> {
    const q = quote(em)
    const now = new Date()
    const sql = `INSERT INTO ${q('notice')} (${COLUMNS.map(q).join(', ')})
      SELECT DISTINCT f.${q('userId')}, ${typed(em, ':kind', 'varchar')}, ${typed(em, ':subjectId', 'integer')},
             ${spec.articleId === null ? typed(em, 'NULL', 'integer') : typed(em, ':articleId', 'integer')},
             ${typed(em, 'NULL', 'integer')}, 1, ${typed(em, ':now', 'timestamp')}, ${typed(em, ':now', 'timestamp')},
             ${typed(em, ':now', 'timestamp')}, ${typed(em, 'NULL', 'timestamp')}
      FROM ${q('follow')} f
      WHERE ${audience.where}
        AND NOT EXISTS (SELECT 1 FROM ${q('notice')} n WHERE n.${q('userId')} = f.${q('userId')}
                        AND n.${q('kind')} = :kind AND n.${q('subjectId')} = :subjectId)`
    await run(em, sql, {
      ...audience.params,
      kind: spec.kind,
      subjectId: spec.subjectId,
      articleId: spec.articleId,
      now,
    })
  }
}

/** The columns every INSERT … SELECT above fills, in this order. */
const COLUMNS = ['userId', 'kind', 'subjectId', 'articleId', 'actorId', 'count', 'since', 'createdAt', 'at', 'readAt']

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > NOTICE_EXCERPT_LENGTH ? `${flat.slice(0, NOTICE_EXCERPT_LENGTH)}…` : flat
}
