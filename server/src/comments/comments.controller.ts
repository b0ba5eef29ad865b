import { Controller, Header } from '@nestjs/common'
import type {
  ArticleParams,
  CommentInput,
  CommentListQuery,
  CommentParams,
  MyListQuery,
  ReplyListQuery,
  ReportInput,
  VoteInput,
} from '@chuangan/shared'
import { WantsViewer } from '../common/access'
import { CurrentUser } from '../auth/current-user.decorator'
import { ContractBody, ContractParams, ContractQuery, Route } from '../common/contract'
import { JSON_TYPE } from '../common/json-body'
import { RateLimit } from '../rate-limit/rate-limit.guard'
import type { User } from '../users/user.entity'
import { CommentPages } from './comment-pages.service'
import { CommentReactions } from './comment-reactions.service'
import { CommentsService } from './comments.service'

const DONE = { ok: true } as const

/** Readers' comments: lists are public (the viewer's own pending comments and votes included when signed in). */
@Controller()
export class CommentsController {
  constructor(
    private readonly comments: CommentsService,
    private readonly pages: CommentPages,
    private readonly reactions: CommentReactions,
  ) {}

  @Route('comments')
  @WantsViewer()
  @Header('content-type', JSON_TYPE)
  list(
    @ContractParams('comments') { id }: ArticleParams,
    @ContractQuery('comments') query: CommentListQuery,
    @CurrentUser() viewer?: User,
  ) {
    return this.pages.list(id, query, viewer ?? null)
  }

  @Route('createComment')
  @RateLimit('comment')
  create(
    @CurrentUser() user: User,
    @ContractParams('createComment') { id }: ArticleParams,
    @ContractBody('createComment') body: CommentInput,
  ) {
    return this.comments.create(user, id, body)
  }

  @Route('replies')
  @WantsViewer()
  replies(
    @ContractParams('replies') { id }: CommentParams,
    @ContractQuery('replies') query: ReplyListQuery,
    @CurrentUser() viewer?: User,
  ) {
    return this.comments.replies(id, query, viewer ?? null)
  }

  @Route('deleteComment')
  async remove(@CurrentUser() user: User, @ContractParams('deleteComment') { id }: CommentParams) {
    await this.comments.remove(user, id)
    return DONE
  }

  @Route('voteComment')
  @RateLimit('vote')
  vote(
    @CurrentUser() user: User,
    @ContractParams('voteComment') { id }: CommentParams,
    @ContractBody('voteComment') { vote }: VoteInput,
  ) {
    return this.reactions.vote(user, id, vote)
  }

  @Route('unvoteComment')
  @RateLimit('vote')
  unvote(@CurrentUser() user: User, @ContractParams('unvoteComment') { id }: CommentParams) {
    return this.reactions.unvote(user, id)
  }

  @Route('reportComment')
  @RateLimit('report')
  async report(
    @CurrentUser() user: User,
    @ContractParams('reportComment') { id }: CommentParams,
    @ContractBody('reportComment') body: ReportInput,
  ) {
    await this.reactions.report(user, id, body)
    return DONE
  }

  @Route('myComments')
  mine(@CurrentUser() user: User, @ContractQuery('myComments') query: MyListQuery) {
    return this.comments.mine(user, query)
  }
}
