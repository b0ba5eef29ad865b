import { Module } from '@nestjs/common'
import { ContentModule } from '../content/content.module'
import { FollowsController } from './follows.controller'
import { FollowsService } from './follows.service'

/** Followers: following authors and columns, subscribing to periodicals, 我的关注, the 关注 feed. */
@Module({
  imports: [ContentModule],
  controllers: [FollowsController],
  providers: [FollowsService],
  exports: [FollowsService],
})
export class FollowsModule {}
