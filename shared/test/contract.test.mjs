import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import {
  AdSlotInput,
  ApiError,
  ArticleInput,
  ArticleParams,
  FeedQuery,
  Id,
  MAX_ID,
  RichTextNode,
  ScheduleInput,
  Slug,
  buildPath,
  detailsFromZod,
  isApiError,
  paths,
  routes,
} from '../dist/index.js'

test('FeedQuery coerces the limit and applies the default', () => {
  assert.deepEqual(FeedQuery.parse({}), { limit: 20, sort: 'latest' })
  assert.equal(FeedQuery.parse({ limit: '50' }).limit, 50)
})

test('FeedQuery refuses limits outside 1..50 and names the field', () => {
  for (const limit of ['0', '51', 'abc', '2.5']) {
    const result = FeedQuery.safeParse({ limit })
    assert.equal(result.success, false, `limit=${limit}`)
    assert.deepEqual(
      detailsFromZod(result.error, 'query').map((d) => d.path),
      ['query.limit'],
    )
  }
})

test('ArticleParams accepts positive integer ids only', () => {
  assert.equal(ArticleParams.parse({ id: '42' }).id, 42)
  for (const id of ['0', '-1', '1e400', 'x', '9007199254740993']) {
    assert.equal(ArticleParams.safeParse({ id }).success, false, `id=${id}`)
  }
})

test('Id stops at the largest 4-byte integer, the id columns’ type on every database', () => {
  assert.equal(MAX_ID, 2 ** 31 - 1)
  assert.equal(Id.parse(String(MAX_ID)), MAX_ID)
  for (const id of [MAX_ID + 1, 3_000_000_000, 2 ** 32, Number.MAX_SAFE_INTEGER]) {
    const result = ArticleParams.safeParse({ id: String(id) })
    assert.equal(result.success, false, `id=${id}`)
    assert.deepEqual(
      detailsFromZod(result.error, 'params').map((d) => d.path),
      ['params.id'],
    )
  }
})

test('buildPath fills and encodes parameters, and refuses a missing one', () => {
  assert.equal(buildPath('/articles/:id', { id: 7 }), '/articles/7')
  assert.equal(buildPath('/tags/:name', { name: '温度 传感' }), '/tags/%E6%B8%A9%E5%BA%A6%20%E4%BC%A0%E6%84%9F')
  assert.throws(() => buildPath('/articles/:id', {}), /missing path parameter "id"/)
})

test('the error shape is recognised and its details are optional', () => {
  assert.ok(isApiError({ statusCode: 404, code: 'ARTICLE_NOT_FOUND', message: '文章不存在或已下线' }))
  assert.ok(!isApiError({ statusCode: 404, message: 'no code' }))
  assert.equal(ApiError.safeParse({ statusCode: 400, code: 'X', message: 'm', details: [{ path: 1 }] }).success, false)
})

test('every route has a unique method and path and a response schema', () => {
  const seen = new Set()
  for (const [name, route] of Object.entries(routes)) {
    const key = `${route.method} ${route.path}`
    assert.ok(!seen.has(key), `${name} duplicates ${key}`)
    seen.add(key)
    assert.ok(route.path.startsWith('/'), name)
    assert.ok(route.response, name)
  }
})

test('the route table and the zod-free path table agree', () => {
  assert.deepEqual(Object.keys(routes).sort(), Object.keys(paths).sort())
  for (const [name, p] of Object.entries(paths)) {
    assert.equal(routes[name].method, p.method, name)
    assert.equal(routes[name].path, p.path, name)
  }
})

test('ArticleInput refuses keys a writer may not set (mass assignment)', () => {
  const base = { title: '标题', body: '正文' }
  assert.equal(ArticleInput.safeParse(base).success, true)
  for (const extra of [{ status: 'published' }, { likeCount: 99 }, { id: 1 }, { hotScore: 1 }]) {
    assert.equal(ArticleInput.safeParse({ ...base, ...extra }).success, false, JSON.stringify(extra))
  }
})

test('Slug and tag rules', () => {
  assert.equal(Slug.safeParse('mems-pressure-drift').success, true)
  for (const bad of ['Bad', 'a--b', '-a', 'a_b', '中文', '']) assert.equal(Slug.safeParse(bad).success, false, bad)
  assert.equal(ArticleInput.safeParse({ title: 't', body: 'b', tags: ['<script>'] }).success, false)
  assert.equal(ArticleInput.safeParse({ title: 't', body: 'b', tags: Array(9).fill('x') }).success, false)
})

