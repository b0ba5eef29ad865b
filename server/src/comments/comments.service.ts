import { Injectable } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import {
  CommentErrors,
  ContentErrors,
  ModerationErrors,
  type CommentInput,
  type CommentView,
  type MyCommentPage,
  type MyListQuery,
  type ReplyListQuery,
  type ReplyPage,
} from '@chuangan/shared'
import { In, Repository, type SelectQueryBuilder } from 'typeorm'
import { AppError } from '../common/app-error'
import { keysetPage } from '../common/keyset'
import { bindKey } from '../common/db'
import { Transactions } from '../database/transactions'
import { Article } from '../content/article.entity'
import { ContentCheckService, labelName } from '../moderation/content-check.service'
import { NoticesService } from '../notices/notices.service'
import type { User } from '../users/user.entity'
import { CommentReactions } from './comment-reactions.service'
import { CommentPages } from './comment-pages.service'
import { CommentViews } from './comment-views.service'
import { Comment } from './comment.entity'
import { lockArticle, lockComment } from '../database/locks'
import { LOCKED_ARTICLE, recountAfterStatusChange, type LockedArticle } from './comment-counts'
import { canSee, replyVisibleWhere, threadVisible, type Viewer } from './visibility'

/**
 * Readers' comments and replies: replies and 我的 lists (an article's list: CommentPages), writing (content check:
 * pass → published, review → pending, risky → 422), deleting one's own. Every change that moves a count locks the
 * article row, then the thread's root, and sets the counts from the rows (see comment-counts.ts); once committed, the
 * article's cached comment pages are forgotten (CommentPages.changed).
 */
@Injectable()
export class CommentsService {
  constructor(
    @InjectRepository(Comment) private readonly comments: Repository<Comment>,
    @InjectRepository(Article) private readonly articles: Repository<Article>,
    private readonly views: CommentViews,
    private readonly pages: CommentPages,
    private readonly reactions: CommentReactions,
    private readonly checks: ContentCheckService,
    private readonly transactions: Transactions,
    private readonly notices: NoticesService,
  ) {}

  /** All replies under a top-level comment, oldest first (the author's pinned reply is on the thread instead). */
  async replies(rootId: number, query: ReplyListQuery, viewer: Viewer): Promise<ReplyPage> {
    const root = await this.comments.findOneBy({ id: rootId })
    if (!root || root.rootId !== null || !threadVisible(root, viewer) || !(await this.isPublished(root.articleId))) {
      throw AppError.of(CommentErrors.COMMENT_NOT_FOUND)
    }
    const { items, nextCursor } = await keysetPage(this.replyQuery(rootId, viewer), {
      order: 'replies',
      key: { column: 'c.createdAt', kind: 'time', of: (c) => c.createdAt.getTime() },
      id: { column: 'c.id', of: (c) => c.id },
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    })
    return { items: await this.views.many(items, viewer), nextCursor }
  }

