import { z } from 'zod'
import {
  ArticleDetail,
  ArticleParams,
  AuthorProfile,
  ColumnList,
  ColumnProfile,
  FeedPage,
  FeedQuery,
  HotTags,
  PeriodicalDetail,
  PeriodicalList,
  ReadResult,
  SlugParams,
  TagParams,
  TagProfile,
} from './content'
import {
  AdSlotInput,
  AdSlotList,
  AdSlotView,
  ArticleInput,
  ArticleStats,
  ArticleUpdate,
  AuthorInput,
  ColumnInput,
  ColumnUpdate,
  Created,
  EditorArticle,
  EditorArticleList,
  EditorArticleQuery,
  IdParams,
  IssueInput,
  PeriodicalInput,
  ScheduleInput,
  TagInput,
} from './editor'
import { LikeResult, MyLikesPage, MyListQuery, ViewerState } from './engagement'
import { DeleteAccountInput, DevLoginInput, Done, LoginResult, Me, ProfileInput, WechatLoginInput } from './auth'
import {
  AuthorReplyInput,
  CommentInput,
  CommentListQuery,
  CommentPage,
  CommentParams,
  CommentSettings,
  CommentSettingsInput,
  CommentView,
  FeatureInput,
  ModerationPage,
  ModerationQuery,
  MyCommentPage,
  ReplyListQuery,
  ReplyPage,
  ReportInput,
  VoteInput,
  VoteResult,
} from './comments'
import {
  CollectInput,
  CollectResult,
  FolderInput,
  FolderItems,
  FolderItemsQuery,
  FolderList,
  FolderView,
  MoveInput,
} from './favorites'
import {
  OpenRecorded,
  PosterQuery,
  RecordOpenInput,
  RecordShareInput,
  ShareCodeQuery,
  ShareRecorded,
  ShareStats,
} from './share-api'
import { Health } from './health'
import {
  CategoryTree,
  HotSearches,
  ProductDetail,
  ProductParams,
  SearchQuery,
  SearchResult,
  SuggestQuery,
  Suggestions,
} from './search'
import { AVATAR_MAX_BYTES, AVATAR_TYPES, MAX_FOLDERS } from './limits'
import { paths, type HttpMethod, type RouteName } from './paths'
import { ErrorCode } from './errors'
import {
  AdErrors,
  AuthErrors,
  CommentErrors,
  ContentErrors,
  EditorErrors,
  FavoriteErrors,
  ModerationErrors,
  PosterErrors,
  ProfileErrors,
  SearchErrors,
  UploadErrors,
  type DeclaredError,
} from './errors/index'

/** Who may call a route: anyone, any signed-in user, an author (own content) or editor, or editors only. */
export type Access = 'public' | 'user' | 'author' | 'editor'

/** Every API route, once: the server registers and documents these; the client calls them. */
export interface RouteContract {
  method: HttpMethod
  /** Path under the API prefix, with `:param` placeholders. */
  path: string
  summary: string
  tag: string
  access: Access
  params?: z.ZodType
  query?: z.ZodType
  body?: z.ZodType
  response: z.ZodType
  /** HTTP status of a success; 200 unless set (201 for POST). */
  status?: number
  /** The body is multipart/form-data with one file in this field (checked by the handler, not by a schema). */
  upload?: { field: string; maxBytes: number; types: readonly string[] }
  /** A binary answer (the response schema then only documents it). */
  produces?: 'image/png'
  /** The declared errors it can answer (the generic ones it implies are in `genericErrors`). */
  errors?: readonly DeclaredError[]
  /** Limited per reader and per IP: may answer 429 RATE_LIMITED with Retry-After. */
  rateLimited?: true
}

/** A generic code a route can answer, and when. */
export interface GenericError {
  status: number
  code: ErrorCode
  why: string
}

