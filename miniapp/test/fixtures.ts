import type { ArticleDetail, ArticleSummary } from '@chuangan/shared'

export function articleSummary(id: number, overrides: Partial<ArticleSummary> = {}): ArticleSummary {
  return {
    id,
    title: `压力传感器选型指南 ${id}`,
    summary: `第 ${id} 篇摘要`,
    cover: null,
    authorName: '传感说编辑部',
    publishedAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
    readCount: 1200 + id,
    likeCount: 30 + id,
    commentCount: 2,
    ...overrides,
  }
}

export function articleDetail(id: number, overrides: Partial<ArticleDetail> = {}): ArticleDetail {
  return { ...articleSummary(id), body: '<p>正文第一段</p><img src="https://example.com/a.png">', ...overrides }
}

/** A Taro.request success result. */
export function ok(data: unknown, statusCode = 200) {
  return { statusCode, data, header: {}, errMsg: 'request:ok' }
}
