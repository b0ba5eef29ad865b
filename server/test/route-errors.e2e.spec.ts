import { RequestMethod } from '@nestjs/common'
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants'
import { ModulesContainer } from '@nestjs/core'
import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { routes, type RouteContract, type RouteName } from '@chuangan/shared'
import { RATE_LIMIT_KEY } from '../src/rate-limit/rate-limit.guard'
import { createTestApp, ENGINE } from './support/test-app'

/** Routes that limit inside the handler (a poster or code drawn on a cache miss), not with `@RateLimit`. */
const LIMITED_INSIDE: RouteName[] = ['sharePoster', 'shareCode']

/**
 * The route table's error lists against the handlers: what the contract (and so OpenAPI) says about rate limits is
 * what the controllers do. Declared codes are checked on every API test's answers (support/declared-codes.ts).
 */
describe(`route errors and the handlers (${ENGINE})`, () => {
  let app: NestFastifyApplication

  beforeAll(async () => {
    app = await createTestApp()
  })
  afterAll(() => app.close())

  /** Every handler bound to a route of the contract, by route name, with its rate-limit action if any. */
  function handlers(): Map<RouteName, string | undefined> {
    const byKey = new Map(
      (Object.entries(routes) as [RouteName, RouteContract][]).map(([name, r]) => [`${r.method} ${r.path}`, name]),
    )
    const found = new Map<RouteName, string | undefined>()
    for (const module of app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const proto = (wrapper.metatype as { prototype: object }).prototype
        for (const key of Object.getOwnPropertyNames(proto)) {
          const handler = (proto as Record<string, unknown>)[key]
          if (typeof handler !== 'function' || key === 'constructor') continue
          const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined
          const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined
          if (path === undefined || method === undefined) continue
          const name = byKey.get(`${RequestMethod[method]} ${path}`)
          if (name) found.set(name, Reflect.getMetadata(RATE_LIMIT_KEY, handler) as string | undefined)
        }
      }
    }
    return found
  }

  it('finds a handler for every route', () => {
    expect([...handlers().keys()].sort()).toEqual(Object.keys(routes).sort())
  })

  it('marks exactly the rate-limited routes `rateLimited` (429 RATE_LIMITED in OpenAPI)', () => {
    const limited = [...handlers()].filter(([, action]) => action).map(([name]) => name)
    const declared = (Object.entries(routes) as [RouteName, RouteContract][])
      .filter(([, r]) => r.rateLimited)
      .map(([name]) => name)
    expect(declared.sort()).toEqual([...limited, ...LIMITED_INSIDE].sort())
  })

  it('documents each route’s codes in OpenAPI, by status', async () => {
    const res = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/api/docs-json' })
    type Codes = { properties: { code: { enum: string[] } } }
    type Json = { schema: { allOf: [unknown, Codes] }; examples?: Record<string, { value: unknown }> }
    type Responses = Record<string, { content: { 'application/json': Json } }>
    const paths = res.json().paths as Record<string, Record<string, { responses: Responses }>>
    const codes = (path: string, method: string, status: number) =>
      paths[path][method].responses[status].content['application/json'].schema.allOf[1].properties.code.enum
    expect(codes('/api/articles/{id}/comments', 'post', 409)).toEqual(['COMMENTS_CLOSED'])
    expect(codes('/api/articles/{id}/comments', 'post', 404)).toEqual(['ARTICLE_NOT_FOUND'])
    expect(codes('/api/articles/{id}/comments', 'post', 400)).toEqual(
      expect.arrayContaining(['VALIDATION_FAILED', 'MALFORMED_JSON', 'REPLY_TARGET_NOT_FOUND']),
    )
    expect(codes('/api/articles/{id}/comments', 'post', 429)).toEqual(['RATE_LIMITED'])
    expect(codes('/api/articles/{id}/comments', 'post', 422)).toEqual(['CONTENT_REJECTED'])
    expect(codes('/api/editor/articles/{id}', 'patch', 403)).toEqual([
      'FORBIDDEN',
      'ARTICLE_NOT_EDITABLE',
      'BYLINE_LOCKED',
    ])
    expect(codes('/api/share/poster', 'get', 503)).toEqual(['POSTER_UNAVAILABLE'])
    expect(paths['/api/columns'].get.responses['400']).toBeUndefined()
    const closed = paths['/api/articles/{id}/comments'].post.responses['409'].content['application/json']
    expect(closed.examples?.COMMENTS_CLOSED.value).toEqual({
      statusCode: 409,
      code: 'COMMENTS_CLOSED',
      message: '该文章已关闭评论',
    })
  })
})
