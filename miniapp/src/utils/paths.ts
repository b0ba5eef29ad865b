/** Page paths used by navigation and sharing, in one place. */
export const ARTICLE_PAGE = '/packages/content/article/index'

export const articleUrl = (id: number | string) => `${ARTICLE_PAGE}?id=${id}`
