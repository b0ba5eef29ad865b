import type { ArticleBrief, ArticleCard, ArticleDetail, AuthorProfile, ColumnProfile } from '@chuangan/shared'

// Minutes, not hours: "N分钟前" reads the same at any hour (hours ago may fall on yesterday after midnight).
const MINUTE = 60_000

export function articleCard(id: number, overrides: Partial<ArticleCard> = {}): ArticleCard {
  return {
    id,
    title: `压力传感器选型指南 ${id}`,
    summary: `第 ${id} 篇摘要`,
    cover: null,
    author: { id: 3, slug: 'bianjibu', name: '传感说编辑部', avatar: null, verified: true },
    column: { id: 1, slug: 'chuanganshuo', name: '传感说' },
    tags: [
      { id: 1, name: 'MEMS' },
      { id: 2, name: '压力传感器' },
    ],
    publishedAt: new Date(Date.now() - 3 * MINUTE).toISOString(),
    counts: { reads: 1200 + id, likes: 30 + id, comments: 2, favorites: 1, shares: 0 },
    ...overrides,
  }
}

export function brief(id: number, overrides: Partial<ArticleBrief> = {}): ArticleBrief {
  return { id, title: `相关文章 ${id}`, cover: null, publishedAt: '2026-10-15T02:05:00.000Z', ...overrides }
}

export function authorProfile(overrides: Partial<AuthorProfile> = {}): AuthorProfile {
  return {
    id: 3,
    slug: 'bianjibu',
    name: '传感说编辑部',
    avatar: '/media/avatars/bianjibu.png',
    verified: true,
    bio: '关注传感器产业链的新闻与趋势',
    articleCount: 12,
    columns: [{ id: 1, slug: 'chuanganshuo', name: '传感说' }],
    ...overrides,
  }
}

export function columnProfile(id: number, slug: string, name: string): ColumnProfile {
  return { id, slug, name, description: `${name}的介绍`, cover: null, author: null, articleCount: 10 }
}

export function articleDetail(id: number, overrides: Partial<ArticleDetail> = {}): ArticleDetail {
  return {
    ...articleCard(id),
    body: [
      { name: 'p', attrs: { class: 'rt-p' }, children: [{ type: 'text', text: '正文第一段' }] },
      { name: 'h2', attrs: { class: 'rt-h2' }, children: [{ type: 'text', text: '小标题' }] },
      { name: 'img', attrs: { class: 'rt-img', src: '/media/body/a.png', alt: '示意图' } },
    ],
    bodyLength: 320,
    authorProfile: authorProfile(),
    authorLatest: [brief(101, { title: '作者新作 101' }), brief(102, { title: '作者新作 102' })],
    related: [brief(201, { title: '相关文章 201' }), brief(202, { title: '相关文章 202' })],
    ad: {
      id: 1,
      placement: 'article',
      wechatUnitId: null,
      title: '传感搜：一站查找传感器型号',
      imageUrl: '/media/ads/article.png',
      linkUrl: '/pages/search/index',
    },
    ...overrides,
  }
}

/** A Taro.request success result. */
export function ok(data: unknown, statusCode = 200) {
  return { statusCode, data, header: {}, errMsg: 'request:ok' }
}

/** A request that answers only when the test says so. */
export function deferred() {
  let resolve: (value: unknown) => void = () => {}
  const promise = new Promise((r) => (resolve = r))
  return { promise, resolve }
}