/** The generic errors a route implies by its shape: input, access and rate limits. */
export function genericErrors(route: RouteContract): GenericError[] {
  const out: GenericError[] = []
  if (route.params || route.query || route.body || route.upload) {
    out.push({ status: 400, code: ErrorCode.ValidationFailed, why: 'the input does not match the schema' })
  }
  if (route.body) {
    out.push(
      { status: 400, code: ErrorCode.MalformedJson, why: 'the body is not JSON' },
      { status: 413, code: ErrorCode.PayloadTooLarge, why: 'the body is over the server’s limit' },
      { status: 415, code: ErrorCode.UnsupportedMediaType, why: 'the body is not application/json' },
    )
  }
  if (route.access !== 'public') out.push({ status: 401, code: ErrorCode.Unauthorized, why: 'not signed in' })
  if (route.access === 'author' || route.access === 'editor') {
    out.push({ status: 403, code: ErrorCode.Forbidden, why: `only ${route.access}s may call it` })
  }
  if (route.rateLimited) out.push({ status: 429, code: ErrorCode.RateLimited, why: 'too many calls' })
  return out
}

/** What a code exchange with WeChat can answer, on either way of signing in. */
const LOGIN = [
  AuthErrors.LOGIN_CODE_INVALID,
  AuthErrors.LOGIN_TOO_FREQUENT,
  AuthErrors.LOGIN_BLOCKED,
  AuthErrors.LOGIN_UNAVAILABLE,
]

/** A share's target must be visible to anyone. */
const SHARE_TARGETS = [
  ContentErrors.ARTICLE_NOT_FOUND,
  ContentErrors.AUTHOR_NOT_FOUND,
  ContentErrors.COLUMN_NOT_FOUND,
  ContentErrors.PERIODICAL_NOT_FOUND,
]

/** What writing an article can answer (the editor API's create and update). */
const ARTICLE_WRITE = [
  ContentErrors.UNKNOWN_AUTHOR,
  ContentErrors.UNKNOWN_COLUMN,
  ContentErrors.BODY_REQUIRED,
  ContentErrors.BODY_EMPTY,
  ContentErrors.ARTICLE_SLUG_TAKEN,
]

const Pong = z.object({ ok: z.literal(true) })

