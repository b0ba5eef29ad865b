import { Injectable } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import {
  CommentErrors,
  ContentErrors,
  REPORT_REASONS,
  type AuthorReplyInput,
  type CommentView,
  type ModerationPage,
  type ModerationQuery,
} from '@chuangan/shared'
import { In, Not, Repository, type EntityManager } from 'typeorm'
import { AppError } from '../common/app-error'
import { keysetPage } from '../common/keyset'
import { Transactions } from '../database/transactions'
import { Article } from '../content/article.entity'
import { NoticesService } from '../notices/notices.service'
import type { User } from '../users/user.entity'
import { lockArticle, lockComment } from '../database/locks'
import { LOCKED_ARTICLE, recountAfterStatusChange, recountArticle, type LockedArticle } from './comment-counts'
import { CommentPages } from './comment-pages.service'
import { CommentViews } from './comment-views.service'
import { Comment, CommentReport } from './comment.entity'

/**
 * The editors' side: the moderation queue (reported, pending, hidden), 精选, hide and restore, the author's pinned
 * reply, and closing comments on an article. Status changes lock the article row, then the thread's root, and
 * recount like the readers' changes do; once committed, the article's cached comment pages are forgotten.
 */
@Injectable()
export class CommentModeration {
  constructor(
    @InjectRepository(Comment) private readonly comments: Repository<Comment>,
    @InjectRepository(CommentReport) private readonly reports: Repository<CommentReport>,
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    private readonly views: CommentViews,
    private readonly transactions: Transactions,
    private readonly notices: NoticesService,
    private readonly pages: CommentPages,
  ) {}

  /**
   * reported: published comments with reports, most reported first; pending: 审核中, newest first; hidden: newest
   * first. Each item carries its article, report count and reasons, and the check's label.
   */
  async queue(editor: User, query: ModerationQuery): Promise<ModerationPage> {
    const reported = query.queue === 'reported'
    const qb = this.comments.createQueryBuilder('c')
    if (reported) qb.where('c.reportCount > 0 AND c.status = :status', { status: 'published' })
    else qb.where('c.status = :status', { status: query.queue })
    const { items: page, nextCursor } = await keysetPage(qb, {
      order: query.queue,
      key: reported
        ? { column: 'c.reportCount', kind: 'integer', of: (c) => c.reportCount }
        : { column: 'c.id', kind: 'integer', of: (c) => c.id },
      id: { column: 'c.id', of: (c) => c.id },
      limit: query.limit,
      cursor: query.cursor,
    })
    const ids = page.map((c) => c.id)
    const [views, articles, reports] = await Promise.all([
      this.views.many(page, editor),
      ids.length
        ? this.articles.find({ select: { id: true, title: true }, where: { id: In(page.map((c) => c.articleId)) } })
        : [],
      ids.length ? this.reports.find({ select: { commentId: true, reason: true }, where: { commentId: In(ids) } }) : [],
    ])
    const titles = new Map(articles.map((a) => [a.id, a.title]))
    return {
      items: page.map((c, i) => ({
        comment: views[i],
        article: { id: c.articleId, title: titles.get(c.articleId) ?? '' },
        reports: c.reportCount,
        reasons: REPORT_REASONS.filter((reason) => reports.some((r) => r.commentId === c.id && r.reason === reason)),
        checkLabel: c.checkLabel,
      })),
      nextCursor,
    }
  }

  /**
   * 精选 on or off; only published top-level comments can be featured. Under the locks status changes take, so a
   * comment hidden or deleted meanwhile is not featured.
   */
  feature(editor: User, id: number, featured: boolean, now = new Date()): Promise<CommentView> {
    return this.changeStatus(editor, id, async (em, comment) => {
      if (comment.rootId !== null) throw AppError.of(CommentErrors.REPLY_NOT_FEATURABLE)
      if (featured && comment.status !== 'published') throw AppError.of(CommentErrors.UNPUBLISHED_NOT_FEATURABLE)
      await em.update(Comment, { id }, { featured, updatedAt: now })
      comment.featured = featured
      return false // no count changes
    })
  }

  /**
   * Hides a comment from readers (its writer still sees it under 我的); counts drop as for a deletion. It stops being
   * 精选 (restoring it does not feature it again).
   */
  hide(editor: User, id: number, now = new Date()): Promise<CommentView> {
    return this.changeStatus(editor, id, async (em, comment) => {
      if (comment.status === 'hidden') return false
      await em.update(Comment, { id }, { status: 'hidden', featured: false, updatedAt: now })
      Object.assign(comment, { status: 'hidden', featured: false })
      return true
    })
  }

