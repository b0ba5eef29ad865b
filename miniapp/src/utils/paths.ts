/** Page paths used by navigation and sharing, in one place. */
export const ARTICLE_PAGE = '/packages/content/article/index'
export const AUTHOR_PAGE = '/packages/content/author/index'
export const COLUMN_PAGE = '/packages/content/column/index'
export const TAG_PAGE = '/packages/content/tag/index'
export const PERIODICALS_PAGE = '/packages/content/periodicals/index'
export const PERIODICAL_PAGE = '/packages/content/periodical/index'
/** 私信 with one author: beside the author page, whose sign-in sheet it shares. */
export const CONVERSATION_PAGE = '/packages/content/conversation/index'
export const SEARCH_PAGE = '/pages/search/index'
export const ME_PAGE = '/pages/me/index'
// 我的: its own subpackage
export const FOLDERS_PAGE = '/packages/me/folders/index'
export const FOLDER_PAGE = '/packages/me/folder/index'
export const MY_COMMENTS_PAGE = '/packages/me/comments/index'
export const MY_LIKES_PAGE = '/packages/me/likes/index'
export const NOTICES_PAGE = '/packages/me/notices/index'
export const CONVERSATIONS_PAGE = '/packages/me/conversations/index'
export const SAVED_SEARCHES_PAGE = '/packages/me/saved-searches/index'
export const PRIVACY_PAGE = '/packages/me/privacy/index'
/** 询价: my inquiries and one inquiry (a subscribe message about an answer opens the latter). */
export const INQUIRIES_PAGE = '/packages/me/inquiries/index'
export const INQUIRY_PAGE = '/packages/me/inquiry/index'
// 传感搜: its product page is a subpackage of its own
export const PRODUCT_PAGE = '/packages/search/product/index'
export const SUPPLIER_PAGE = '/packages/search/supplier/index'
export const COMPARE_PAGE = '/packages/search/compare/index'
/** The 询价 form, beside the product page it is opened from. */
export const INQUIRY_FORM_PAGE = '/packages/search/inquiry/index'
// 求购: its own subpackage
export const DEMAND_NEW_PAGE = '/packages/trade/demand-new/index'
export const DEMANDS_PAGE = '/packages/trade/demands/index'
export const DEMAND_PAGE = '/packages/trade/demand/index'

/** tabBar pages: reachable with switchTab only. */
export const TAB_PAGES = ['/pages/index/index', SEARCH_PAGE, ME_PAGE]

export const articleUrl = (id: number | string) => `${ARTICLE_PAGE}?id=${id}`
export const authorUrl = (id: number | string) => `${AUTHOR_PAGE}?id=${id}`
export const columnUrl = (slug: string) => `${COLUMN_PAGE}?slug=${encodeURIComponent(slug)}`
export const tagUrl = (name: string) => `${TAG_PAGE}?name=${encodeURIComponent(name)}`
export const periodicalUrl = (id: number | string) => `${PERIODICAL_PAGE}?id=${id}`
export const productUrl = (id: number | string) => `${PRODUCT_PAGE}?id=${id}`
export const supplierUrl = (id: number | string) => `${SUPPLIER_PAGE}?id=${id}`
export const conversationUrl = (authorId: number | string) => `${CONVERSATION_PAGE}?authorId=${authorId}`
export const inquiryUrl = (id: number | string) => `${INQUIRY_PAGE}?id=${id}`
export const inquiryFormUrl = (productId: number | string) => `${INQUIRY_FORM_PAGE}?productId=${productId}`
export const demandUrl = (id: number | string) => `${DEMAND_PAGE}?id=${id}`
export const folderUrl = (id: number | string) => `${FOLDER_PAGE}?id=${id}`
