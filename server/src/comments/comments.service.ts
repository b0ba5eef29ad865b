import { Injectable } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import {
  ErrorCode,
  type CommentInput,
  type CommentListQuery,
  type CommentPage,
  type CommentThread,
  type CommentView,
  type MyCommentPage,
  type MyListQuery,
  type ReplyListQuery,
  type ReplyPage,
} from '@chuangan/shared'
import { Brackets, In, Repository, type SelectQueryBuilder } from 'typeorm'
import { AppError } from '../common/app-error'
import { decodeCursor, encodeCursor } from '../common/cursor'
import { bindKey } from '../common/db'
import { Transactions } from '../common/transactions'
import { Article } from '../content/article.entity'
import { ContentCheckService } from '../moderation/content-check.service'
import type { User } from '../users/user.entity'
import { CommentReactions } from './comment-reactions.service'
import { CommentViews } from './comment-views.service'
import { Comment } from './comment.entity'
import { lockArticle, lockComment, recountAfterStatusChange } from './comment-counts'
import { canSee, replyVisibleWhere, threadVisible, threadVisibleWhere, type Viewer } from './visibility'

/** Featured (精选) threads shown above the first page; editors feature a handful, this only bounds a mistake. */
const FEATURED_MAX = 20
/** Replies shown folded under each thread (共 N 条回复 · 展开 opens the rest through `replies`). */
const FIRST_REPLIES = 3

export const NO_ARTICLE = '文章不存在或已下线'
export const NO_COMMENT = '评论不存在或已删除'
export const COMMENTS_CLOSED = '该文章已关闭评论'

/**
 * Readers' comments and replies: lists (featured first, then 热门 or newest, keyset pages), writing (content
 * check: pass → published, review → pending, risky → 422), deleting one's own. Every change that moves a count
 * locks the article row, then the thread's root, and sets the counts from the rows (see comment-counts.ts).
 */
@Injectable()
export class CommentsService {
  constructor(
    @InjectRepository(Comment) private readonly comments: Repository<Comment>,
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    private readonly views: CommentViews,
    private readonly reactions: CommentReactions,
    private readonly checks: ContentCheckService,
    private readonly transactions: Transactions,
  ) {}

  async list(articleId: number, query: CommentListQuery, viewer: Viewer): Promise<CommentPage> {
    const article = await this.articles.findOne({
      select: { id: true, commentCount: true, commentsClosed: true },
      where: { id: articleId, status: 'published' },
    })
    if (!article) throw AppError.notFound(NO_ARTICLE)
    const hot = query.sort === 'hot'
    const key = hot ? 'c.hotScore' : 'c.createdAt'
    const threads = () =>
      this.comments
        .createQueryBuilder('c')
        .where('c.articleId = :articleId AND c.rootId IS NULL', { articleId: bindKey(articleId) })
        .andWhere(threadVisibleWhere(viewer))
        .orderBy(key, 'DESC')
        .addOrderBy('c.id', 'DESC')

    const featured = query.cursor
      ? []
      : await threads().andWhere('c.featured = :featured', { featured: true }).limit(FEATURED_MAX).getMany()
    const rest = threads()
      .andWhere('c.featured = :featured', { featured: false })
      .limit(query.limit + 1)
    if (query.cursor) {
      const after = decodeCursor(query.sort, query.cursor, hot ? 'integer' : 'time')
      keysetAfter(rest, key, 'DESC', hot ? after.key : new Date(after.key), after.id)
    }
    const rows = await rest.getMany()
    const page = rows.slice(0, query.limit)
    const last = page[page.length - 1]
    const nextCursor =
      rows.length > query.limit && last
        ? encodeCursor(query.sort, { key: hot ? last.hotScore : last.createdAt.getTime(), id: last.id })
        : null
    return {
      items: await this.threads([...featured, ...page], viewer),
      nextCursor,
      total: article.commentCount,
      closed: article.commentsClosed,
    }
  }

  /** All replies under a top-level comment, oldest first (the author's pinned reply is on the thread instead). */
  async replies(rootId: number, query: ReplyListQuery, viewer: Viewer): Promise<ReplyPage> {
    const root = await this.comments.findOneBy({ id: rootId })
    if (!root || root.rootId !== null || !threadVisible(root, viewer) || !(await this.isPublished(root.articleId))) {
      throw AppError.notFound(NO_COMMENT)
    }
    const qb = this.replyQuery(rootId, viewer).limit(query.limit + 1)
    if (query.cursor) {
      const after = decodeCursor('replies', query.cursor, 'time')
      keysetAfter(qb, 'c.createdAt', 'ASC', new Date(after.key), after.id)
    }
    const rows = await qb.getMany()
    const page = rows.slice(0, query.limit)
    const last = page[page.length - 1]
    return {
      items: await this.views.many(page, viewer),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor('replies', { key: last.createdAt.getTime(), id: last.id })
          : null,
    }
  }

