import { Injectable } from '@nestjs/common'
import { InjectRepository } from '@nestjs/typeorm'
import {
  CommentErrors,
  type CommentVoteKind,
  type DeclaredError,
  type ReportInput,
  type VoteResult,
} from '@chuangan/shared'
import { Repository, type EntityManager } from 'typeorm'
import { AppError } from '../common/app-error'
import { Transactions } from '../database/transactions'
import { Article } from '../content/article.entity'
import { NoticesService } from '../notices/notices.service'
import type { User } from '../users/user.entity'
import { insertOnce, lockComment, lockUser } from '../database/locks'
import { recountReports, recountVotes } from './comment-counts'
import { CommentPages } from './comment-pages.service'
import { Comment, CommentReport, CommentVote } from './comment.entity'
import { canSee } from './visibility'

/**
 * What readers do to a comment: like or dislike it (one or the other, switchable, idempotent), take the vote back,
 * report it (once per reader). Each change locks the comment row, changes the reader's row and sets the comment's
 * counts from the rows, so the counts equal the rows under any concurrency.
 */
@Injectable()
export class CommentReactions {
  constructor(
    @InjectRepository(CommentVote) private readonly votes: Repository<CommentVote>,
    @InjectRepository(CommentReport) private readonly reports: Repository<CommentReport>,
    private readonly transactions: Transactions,
    private readonly notices: NoticesService,
    private readonly pages: CommentPages,
  ) {}

  async vote(user: User, id: number, kind: CommentVoteKind, now = new Date()): Promise<VoteResult> {
    let articleId = 0
    const result = await this.transactions.run(async (em) => {
      const comment = await this.lockActionable(em, user, id, CommentErrors.VOTE_TARGET_NOT_PUBLISHED)
      articleId = comment.articleId
      const mine = await em.findOneBy(CommentVote, { commentId: id, userId: user.id })
      let changed = false
      if (!mine) {
        changed = await insertOnce(em, () =>
          em.insert(CommentVote, { commentId: id, userId: user.id, kind, createdAt: now }),
        )
      } else if (mine.kind !== kind) {
        await em.update(CommentVote, { commentId: id, userId: user.id }, { kind, createdAt: now })
        changed = true
      }
      await recountVotes(em, comment)
      // a new like (not a repeat) tells the comment's writer, after the comment's lock (notices come last)
      if (changed && kind === 'like') await this.notices.liked(em, comment, user.id, now)
      return { myVote: kind, likes: comment.likeCount, dislikes: comment.dislikeCount }
    })
    await this.pages.changed(articleId)
    return result
  }

  async unvote(user: User, id: number): Promise<VoteResult> {
    let articleId = 0
    const result = await this.transactions.run(async (em) => {
      const comment = await lockComment<Comment>(em, id)
      if (!comment || !canSee(comment, user) || !(await isOnPublishedArticle(em, comment))) {
        throw AppError.of(CommentErrors.COMMENT_NOT_FOUND)
      }
      articleId = comment.articleId
      await em.delete(CommentVote, { commentId: id, userId: user.id })
      await recountVotes(em, comment)
      return { myVote: null, likes: comment.likeCount, dislikes: comment.dislikeCount }
    })
    await this.pages.changed(articleId)
    return result
  }

  /**
   * A report goes to the editors' queue; a reader's second report of the same comment changes nothing. Nothing a
   * comment page shows changes (the report count is the editors'), so the cached pages stay.
   */
  report(user: User, id: number, input: ReportInput, now = new Date()): Promise<void> {
    return this.transactions.run(async (em) => {
      const comment = await this.lockActionable(em, user, id, CommentErrors.COMMENT_NOT_PUBLISHED)
      if (comment.userId === user.id) throw AppError.of(CommentErrors.OWN_COMMENT_REPORTED)
      // The comment lock serialises this reader's reports of it; the savepoint only guards against the unexpected.
      if (await em.existsBy(CommentReport, { commentId: id, userId: user.id })) return
      await insertOnce(em, () =>
        em.insert(CommentReport, {
          commentId: id,
          userId: user.id,
          reason: input.reason,
          note: input.note || null,
          createdAt: now,
        }),
      )
      await recountReports(em, comment)
    })
  }

  /**
   * Removes a user's votes and reports (account deletion), recounting each comment they touched. Returns the
   * articles whose comments' vote counts changed (their pages are the caller's to forget).
   */
  async forgetUser(userId: number): Promise<number[]> {
    const voted = await this.votes.find({ select: { commentId: true }, where: { userId } })
    const articleIds = new Set<number>()
    for (const { commentId } of voted) {
      await this.transactions.run(async (em) => {
        const comment = await lockComment<Comment>(em, commentId)
        await em.delete(CommentVote, { commentId, userId })
        if (comment) {
          await recountVotes(em, comment)
          articleIds.add(comment.articleId)
        }
      })
    }
    const reported = await this.reports.find({ select: { commentId: true }, where: { userId } })
    for (const { commentId } of reported) {
      await this.transactions.run(async (em) => {
        const comment = await lockComment<Comment>(em, commentId)
        await em.delete(CommentReport, { commentId, userId })
        if (comment) await recountReports(em, comment)
      })
    }
    return [...articleIds]
  }

  /**
   * The comment, locked, when the user may act on it: 401 when the account was deleted meanwhile (its user row is
   * locked first, see lockLiveUser), 404 when they cannot see the comment, 409 when it is not published.
   */
  private async lockActionable(
    em: EntityManager,
    user: User,
    id: number,
    notPublished: DeclaredError,
  ): Promise<Comment> {
    await lockUser(em, user.id)
    const comment = await lockComment<Comment>(em, id)
    if (!comment || !canSee(comment, user) || !(await isOnPublishedArticle(em, comment))) {
      throw AppError.of(CommentErrors.COMMENT_NOT_FOUND)
    }
    if (comment.status !== 'published') throw AppError.of(notPublished)
    return comment
  }
}

async function isOnPublishedArticle(em: EntityManager, comment: Comment): Promise<boolean> {
  return em.existsBy(Article, { id: comment.articleId, status: 'published' })
}
