import { Module } from '@nestjs/common'
import { TypeOrmModule } from '@nestjs/typeorm'
import { Article } from '../content/article.entity'
import { Author } from '../content/author.entity'
import { NoticesModule } from '../notices/notices.module'
import { User } from '../users/user.entity'
import { CommentModeration } from './comment-moderation.service'
import { CommentReactions } from './comment-reactions.service'
import { CommentThreads } from './comment-threads.service'
import { CommentViews } from './comment-views.service'
import { Comment, CommentReport, CommentVote } from './comment.entity'
import { CommentsController } from './comments.controller'
import { CommentsService } from './comments.service'
import { EditorCommentsController } from './editor-comments.controller'

/**
 * Comments and replies, votes, reports and moderation. ContentCheckService (ModerationModule) and RateLimitService
 * (RateLimitModule) come from global modules. Exports CommentsService for account deletion (`forgetUser`).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Comment, CommentVote, CommentReport, Article, Author, User]), NoticesModule],
  controllers: [CommentsController, EditorCommentsController],
  providers: [CommentsService, CommentThreads, CommentReactions, CommentModeration, CommentViews],
  exports: [CommentsService],
})
export class CommentsModule {}
