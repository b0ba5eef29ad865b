import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { ApiError, ArticleDetail, FeedPage } from '@chuangan/shared'
import { DataSource } from 'typeorm'
import { Article } from '../src/content/article.entity'
import { DemoContentService } from '../src/content/demo-content.service'
import { demoArticles } from '../src/content/demo/articles'
import { createTestApp, request, resetDatabase, TEST_DATABASE_URL } from './support/test-app'

describe(`articles (${TEST_DATABASE_URL.split(':')[0]})`, () => {
  let app: NestFastifyApplication
  let repo: ReturnType<DataSource['getRepository']>

  beforeAll(async () => {
    app = await createTestApp()
    repo = app.get(DataSource).getRepository(Article)
  })
  beforeEach(() => resetDatabase(app))
  afterAll(() => app.close())

  /** 25 published articles, three sharing one timestamp to test tie-breaking, plus a draft. */
  async function seed(): Promise<Article[]> {
    const base = Date.UTC(2026, 10, 1, 8, 0, 0)
    const rows: Article[] = []
    for (let i = 0; i < 25; i++) {
      const at = new Date(base + (i < 3 ? 0 : i) * 60_000)
      rows.push(
        repo.create({
          title: `文章 ${i}`,
          summary: `摘要 ${i}`,
          authorName: '测试作者',
          body: `<p>正文 ${i}</p>`,
          status: 'published',
          publishedAt: at,
          createdAt: at,
          updatedAt: at,
        }) as Article,
      )
    }
    const draftAt = new Date(base + 3_600_000)
    rows.push(
      repo.create({
        title: '草稿',
        authorName: '测试作者',
        body: '<p>未发布</p>',
        status: 'draft',
        publishedAt: null,
        createdAt: draftAt,
        updatedAt: draftAt,
      }) as Article,
    )
    return (await repo.save(rows)) as Article[]
  }

  it('pages through every published article exactly once, newest first', async () => {
    const saved = await seed()
    const seen: number[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const url = `/api/articles?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
      const res = await request(app, 'GET', url)
      expect(res.status).toBe(200)
      const page = FeedPage.parse(res.body)
      seen.push(...page.items.map((a) => a.id))
      cursor = page.nextCursor
      pages++
    } while (cursor && pages < 10)
    const published = saved.filter((a) => a.status === 'published')
    expect(pages).toBe(4)
    expect(new Set(seen).size).toBe(published.length)
    expect(seen.length).toBe(published.length)
    const expected = [...published]
      .sort((a, b) => b.publishedAt!.getTime() - a.publishedAt!.getTime() || b.id - a.id)
      .map((a) => a.id)
    expect(seen).toEqual(expected)
  })

  it('returns an empty page and no cursor on an empty database', async () => {
    const res = await request(app, 'GET', '/api/articles')
    expect(FeedPage.parse(res.body)).toEqual({ items: [], nextCursor: null })
  })

  it('refuses a forged cursor with 400', async () => {
    const res = await request(app, 'GET', '/api/articles?cursor=not-a-cursor')
    expect(res.status).toBe(400)
    expect(ApiError.parse(res.body).details?.[0].path).toBe('query.cursor')
  })

  it.each(['0', '51', '-3', '1.5'])('refuses limit=%s', async (limit) => {
    const res = await request(app, 'GET', `/api/articles?limit=${limit}`)
    expect(res.status).toBe(400)
    expect(ApiError.parse(res.body).code).toBe('VALIDATION_FAILED')
  })

  it('returns one published article with its body', async () => {
    const [first] = await seed()
    const res = await request(app, 'GET', `/api/articles/${first.id}`)
    expect(res.status).toBe(200)
    const article = ArticleDetail.parse(res.body)
    expect(article).toMatchObject({ id: first.id, title: '文章 0', body: '<p>正文 0</p>' })
  })

  it('hides drafts and unknown ids behind the same 404', async () => {
    const saved = await seed()
    const draft = saved.find((a) => a.status === 'draft')!
    for (const id of [draft.id, 999999]) {
      const res = await request(app, 'GET', `/api/articles/${id}`)
      expect(res.status).toBe(404)
      expect(ApiError.parse(res.body).code).toBe('NOT_FOUND')
    }
  })

  it('loads the demo content into an empty database once', async () => {
    const demo = app.get(DemoContentService)
    expect(await demo.seedIfEmpty()).toBe(demoArticles.length)
    expect(await demo.seedIfEmpty()).toBe(0)
    const page = FeedPage.parse((await request(app, 'GET', '/api/articles?limit=50')).body)
    expect(page.items).toHaveLength(demoArticles.length)
    expect(page.items[0].title).toBe(demoArticles[0].title)
  })
})