test('ScheduleInput wants an ISO date-time with an offset', () => {
  assert.equal(ScheduleInput.safeParse({ publishAt: '2027-01-01T08:00:00+08:00' }).success, true)
  assert.equal(ScheduleInput.safeParse({ publishAt: 'tomorrow' }).success, false)
})

test('AdSlotInput needs a unit id or an image, and a window in order', () => {
  assert.equal(AdSlotInput.safeParse({ placement: 'article', title: 'x' }).success, false)
  assert.equal(AdSlotInput.safeParse({ placement: 'article', title: 'x', imageUrl: '/media/a.png' }).success, true)
  assert.equal(
    AdSlotInput.safeParse({ placement: 'article', title: 'x', wechatUnitId: 'adunit-0123abcd' }).success,
    true,
  )
  assert.equal(
    AdSlotInput.safeParse({
      placement: 'feed',
      title: 'x',
      imageUrl: '/a.png',
      startsAt: '2026-12-02T00:00:00Z',
      endsAt: '2026-12-01T00:00:00Z',
    }).success,
    false,
  )
  assert.equal(
    AdSlotInput.safeParse({ placement: 'article', title: 'x', imageUrl: 'javascript:alert(1)' }).success,
    false,
  )
})

test('RichTextNode accepts nested nodes and refuses malformed ones', () => {
  const nodes = [{ name: 'p', attrs: { class: 'x' }, children: [{ type: 'text', text: '你好' }, { name: 'br' }] }]
  for (const n of nodes) assert.equal(RichTextNode.safeParse(n).success, true)
  assert.equal(RichTextNode.safeParse({ name: 'p', children: [{ type: 'text' }] }).success, false)
  assert.equal(RichTextNode.safeParse({ name: 'img', attrs: { src: 1 } }).success, false)
})

test('CommentInput trims, needs 1–1000 characters and refuses unknown fields', async () => {
  const { CommentInput } = await import('../dist/index.js')
  assert.deepEqual(CommentInput.parse({ content: '  好文  ' }), { content: '好文' })
  assert.equal(CommentInput.parse({ content: '回复', replyTo: '7' }).replyTo, 7)
  assert.equal(CommentInput.safeParse({ content: '   ' }).success, false)
  assert.equal(CommentInput.safeParse({ content: '字'.repeat(1000) }).success, true)
  assert.equal(CommentInput.safeParse({ content: '字'.repeat(1001) }).success, false)
  const extra = CommentInput.safeParse({ content: '好', featured: true })
  assert.equal(extra.success, false)
  assert.match(JSON.stringify(detailsFromZod(extra.error, 'body')), /featured/)
})

test('CollectInput refuses repeated folders; FolderInput and ProfileInput refuse control characters', async () => {
  const { CollectInput, FolderInput, ProfileInput } = await import('../dist/index.js')
  assert.deepEqual(CollectInput.parse({ folderIds: [] }), { folderIds: [] })
  assert.equal(CollectInput.safeParse({ folderIds: [1, 1] }).success, false)
  assert.equal(FolderInput.parse({ name: ' 传感器选型 ' }).name, '传感器选型')
  assert.equal(FolderInput.safeParse({ name: 'a\u0007b' }).success, false)
  assert.equal(FolderInput.safeParse({ name: '字'.repeat(21) }).success, false)
  assert.equal(ProfileInput.safeParse({ nickname: '张\n三' }).success, false)
  assert.equal(ProfileInput.safeParse({ nickname: '张三', role: 'editor' }).success, false)
})

test('the limits module loads without zod, and the schemas enforce its numbers', async () => {
  const limits = readFileSync(new URL('../dist/limits.js', import.meta.url), 'utf8')
  assert.doesNotMatch(limits, /require\(/)
  const { COMMENT_MAX_LENGTH, FOLDER_NAME_MAX_LENGTH, NICKNAME_MAX_LENGTH, PAGE_SIZE_MAX } =
    await import('../dist/limits.js')
  const { CommentInput, FolderInput, ProfileInput } = await import('../dist/index.js')
  assert.equal(CommentInput.safeParse({ content: '字'.repeat(COMMENT_MAX_LENGTH + 1) }).success, false)
  assert.equal(FolderInput.safeParse({ name: '字'.repeat(FOLDER_NAME_MAX_LENGTH) }).success, true)
  assert.equal(FolderInput.safeParse({ name: '字'.repeat(FOLDER_NAME_MAX_LENGTH + 1) }).success, false)
  assert.equal(ProfileInput.safeParse({ nickname: '字'.repeat(NICKNAME_MAX_LENGTH + 1) }).success, false)
  assert.equal(FeedQuery.safeParse({ limit: String(PAGE_SIZE_MAX + 1) }).success, false)
})
