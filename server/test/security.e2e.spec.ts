import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { ApiError, buildPath, routes, type RouteContract } from '@chuangan/shared'
import { DataSource } from 'typeorm'
import { entities } from '../src/database/entities'
import { freshWorld } from './support/content-world'
import { createTestApp, ENGINE, roles, type Agent } from './support/test-app'

/**
 * The access matrix over the whole route table: every route that is not public refuses anonymous callers (401),
 * editor routes refuse readers and authors (403), author routes refuse readers (403), and none of these refused
 * calls changes a single stored row. Owner checks (another reader's folder, comment, …) are in each module's suite.
 */
describe(`access matrix over every route (${ENGINE})`, () => {
  let app: NestFastifyApplication

  beforeAll(async () => {
    app = await createTestApp()
    await freshWorld(app)
  })
  afterAll(() => app.close())

  const table = Object.entries(routes) as [string, RouteContract][]
  const urlOf = (route: RouteContract) =>
    '/api' + buildPath(route.path, { id: 1, slug: 'sensors', name: '压力传感器', kind: 'author' })
  const bodyOf = (route: RouteContract) => (route.method === 'GET' || route.method === 'DELETE' ? undefined : {})

  /** Every row of every table, to prove a refused call changed nothing. Sessions are left out: they are read. */
  async function snapshot(): Promise<string> {
    const db = app.get(DataSource)
    const parts: unknown[] = []
    for (const entity of entities) {
      if (entity.name === 'Session') continue
      parts.push(await db.getRepository(entity).find({ order: {} }))
    }
    return JSON.stringify(parts)
  }

  it('admits only these public writes: sign-in, counting a read and counting an open of a share', () => {
    const publicWrites = table
      .filter(([, route]) => route.access === 'public' && route.method !== 'GET')
      .map(([name]) => name)
      .sort()
    // Deliberate: a share is opened by anyone, signed in or not (counted once per reader per share, rate-limited).
    expect(publicWrites).toEqual(['devLogin', 'readArticle', 'recordShareOpen', 'wechatLogin'])
  })

  it('refuses anonymous callers on every non-public route, and readers/authors on staff routes; nothing changes', async () => {
    const as = await roles(app)
    const before = await snapshot()
    const expectRefused = async (who: Agent, name: string, route: RouteContract, status: number, code: string) => {
      const res = await who.call(route.method, urlOf(route), bodyOf(route))
      const got = `${name} as ${who.name}: ${res.status}`
      expect(got).toBe(`${name} as ${who.name}: ${status}`)
      expect(ApiError.parse(res.body).code).toBe(code)
    }
    let checked = 0
    for (const [name, route] of table) {
      if (route.access === 'public') continue
      await expectRefused(as.anonymous, name, route, 401, 'UNAUTHORIZED')
      checked++
      if (route.access === 'editor') {
        await expectRefused(as.reader, name, route, 403, 'FORBIDDEN')
        await expectRefused(as.author, name, route, 403, 'FORBIDDEN')
      }
      if (route.access === 'author') await expectRefused(as.reader, name, route, 403, 'FORBIDDEN')
    }
    expect(checked).toBeGreaterThan(30)
    expect(await snapshot()).toBe(before)
  })

  it('refuses an unknown or revoked token on every non-public route', async () => {
    const { reader } = await roles(app)
    await reader.call('POST', '/api/auth/logout')
    for (const [name, route] of table) {
      if (route.access === 'public') continue
      const res = await reader.call(route.method, urlOf(route), bodyOf(route))
      expect(`${name}: ${res.status}`).toBe(`${name}: 401`)
    }
  })
})
