import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ApiError, FeedQuery, ArticleParams, buildPath, detailsFromZod, isApiError, routes } from '../dist/index.js'

test('FeedQuery coerces the limit and applies the default', () => {
  assert.deepEqual(FeedQuery.parse({}), { limit: 20 })
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

test('buildPath fills and encodes parameters, and refuses a missing one', () => {
  assert.equal(buildPath('/articles/:id', { id: 7 }), '/articles/7')
  assert.equal(buildPath('/tags/:name', { name: '温度 传感' }), '/tags/%E6%B8%A9%E5%BA%A6%20%E4%BC%A0%E6%84%9F')
  assert.throws(() => buildPath('/articles/:id', {}), /missing path parameter "id"/)
})

test('the error shape is recognised and its details are optional', () => {
  assert.ok(isApiError({ statusCode: 404, code: 'NOT_FOUND', message: '文章不存在' }))
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
