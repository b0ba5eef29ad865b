import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { ArticleDetail, FeedPage, PeriodicalList } from '@chuangan/shared'
import { DataSource } from 'typeorm'
import { Article } from '../src/content/article.entity'
import { Comment, CommentVote } from '../src/comments/comment.entity'
import { ArticleLike } from '../src/engagement/article-like.entity'
import { Author } from '../src/content/author.entity'
import { ContentColumn } from '../src/content/column.entity'
import { ContentCache } from '../src/content/content-cache.service'
import { DemoContentService } from '../src/demo/demo-content.service'
import { ImportService } from '../src/content/import/import.service'
import { createTestApp, ENGINE, request, resetDatabase } from './support/test-app'

const file = (front: string, body = '## 正文\n\n一段正文。') => `---\n${front}\n---\n${body}\n`

describe(`article import and demo content (${ENGINE})`, () => {
  let app: NestFastifyApplication
  let dir: string

  beforeAll(async () => {
    app = await createTestApp()
  })
  beforeEach(async () => {
    await resetDatabase(app)
    await app.get(ContentCache).invalidate()
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-'))
    const db = app.get(DataSource)
    const author = await db.getRepository(Author).save({
      slug: 'known',
      name: '已有作者',
      bio: '',
      avatar: null,
      verified: false,
      userId: null,
      createdAt: new Date(),
    })
    await db.getRepository(ContentColumn).save({
      slug: 'news',
      name: '传感说',
      description: '',
      cover: null,
      authorId: author.id,
      position: 0,
      createdAt: new Date(),
    })
  })
  afterAll(() => app.close())

  function write(name: string, content: string) {
    fs.writeFileSync(path.join(dir, name), content)
  }

  it('imports good files, reports each bad one with its reason, and updates on a second run', async () => {
    write(
      'good-one.md',
      file('title: 第一篇\nauthor: known\ncolumn: news\ntags: [MEMS, 压力]\npublishedAt: 2026-11-01T08:00:00+08:00'),
    )
    write('good-two.md', file('title: 第二篇\nauthor: 新来的作者\ntags: [MEMS]'))
    write('later.md', file('title: 预告\nauthor: known\npublishedAt: 2099-01-01T00:00:00Z'))
    write('draft-one.md', file('title: 草稿\nauthor: known\nstatus: draft'))
    write('no-title.md', file('author: known'))
    write('bad-column.md', file('title: 栏目错\nauthor: known\ncolumn: nowhere'))
    write('bad-yaml.md', file('title: [unclosed\nauthor: known'))
    write('empty-body.md', file('title: 空\nauthor: known', '   '))
    write('extra-key.md', file('title: 多余字段\nauthor: known\nlikes: 100'))
    write('Bad_Name.md', file('title: 文件名不合规\nauthor: known'))
    write('notes.txt', 'ignored: not markdown')

    const progress: number[] = []
    const report = await app.get(ImportService).importFolder(dir, (done) => progress.push(done))
    expect(report.created).toBe(4)
    expect(report.updated).toBe(0)
    expect(Object.fromEntries(report.failed.map((f) => [f.file, f.reason]))).toEqual({
      'Bad_Name.md': expect.stringContaining('not a valid slug'),
      'bad-column.md': 'unknown column "nowhere"',
      'bad-yaml.md': expect.stringContaining('not valid YAML'),
      'empty-body.md': 'the body is empty',
      'extra-key.md': expect.stringContaining('likes'),
      'no-title.md': expect.stringContaining('title'),
    })
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])

    const articles = app.get(DataSource).getRepository(Article)
    expect(Object.fromEntries((await articles.find()).map((a) => [a.slug, a.status]))).toEqual({
      'good-one': 'published',
      'good-two': 'published',
      later: 'scheduled',
      'draft-one': 'draft',
    })
    expect(await app.get(DataSource).getRepository(Author).findOneBy({ name: '新来的作者' })).not.toBeNull()

    write('good-one.md', file('title: 第一篇（修订）\nauthor: known\ncolumn: news\ntags: [MEMS]'))
    const again = await app.get(ImportService).importFolder(dir)
    expect(again).toMatchObject({ created: 0, updated: 4 })
    expect(await articles.count()).toBe(4)
    const revised = await articles.findOneByOrFail({ slug: 'good-one' })
    expect(revised.title).toBe('第一篇（修订）')
    const page = FeedPage.parse((await request(app, 'GET', '/api/articles')).body)
    expect(page.items.find((a) => a.id === revised.id)?.tags.map((t) => t.name)).toEqual(['MEMS'])
  })

  it('loads the demo site into an empty database, once', async () => {
    await resetDatabase(app)
    const demo = app.get(DemoContentService)
    // Images are rendered by the browser tests' server; here they would only be slow (see cover-art.spec.ts).
    const created = await demo.seedIfEmpty(new Date(), { images: false })
    expect(created).toBeGreaterThanOrEqual(40)
    expect(await demo.seedIfEmpty()).toBe(0)

    const feed = FeedPage.parse((await request(app, 'GET', '/api/articles?limit=50')).body)
    expect(feed.items.length).toBeGreaterThanOrEqual(40)
    expect(new Set(feed.items.map((a) => a.author.id)).size).toBe(6)
    expect(new Set(feed.items.map((a) => a.column?.id)).size).toBe(4)
    expect(new Set(feed.items.flatMap((a) => a.tags.map((t) => t.name))).size).toBe(20)

    const detail = ArticleDetail.parse((await request(app, 'GET', `/api/articles/${feed.items[0].id}`)).body)
    expect(detail.related.length).toBeGreaterThan(0)

    // Every like shown is a real like row.
    const db = app.get(DataSource)
    for (const a of await db.getRepository(Article).find()) {
      expect({ id: a.id, likes: await db.getRepository(ArticleLike).countBy({ articleId: a.id }) }).toEqual({
        id: a.id,
        likes: a.likeCount,
      })
    }

    // Demo comments too: the article's count, each thread's replies and each comment's likes equal their rows.
    const comments = await db.getRepository(Comment).find()
    expect(comments.length).toBeGreaterThan(20)
    expect(comments.filter((c) => c.featured)).toHaveLength(1)
    for (const a of await db.getRepository(Article).find()) {
      expect({ id: a.id, comments: comments.filter((c) => c.articleId === a.id).length }).toEqual({
        id: a.id,
        comments: a.commentCount,
      })
    }
    for (const c of comments) {
      const likes = await db.getRepository(CommentVote).countBy({ commentId: c.id, kind: 'like' })
      const replies = comments.filter((r) => r.rootId === c.id).length
      expect({ id: c.id, likes, replies }).toEqual({ id: c.id, likes: c.likeCount, replies: c.replyCount })
    }
    const hot = (
      await request<{ items: { featured: boolean; replyCount: number }[] }>(
        app,
        'GET',
        `/api/articles/${comments.find((c) => c.featured)!.articleId}/comments`,
      )
    ).body
    expect(hot.items[0].featured).toBe(true)

    const periodicals = PeriodicalList.parse((await request(app, 'GET', '/api/periodicals')).body)
    expect(periodicals.items).toHaveLength(2)
    expect(periodicals.items.every((p) => p.issueCount > 0)).toBe(true)
  })
})

describe(`media files (${ENGINE})`, () => {
  it('serves files of the media folder under /media with caching, and 404s the rest in the error shape', async () => {
    const media = fs.mkdtempSync(path.join(os.tmpdir(), 'media-'))
    fs.mkdirSync(path.join(media, 'covers'))
    fs.writeFileSync(path.join(media, 'covers/a.png'), Buffer.from('89504e470d0a1a0a', 'hex'))
    const app = await createTestApp({ MEDIA_DIR: media })
    try {
      const res = await request(app, 'GET', '/media/covers/a.png')
      expect(res.status).toBe(200)
      expect(res.headers['content-type']).toBe('image/png')
      expect(res.headers['cache-control']).toContain('max-age')
      const missing = await request(app, 'GET', '/media/covers/none.png')
      expect(missing.status).toBe(404)
      expect((await request(app, 'GET', '/media/../package.json')).status).toBe(404)
    } finally {
      await app.close()
    }
  })
})
