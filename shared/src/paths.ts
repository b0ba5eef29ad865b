/**
 * Method and path of every API route, with no schemas: the mini-program imports this module alone
 * (`@chuangan/shared/paths`) so that zod stays out of its main package. `routes.ts` adds the schemas.
 */
export const API_PREFIX = '/api'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export const paths = {
  postDemand: { method: 'POST', path: '/demands' },
  myDemands: { method: 'GET', path: '/me/demands' },
  myDemand: { method: 'GET', path: '/me/demands/:id' },
  myDemandProducts: { method: 'GET', path: '/me/demands/:id/products' },
  closeDemand: { method: 'POST', path: '/me/demands/:id/close' },
  supplierDemands: { method: 'GET', path: '/supplier/demands' },
  supplierDemand: { method: 'GET', path: '/supplier/demands/:id' },
  answerDemand: { method: 'POST', path: '/supplier/demands/:id/answer' },
  health: { method: 'GET', path: '/healthz' },
  ping: { method: 'GET', path: '/ping' },

  wechatLogin: { method: 'POST', path: '/auth/wechat' },
  devLogin: { method: 'POST', path: '/auth/dev' },
  logout: { method: 'POST', path: '/auth/logout' },
  me: { method: 'GET', path: '/me' },
  updateProfile: { method: 'PATCH', path: '/me' },
  uploadAvatar: { method: 'POST', path: '/me/avatar' },
  deleteAccount: { method: 'DELETE', path: '/me' },
  myLikes: { method: 'GET', path: '/me/likes' },
  myComments: { method: 'GET', path: '/me/comments' },

  folders: { method: 'GET', path: '/me/folders' },
  createFolder: { method: 'POST', path: '/me/folders' },
  renameFolder: { method: 'PATCH', path: '/me/folders/:id' },
  deleteFolder: { method: 'DELETE', path: '/me/folders/:id' },
  folderItems: { method: 'GET', path: '/me/folders/:id/items' },
  moveFavorite: { method: 'POST', path: '/me/favorites/move' },
  collectArticle: { method: 'PUT', path: '/articles/:id/favorite' },
  productFolders: { method: 'GET', path: '/products/:id/favorite' },
  collectProduct: { method: 'PUT', path: '/products/:id/favorite' },

  recordShare: { method: 'POST', path: '/shares' },
  recordShareOpen: { method: 'POST', path: '/shares/opens' },
  sharePoster: { method: 'GET', path: '/share/poster' },
  shareCode: { method: 'GET', path: '/share/code' },
  imageVariant: { method: 'GET', path: '/images' },

  feed: { method: 'GET', path: '/articles' },
  article: { method: 'GET', path: '/articles/:id' },
  articlePage: { method: 'GET', path: '/articles/:id/page' },
  readArticle: { method: 'POST', path: '/articles/:id/read' },
  viewerState: { method: 'GET', path: '/articles/:id/me' },
  likeArticle: { method: 'PUT', path: '/articles/:id/like' },
  unlikeArticle: { method: 'DELETE', path: '/articles/:id/like' },
  comments: { method: 'GET', path: '/articles/:id/comments' },
  createComment: { method: 'POST', path: '/articles/:id/comments' },
  replies: { method: 'GET', path: '/comments/:id/replies' },
  deleteComment: { method: 'DELETE', path: '/comments/:id' },
  voteComment: { method: 'PUT', path: '/comments/:id/vote' },
  unvoteComment: { method: 'DELETE', path: '/comments/:id/vote' },
  reportComment: { method: 'POST', path: '/comments/:id/report' },
  author: { method: 'GET', path: '/authors/:id' },
  columns: { method: 'GET', path: '/columns' },
  column: { method: 'GET', path: '/columns/:slug' },
  hotTags: { method: 'GET', path: '/tags/hot' },
  tag: { method: 'GET', path: '/tags/:name' },
  periodicals: { method: 'GET', path: '/periodicals' },
  periodical: { method: 'GET', path: '/periodicals/:id' },

  search: { method: 'GET', path: '/search' },
  searchSuggest: { method: 'GET', path: '/search/suggest' },
  searchHot: { method: 'GET', path: '/search/hot' },
  categories: { method: 'GET', path: '/catalog/categories' },
  product: { method: 'GET', path: '/products/:id' },
  productAlternatives: { method: 'GET', path: '/products/:id/alternatives' },
  productCompare: { method: 'GET', path: '/products/compare' },
  supplier: { method: 'GET', path: '/suppliers/:id' },
  supplierProducts: { method: 'GET', path: '/suppliers/:id/products' },
  articleProducts: { method: 'GET', path: '/articles/:id/products' },
  productArticles: { method: 'GET', path: '/products/:id/articles' },

  followState: { method: 'GET', path: '/follows/:kind/:id' },
  follow: { method: 'PUT', path: '/follows/:kind/:id' },
  unfollow: { method: 'DELETE', path: '/follows/:kind/:id' },
  myFollows: { method: 'GET', path: '/me/follows' },
  followingFeed: { method: 'GET', path: '/me/following/feed' },
  mySubscriptions: { method: 'GET', path: '/me/subscriptions' },
  recordSubscriptions: { method: 'POST', path: '/me/subscriptions' },

  myNotices: { method: 'GET', path: '/me/notices' },
  unreadNotices: { method: 'GET', path: '/me/notices/unread' },
  readNotice: { method: 'POST', path: '/me/notices/:id/read' },
  readAllNotices: { method: 'POST', path: '/me/notices/read-all' },

  mySavedSearches: { method: 'GET', path: '/me/saved-searches' },
  saveSearch: { method: 'POST', path: '/me/saved-searches' },
  openSavedSearch: { method: 'POST', path: '/me/saved-searches/:id/open' },
  deleteSavedSearch: { method: 'DELETE', path: '/me/saved-searches/:id' },

  editorArticles: { method: 'GET', path: '/editor/articles' },
  editorCreateArticle: { method: 'POST', path: '/editor/articles' },
  editorArticle: { method: 'GET', path: '/editor/articles/:id' },
  editorUpdateArticle: { method: 'PATCH', path: '/editor/articles/:id' },
  editorPublishArticle: { method: 'POST', path: '/editor/articles/:id/publish' },
  editorScheduleArticle: { method: 'POST', path: '/editor/articles/:id/schedule' },
  editorArchiveArticle: { method: 'POST', path: '/editor/articles/:id/archive' },
  editorArticleStats: { method: 'GET', path: '/editor/articles/:id/stats' },
  editorDeliveries: { method: 'GET', path: '/editor/deliveries/:kind/:id' },
  editorCreateAuthor: { method: 'POST', path: '/editor/authors' },
  editorCreateColumn: { method: 'POST', path: '/editor/columns' },
  editorUpdateColumn: { method: 'PATCH', path: '/editor/columns/:id' },
  editorCreateTag: { method: 'POST', path: '/editor/tags' },
  editorCreatePeriodical: { method: 'POST', path: '/editor/periodicals' },
  editorCreateIssue: { method: 'POST', path: '/editor/periodicals/:id/issues' },
  editorAdSlots: { method: 'GET', path: '/editor/ads' },
  editorCreateAdSlot: { method: 'POST', path: '/editor/ads' },
  editorUpdateAdSlot: { method: 'PATCH', path: '/editor/ads/:id' },
  editorArticleShares: { method: 'GET', path: '/editor/articles/:id/shares' },
  editorAuthorShares: { method: 'GET', path: '/editor/authors/:id/shares' },
  editorModeration: { method: 'GET', path: '/editor/comments' },
  editorFeatureComment: { method: 'PUT', path: '/editor/comments/:id/featured' },
  editorHideComment: { method: 'POST', path: '/editor/comments/:id/hide' },
  editorRestoreComment: { method: 'POST', path: '/editor/comments/:id/restore' },
  editorAuthorReply: { method: 'POST', path: '/editor/comments/:id/author-reply' },
  editorCommentSettings: { method: 'PUT', path: '/editor/articles/:id/comments' },

  myConversations: { method: 'GET', path: '/me/conversations' },
  myUnreadMessages: { method: 'GET', path: '/me/conversations/unread' },
  conversationMessages: { method: 'GET', path: '/me/conversations/:id/messages' },
  readConversation: { method: 'POST', path: '/me/conversations/:id/read' },
  blockAuthor: { method: 'PUT', path: '/me/conversations/:id/block' },
  unblockAuthor: { method: 'DELETE', path: '/me/conversations/:id/block' },
  authorConversation: { method: 'GET', path: '/authors/:id/conversation' },
  sendMessage: { method: 'POST', path: '/authors/:id/messages' },
  editorConversations: { method: 'GET', path: '/editor/conversations' },
  editorConversationMessages: { method: 'GET', path: '/editor/conversations/:id/messages' },
  editorAnswer: { method: 'POST', path: '/editor/conversations/:id/messages' },
  editorReadConversation: { method: 'POST', path: '/editor/conversations/:id/read' },
  editorBlockReader: { method: 'PUT', path: '/editor/conversations/:id/block' },
  editorUnblockReader: { method: 'DELETE', path: '/editor/conversations/:id/block' },
  editorPendingMessages: { method: 'GET', path: '/editor/messages/pending' },
  editorPublishMessage: { method: 'POST', path: '/editor/messages/:id/publish' },
  editorRejectMessage: { method: 'POST', path: '/editor/messages/:id/reject' },

  createInquiry: { method: 'POST', path: '/products/:id/inquiries' },
  myInquiries: { method: 'GET', path: '/me/inquiries' },
  myInquiry: { method: 'GET', path: '/me/inquiries/:id' },
  acceptInquiry: { method: 'POST', path: '/me/inquiries/:id/accept' },
  closeMyInquiry: { method: 'POST', path: '/me/inquiries/:id/close' },
  supplierInquiries: { method: 'GET', path: '/supplier/inquiries' },
  supplierInquiry: { method: 'GET', path: '/supplier/inquiries/:id' },
  answerInquiry: { method: 'POST', path: '/supplier/inquiries/:id/answer' },
  supplierCloseInquiry: { method: 'POST', path: '/supplier/inquiries/:id/close' },
} as const satisfies Record<string, { method: HttpMethod; path: string }>

export type RouteName = keyof typeof paths

/** Fills `:param` placeholders; throws when one is missing so a bad call never reaches the network. */
export function buildPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/:([A-Za-z]\w*)/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined || value === '') throw new Error(`missing path parameter "${name}" for ${path}`)
    return encodeURIComponent(String(value))
  })
}
