import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { ApiError, ArticleDetail, ArticleStats, EditorArticle, EditorArticleList, FeedPage } from '@chuangan/shared'
import { DataSource } from 'typeorm'
import { AdSlot } from '../src/ads/ad-slot.entity'
import { Article, ArticleBody } from '../src/content/article.entity'
import { Author } from '../src/content/author.entity'
import { ContentColumn } from '../src/content/column.entity'
import { Periodical } from '../src/content/periodical.entity'
import { PublishingService } from '../src/content/publishing.service'
import { Tag } from '../src/content/tag.entity'
import { buildWorld, freshWorld, type World } from './support/content-world'
import { createTestApp, ENGINE, request, resetDatabase, roles, type Agent } from './support/test-app'

type Roles = Awaited<ReturnType<typeof roles>>

describe(`editor API (${ENGINE})`, () => {
  let app: NestFastifyApplication
  let world: World
  let as: Roles
  let ownAuthor: Author

  beforeAll(async () => {
    app = await createTestApp()
  })
  beforeEach(async () => {
    world = await freshWorld(app)
    as = await roles(app)
    // The author account writes as 乙作者.
    ownAuthor = world.authors[1]
    await app.get(DataSource).getRepository(Author).update({ id: ownAuthor.id }, { userId: as.author.user!.id })
  })
  afterAll(() => app.close())

  /** Everything a refused write must leave untouched. */
  async function snapshot() {
    const db = app.get(DataSource)
    const articles = await db.getRepository(Article).find({ order: { id: 'ASC' } })
    return {
      articles: articles.map((a) => [
        a.id,
        a.title,
        a.status,
        a.authorId,
        a.publishedAt?.getTime() ?? null,
        a.bodyLength,
      ]),
      bodies: (await db.getRepository(ArticleBody).find({ order: { articleId: 'ASC' } })).map((b) => [
        b.articleId,
        b.html,
      ]),
      columns: await db.getRepository(ContentColumn).count(),
      tags: await db.getRepository(Tag).count(),
      authors: await db.getRepository(Author).count(),
      periodicals: await db.getRepository(Periodical).count(),
      ads: await db.getRepository(AdSlot).count(),
    }
  }

  const draftBody = (extra: object = {}) => ({
    title: '新草稿',
    body: '## 小标题\n\n正文内容',
    tags: ['MEMS', '新标签'],
    ...extra,
  })

  /** Every write of the editor API, with the roles that may make it. */
  function writes(): { name: string; allowed: (keyof Roles)[]; run: (who: Agent) => ReturnType<Agent['call']> }[] {
    // Ids are read when a write runs: the world is rebuilt before each one.
    const draft = () => world.draft.id
    const published = () => world.published[0].id
    return [
      {
        name: 'create article',
        allowed: ['author', 'editor'],
        // Editors name the author; everyone else writes as themselves.
        run: (w) =>
          w.call(
            'POST',
            '/api/editor/articles',
            draftBody(w.user?.role === 'editor' ? { authorId: world.authors[0].id } : {}),
          ),
      },
      {
        name: "update another author's draft",
        allowed: ['editor'],
        run: (w) => w.call('PATCH', `/api/editor/articles/${draft()}`, { title: '改了' }),
      },
      { name: 'publish', allowed: ['editor'], run: (w) => w.call('POST', `/api/editor/articles/${draft()}/publish`) },
      {
        name: 'schedule',
        allowed: ['editor'],
        run: (w) =>
          w.call('POST', `/api/editor/articles/${draft()}/schedule`, { publishAt: '2030-01-01T00:00:00+08:00' }),
      },
      {
        name: 'archive',
        allowed: ['editor'],
        run: (w) => w.call('POST', `/api/editor/articles/${published()}/archive`),
      },
      {
        name: 'create author',
        allowed: ['editor'],
        run: (w) => w.call('POST', '/api/editor/authors', { slug: 'new-author', name: '新作者' }),
      },
      {
        name: 'create column',
        allowed: ['editor'],
        run: (w) => w.call('POST', '/api/editor/columns', { slug: 'new-col', name: '新栏目' }),
      },
      {
        name: 'update column',
        allowed: ['editor'],
        run: (w) => w.call('PATCH', `/api/editor/columns/${world.columns[0].id}`, { name: '改名' }),
      },
      { name: 'create tag', allowed: ['editor'], run: (w) => w.call('POST', '/api/editor/tags', { name: '全新标签' }) },
      {
        name: 'create periodical',
        allowed: ['editor'],
        run: (w) => w.call('POST', '/api/editor/periodicals', { slug: 'p2', name: '新期刊' }),
      },
      {
        name: 'create issue',
        allowed: ['editor'],
        run: (w) =>
          w.call('POST', `/api/editor/periodicals/${world.periodical.id}/issues`, {
            number: 2,
            title: '第二期',
            articleIds: [published()],
          }),
      },
      {
        name: 'create ad slot',
        allowed: ['editor'],
        run: (w) => w.call('POST', '/api/editor/ads', { placement: 'feed', title: '广告', imageUrl: '/media/a.png' }),
      },
    ]
  }

  /** Anonymous callers must sign in; an author asking for another author's article learns nothing of it. */
  const refusal = (write: string, role: keyof Roles) =>
    role === 'anonymous' ? 401 : role === 'author' && write === "update another author's draft" ? 404 : 403

  it('lets each role make exactly the writes it is allowed, and a refused write changes nothing', async () => {
    const fresh = async () => {
      await resetDatabase(app)
      world = await buildWorld(app)
      as = await roles(app)
      await app
        .get(DataSource)
        .getRepository(Author)
        .update({ id: world.authors[1].id }, { userId: as.author.user!.id })
    }
    for (const write of writes()) {
      // A refused write leaves the world as it was (checked below), so only an allowed one needs a rebuild.
      let dirty = true
      for (const role of ['anonymous', 'reader', 'otherReader', 'author', 'editor'] as const) {
        if (dirty) await fresh()
        const before = await snapshot()
        const res = await write.run(as[role])
        const label = `${write.name} as ${role}: ${res.status} ${JSON.stringify(res.body)}`
        dirty = write.allowed.includes(role)
        if (dirty) {
          expect({ label, ok: [200, 201].includes(res.status) }).toEqual({ label, ok: true })
        } else {
          expect(ApiError.safeParse(res.body).success).toBe(true)
          expect({ label, status: res.status }).toEqual({ label, status: refusal(write.name, role) })
          expect(await snapshot()).toEqual(before)
        }
      }
    }
  }, 120_000)

  it('refuses an expired or unknown token with 401 on editor routes', async () => {
    const res = await request(app, 'GET', '/api/editor/articles', undefined, {
      authorization: 'Bearer not-a-real-token-000000000000',
    })
    expect(res.status).toBe(401)
    expect(ApiError.parse(res.body).code).toBe('UNAUTHORIZED')
  })

  it('lets an author write, edit and see their own drafts only, as themselves', async () => {
    const created = await as.author.call('POST', '/api/editor/articles', draftBody())
    expect(created.status).toBe(201)
    const draft = EditorArticle.parse(created.body)
    expect(draft).toMatchObject({ status: 'draft', author: { id: ownAuthor.id } })

    const edited = await as.author.call('PATCH', `/api/editor/articles/${draft.id}`, { title: '改过的标题' })
    expect(EditorArticle.parse(edited.body).title).toBe('改过的标题')

    const asSomeoneElse = await as.author.call(
      'POST',
      '/api/editor/articles',
      draftBody({ authorId: world.authors[0].id }),
    )
    expect(asSomeoneElse.status).toBe(403)

    const list = EditorArticleList.parse((await as.author.call('GET', '/api/editor/articles?limit=50')).body)
    expect(list.items.length).toBeGreaterThan(1)
    expect(list.items.every((a) => a.author.id === ownAuthor.id)).toBe(true)

    const othersArticle = world.published.find((a) => a.authorId !== ownAuthor.id)!
    expect((await as.author.call('GET', `/api/editor/articles/${othersArticle.id}`)).status).toBe(404)
    expect((await as.author.call('GET', `/api/editor/articles/${othersArticle.id}/stats`)).status).toBe(404)

    const ownPublished = world.published.find((a) => a.authorId === ownAuthor.id)!
    const refused = await as.author.call('PATCH', `/api/editor/articles/${ownPublished.id}`, { title: '偷偷改' })
    expect(refused.status).toBe(403)
    expect(
      ArticleStats.parse((await as.author.call('GET', `/api/editor/articles/${ownPublished.id}/stats`)).body).id,
    ).toBe(ownPublished.id)
  })

  it('refuses fields a writer may not set (mass assignment), with the field named', async () => {
    for (const extra of [
      { status: 'published' },
      { likeCount: 1000 },
      { readCount: 5 },
      { id: 1 },
      { hotScore: 1 },
      { publishedAt: '2020-01-01' },
    ]) {
      const before = await snapshot()
      const res = await as.editor.call(
        'POST',
        '/api/editor/articles',
        draftBody({ authorId: world.authors[0].id, ...extra }),
      )
      expect(res.status).toBe(400)
      expect(ApiError.parse(res.body).code).toBe('VALIDATION_FAILED')
      expect(await snapshot()).toEqual(before)
    }
    const res = await as.editor.call('PATCH', `/api/editor/articles/${world.published[0].id}`, { likeCount: 99 })
    expect(res.status).toBe(400)
  })

  it('validates references and bodies with clear field errors', async () => {
    const cases: [object, string][] = [
      [{ title: '', body: 'x', authorId: world.authors[0].id }, 'body.title'],
      [{ title: 't', body: 'x' }, 'body.authorId'],
      [{ title: 't', body: 'x', authorId: 999999 }, 'body.authorId'],
      [{ title: 't', body: 'x', authorId: world.authors[0].id, columnId: 999999 }, 'body.columnId'],
      [
        { title: 't', body: '<script>alert(1)</script>', bodyFormat: 'html', authorId: world.authors[0].id },
        'body.body',
      ],
      [{ title: 't', body: 'x', authorId: world.authors[0].id, cover: 'javascript:alert(1)' }, 'body.cover'],
    ]
    for (const [body, path] of cases) {
      const res = await as.editor.call('POST', '/api/editor/articles', body)
      expect({ path, status: res.status }).toEqual({ path, status: 400 })
      expect(ApiError.parse(res.body).details?.map((d) => d.path)).toContain(path)
    }
    const dup = await as.editor.call(
      'POST',
      '/api/editor/articles',
      draftBody({ authorId: world.authors[0].id, slug: 'same' }),
    )
    expect(dup.status).toBe(201)
    const again = await as.editor.call(
      'POST',
      '/api/editor/articles',
      draftBody({ authorId: world.authors[0].id, slug: 'same' }),
    )
    expect(again.status).toBe(409)
  })

  it('sanitises HTML bodies on save', async () => {
    const res = await as.editor.call('POST', '/api/editor/articles', {
      title: '含脚本',
      bodyFormat: 'html',
      body: '<p onclick="x()">安全<script>alert(1)</script><img src="https://example.com/a.png" onerror="y()"></p>',
      authorId: world.authors[0].id,
    })
    const article = EditorArticle.parse(res.body)
    expect(article.bodyHtml).toBe('<p>安全<img src="https://example.com/a.png" /></p>')
  })

  it('publishes, and the article appears in the feed with its related reading', async () => {
    const draft = EditorArticle.parse(
      (
        await as.editor.call(
          'POST',
          '/api/editor/articles',
          draftBody({ title: 'MEMS 压力传感器新品', authorId: world.authors[0].id, tags: ['MEMS'] }),
        )
      ).body,
    )
    expect((await request(app, 'GET', `/api/articles/${draft.id}`)).status).toBe(404)
    const published = EditorArticle.parse(
      (await as.editor.call('POST', `/api/editor/articles/${draft.id}/publish`)).body,
    )
    expect(published.status).toBe('published')
    const feed = FeedPage.parse((await request(app, 'GET', '/api/articles?limit=1')).body)
    expect(feed.items[0].id).toBe(draft.id)
    const detail = ArticleDetail.parse((await request(app, 'GET', `/api/articles/${draft.id}`)).body)
    expect(detail.related.length).toBeGreaterThan(0)
  })

  it('schedules an article and publishes it when it is due, once', async () => {
    // Whole seconds: MariaDB's DATETIME keeps no milliseconds.
    const publishAt = new Date(Math.ceil(Date.now() / 1000) * 1000 + 3_600_000)
    const res = await as.editor.call('POST', `/api/editor/articles/${world.draft.id}/schedule`, {
      publishAt: publishAt.toISOString(),
    })
    expect(EditorArticle.parse(res.body).status).toBe('scheduled')
    const past = await as.editor.call('POST', `/api/editor/articles/${world.draft.id}/schedule`, {
      publishAt: '2020-01-01T00:00:00Z',
    })
    expect(past.status).toBe(400)

    const publishing = app.get(PublishingService)
    expect(await publishing.publishDue(new Date(publishAt.getTime() - 1000))).toBe(0)
    expect((await request(app, 'GET', `/api/articles/${world.draft.id}`)).status).toBe(404)
    const later = new Date(publishAt.getTime() + 1000)
    expect(await Promise.all([publishing.publishDue(later), publishing.publishDue(later)])).toEqual(
      expect.arrayContaining([1, 0]),
    )
    const detail = ArticleDetail.parse((await request(app, 'GET', `/api/articles/${world.draft.id}`)).body)
    expect(detail.publishedAt).toBe(publishAt.toISOString())
  })

  it('archives an article: gone from the feed and its page', async () => {
    const id = world.published[24].id
    expect(FeedPage.parse((await request(app, 'GET', '/api/articles?limit=1')).body).items[0].id).toBe(id)
    expect(EditorArticle.parse((await as.editor.call('POST', `/api/editor/articles/${id}/archive`)).body).status).toBe(
      'archived',
    )
    expect(FeedPage.parse((await request(app, 'GET', '/api/articles?limit=1')).body).items[0].id).not.toBe(id)
    expect((await request(app, 'GET', `/api/articles/${id}`)).status).toBe(404)
  })

  it('reports per-article stats to editors', async () => {
    const id = world.published[3].id
    await request(app, 'POST', `/api/articles/${id}/read`, undefined, { 'x-reader-id': 'reader-one-1' })
    await request(app, 'POST', `/api/articles/${id}/read`, undefined, { 'x-reader-id': 'reader-two-2' })
    const stats = ArticleStats.parse((await as.editor.call('GET', `/api/editor/articles/${id}/stats`)).body)
    expect(stats.readers).toBe(2)
    expect(stats.readsByDay.reduce((n, d) => n + d.reads, 0)).toBe(2)
    expect(stats.counts.reads).toBe(2)
  })

  it('manages columns, tags, periodicals and ad slots, with conflicts and bad references refused', async () => {
    const column = await as.editor.call('POST', '/api/editor/columns', {
      slug: 'guides',
      name: '选型指南',
      authorId: world.authors[0].id,
    })
    expect(column.status).toBe(201)
    expect((await as.editor.call('POST', '/api/editor/columns', { slug: 'guides', name: '重复' })).status).toBe(409)
    expect(
      (await as.editor.call('POST', '/api/editor/columns', { slug: 'x', name: 'x', authorId: 999999 })).status,
    ).toBe(400)
    expect((await as.editor.call('POST', '/api/editor/tags', { name: 'MEMS' })).status).toBe(409)

    const bad = await as.editor.call('POST', `/api/editor/periodicals/${world.periodical.id}/issues`, {
      number: 2,
      title: '第二期',
      articleIds: [world.draft.id],
    })
    expect(bad.status).toBe(400)
    expect(ApiError.parse(bad.body).details?.[0].path).toBe('body.articleIds')
    expect(
      (
        await as.editor.call('POST', `/api/editor/periodicals/${world.periodical.id}/issues`, {
          number: 1,
          title: '重复',
          articleIds: [world.published[0].id],
        })
      ).status,
    ).toBe(409)

    const ad = await as.editor.call('POST', '/api/editor/ads', {
      placement: 'article',
      title: '传感搜',
      imageUrl: '/media/ad.png',
      linkUrl: '/pages/search/index',
    })
    expect(ad.status).toBe(201)
    const detail = ArticleDetail.parse((await request(app, 'GET', `/api/articles/${world.published[0].id}`)).body)
    expect(detail.ad).toMatchObject({ title: '传感搜', imageUrl: '/media/ad.png', wechatUnitId: null })

    const adId = (ad.body as { id: number }).id
    const ended = await as.editor.call('PATCH', `/api/editor/ads/${adId}`, {
      placement: 'article',
      title: '传感搜',
      imageUrl: '/media/ad.png',
      endsAt: '2020-01-01T00:00:00Z',
      startsAt: '2019-01-01T00:00:00Z',
    })
    expect(ended.status).toBe(200)
    expect(
      ArticleDetail.parse((await request(app, 'GET', `/api/articles/${world.published[0].id}`)).body).ad,
    ).toBeNull()
  })
})
