import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { ApiError, Health, routes } from '@chuangan/shared'
import { DataSource, QueryFailedError } from 'typeorm'
import { toApiError } from '../src/common/error-shape'
import { Transactions } from '../src/database/transactions'
import { createTestApp, ENGINE, request, TEST_DATABASE_URL } from './support/test-app'

describe(`system surface (${TEST_DATABASE_URL.split(':')[0]})`, () => {
  let app: NestFastifyApplication

  beforeAll(async () => {
    app = await createTestApp()
  })
  afterAll(() => app.close())

  ;(ENGINE === 'sqlite' ? it.skip : it)('runs a deadlock victim again instead of failing the request', async () => {
    const db = app.get(DataSource)
    const transactions = app.get(Transactions)
    await db.query('DROP TABLE IF EXISTS deadlock_probe')
    await db.query('CREATE TABLE deadlock_probe (id integer PRIMARY KEY, n integer NOT NULL)')
    await db.query('INSERT INTO deadlock_probe (id, n) VALUES (1, 0), (2, 0)')
    try {
      // Two transactions lock the two rows in opposite orders, each waiting until the other holds its first row:
      // the database must pick a victim, and the victim runs again once the other has committed.
      let attempts = 0
      let holding = 0
      let release!: () => void
      const bothHold = new Promise<void>((resolve) => (release = resolve))
      const cross = (first: number, second: number) =>
        transactions.run(async (em) => {
          attempts++
          await em.query(`UPDATE deadlock_probe SET n = n + 1 WHERE id = ${first}`)
          if (++holding === 2) release()
          await bothHold
          await em.query(`UPDATE deadlock_probe SET n = n + 1 WHERE id = ${second}`)
        })
      await Promise.all([cross(1, 2), cross(2, 1)])
      expect(attempts).toBeGreaterThanOrEqual(3)
      const rows = (await db.query('SELECT id, n FROM deadlock_probe ORDER BY id')) as Array<{
        id: unknown
        n: unknown
      }>
      expect(rows.map((r) => Number(r.n))).toEqual([2, 2])
    } finally {
      await db.query('DROP TABLE IF EXISTS deadlock_probe')
    }
  })

  it('GET /api/healthz reports ok and the database', async () => {
    const res = await request(app, 'GET', '/api/healthz')
    expect(res.status).toBe(200)
    const health = Health.parse(res.body)
    expect(health.status).toBe('ok')
    expect(health.database.ok).toBe(true)
    const expected = { postgres: 'postgres', mysql: 'mysql', mariadb: 'mariadb', sqlite: 'better-sqlite3' }
    expect(health.database.type).toBe(expected[TEST_DATABASE_URL.split(':')[0] as keyof typeof expected])
  })

  it('answers an unknown API route with 404 in the error shape', async () => {
    const res = await request(app, 'GET', '/api/no-such-thing')
    expect(res.status).toBe(404)
    expect(ApiError.parse(res.body)).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' })
  })

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await request(app, 'POST', '/api/articles', '{"title": ')
    expect(res.status).toBe(400)
    expect(ApiError.parse(res.body)).toMatchObject({ code: 'MALFORMED_JSON' })
  })

  it('answers a 2 MB body with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await request(app, 'POST', '/api/articles', JSON.stringify({ body: 'x'.repeat(2 * 1024 * 1024) }))
    expect(res.status).toBe(413)
    expect(ApiError.parse(res.body)).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' })
  })

  it('answers a wrong field type with 400 and names the field', async () => {
    const res = await request<ApiError>(app, 'GET', '/api/articles?limit=many')
    expect(res.status).toBe(400)
    expect(ApiError.parse(res.body).code).toBe('VALIDATION_FAILED')
    expect(res.body.details?.map((d) => d.path)).toEqual(['query.limit'])
  })

  it('maps a number too large for its column (PostgreSQL 22003, MariaDB 1264) to 400, other database errors to 500', async () => {
    const driverError = (message: string, fields: object) => Object.assign(new Error(message), fields)
    const errors: unknown[] = [
      new QueryFailedError(
        'SELECT …',
        [],
        driverError('value "3000000000" is out of range for type integer', { code: '22003' }),
      ),
      new QueryFailedError(
        'INSERT …',
        [],
        driverError("Out of range value for column 'n' at row 1", { code: 'ER_WARN_DATA_OUT_OF_RANGE', errno: 1264 }),
      ),
    ]
    // And this database's own error, where it has one (SQLite keeps any integer).
    const runner = app.get(DataSource).createQueryRunner()
    try {
      if (ENGINE === 'postgres') {
        errors.push(await runner.query('SELECT $1::integer AS n', ['3000000000']).catch((e: unknown) => e))
      }
      if (ENGINE === 'mariadb' || ENGINE === 'mysql') {
        await runner.query('CREATE TEMPORARY TABLE range_probe (n INT)')
        errors.push(
          await runner.query('INSERT INTO range_probe (n) VALUES (?)', [3_000_000_000]).catch((e: unknown) => e),
        )
      }
    } finally {
      await runner.release()
    }
    for (const error of errors) {
      expect(error).toBeInstanceOf(QueryFailedError)
      expect(toApiError(error)).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: '请求中的数值超出范围' })
    }
    const missingTable = new QueryFailedError('SELECT …', [], driverError('relation does not exist', { code: '42P01' }))
    expect(toApiError(missingTable)).toMatchObject({ statusCode: 500, code: 'INTERNAL_ERROR' })
  })

  it('sends security headers', async () => {
    const res = await request(app, 'GET', '/api/healthz')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-security-policy']).toContain("default-src 'self'")
    expect(res.headers['x-frame-options']).toBeDefined()
  })

  it('serves OpenAPI generated from the shared contract, one operation per route', async () => {
    const res = await request<{ openapi: string; paths: Record<string, Record<string, { operationId: string }>> }>(
      app,
      'GET',
      '/api/docs-json',
    )
    expect(res.status).toBe(200)
    expect(res.body.openapi).toMatch(/^3\./)
    const operations = Object.values(res.body.paths).flatMap((p) => Object.values(p).map((op) => op.operationId))
    expect(operations.sort()).toEqual(Object.keys(routes).sort())
    expect(res.body.paths['/api/articles/{id}'].get).toBeDefined()
  })

  it('serves the Swagger UI page with its assets and no inline script', async () => {
    const res = await request(app, 'GET', '/api/docs')
    expect(res.status).toBe(200)
    const html = String(res.body)
    expect(html).toContain('swagger-ui-bundle.js')
    expect(html).not.toMatch(/<script>[^<]/)
    for (const asset of [
      '/api/docs/assets/swagger-ui-bundle.js',
      '/api/docs/assets/swagger-ui.css',
      '/api/docs/init.js',
    ]) {
      expect((await request(app, 'GET', asset)).status).toBe(200)
    }
  })
})
