import { Controller } from '@nestjs/common'
import type {
  ArticleParams,
  AuthorReplyInput,
  CommentParams,
  CommentSettingsInput,
  FeatureInput,
  ModerationQuery,
} from '@chuangan/shared'
import { CurrentUser } from '../auth/current-user.decorator'
import { ContractBody, ContractParams, ContractQuery, Route } from '../common/contract'
import type { User } from '../users/user.entity'
import { CommentModeration } from './comment-moderation.service'

/** Comment moderation under /api/editor (editors only, from the contract). */
@Controller()
export class EditorCommentsController {
  constructor(private readonly moderation: CommentModeration) {}

  @Route('editorModeration')
  queue(@CurrentUser() editor: User, @ContractQuery('editorModeration') query: ModerationQuery) {
    return this.moderation.queue(editor, query)
  }

  @Route('editorFeatureComment')
  feature(
    @CurrentUser() editor: User,
    @ContractParams('editorFeatureComment') { id }: CommentParams,
    @ContractBody('editorFeatureComment') { featured }: FeatureInput,
  ) {
    return this.moderation.feature(editor, id, featured)
  }

  @Route('editorHideComment')
  hide(@CurrentUser() editor: User, @ContractParams('editorHideComment') { id }: CommentParams) {
    return this.moderation.hide(editor, id)
  }

  @Route('editorRestoreComment')
  restore(@CurrentUser() editor: User, @ContractParams('editorRestoreComment') { id }: CommentParams) {
    return this.moderation.restore(editor, id)
  }

  @Route('editorAuthorReply')
  authorReply(
    @CurrentUser() editor: User,
    @ContractParams('editorAuthorReply') { id }: CommentParams,
    @ContractBody('editorAuthorReply') body: AuthorReplyInput,
  ) {
    return this.moderation.authorReply(editor, id, body)
  }

  @Route('editorCommentSettings')
  settings(
    @ContractParams('editorCommentSettings') { id }: ArticleParams,
    @ContractBody('editorCommentSettings') { closed }: CommentSettingsInput,
  ) {
    return this.moderation.settings(id, closed)
  }
}
