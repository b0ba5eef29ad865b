import { Module } from '@nestjs/common'
import { DeliveryModule } from '../delivery/delivery.module'
import { TypeOrmModule } from '@nestjs/typeorm'
import { Session } from '../auth/session.entity'
import { CommentsModule } from '../comments/comments.module'
import { EngagementModule } from '../engagement/engagement.module'
import { FavoritesModule } from '../favorites/favorites.module'
import { FollowsModule } from '../follows/follows.module'
import { NoticesModule } from '../notices/notices.module'
import { MessagesModule } from '../messages/messages.module'
import { InquiriesModule } from '../inquiries/inquiries.module'
import { SavedSearchesModule } from '../saved-searches/saved-searches.module'
import { DemandsModule } from '../demands/demands.module'
import { AccountService } from './account.service'
import { ProfileController } from './profile.controller'
import { ProfileService } from './profile.service'
import { User } from '../users/user.entity'

/** The signed-in reader's own account: profile and deletion. ContentCheckService and FileStore come from global modules. */
@Module({
  imports: [
    TypeOrmModule.forFeature([User, Session]),
    EngagementModule,
    FavoritesModule,
    DeliveryModule,
    FollowsModule,
    NoticesModule,
    MessagesModule,
    InquiriesModule,
    SavedSearchesModule,
    DemandsModule,
    CommentsModule,
  ],
  controllers: [ProfileController],
  providers: [ProfileService, AccountService],
})
export class AccountModule {}