  /** Publishes a pending or hidden comment and clears its reports (also how a report is dismissed). */
  restore(editor: User, id: number, now = new Date()): Promise<CommentView> {
    return this.changeStatus(editor, id, async (em, comment) => {
      await em.delete(CommentReport, { commentId: id })
      await em.update(Comment, { id }, { status: 'published', reportCount: 0, updatedAt: now })
      const changed = comment.status !== 'published'
      Object.assign(comment, { status: 'published', reportCount: 0 })
      // a reply held for review (or hidden) reaches its reader now; noticed once however often it is restored
      if (changed && comment.rootId !== null) await this.notices.replied(em, comment, now)
      return changed
    })
  }

  /**
   * Replies as the article's author (shown with the author's name and avatar, badge 'author'), pinned under the
   * thread of the comment it answers; an earlier author reply in that thread is replaced (marked deleted). Written
   * by staff, so published without the content check. Allowed on closed articles.
   */
  async authorReply(editor: User, id: number, input: AuthorReplyInput, now = new Date()): Promise<CommentView> {
    const target = await this.comments.findOneBy({ id })
    if (!target || target.status === 'deleted') throw AppError.of(CommentErrors.COMMENT_NOT_FOUND)
    const saved = await this.transactions.run(async (em) => {
      const article = await lockArticle<LockedArticle>(em, target.articleId, LOCKED_ARTICLE)
      if (!article || article.status !== 'published') throw AppError.of(ContentErrors.ARTICLE_NOT_FOUND)
      const root = await lockComment<Comment>(em, target.rootId ?? target.id)
      const current = root?.id === id ? root : await em.findOneBy(Comment, { id })
      if (!root || !current || current.status === 'deleted') throw AppError.of(CommentErrors.COMMENT_NOT_FOUND)
      if (current.status !== 'published') throw AppError.of(CommentErrors.AUTHOR_REPLY_TARGET_NOT_PUBLISHED)
      await em.update(
        Comment,
        { rootId: root.id, isAuthorReply: true, status: Not('deleted') },
        { status: 'deleted', updatedAt: now },
      )
      const reply = await em.save(
        em.create(Comment, {
          articleId: target.articleId,
          userId: editor.id,
          rootId: root.id,
          replyToId: current.id,
          replyToUserId: current.userId,
          content: input.content,
          status: 'published',
          featured: false,
          isAuthorReply: true,
          likeCount: 0,
          dislikeCount: 0,
          replyCount: 0,
          reportCount: 0,
          hotScore: 0,
          checkLabel: null,
          createdAt: now,
          updatedAt: now,
        }),
      )
      await recountArticle(em, target.articleId)
      await this.notices.replied(em, reply, now)
      return reply
    })
    await this.pages.changed(target.articleId)
    return this.views.one(saved, editor)
  }

  /** Opens or closes comments on an article (any status): closed, the list stays and writing is refused. */
  async settings(articleId: number, closed: boolean): Promise<{ closed: boolean }> {
    const result = await this.articles.update({ id: articleId }, { commentsClosed: closed })
    if (!result.affected && !(await this.articles.existsBy({ id: articleId })))
      throw AppError.of(ContentErrors.ARTICLE_NOT_FOUND)
    await this.pages.changed(articleId)
    return { closed }
  }

  /**
   * Runs a status change (or 精选) with the article, the thread's root and the comment locked (in that order, as
   * everywhere), then recounts the thread and the article when `apply` says the counts changed. A comment its writer
   * deleted stays deleted (404).
   */
  private async changeStatus(
    editor: User,
    id: number,
    apply: (em: EntityManager, comment: Comment) => Promise<boolean>,
  ): Promise<CommentView> {
    const found = await this.comments.findOneBy({ id })
    if (!found || found.status === 'deleted') throw AppError.of(CommentErrors.COMMENT_NOT_FOUND)
    const comment = await this.transactions.run(async (em) => {
      await lockArticle<LockedArticle>(em, found.articleId, LOCKED_ARTICLE)
      const root = await lockComment<Comment>(em, found.rootId ?? found.id)
      const current = found.rootId === null ? root : await lockComment<Comment>(em, id)
      if (!current || current.status === 'deleted') throw AppError.of(CommentErrors.COMMENT_NOT_FOUND)
      if (await apply(em, current)) await recountAfterStatusChange(em, current, found.rootId === null ? null : root)
      return current
    })
    await this.pages.changed(found.articleId)
    return this.views.one(comment, editor)
  }
}
