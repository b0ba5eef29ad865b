import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import {
  ApiError,
  ArticleDetail,
  AuthorProfile,
  ColumnList,
  FeedPage,
  HotTags,
  PeriodicalDetail,
  ReadResult,
  TagProfile,
  type ArticleCard,
} from '@chuangan/shared'
import { DataSource } from 'typeorm'
import { Article, ArticleRead } from '../src/content/article.entity'
import { ArticlesService } from '../src/content/articles.service'
import { ArticleWriter } from '../src/content/article-writer.service'
import { ContentCache } from '../src/content/content-cache.service'
import { PublishingService } from '../src/content/publishing.service'
import { freshWorld, type World } from './support/content-world'
import { createTestApp, ENGINE, request, roles } from './support/test-app'

describe(`reader content API (${ENGINE})`, () => {
  let app: NestFastifyApplication
  let world: World

  beforeAll(async () => {
    app = await createTestApp()
  })
  beforeEach(async () => {
    world = await freshWorld(app)
  })
  afterAll(() => app.close())

  async function walk(query: string, limit = 7): Promise<ArticleCard[]> {
    const seen: ArticleCard[] = []
    let cursor: string | null = null
    for (let pages = 0; pages < 20; pages++) {
      const url = `/api/articles?limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
      const res = await request(app, 'GET', url)
      expect(res.status).toBe(200)
      const page = FeedPage.parse(res.body)
      seen.push(...page.items)
      cursor = page.nextCursor
      if (!cursor) break
    }
    return seen
  }

  it('pages through every published article exactly once, newest first, ties broken by id', async () => {
    const ids = (await walk('')).map((a) => a.id)
    const expected = [...world.published]
      .sort((a, b) => b.publishedAt!.getTime() - a.publishedAt!.getTime() || b.id - a.id)
      .map((a) => a.id)
    expect(ids).toEqual(expected)
    expect(ids).not.toContain(world.draft.id)
  })

  it('orders 热门 by the stored hot score and pages through it without loss', async () => {
    const db = app.get(DataSource).getRepository(Article)
    const target = world.published[3]
    await db.update({ id: target.id }, { hotScore: 10_000_000 })
    await app.get(ContentCache).invalidate()
    const hot = await walk('&sort=hot', 6)
    expect(hot[0].id).toBe(target.id)
    expect(new Set(hot.map((a) => a.id)).size).toBe(world.published.length)
  })

  it('filters by column, tag, author and periodical', async () => {
    const byColumn = await walk('&column=news')
    expect(byColumn.length).toBe(13)
    expect(byColumn.every((a) => a.column?.slug === 'news')).toBe(true)

    const byTag = await walk(`&tag=${encodeURIComponent('激光雷达')}`)
    expect(byTag.length).toBe(5)
    expect(byTag.every((a) => a.tags.some((t) => t.name === '激光雷达'))).toBe(true)

    const byAuthor = await walk(`&author=${world.authors[1].id}`)
    expect(byAuthor.length).toBe(12)
    expect(byAuthor.every((a) => a.author.id === world.authors[1].id)).toBe(true)

    const byPeriodical = await walk(`&periodical=${world.periodical.id}`)
    expect(byPeriodical.map((a) => a.id).sort()).toEqual(
      [world.published[0].id, world.published[2].id, world.published[4].id].sort(),
    )

    for (const q of ['&column=nope', '&tag=nope', '&author=999999', '&periodical=999999'])
      expect(await walk(q)).toEqual([])
  })

  it('refuses a cursor from another order and bad filters with 400', async () => {
    const first = FeedPage.parse((await request(app, 'GET', '/api/articles?limit=2&sort=hot')).body)
    const res = await request(app, 'GET', `/api/articles?limit=2&sort=latest&cursor=${first.nextCursor}`)
    expect(res.status).toBe(400)
    expect(ApiError.parse(res.body).details?.[0].path).toBe('query.cursor')
    for (const q of ['sort=random', 'column=Bad_Slug', 'author=-1', 'limit=51']) {
      const bad = await request(app, 'GET', `/api/articles?${q}`)
      expect(bad.status).toBe(400)
      expect(ApiError.parse(bad.body).code).toBe('VALIDATION_FAILED')
    }
  })

  it('returns the whole article page in one response', async () => {
    const article = world.published[24]
    const res = await request(app, 'GET', `/api/articles/${article.id}`)
    expect(res.status).toBe(200)
    const detail = ArticleDetail.parse(res.body)
    expect(detail.title).toBe(article.title)
    expect(detail.body[0]).toMatchObject({ name: 'h2' })
    expect(detail.bodyLength).toBeGreaterThan(5)
    expect(detail.authorProfile).toMatchObject({ id: article.authorId, articleCount: 13 })
    expect(detail.authorLatest).toHaveLength(3)
    expect(detail.authorLatest.map((a) => a.id)).not.toContain(article.id)
    const byThisAuthor = world.published.filter((a) => a.authorId === article.authorId && a.id !== article.id)
    const latestThree = byThisAuthor
      .sort((a, b) => b.publishedAt!.getTime() - a.publishedAt!.getTime() || b.id - a.id)
      .slice(0, 3)
    expect(detail.authorLatest.map((a) => a.id)).toEqual(latestThree.map((a) => a.id))
    expect(detail.related.length).toBeGreaterThan(0)
    expect(detail.related.length).toBeLessThanOrEqual(6)
    expect(detail.related.map((a) => a.id)).not.toContain(article.id)
    expect(detail.tags.map((t) => t.name).sort()).toEqual(['MEMS', '压力传感器', '封装'].sort())
    expect(detail.ad).toBeNull()
  })

  it("answers the article's row as stored: its times, counts, author, column and tags in the feed's own card", async () => {
    const db = app.get(DataSource)
    const article = world.published[4]
    await db
      .getRepository(Article)
      .update({ id: article.id }, { readCount: 7, likeCount: 3, commentCount: 2, favoriteCount: 5, shareCount: 1 })
    await app.get(ContentCache).invalidate()
    const stored = await db.getRepository(Article).findOneByOrFail({ id: article.id })
    const detail = ArticleDetail.parse((await request(app, 'GET', `/api/articles/${article.id}`)).body)
    expect(detail.counts).toEqual({ reads: 7, likes: 3, comments: 2, favorites: 5, shares: 1 })
    expect(detail.publishedAt).toBe(stored.publishedAt!.toISOString())
    expect(detail.bodyLength).toBe(stored.bodyLength)
    expect(detail.summary).toBe(stored.summary)
    expect(detail.author.id).toBe(stored.authorId)
    expect(detail.column?.id ?? null).toBe(stored.columnId)
    // The article page shows the same card as the feed that listed it (counts aside, cached apart).
    const feed = FeedPage.parse((await request(app, 'GET', '/api/articles?limit=50')).body)
    const card = feed.items.find((a) => a.id === article.id)!
    const { counts: _detailCounts, ...detailCard } = pickCard(detail)
    const { counts: _feedCounts, ...feedCard } = card
    expect(detailCard).toEqual(feedCard)
  })

  it('relates articles by shared tags and words, and never lists unpublished ones', async () => {
    const mems = world.published[0] // MEMS 压力传感器的温漂补偿
    // Asked for twice, so the page is in the cache: the archive below must clear it.
    await request(app, 'GET', `/api/articles/${mems.id}`)
    const detail = ArticleDetail.parse((await request(app, 'GET', `/api/articles/${mems.id}`)).body)
    const titles = detail.related.map((r) => r.title)
    expect(titles.every((t) => t.includes('MEMS'))).toBe(true)

    const relatedId = detail.related[0].id
    const archived = await app.get(DataSource).getRepository(Article).findOneByOrFail({ id: relatedId })
    await app.get(PublishingService).archive(archived)
    const after = ArticleDetail.parse((await request(app, 'GET', `/api/articles/${mems.id}`)).body)
    expect(after.related.map((r) => r.id)).not.toContain(relatedId)
    expect((await request(app, 'GET', `/api/articles/${relatedId}`)).status).toBe(404)
  })

  it('refreshes related lists when a new article arrives', async () => {
    const target = world.published[1] // 激光雷达…
    // Asked for twice, so the page is in the cache: the publish below must clear it.
    await request(app, 'GET', `/api/articles/${target.id}`)
    const before = ArticleDetail.parse((await request(app, 'GET', `/api/articles/${target.id}`)).body)
    const fresh = await app.get(ArticleWriter).write({
      title: '激光雷达在自动驾驶中的量产进展与成本',
      body: '新的激光雷达文章',
      authorId: world.authors[0].id,
      tags: ['激光雷达', '自动驾驶'],
    })
    await app.get(PublishingService).publish(fresh)
    const after = ArticleDetail.parse((await request(app, 'GET', `/api/articles/${target.id}`)).body)
    expect(before.related.map((r) => r.id)).not.toContain(fresh.id)
    expect(after.related.map((r) => r.id)).toContain(fresh.id)
  })

  it('hides drafts and unknown ids behind the same 404', async () => {
    for (const id of [world.draft.id, 999999]) {
      const res = await request(app, 'GET', `/api/articles/${id}`)
      expect(res.status).toBe(404)
      expect(ApiError.parse(res.body)).toMatchObject({ code: 'ARTICLE_NOT_FOUND', message: '文章不存在或已下线' })
    }
  })

  it('counts a read once per reader per day, whoever the reader is', async () => {
    const { reader, otherReader } = await roles(app)
    const id = world.published[5].id
    const start = world.published[5].readCount
    const read = async (headers: Record<string, string>) =>
      ReadResult.parse((await request(app, 'POST', `/api/articles/${id}/read`, undefined, headers)).body)
    expect(await read({ authorization: `Bearer ${reader.token}` })).toEqual({ counted: true, reads: start + 1 })
    expect(await read({ authorization: `Bearer ${reader.token}` })).toEqual({ counted: false, reads: start + 1 })
    expect((await read({ authorization: `Bearer ${otherReader.token}` })).reads).toBe(start + 2)
    expect((await read({ 'x-reader-id': 'device-0001' })).counted).toBe(true)
    expect((await read({ 'x-reader-id': 'device-0001' })).counted).toBe(false)
    expect((await read({})).counted).toBe(true)
    expect((await read({})).counted).toBe(false)
    expect((await request(app, 'POST', `/api/articles/${world.draft.id}/read`)).status).toBe(404)
  })

  it('answers a repeat read it saw stored without writing, and leaves a new day or a forgotten one to the database', async () => {
    const { reader } = await roles(app)
    const id = world.published[6].id
    const start = world.published[6].readCount
    const reads = app.get(DataSource).getRepository(ArticleRead)
    const read = async () =>
      ReadResult.parse(
        (await request(app, 'POST', `/api/articles/${id}/read`, undefined, { authorization: `Bearer ${reader.token}` }))
          .body,
      )
    expect(await read()).toEqual({ counted: true, reads: start + 1 })
    // Behind the server's back: the row goes. A repeat the server saw stored writes nothing (no row comes back) and
    // is not counted; the count it answers is the article's.
    await reads.delete({ articleId: id })
    expect(await read()).toEqual({ counted: false, reads: start + 1 })
    expect(await reads.countBy({ articleId: id })).toBe(0)
    // Another day is another read.
    const tomorrow = new Date(Date.now() + 86_400_000)
    const key = `u:${reader.user!.id}`
    expect(await app.get(ArticlesService).countRead(id, key, tomorrow)).toEqual({ counted: true, reads: start + 2 })
    expect(await app.get(ArticlesService).countRead(id, key, tomorrow)).toEqual({ counted: false, reads: start + 2 })
    // Once the content cache is cleared (as a reset of the database clears it), the database decides again.
    await app.get(ContentCache).invalidate()
    expect(await read()).toEqual({ counted: true, reads: start + 3 })
    expect(await reads.countBy({ articleId: id })).toBe(2)
    // An article taken offline answers 404 to a repeat too (behind the cache's back: the hint is still there).
    await app.get(DataSource).getRepository(Article).update({ id }, { status: 'archived' })
    expect(
      (await request(app, 'POST', `/api/articles/${id}/read`, undefined, { authorization: `Bearer ${reader.token}` }))
        .status,
    ).toBe(404)
  })

  it('serves author, column, tag, hot-tag and periodical pages', async () => {
    const author = AuthorProfile.parse((await request(app, 'GET', `/api/authors/${world.authors[0].id}`)).body)
    expect(author).toMatchObject({ name: '甲作者', articleCount: 13, verified: true })
    expect(author.columns.map((c) => c.slug)).toEqual(['news'])

    const columns = ColumnList.parse((await request(app, 'GET', '/api/columns')).body)
    expect(columns.items.map((c) => [c.slug, c.articleCount])).toEqual([
      ['news', 13],
      ['deep', 12],
    ])
    expect((await request(app, 'GET', '/api/columns/deep')).status).toBe(200)
    expect((await request(app, 'GET', '/api/columns/none')).status).toBe(404)

    const tag = TagProfile.parse((await request(app, 'GET', `/api/tags/${encodeURIComponent('MEMS')}`)).body)
    expect(tag.articleCount).toBe(10)
    expect((await request(app, 'GET', '/api/tags/nope')).status).toBe(404)

    const hot = HotTags.parse((await request(app, 'GET', '/api/tags/hot')).body)
    expect(hot.items[0]).toMatchObject({ name: 'MEMS', articleCount: 10 })

    const periodical = PeriodicalDetail.parse(
      (await request(app, 'GET', `/api/periodicals/${world.periodical.id}`)).body,
    )
    expect(periodical.issues[0].articles.map((a) => a.id)).toEqual([
      world.published[4].id,
      world.published[2].id,
      world.published[0].id,
    ])
    expect((await request(app, 'GET', '/api/periodicals/424242')).status).toBe(404)
  })

  it('serves shared pages from the cache and drops it when content changes', async () => {
    const id = world.published[7].id
    // An article page is kept from its second ask on (the long tail is mostly asked for once).
    await request(app, 'GET', `/api/articles/${id}`)
    const first = ArticleDetail.parse((await request(app, 'GET', `/api/articles/${id}`)).body)
    await app.get(DataSource).getRepository(Article).update({ id }, { title: '直接改库（缓存未清）' })
    expect(ArticleDetail.parse((await request(app, 'GET', `/api/articles/${id}`)).body).title).toBe(first.title)
    await app.get(ContentCache).invalidate()
    expect(ArticleDetail.parse((await request(app, 'GET', `/api/articles/${id}`)).body).title).toBe(
      '直接改库（缓存未清）',
    )
  })
})

/** The card fields of an article page. */
function pickCard(detail: ArticleDetail): ArticleCard {
  const { id, title, summary, cover, author, column, tags, publishedAt, counts } = detail
  return { id, title, summary, cover, author, column, tags, publishedAt, counts }
}
