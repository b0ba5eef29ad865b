import { Module } from '@nestjs/common'
import { TypeOrmModule } from '@nestjs/typeorm'
import { Article } from '../content/article.entity'
import { Author } from '../content/author.entity'
import { ContentModule } from '../content/content.module'
import { EngagementModule } from '../engagement/engagement.module'
import { NoticesModule } from '../notices/notices.module'
import { User } from '../users/user.entity'
import { ArticlePageController } from './article-page.controller'
import { CommentModeration } from './comment-moderation.service'
import { CommentPages } from './comment-pages.service'
import { CommentReactions } from './comment-reactions.service'
import { CommentThreads } from './comment-threads.service'
import { CommentViews } from './comment-views.service'
import { Comment, CommentReport, CommentVote } from './comment.entity'
import { CommentsController } from './comments.controller'
import { CommentsService } from './comments.service'
import { EditorCommentsController } from './editor-comments.controller'

/**
 * Comments and replies, votes, reports and moderation. ContentCheckService (ModerationModule) and RateLimitService
 * (RateLimitModule) come from global modules; ContentCache (ContentModule) keeps the shared comment pages; the article page route
 * (ArticlePageController) puts the article (ContentModule), the viewer's state (EngagementModule) and the first comment page together. Exports CommentsService for account deletion (`forgetUser`).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Comment, CommentVote, CommentReport, Article, Author, User]),
    ContentModule,
    EngagementModule,
    NoticesModule,
  ],
  controllers: [CommentsController, ArticlePageController, EditorCommentsController],
  providers: [CommentsService, CommentPages, CommentThreads, CommentReactions, CommentModeration, CommentViews],
  exports: [CommentsService],
})
export class CommentsModule {}
