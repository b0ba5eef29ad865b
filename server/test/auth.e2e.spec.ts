import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { ApiError, LoginResult, Me } from '@chuangan/shared'
import { DataSource } from 'typeorm'
import { SessionsService } from '../src/auth/sessions.service'
import { User } from '../src/users/user.entity'
import { UsersService } from '../src/users/users.service'
import { EmbeddedWechatEmulator } from '../src/wechat/embedded-emulator'
import type { WechatEmulator } from '../src/wechat/emulator/wechat-emulator'
import { createTestApp, ENGINE, request, resetDatabase } from './support/test-app'

describe(`WeChat sign-in (${ENGINE})`, () => {
  let app: NestFastifyApplication
  let emulator: WechatEmulator

  beforeAll(async () => {
    app = await createTestApp()
    emulator = app.get(EmbeddedWechatEmulator).instance!
  })
  beforeEach(() => resetDatabase(app))
  afterAll(() => app.close())

  const login = (code: string) => request(app, 'POST', '/api/auth/wechat', JSON.stringify({ code }))
  const me = (token: string) => request(app, 'GET', '/api/me', undefined, { authorization: `Bearer ${token}` })

  it('turns a code into a session for a user keyed by openid, and never sends session_key', async () => {
    const first = await login(emulator.issueCode('alice'))
    expect(first.status).toBe(200)
    const session = LoginResult.parse(first.body)
    expect(JSON.stringify(first.body)).not.toMatch(/session_?key/i)
    expect(Me.parse((await me(session.token)).body)).toEqual(session.user)
    expect(session.user.role).toBe('reader')

    const again = LoginResult.parse((await login(emulator.issueCode('alice'))).body)
    expect(again.user.id).toBe(session.user.id)
    expect(again.token).not.toBe(session.token)
    const bob = LoginResult.parse((await login(emulator.issueCode('bob'))).body)
    expect(bob.user.id).not.toBe(session.user.id)
  })

  it('refuses a code used twice, and unknown codes, with 401', async () => {
    const code = emulator.issueCode('carol')
    expect((await login(code)).status).toBe(200)
    for (const bad of [code, 'not-a-code']) {
      const res = await login(bad)
      expect(res.status).toBe(401)
      expect(ApiError.parse(res.body).code).toBe('LOGIN_CODE_INVALID')
    }
  })

  it('maps WeChat being busy to 503 and its rate limit to 429', async () => {
    emulator.failNext('/sns/jscode2session', -1)
    const busy = await login(emulator.issueCode('dave'))
    expect(busy.status).toBe(503)
    expect(ApiError.parse(busy.body).code).toBe('LOGIN_UNAVAILABLE')
    emulator.failNext('/sns/jscode2session', 45011)
    const limited = await login(emulator.issueCode('dave'))
    expect(limited.status).toBe(429)
    expect(ApiError.parse(limited.body).code).toBe('LOGIN_TOO_FREQUENT')
  })

  it('validates the body', async () => {
    for (const body of ['{}', JSON.stringify({ code: '' }), JSON.stringify({ code: 'x', openid: 'o-forged' })]) {
      const res = await request(app, 'POST', '/api/auth/wechat', body)
      expect(res.status).toBe(400)
      expect(ApiError.parse(res.body).code).toBe('VALIDATION_FAILED')
    }
  })

  it('answers a session until it expires, then 401, and nothing once its user is deleted', async () => {
    const sessions = app.get(SessionsService)
    const user = await app.get(UsersService).create({ nickname: '到期的读者' })
    const DAY = 86_400_000
    const live = await sessions.issue(user.id, 1, new Date(Date.now() - DAY + 60_000))
    const expired = await sessions.issue(user.id, 1, new Date(Date.now() - DAY - 1_000))
    expect(Me.parse((await me(live.token)).body).id).toBe(user.id)
    const refused = await me(expired.token)
    expect(refused.status).toBe(401)
    expect(ApiError.parse(refused.body).code).toBe('UNAUTHORIZED')
    // MariaDB keeps whole seconds: a second either side of the expiry.
    const expiresAt = live.expiresAt.getTime()
    expect(await sessions.resolve(live.token, new Date(expiresAt - 1_000))).toMatchObject({ id: user.id })
    expect(await sessions.resolve(live.token, new Date(expiresAt + 1_000))).toBeNull()
    await app.get(DataSource).getRepository(User).delete({ id: user.id })
    expect((await me(live.token)).status).toBe(401)
  })

  it('logs out: the token stops working, other sessions go on', async () => {
    const a = LoginResult.parse((await login(emulator.issueCode('erin'))).body)
    const b = LoginResult.parse((await login(emulator.issueCode('erin'))).body)
    const out = await request(app, 'POST', '/api/auth/logout', undefined, { authorization: `Bearer ${a.token}` })
    expect(out.status).toBe(200)
    expect((await me(a.token)).status).toBe(401)
    expect((await me(b.token)).status).toBe(200)
    expect((await request(app, 'POST', '/api/auth/logout')).status).toBe(401)
  })
})

describe(`development sign-in (${ENGINE})`, () => {
  it('signs in as a named user through the emulator, the same name being the same user', async () => {
    const app = await createTestApp()
    try {
      const dev = (name: string) => request(app, 'POST', '/api/auth/dev', JSON.stringify({ name }))
      const first = LoginResult.parse((await dev('tester')).body)
      const again = LoginResult.parse((await dev('tester')).body)
      expect(again.user.id).toBe(first.user.id)
      expect((await dev('<script>')).status).toBe(400)
    } finally {
      await app.close()
    }
  })

  it('does not exist when the server talks to a configured WeChat', async () => {
    const app = await createTestApp({ WECHAT_API_BASE: 'http://127.0.0.1:9' })
    try {
      const res = await request(app, 'POST', '/api/auth/dev', JSON.stringify({ name: 'tester' }))
      expect(res.status).toBe(404)
      expect(ApiError.parse(res.body).code).toBe('DEV_LOGIN_UNAVAILABLE')
    } finally {
      await app.close()
    }
  })
})
