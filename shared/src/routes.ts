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
import { LikeResult, ViewerState } from './engagement'
import { DevLoginInput, Done, LoginResult, Me, WechatLoginInput } from './auth'
import { Health } from './health'
import { paths, type HttpMethod, type RouteName } from './paths'

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
}

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
  },
  devLogin: {
    ...paths.devLogin,
    summary: 'Development only (the WeChat emulator is in use): sign in as a named test user, e.g. from the H5 build',
    tag: 'auth',
    access: 'public',
    body: DevLoginInput,
    response: LoginResult,
    status: 200,
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
  },
  readArticle: {
    ...paths.readArticle,
    summary: 'Count a read (once per reader per article per day)',
    tag: 'content',
    access: 'public',
    params: ArticleParams,
    response: ReadResult,
    status: 200,
  },
  viewerState: {
    ...paths.viewerState,
    summary: 'The caller’s own state on an article (liked), with the exact like count',
    tag: 'engagement',
    access: 'user',
    params: ArticleParams,
    response: ViewerState,
  },
  likeArticle: {
    ...paths.likeArticle,
    summary: 'Like an article (idempotent)',
    tag: 'engagement',
    access: 'user',
    params: ArticleParams,
    response: LikeResult,
  },
  unlikeArticle: {
    ...paths.unlikeArticle,
    summary: 'Take back a like (idempotent)',
    tag: 'engagement',
    access: 'user',
    params: ArticleParams,
    response: LikeResult,
  },
  author: {
    ...paths.author,
    summary: 'Author card and columns',
    tag: 'content',
    access: 'public',
    params: ArticleParams,
    response: AuthorProfile,
  },
  columns: { ...paths.columns, summary: 'All columns', tag: 'content', access: 'public', response: ColumnList },
  column: {
    ...paths.column,
    summary: 'One column',
    tag: 'content',
    access: 'public',
    params: SlugParams,
    response: ColumnProfile,
  },
  hotTags: {
    ...paths.hotTags,
    summary: 'Tags with the most published articles in the last 90 days',
    tag: 'content',
    access: 'public',
    response: HotTags,
  },
  tag: { ...paths.tag, summary: 'One tag', tag: 'content', access: 'public', params: TagParams, response: TagProfile },
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
  },
  editorArticle: {
    ...paths.editorArticle,
    summary: 'One article for editing',
    tag: 'editor',
    access: 'author',
    params: IdParams,
    response: EditorArticle,
  },
  editorUpdateArticle: {
    ...paths.editorUpdateArticle,
    summary: 'Update an article (authors: their own drafts)',
    tag: 'editor',
    access: 'author',
    params: IdParams,
    body: ArticleUpdate,
    response: EditorArticle,
  },
  editorPublishArticle: {
    ...paths.editorPublishArticle,
    summary: 'Publish now',
    tag: 'editor',
    access: 'editor',
    params: IdParams,
    response: EditorArticle,
    status: 200,
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
  },
  editorArchiveArticle: {
    ...paths.editorArchiveArticle,
    summary: 'Take an article off the site',
    tag: 'editor',
    access: 'editor',
    params: IdParams,
    response: EditorArticle,
    status: 200,
  },
  editorArticleStats: {
    ...paths.editorArticleStats,
    summary: 'Counts and reads per day (authors: their own)',
    tag: 'editor',
    access: 'author',
    params: IdParams,
    response: ArticleStats,
  },
  editorCreateAuthor: {
    ...paths.editorCreateAuthor,
    summary: 'Create an author',
    tag: 'editor',
    access: 'editor',
    body: AuthorInput,
    response: Created,
  },
  editorCreateColumn: {
    ...paths.editorCreateColumn,
    summary: 'Create a column',
    tag: 'editor',
    access: 'editor',
    body: ColumnInput,
    response: Created,
  },
  editorUpdateColumn: {
    ...paths.editorUpdateColumn,
    summary: 'Update a column',
    tag: 'editor',
    access: 'editor',
    params: IdParams,
    body: ColumnUpdate,
    response: Created,
  },
  editorCreateTag: {
    ...paths.editorCreateTag,
    summary: 'Create a tag',
    tag: 'editor',
    access: 'editor',
    body: TagInput,
    response: Created,
  },
  editorCreatePeriodical: {
    ...paths.editorCreatePeriodical,
    summary: 'Create a periodical',
    tag: 'editor',
    access: 'editor',
    body: PeriodicalInput,
    response: Created,
  },
  editorCreateIssue: {
    ...paths.editorCreateIssue,
    summary: 'Add an issue (an ordered set of published articles) to a periodical',
    tag: 'editor',
    access: 'editor',
    params: IdParams,
    body: IssueInput,
    response: Created,
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
  },
} as const satisfies Record<RouteName, RouteContract>

export type ResponseOf<N extends RouteName> = z.infer<(typeof routes)[N]['response']>
