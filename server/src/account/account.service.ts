import { Injectable } from '@nestjs/common'
import { IsNull, type EntityManager } from 'typeorm'
import { Session } from '../auth/session.entity'
import { CommentsService } from '../comments/comments.service'
import { Transactions } from '../database/transactions'
import { lockArticles, lockUser } from '../database/locks'
import { GrantsService } from '../delivery/grants.service'
import { LikesService } from '../engagement/likes.service'
import { FavoritesService } from '../favorites/favorites.service'
import { FollowsService } from '../follows/follows.service'
import { NoticesService } from '../notices/notices.service'
import { MessagesService } from '../messages/messages.service'
import { InquiriesService } from '../inquiries/inquiries.service'
import { SavedSearchesService } from '../saved-searches/saved-searches.service'
import { DemandsService } from '../demands/demands.service'
import { ProfileService } from './profile.service'
import { User } from '../users/user.entity'

/**
 * Deleting an account. The user row stays (comments point at it and show 已注销用户) with every personal field
 * cleared and `deletedAt` set; sessions are revoked; likes, favorites, folders, follows, saved searches, notices, comment votes and reports go, the text of its private messages goes, and
 * every count they touched is recounted; the avatar file is removed; the openid is released, so signing in with the
 * same WeChat account later makes a new user.
 */
@Injectable()
export class AccountService {
  constructor(
    private readonly transactions: Transactions,
    private readonly likes: LikesService,
    private readonly favorites: FavoritesService,
    private readonly follows: FollowsService,
    private readonly notices: NoticesService,
    private readonly messages: MessagesService,
    private readonly inquiries: InquiriesService,
    private readonly demands: DemandsService,
    private readonly profile: ProfileService,
    private readonly comments: CommentsService,
    private readonly grants: GrantsService,
    private readonly savedSearches: SavedSearchesService,
  ) {}

  async delete(userId: number, now = new Date()): Promise<void> {
    // Tokens die first, so nothing new is done in this account's name while it is being removed. Should the next
    // step fail, the openid is still there: signing in again finds the same account and the deletion can be retried.
    // A request that passed the guard before this still waits for the user row's lock taken next (see lockUser).
    await this.transactions.run((em) => this.revokeSessions(em, userId, now))

    const avatarUrl = await this.transactions.run(async (em) => {
      const user = await lockUser<Pick<User, 'id' | 'avatarUrl'>>(em, userId, ['id', 'avatarUrl'])
      const likedIds = await this.likes.articleIdsOf(em, userId)
      const collectedIds = await this.favorites.articleIdsOf(em, userId)
      // All the articles at once, in id order: the order every writer locks articles in.
      await lockArticles(em, [...likedIds, ...collectedIds])
      await this.likes.forgetUser(em, userId, likedIds)
      await this.favorites.forgetUser(em, userId, collectedIds)
      // Then what it followed (after the articles in the lock order), each count recounted.
      await this.follows.forgetUser(em, userId)
      // Then its conversations (私信, after followed rows in the lock order): the text of what it wrote goes.
      await this.messages.forgetUser(em, userId)
      // Then its inquiries (询价, after conversations in the lock order): open ones closed, every contact wiped.
      await this.inquiries.forgetUser(em, userId, now)
      await this.demands.forgetUser(em, userId)
      // Its subscribe-message credits, and what was queued for it.
      await this.grants.forgetUser(em, userId)
      // Its 订阅的搜索.
      await this.savedSearches.forgetUser(em, userId)
      // Its 消息 (notices are last in the lock order).
      await this.notices.forgetUser(em, userId)
      // A sign-in that slipped in since the first step.
      await this.revokeSessions(em, userId, now)
      await em.update(
        User,
        { id: userId },
        { nickname: '', avatarUrl: null, openid: null, unionid: null, wechatSessionKey: null, deletedAt: now },
      )
      return user.avatarUrl
    })
    // Comments stay (shown as 已注销用户); the votes and reports go, each comment recounted. After `deletedAt` is
    // set: a vote or report takes the user row's lock first (lockUser), so one that slipped in before is removed
    // here, and any later one is refused.
    await this.comments.forgetUser(userId)
    if (avatarUrl) await this.profile.removeStored(avatarUrl)
  }

  private async revokeSessions(em: EntityManager, userId: number, now: Date): Promise<void> {
    await em.update(Session, { userId, revokedAt: IsNull() }, { revokedAt: now })
  }
}