export const routes = {
  health: {
    ...paths.health,
    summary: 'Liveness and database check',
    tag: 'system',
    access: 'public',
    response: Health,
  },
  ping: {
    ...paths.ping,
    summary: 'Trivial route (benchmark baseline)',
    tag: 'system',
    access: 'public',
    response: Pong,
  },

  wechatLogin: {
    ...paths.wechatLogin,
    summary: 'Sign in with a wx.login code; answers a session token (session_key never leaves the server)',
    tag: 'auth',
    access: 'public',
    body: WechatLoginInput,
    response: LoginResult,
    status: 200,
    errors: LOGIN,
  },
  devLogin: {
    ...paths.devLogin,
    summary: 'Development only (the WeChat emulator is in use): sign in as a named test user, e.g. from the H5 build',
    tag: 'auth',
    access: 'public',
    body: DevLoginInput,
    response: LoginResult,
    status: 200,
    errors: [AuthErrors.DEV_LOGIN_UNAVAILABLE, ...LOGIN],
  },
  logout: {
    ...paths.logout,
    summary: 'End this session (its token stops working)',
    tag: 'auth',
    access: 'user',
    response: Done,
    status: 200,
  },
  me: { ...paths.me, summary: 'The signed-in user', tag: 'auth', access: 'user', response: Me },
  updateProfile: {
    ...paths.updateProfile,
    summary: 'Change my nickname (checked by msg_sec_check and our word filter)',
    tag: 'profile',
    access: 'user',
    body: ProfileInput,
    response: Me,
    errors: [ProfileErrors.NICKNAME_REJECTED, ProfileErrors.NICKNAME_NOT_APPROVED],
    rateLimited: true,
  },
  uploadAvatar: {
    ...paths.uploadAvatar,
    summary: 'Upload my avatar (multipart field "file": JPEG, PNG or WebP, at most 2 MB)',
    tag: 'profile',
    access: 'user',
    response: Me,
    status: 200,
    upload: { field: 'file', maxBytes: AVATAR_MAX_BYTES, types: AVATAR_TYPES },
    errors: Object.values(UploadErrors),
    rateLimited: true,
  },
  deleteAccount: {
    ...paths.deleteAccount,
    summary: 'Delete my account: personal data removed, my comments shown as 已注销用户, counts kept exact',
    tag: 'profile',
    access: 'user',
    body: DeleteAccountInput,
    response: Done,
  },
  myLikes: {
    ...paths.myLikes,
    summary: 'Articles I liked, newest first',
    tag: 'profile',
    access: 'user',
    query: MyListQuery,
    response: MyLikesPage,
  },
  myComments: {
    ...paths.myComments,
    summary: 'My comments and replies with their status (审核中 included), newest first',
    tag: 'comments',
    access: 'user',
    query: MyListQuery,
    response: MyCommentPage,
  },

  folders: {
    ...paths.folders,
    summary: 'My 收藏夹 (the default one is made on first use)',
    tag: 'favorites',
    access: 'user',
    response: FolderList,
  },
  createFolder: {
    ...paths.createFolder,
    summary: `Create a folder (names unique per reader, at most ${MAX_FOLDERS} folders)`,
    tag: 'favorites',
    access: 'user',
    body: FolderInput,
    response: FolderView,
    errors: [FavoriteErrors.FOLDER_LIMIT_REACHED, FavoriteErrors.FOLDER_NAME_TAKEN],
  },
  renameFolder: {
    ...paths.renameFolder,
    summary: 'Rename one of my folders',
    tag: 'favorites',
    access: 'user',
    params: IdParams,
    body: FolderInput,
    response: FolderView,
    errors: [FavoriteErrors.FOLDER_NOT_FOUND, FavoriteErrors.FOLDER_NAME_TAKEN],
  },
  deleteFolder: {
    ...paths.deleteFolder,
    summary: 'Delete one of my folders and the favorites in it (not the default folder)',
    tag: 'favorites',
    access: 'user',
    params: IdParams,
    response: Done,
    errors: [FavoriteErrors.FOLDER_NOT_FOUND, FavoriteErrors.DEFAULT_FOLDER_UNDELETABLE],
  },
  folderItems: {
    ...paths.folderItems,
    summary: 'Articles in one of my folders, newest collected first',
    tag: 'favorites',
    access: 'user',
    params: IdParams,
    query: FolderItemsQuery,
    response: FolderItems,
    errors: [FavoriteErrors.FOLDER_NOT_FOUND],
  },
  moveFavorite: {
    ...paths.moveFavorite,
    summary: 'Move an article from one of my folders to another',
    tag: 'favorites',
    access: 'user',
    body: MoveInput,
    response: CollectResult,
    status: 200,
    errors: [ContentErrors.ARTICLE_NOT_FOUND, FavoriteErrors.FOLDER_NOT_FOUND, FavoriteErrors.NOT_IN_FOLDER],
  },
  collectArticle: {
    ...paths.collectArticle,
    summary: 'Put an article in exactly these of my folders ([] removes it from all)',
    tag: 'favorites',
    access: 'user',
    params: ArticleParams,
    body: CollectInput,
    response: CollectResult,
    errors: [ContentErrors.ARTICLE_NOT_FOUND, FavoriteErrors.FOLDER_NOT_FOUND],
  },

  feed: {
    ...paths.feed,
    summary: 'Article feed by column, tag, author or periodical; latest or hot; keyset-paginated',
    tag: 'content',
    access: 'public',
    query: FeedQuery,
    response: FeedPage,
  },
  article: {
    ...paths.article,
    summary: 'One published article with everything its page shows',
    tag: 'content',
    access: 'public',
    params: ArticleParams,
    response: ArticleDetail,
    errors: [ContentErrors.ARTICLE_NOT_FOUND],
  },
  readArticle: {
    ...paths.readArticle,
    summary: 'Count a read (once per reader per article per day)',
    tag: 'content',
    access: 'public',
    params: ArticleParams,
    response: ReadResult,
    status: 200,
    errors: [ContentErrors.ARTICLE_NOT_FOUND],
  },
  viewerState: {
    ...paths.viewerState,
    summary: 'The caller’s own state on an article (liked), with the exact like count',
    tag: 'engagement',
    access: 'user',
    params: ArticleParams,
    response: ViewerState,
    errors: [ContentErrors.ARTICLE_NOT_FOUND],
  },
  likeArticle: {
    ...paths.likeArticle,
    summary: 'Like an article (idempotent)',
    tag: 'engagement',
    access: 'user',
    params: ArticleParams,
    response: LikeResult,
    errors: [ContentErrors.ARTICLE_NOT_FOUND],
  },
  unlikeArticle: {
    ...paths.unlikeArticle,
    summary: 'Take back a like (idempotent)',
    tag: 'engagement',
    access: 'user',
    params: ArticleParams,
    response: LikeResult,
    errors: [ContentErrors.ARTICLE_NOT_FOUND],
  },
  recordShare: {
    ...paths.recordShare,
    summary:
      'Record that I shared a page (friend, group, timeline or poster), once per page, channel and day: a repeat answers 200 with the count',
    tag: 'share',
    access: 'user',
    body: RecordShareInput,
    response: ShareRecorded,
    errors: SHARE_TARGETS,
    rateLimited: true,
  },
  recordShareOpen: {
    ...paths.recordShareOpen,
    summary: 'Record that a page was opened from someone’s share (once per reader per share)',
    tag: 'share',
    access: 'public',
    body: RecordOpenInput,
    response: OpenRecorded,
    status: 200,
    errors: SHARE_TARGETS,
    rateLimited: true,
  },
  sharePoster: {
    ...paths.sharePoster,
    summary: 'An article’s share poster: PNG, 750 px wide, with a mini-program code for the article and the sharer',
    tag: 'share',
    access: 'public',
    query: PosterQuery,
    response: z.string().describe('PNG image'),
    produces: 'image/png',
    errors: [ContentErrors.ARTICLE_NOT_FOUND, PosterErrors.POSTER_UNAVAILABLE],
    rateLimited: true,
  },
  shareCode: {
    ...paths.shareCode,
    summary: 'The mini-program code (PNG) of an article, with the sharer in its scene',
    tag: 'share',
    access: 'public',
    query: ShareCodeQuery,
    response: z.string().describe('PNG image'),
    produces: 'image/png',
    errors: [ContentErrors.ARTICLE_NOT_FOUND, PosterErrors.POSTER_UNAVAILABLE],
    rateLimited: true,
  },
  comments: {
    ...paths.comments,
    summary: 'Comments on an article: featured first, then hot or newest, replies folded',
    tag: 'comments',
    access: 'public',
    params: ArticleParams,
    query: CommentListQuery,
    response: CommentPage,
    errors: [ContentErrors.ARTICLE_NOT_FOUND],
  },
  createComment: {
    ...paths.createComment,
    summary: 'Comment or reply (content checked: pass → published, review → pending, risky → 422)',
    tag: 'comments',
    access: 'user',
    params: ArticleParams,
    body: CommentInput,
    response: CommentView,
    errors: [
      ContentErrors.ARTICLE_NOT_FOUND,
      CommentErrors.COMMENTS_CLOSED,
      CommentErrors.REPLY_TARGET_NOT_FOUND,
      CommentErrors.REPLY_TARGET_NOT_PUBLISHED,
      ModerationErrors.CONTENT_REJECTED,
    ],
    rateLimited: true,
  },
  replies: {
    ...paths.replies,
    summary: 'All replies under a top-level comment, oldest first',
    tag: 'comments',
    access: 'public',
    params: CommentParams,
    query: ReplyListQuery,
    response: ReplyPage,
    errors: [CommentErrors.COMMENT_NOT_FOUND],
  },
  deleteComment: {
    ...paths.deleteComment,
    summary: 'Delete my own comment or reply',
    tag: 'comments',
    access: 'user',
    params: CommentParams,
    response: Done,
    errors: [CommentErrors.COMMENT_NOT_FOUND, CommentErrors.NOT_COMMENT_OWNER],
  },
  voteComment: {
    ...paths.voteComment,
    summary: 'Like or dislike a comment (one or the other; switchable)',
    tag: 'comments',
    access: 'user',
    params: CommentParams,
    body: VoteInput,
    response: VoteResult,
    errors: [CommentErrors.COMMENT_NOT_FOUND, CommentErrors.VOTE_TARGET_NOT_PUBLISHED],
    rateLimited: true,
  },
  unvoteComment: {
    ...paths.unvoteComment,
    summary: 'Take back my vote on a comment',
    tag: 'comments',
    access: 'user',
    params: CommentParams,
    response: VoteResult,
    errors: [CommentErrors.COMMENT_NOT_FOUND],
    rateLimited: true,
  },
  reportComment: {
    ...paths.reportComment,
    summary: 'Report a comment to the moderators (once per reader)',
    tag: 'comments',
    access: 'user',
    params: CommentParams,
    body: ReportInput,
    response: Done,
    status: 200,
    errors: [CommentErrors.COMMENT_NOT_FOUND, CommentErrors.COMMENT_NOT_PUBLISHED, CommentErrors.OWN_COMMENT_REPORTED],
    rateLimited: true,
  },
  author: {
    ...paths.author,
    summary: 'Author card and columns',
    tag: 'content',
    access: 'public',
    params: ArticleParams,
    response: AuthorProfile,
    errors: [ContentErrors.AUTHOR_NOT_FOUND],
  },
  columns: { ...paths.columns, summary: 'All columns', tag: 'content', access: 'public', response: ColumnList },
  column: {
    ...paths.column,
    summary: 'One column',
    tag: 'content',
    access: 'public',
    params: SlugParams,
    response: ColumnProfile,
    errors: [ContentErrors.COLUMN_NOT_FOUND],
  },
  hotTags: {
    ...paths.hotTags,
    summary: 'Tags with the most published articles in the last 90 days',
    tag: 'content',
    access: 'public',
    response: HotTags,
  },
  tag: {
    ...paths.tag,
    summary: 'One tag',
    tag: 'content',
    access: 'public',
    params: TagParams,
    response: TagProfile,
    errors: [ContentErrors.TAG_NOT_FOUND],
  },
  periodicals: {
    ...paths.periodicals,
    summary: 'All periodicals',
    tag: 'content',
    access: 'public',
    response: PeriodicalList,
  },
  periodical: {
    ...paths.periodical,
    summary: 'One periodical with its issues',
    tag: 'content',
    access: 'public',
    params: IdParams,
    response: PeriodicalDetail,
    errors: [ContentErrors.PERIODICAL_NOT_FOUND],
  },

  editorArticles: {
    ...paths.editorArticles,
    summary: 'Articles in every status (authors: their own), newest change first',
    tag: 'editor',
    access: 'author',
    query: EditorArticleQuery,
    response: EditorArticleList,
  },
  editorCreateArticle: {
    ...paths.editorCreateArticle,
    summary: 'Create a draft (authors write as themselves)',
    tag: 'editor',
    access: 'author',
    body: ArticleInput,
    response: EditorArticle,
    errors: [
      EditorErrors.NO_AUTHOR_PROFILE,
      EditorErrors.NOT_OWN_AUTHOR,
      ContentErrors.AUTHOR_REQUIRED,
      ...ARTICLE_WRITE,
    ],
  },
  editorArticle: {
    ...paths.editorArticle,
    summary: 'One article for editing',
    tag: 'editor',
    access: 'author',
    params: IdParams,
    response: EditorArticle,
    errors: [EditorErrors.EDITOR_ARTICLE_NOT_FOUND],
  },
  editorUpdateArticle: {
    ...paths.editorUpdateArticle,
    summary: 'Update an article (authors: their own drafts)',
    tag: 'editor',
    access: 'author',
    params: IdParams,
    body: ArticleUpdate,
    response: EditorArticle,
    errors: [
      EditorErrors.EDITOR_ARTICLE_NOT_FOUND,
      EditorErrors.ARTICLE_NOT_EDITABLE,
      EditorErrors.BYLINE_LOCKED,
      ...ARTICLE_WRITE,
    ],
  },
  editorPublishArticle: {
    ...paths.editorPublishArticle,
    summary: 'Publish now',
    tag: 'editor',
    access: 'editor',
    params: IdParams,
    response: EditorArticle,
    status: 200,
    errors: [EditorErrors.EDITOR_ARTICLE_NOT_FOUND],
  },
  editorScheduleArticle: {
    ...paths.editorScheduleArticle,
    summary: 'Publish automatically at a future time',
    tag: 'editor',
    access: 'editor',
    params: IdParams,
    body: ScheduleInput,
    response: EditorArticle,
    status: 200,
    errors: [
      EditorErrors.EDITOR_ARTICLE_NOT_FOUND,
      ContentErrors.SCHEDULE_NOT_IN_FUTURE,
      ContentErrors.ALREADY_PUBLISHED,
    ],
  },
  editorArchiveArticle: {
    ...paths.editorArchiveArticle,
    summary: 'Take an article off the site',
    tag: 'editor',
    access: 'editor',
    params: IdParams,
    response: EditorArticle,
    status: 200,
    errors: [EditorErrors.EDITOR_ARTICLE_NOT_FOUND],
  },
  editorArticleStats: {
    ...paths.editorArticleStats,
    summary: 'Counts and reads per day (authors: their own)',
    tag: 'editor',
    access: 'author',
    params: IdParams,
    response: ArticleStats,
    errors: [EditorErrors.EDITOR_ARTICLE_NOT_FOUND],
  },
  editorCreateAuthor: {
    ...paths.editorCreateAuthor,
    summary: 'Create an author',
    tag: 'editor',
    access: 'editor',
    body: AuthorInput,
    response: Created,
    errors: [EditorErrors.UNKNOWN_USER, EditorErrors.AUTHOR_SLUG_TAKEN],
  },
  editorCreateColumn: {
    ...paths.editorCreateColumn,
    summary: 'Create a column',
    tag: 'editor',
    access: 'editor',
    body: ColumnInput,
    response: Created,
    errors: [ContentErrors.UNKNOWN_AUTHOR, EditorErrors.COLUMN_SLUG_TAKEN],
  },
  editorUpdateColumn: {
    ...paths.editorUpdateColumn,
    summary: 'Update a column',
    tag: 'editor',
    access: 'editor',
    params: IdParams,
    body: ColumnUpdate,
    response: Created,
    errors: [ContentErrors.COLUMN_NOT_FOUND, ContentErrors.UNKNOWN_AUTHOR, EditorErrors.COLUMN_SLUG_TAKEN],
  },
  editorCreateTag: {
    ...paths.editorCreateTag,
    summary: 'Create a tag',
    tag: 'editor',
    access: 'editor',
    body: TagInput,
    response: Created,
    errors: [EditorErrors.TAG_NAME_TAKEN],
  },
  editorCreatePeriodical: {
    ...paths.editorCreatePeriodical,
    summary: 'Create a periodical',
    tag: 'editor',
    access: 'editor',
    body: PeriodicalInput,
    response: Created,
    errors: [EditorErrors.PERIODICAL_SLUG_TAKEN],
  },
  editorCreateIssue: {
    ...paths.editorCreateIssue,
    summary: 'Add an issue (an ordered set of published articles) to a periodical',
    tag: 'editor',
    access: 'editor',
    params: IdParams,
    body: IssueInput,
    response: Created,
    errors: [
      ContentErrors.PERIODICAL_NOT_FOUND,
      EditorErrors.ISSUE_ARTICLES_UNPUBLISHED,
      EditorErrors.ISSUE_NUMBER_TAKEN,
    ],
  },
  editorAdSlots: {
    ...paths.editorAdSlots,
    summary: 'All ad slots',
    tag: 'editor',
    access: 'editor',
    response: AdSlotList,
  },
  editorCreateAdSlot: {
    ...paths.editorCreateAdSlot,
    summary: 'Create an ad slot',
    tag: 'editor',
    access: 'editor',
    body: AdSlotInput,
    response: AdSlotView,
  },
  editorUpdateAdSlot: {
    ...paths.editorUpdateAdSlot,
    summary: 'Replace an ad slot’s settings',
    tag: 'editor',
    access: 'editor',
    params: IdParams,
    body: AdSlotInput,
    response: AdSlotView,
    status: 200,
    errors: [AdErrors.AD_SLOT_NOT_FOUND],
  },
  editorArticleShares: {
    ...paths.editorArticleShares,
    summary: 'How an article spread: shares by channel, opens per share, readers brought (authors: own articles)',
    tag: 'editor',
    access: 'author',
    params: IdParams,
    response: ShareStats,
    errors: [EditorErrors.EDITOR_ARTICLE_NOT_FOUND],
  },
  editorAuthorShares: {
    ...paths.editorAuthorShares,
    summary: 'The same over all of an author’s articles (authors: themselves)',
    tag: 'editor',
    access: 'author',
    params: IdParams,
    response: ShareStats,
    errors: [ContentErrors.AUTHOR_NOT_FOUND],
  },
  editorModeration: {
    ...paths.editorModeration,
    summary: 'Moderation queue: reported, pending (审核中) or hidden comments',
    tag: 'moderation',
    access: 'editor',
    query: ModerationQuery,
    response: ModerationPage,
  },
  editorFeatureComment: {
    ...paths.editorFeatureComment,
    summary: 'Feature (精选) or unfeature a top-level comment',
    tag: 'moderation',
    access: 'editor',
    params: CommentParams,
    body: FeatureInput,
    response: CommentView,
    errors: [
      CommentErrors.COMMENT_NOT_FOUND,
      CommentErrors.REPLY_NOT_FEATURABLE,
      CommentErrors.UNPUBLISHED_NOT_FEATURABLE,
    ],
  },
  editorHideComment: {
    ...paths.editorHideComment,
    summary: 'Hide a comment from readers (a hidden comment with replies stays as a placeholder above them)',
    tag: 'moderation',
    access: 'editor',
    params: CommentParams,
    response: CommentView,
    status: 200,
    errors: [CommentErrors.COMMENT_NOT_FOUND],
  },
  editorRestoreComment: {
    ...paths.editorRestoreComment,
    summary: 'Publish a hidden or pending comment and clear its reports',
    tag: 'moderation',
    access: 'editor',
    params: CommentParams,
    response: CommentView,
    status: 200,
    errors: [CommentErrors.COMMENT_NOT_FOUND],
  },
  editorAuthorReply: {
    ...paths.editorAuthorReply,
    summary: 'Reply as the article’s author (pinned under the comment; replaces an earlier author reply)',
    tag: 'moderation',
    access: 'editor',
    params: CommentParams,
    body: AuthorReplyInput,
    response: CommentView,
    errors: [
      CommentErrors.COMMENT_NOT_FOUND,
      ContentErrors.ARTICLE_NOT_FOUND,
      CommentErrors.AUTHOR_REPLY_TARGET_NOT_PUBLISHED,
    ],
  },
  editorCommentSettings: {
    ...paths.editorCommentSettings,
    summary: 'Open or close comments on an article',
    tag: 'moderation',
    access: 'editor',
    params: ArticleParams,
    body: CommentSettingsInput,
    response: CommentSettings,
    errors: [ContentErrors.ARTICLE_NOT_FOUND],
  },

  search: {
    ...paths.search,
    summary:
      '传感搜: products by words, model fragments and parameters written in the query, with filters, facet counts and sort (offset-paged, at most 1,000 deep)',
    tag: 'search',
    access: 'public',
    query: SearchQuery,
    response: SearchResult,
    errors: [SearchErrors.UNKNOWN_CATEGORY, SearchErrors.UNKNOWN_PARAM, SearchErrors.UNIT_MISMATCH],
  },
  searchSuggest: {
    ...paths.searchSuggest,
    summary: 'Suggestions while typing: model numbers, categories and product words (at most 10)',
    tag: 'search',
    access: 'public',
    query: SuggestQuery,
    response: Suggestions,
  },
  searchHot: {
    ...paths.searchHot,
    summary: 'Hot searches: what buyers searched most in the last 7 days',
    tag: 'search',
    access: 'public',
    response: HotSearches,
  },
  categories: {
    ...paths.categories,
    summary: 'The product category tree with parameter definitions and product counts',
    tag: 'search',
    access: 'public',
    response: CategoryTree,
  },
  product: {
    ...paths.product,
    summary: 'One product with its parameters, price breaks and supplier',
    tag: 'search',
    access: 'public',
    params: ProductParams,
    response: ProductDetail,
    errors: [SearchErrors.PRODUCT_NOT_FOUND],
  },
} as const satisfies Record<RouteName, RouteContract>

export type ResponseOf<N extends RouteName> = z.infer<(typeof routes)[N]['response']>
