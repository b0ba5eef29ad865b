import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { DataSource } from 'typeorm'
import { createApp } from '../../src/app.factory'
import { loadConfig } from '../../src/config/config'
import { entities } from '../../src/database/entities'

/** The database under test: SQLite in memory unless TEST_DATABASE_URL names PostgreSQL or MariaDB. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'sqlite::memory:'

/** The real application on the test database, migrated, with its tables emptied. */
export async function createTestApp(env: Record<string, string> = {}): Promise<NestFastifyApplication> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: TEST_DATABASE_URL,
    WEB_ROOT: '/nonexistent',
    ...env,
  })
  const app = await createApp(config)
  await resetDatabase(app)
  return app
}

export async function resetDatabase(app: NestFastifyApplication): Promise<void> {
  const db = app.get(DataSource)
  for (const entity of [...entities].reverse()) {
    await db.getRepository(entity).clear()
  }
}

export interface InjectResult<T = unknown> {
  status: number
  headers: Record<string, string | string[] | number | undefined>
  body: T
}

/** One HTTP request through Fastify's in-process injection (no port). */
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
  if (String(res.headers['content-type'] ?? '').includes('json')) body = res.json()
  return { status: res.statusCode, headers: res.headers, body: body as T }
}