  /** My comments and replies, pending and hidden ones included (deleted ones not), newest first. */
  async mine(user: User, query: MyListQuery): Promise<MyCommentPage> {
    const qb = this.comments
      .createQueryBuilder('c')
      .where('c.userId = :userId AND c.status <> :deleted', { userId: bindKey(user.id), deleted: 'deleted' })
      .orderBy('c.createdAt', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(query.limit + 1)
    if (query.cursor) {
      const after = decodeCursor('mine', query.cursor, 'time')
      keysetAfter(qb, 'c.createdAt', 'DESC', new Date(after.key), after.id)
    }
    const rows = await qb.getMany()
    const page = rows.slice(0, query.limit)
    const last = page[page.length - 1]
    const [views, titles] = await Promise.all([this.views.many(page, user), this.titles(page)])
    return {
      items: page.map((c, i) => ({
        comment: views[i],
        article: { id: c.articleId, title: titles.get(c.articleId) ?? '' },
      })),
      nextCursor:
        rows.length > query.limit && last ? encodeCursor('mine', { key: last.createdAt.getTime(), id: last.id }) : null,
    }
  }

  /**
   * A comment, or a reply when `replyTo` is given. The content check runs before the transaction (it may call
   * WeChat; no lock is held meanwhile); the article and the answered comment are checked again under the lock.
   */
  async create(user: User, articleId: number, input: CommentInput, now = new Date()): Promise<CommentView> {
    const article = await this.articles.findOne({
      select: { id: true, commentsClosed: true },
      where: { id: articleId, status: 'published' },
    })
    if (!article) throw AppError.notFound(NO_ARTICLE)
    if (article.commentsClosed) throw new AppError(409, ErrorCode.Conflict, COMMENTS_CLOSED)
    if (input.replyTo !== undefined) {
      assertReplyable(await this.comments.findOneBy({ id: input.replyTo }), articleId, user)
    }

    const check = await this.checks.check({ openid: user.openid, text: input.content, scene: 2 })
    if (check.verdict === 'risky') {
      throw new AppError(422, ErrorCode.ValidationFailed, check.message!, [
        { path: 'body.content', message: check.message! },
      ])
    }
    const status = check.verdict === 'review' ? 'pending' : 'published'

    const saved = await this.transactions.run(async (em) => {
      const locked = await lockArticle(em, this.transactions.rowLock, articleId)
      if (!locked || locked.status !== 'published') throw AppError.notFound(NO_ARTICLE)
      if (locked.commentsClosed) throw new AppError(409, ErrorCode.Conflict, COMMENTS_CLOSED)
      let target: Comment | null = null
      let root: Comment | null = null
      if (input.replyTo !== undefined) {
        // Comment statuses change only under the article lock held here, so this read is current.
        target = assertReplyable(await em.findOneBy(Comment, { id: input.replyTo }), articleId, user)
        root = await lockComment(em, this.transactions.rowLock, target.rootId ?? target.id)
        if (!root) throw AppError.field('body.replyTo', NO_COMMENT)
      }
      const comment = await em.save(
        em.create(Comment, {
          articleId,
          userId: user.id,
          rootId: root?.id ?? null,
          replyToId: target?.id ?? null,
          replyToUserId: target?.userId ?? null,
          content: input.content,
          status,
          featured: false,
          isAuthorReply: false,
          likeCount: 0,
          dislikeCount: 0,
          replyCount: 0,
          reportCount: 0,
          hotScore: 0,
          checkLabel: status === 'pending' ? check.label : null,
          createdAt: now,
          updatedAt: now,
        }),
      )
      if (status === 'published') await recountAfterStatusChange(em, comment, root)
      return comment
    })
    return this.views.one(saved, user)
  }

  /** Deletes my own comment or reply: it leaves every list and count; a top-level one with replies leaves a placeholder. */
  async remove(user: User, id: number, now = new Date()): Promise<void> {
    const found = await this.comments.findOneBy({ id })
    if (!found || !canSee(found, user)) throw AppError.notFound(NO_COMMENT)
    if (found.userId !== user.id) throw new AppError(403, ErrorCode.Forbidden, '只能删除自己的评论')
    await this.transactions.run(async (em) => {
      await lockArticle(em, this.transactions.rowLock, found.articleId)
      const root = found.rootId !== null ? await lockComment(em, this.transactions.rowLock, found.rootId) : null
      // Then the comment itself (the root, again, for a top-level one): votes and reports on it lock only it.
      const comment = await lockComment(em, this.transactions.rowLock, id)
      if (!comment || comment.status === 'deleted') return
      Object.assign(comment, { status: 'deleted', featured: false }) // no longer 精选, as when hidden
      await em.update(Comment, { id }, { status: 'deleted', featured: false, updatedAt: now })
      await recountAfterStatusChange(em, comment, root)
    })
  }

  /**
   * For account deletion: removes the user's votes and reports, each with an exact recount of its comment. The
   * user's comments stay, shown as 已注销用户 once `User.deletedAt` is set. Runs its own transactions: call it
   * outside any transaction.
   */
  forgetUser(userId: number): Promise<void> {
    return this.reactions.forgetUser(userId)
  }

  /** Threads for top-level rows: each with its reply count, the author's pinned reply and its first replies. */
  private async threads(roots: Comment[], viewer: Viewer): Promise<CommentThread[]> {
    if (!roots.length) return []
    const ids = roots.map((r) => r.id)
    const authorReplies = await this.comments.find({
      where: { rootId: In(ids), isAuthorReply: true, status: 'published' },
      order: { createdAt: 'ASC', id: 'ASC' },
    })
    const firstReplies = await this.firstReplies(
      // skipped where nothing can be there for this viewer (a signed-in one may have pending replies anywhere)
      roots.filter((r) => r.replyCount > 0 || viewer).map((r) => r.id),
      viewer,
    )
    const views = await this.views.many([...roots, ...authorReplies, ...[...firstReplies.values()].flat()], viewer)
    const viewOf = new Map(views.map((v) => [v.id, v]))
    // The newest author reply is the pinned one (an editor's new author reply replaces the older one anyway).
    const pinned = new Map(authorReplies.map((a) => [a.rootId!, viewOf.get(a.id)!]))
    return roots.map((root) => ({
      ...viewOf.get(root.id)!,
      replyCount: root.replyCount,
      authorReply: pinned.get(root.id) ?? null,
      replies: (firstReplies.get(root.id) ?? []).map((r) => viewOf.get(r.id)!),
    }))
  }

  /**
   * The first replies of many threads in two queries, not one per thread: ROW_NUMBER() per thread picks the ids
   * (window functions: SQLite ≥ 3.25, PostgreSQL, MariaDB ≥ 10.2), then the rows are loaded by id.
   */
  private async firstReplies(rootIds: number[], viewer: Viewer): Promise<Map<number, Comment[]>> {
    const byRoot = new Map<number, Comment[]>()
    if (!rootIds.length) return byRoot
    const ranked = this.comments
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .addSelect('ROW_NUMBER() OVER (PARTITION BY c.rootId ORDER BY c.createdAt ASC, c.id ASC)', 'rn')
      .where('c.rootId IN (:...rootIds) AND c.isAuthorReply = :authorReply', { rootIds, authorReply: false })
      .andWhere(replyVisibleWhere(viewer))
    const picked = await this.comments.manager
      .createQueryBuilder()
      .select('t.id', 'id')
      .from(`(${ranked.getQuery()})`, 't')
      .where('t.rn <= :first', { first: FIRST_REPLIES })
      .setParameters(ranked.getParameters())
      .getRawMany<{ id: number | string }>()
    if (!picked.length) return byRoot
    const rows = await this.comments.find({
      where: { id: In(picked.map((p) => Number(p.id))) },
      order: { createdAt: 'ASC', id: 'ASC' },
    })
    for (const row of rows) byRoot.set(row.rootId!, [...(byRoot.get(row.rootId!) ?? []), row])
    return byRoot
  }

  private replyQuery(rootId: number, viewer: Viewer): SelectQueryBuilder<Comment> {
    return this.comments
      .createQueryBuilder('c')
      .where('c.rootId = :rootId AND c.isAuthorReply = :authorReply', { rootId: bindKey(rootId), authorReply: false })
      .andWhere(replyVisibleWhere(viewer))
      .orderBy('c.createdAt', 'ASC')
      .addOrderBy('c.id', 'ASC')
  }

  private async isPublished(articleId: number): Promise<boolean> {
    return this.articles.existsBy({ id: articleId, status: 'published' })
  }

  private async titles(rows: Comment[]): Promise<Map<number, string>> {
    const ids = [...new Set(rows.map((r) => r.articleId))]
    if (!ids.length) return new Map()
    const articles = await this.articles.find({ select: { id: true, title: true }, where: { id: In(ids) } })
    return new Map(articles.map((a) => [a.id, a.title]))
  }
}

/** The comment a reply answers: on this article, visible to the writer, and published. */
function assertReplyable(target: Comment | null, articleId: number, user: User): Comment {
  if (!target || target.articleId !== articleId || !canSee(target, user)) {
    throw AppError.field('body.replyTo', '要回复的评论不存在或已删除')
  }
  if (target.status !== 'published') throw AppError.field('body.replyTo', '该评论尚未公开，暂不能回复')
  return target
}

/** Rows after a keyset position in (key, id) order. */
export function keysetAfter<T extends object>(
  qb: SelectQueryBuilder<T>,
  key: string,
  direction: 'ASC' | 'DESC',
  value: number | Date,
  id: number,
): void {
  const op = direction === 'DESC' ? '<' : '>'
  qb.andWhere(
    new Brackets((w) =>
      w
        .where(`${key} ${op} :afterKey`, { afterKey: value })
        .orWhere(`${key} = :afterKey AND c.id ${op} :afterId`, { afterId: bindKey(id) }),
    ),
  )
}