  /** My comments and replies, pending and hidden ones included (deleted ones not), newest first. */
  async mine(user: User, query: MyListQuery): Promise<MyCommentPage> {
    const qb = this.comments
      .createQueryBuilder('c')
      .where('c.userId = :userId AND c.status <> :deleted', { userId: bindKey(user.id), deleted: 'deleted' })
    const { items: page, nextCursor } = await keysetPage(qb, {
      order: 'mine',
      key: { column: 'c.createdAt', kind: 'time', of: (c) => c.createdAt.getTime() },
      id: { column: 'c.id', of: (c) => c.id },
      limit: query.limit,
      cursor: query.cursor,
    })
    const [views, titles] = await Promise.all([this.views.many(page, user), this.titles(page)])
    return {
      items: page.map((c, i) => ({
        comment: views[i],
        article: { id: c.articleId, title: titles.get(c.articleId) ?? '' },
      })),
      nextCursor,
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
    if (!article) throw AppError.of(ContentErrors.ARTICLE_NOT_FOUND)
    if (article.commentsClosed) throw AppError.of(CommentErrors.COMMENTS_CLOSED)
    if (input.replyTo !== undefined) {
      assertReplyable(await this.comments.findOneBy({ id: input.replyTo }), articleId, user)
    }

    const check = await this.checks.check({ openid: user.openid, text: input.content, scene: 2 })
    if (check.verdict === 'risky') {
      throw AppError.of(ModerationErrors.CONTENT_REJECTED, {
        params: { kind: labelName(check.label) },
        field: 'body.content',
      })
    }
    const status = check.verdict === 'review' ? 'pending' : 'published'

    const saved = await this.transactions.run(async (em) => {
      const locked = await lockArticle<LockedArticle>(em, articleId, LOCKED_ARTICLE)
      if (!locked || locked.status !== 'published') throw AppError.of(ContentErrors.ARTICLE_NOT_FOUND)
      if (locked.commentsClosed) throw AppError.of(CommentErrors.COMMENTS_CLOSED)
      let target: Comment | null = null
      let root: Comment | null = null
      if (input.replyTo !== undefined) {
        // Comment statuses change only under the article lock held here, so this read is current.
        target = assertReplyable(await em.findOneBy(Comment, { id: input.replyTo }), articleId, user)
        root = await lockComment<Comment>(em, target.rootId ?? target.id)
        if (!root) throw AppError.of(CommentErrors.REPLY_TARGET_NOT_FOUND, { field: 'body.replyTo' })
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
      if (status === 'published') {
        await recountAfterStatusChange(em, comment, root)
        // 消息 for the answered comment's writer (a pending reply is noticed when an editor restores it)
        if (target) await this.notices.replied(em, comment, now)
      }
      return comment
    })
    await this.pages.changed(articleId)
    return this.views.one(saved, user)
  }

  /** Deletes my own comment or reply: it leaves every list and count; a top-level one with replies leaves a placeholder. */
  async remove(user: User, id: number, now = new Date()): Promise<void> {
    const found = await this.comments.findOneBy({ id })
    if (!found || !canSee(found, user)) throw AppError.of(CommentErrors.COMMENT_NOT_FOUND)
    if (found.userId !== user.id) throw AppError.of(CommentErrors.NOT_COMMENT_OWNER)
    await this.transactions.run(async (em) => {
      await lockArticle<LockedArticle>(em, found.articleId, LOCKED_ARTICLE)
      const root = found.rootId !== null ? await lockComment<Comment>(em, found.rootId) : null
      // Then the comment itself (the root, again, for a top-level one): votes and reports on it lock only it.
      const comment = await lockComment<Comment>(em, id)
      if (!comment || comment.status === 'deleted') return
      Object.assign(comment, { status: 'deleted', featured: false }) // no longer 精选, as when hidden
      await em.update(Comment, { id }, { status: 'deleted', featured: false, updatedAt: now })
      await recountAfterStatusChange(em, comment, root)
    })
    await this.pages.changed(found.articleId)
  }

  /**
   * For account deletion: removes the user's votes and reports, each with an exact recount of its comment. The
   * user's comments stay, shown as 已注销用户 once `User.deletedAt` is set. Runs its own transactions: call it
   * outside any transaction.
   */
  async forgetUser(userId: number): Promise<void> {
    const voted = await this.reactions.forgetUser(userId)
    await this.pages.changed(...voted)
    await this.pages.userChanged(userId)
  }

  /** The user's nickname or avatar changed: the comment pages that show them are forgotten. */
  userChanged(userId: number): Promise<void> {
    return this.pages.userChanged(userId)
  }

  private replyQuery(rootId: number, viewer: Viewer): SelectQueryBuilder<Comment> {
    return this.comments
      .createQueryBuilder('c')
      .where('c.rootId = :rootId AND c.isAuthorReply = :authorReply', { rootId: bindKey(rootId), authorReply: false })
      .andWhere(replyVisibleWhere(viewer))
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
    throw AppError.of(CommentErrors.REPLY_TARGET_NOT_FOUND, { field: 'body.replyTo' })
  }
  if (target.status !== 'published') {
    throw AppError.of(CommentErrors.REPLY_TARGET_NOT_PUBLISHED, { field: 'body.replyTo' })
  }
  return target
}
