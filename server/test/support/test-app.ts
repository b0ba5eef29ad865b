import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { DataSource } from 'typeorm'
import { createApp } from '../../src/app.factory'
import { SessionsService } from '../../src/auth/sessions.service'
import { loadConfig } from '../../src/config/config'
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../../src/rate-limit/rate-limit.service'
import { entities } from '../../src/database/entities'
import { SavedSearchesService } from '../../src/saved-searches/saved-searches.service'
import { SEARCH_ENGINE, type SearchEngine } from '../../src/search/search-engine'
import { MentionsService } from '../../src/mentions/mentions.service'
import type { Role, User } from '../../src/users/user.entity'
import { UsersService } from '../../src/users/users.service'
import { assertDeclaredCode } from './declared-codes'

/** The database under test: SQLite in memory unless TEST_DATABASE_URL names PostgreSQL or MariaDB. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'sqlite::memory:'
export const ENGINE = TEST_DATABASE_URL.split(':')[0]

/** The real application on the test database, migrated, with its tables emptied. */
export async function createTestApp(env: Record<string, string> = {}): Promise<NestFastifyApplication> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: TEST_DATABASE_URL,
    WEB_ROOT: '/nonexistent',
    MEDIA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'chuangan-media-')),
    // PostgreSQL's search answered in SQL, so the shared suite holds that path to the quality set; the shared index
    // answers with the embedded engine's code (covered on SQLite) and has its own test (search-postgres.e2e-spec.ts).
    SEARCH_SHARED_INDEX: '0',
    ...env,
  })
  const app = await createApp(config)
  await resetDatabase(app)
  return app
}

export async function resetDatabase(app: NestFastifyApplication): Promise<void> {
  // Search rows written in the background after the last import would race the deletes below (a deadlock on
  // PostgreSQL): let them finish first.
  await app.get(SavedSearchesService).idle()
  await app.get<SearchEngine>(SEARCH_ENGINE).settled()
  // Likewise the products-in-articles lists recomputed after an import.
  await app.get(MentionsService).idle()
  const db = app.get(DataSource)
  for (const entity of [...entities].reverse()) {
    await db.getRepository(entity).createQueryBuilder().delete().execute()
  }
}

export interface InjectResult<T = unknown> {
  status: number
  headers: Record<string, string | string[] | number | undefined>
  body: T
}

/** One HTTP request through Fastify's in-process injection (no port); an undeclared error code fails the test. */
export async function request<T = unknown>(
  app: NestFastifyApplication,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: string | object,
  headers: Record<string, string> = {},
): Promise<InjectResult<T>> {
  const res = await app
    .getHttpAdapter()
    .getInstance()
    .inject({
      method,
      url,
      payload: payload as never,
      headers: typeof payload === 'string' ? { 'content-type': 'application/json', ...headers } : headers,
    })
  let body: unknown = res.body
  if (String(res.headers['content-type'] ?? '').includes('json') && res.body) body = res.json()
  assertDeclaredCode(method, url, res.statusCode, body)
  return { status: res.statusCode, headers: res.headers, body: body as T }
}

/** A signed-in caller of the API, or the anonymous one (no token). */
export interface Agent {
  name: string
  user: User | null
  token: string | null
  call<T = unknown>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object | string,
  ): Promise<InjectResult<T>>
}

export async function agent(
  app: NestFastifyApplication,
  name: string,
  role: Role | null,
  fields: { supplierId?: number } = {},
): Promise<Agent> {
  let user: User | null = null
  let token: string | null = null
  if (role) {
    user = await app.get(UsersService).create({ nickname: name, role, supplierId: fields.supplierId ?? null })
    token = (await app.get(SessionsService).issue(user.id)).token
  }
  return {
    name,
    user,
    token,
    call: (method, url, payload) =>
      request(app, method, url, payload, token ? { authorization: `Bearer ${token}` } : {}),
  }
}

/** The five callers every API surface is tested with. */
export async function roles(app: NestFastifyApplication) {
  return {
    anonymous: await agent(app, 'anonymous', null),
    reader: await agent(app, '读者甲', 'reader'),
    otherReader: await agent(app, '读者乙', 'reader'),
    author: await agent(app, '作者丙', 'author'),
    editor: await agent(app, '编辑丁', 'editor'),
  }
}

/** More calls than any test makes, per window. */
export const ROOM = { points: 1_000_000, seconds: 60 }

/** Every rate-limited action with limits no test reaches (the rate-limit tests lower the one they test). */
export const GENEROUS_LIMITS = Object.fromEntries(
  Object.keys(DEFAULT_RATE_LIMITS).map((action) => [action, { perUser: ROOM, perIp: ROOM }]),
) as RateLimits
