/**
 * Every feature's declared errors (`@chuangan/shared/errors`, zod-free). The framework's generic codes
 * (VALIDATION_FAILED, UNAUTHORIZED, …) are `ErrorCode` in ../errors.ts.
 */
import { AdErrors } from './ads'
import { AuthErrors } from './auth'
import { CommentErrors } from './comments'
import { ContentErrors } from './content'
import type { DeclaredError } from './define'
import { DemandErrors } from './demands'
import { EditorErrors } from './editor'
import { FavoriteErrors } from './favorites'
import { FollowErrors } from './follows'
import { InquiryErrors } from './inquiries'
import { MediaErrors } from './media'
import { MessageErrors } from './messages'
import { ModerationErrors } from './moderation'
import { NoticeErrors } from './notices'
import { PosterErrors } from './poster'
import { ProfileErrors } from './profile'
import { SavedSearchErrors } from './saved-searches'
import { SearchErrors } from './search'
import { SubscriptionErrors } from './subscriptions'
import { UploadErrors } from './upload'

export * from './define'
export {
  AdErrors,
  AuthErrors,
  CommentErrors,
  ContentErrors,
  DemandErrors,
  EditorErrors,
  FavoriteErrors,
  FollowErrors,
  InquiryErrors,
  MediaErrors,
  MessageErrors,
  ModerationErrors,
  NoticeErrors,
  PosterErrors,
  ProfileErrors,
  SavedSearchErrors,
  SearchErrors,
  SubscriptionErrors,
  UploadErrors,
}

/** Each feature's errors by feature name. */
export const featureErrors = {
  content: ContentErrors,
  comments: CommentErrors,
  favorites: FavoriteErrors,
  auth: AuthErrors,
  profile: ProfileErrors,
  moderation: ModerationErrors,
  editor: EditorErrors,
  ads: AdErrors,
  poster: PosterErrors,
  upload: UploadErrors,
  media: MediaErrors,
  search: SearchErrors,
  follows: FollowErrors,
  subscriptions: SubscriptionErrors,
  notices: NoticeErrors,
  messages: MessageErrors,
  inquiries: InquiryErrors,
  savedSearches: SavedSearchErrors,
  demands: DemandErrors,
} as const

type Features = typeof featureErrors

/** The code of any declared error. */
export type DeclaredErrorCode = { [F in keyof Features]: keyof Features[F] & string }[keyof Features]

/** Every declared error, each once. */
export const declaredErrors: readonly DeclaredError[] = Object.values(featureErrors).flatMap((f) =>
  Object.values(f as Record<string, DeclaredError>),
)
