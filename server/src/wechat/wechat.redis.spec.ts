import { randomBytes } from 'node:crypto'
import { loadConfig } from '../config/config'
import { RedisConnections } from '../infra/redis'
import { createWechatEmulator, type WechatEmulator } from './emulator/wechat-emulator'
import { WechatClient } from './wechat.client'

const REDIS_URL = process.env.TEST_REDIS_URL

// Two server processes, one Redis: they share one access token. Runs where a Redis is given (TEST_REDIS_URL).
;(REDIS_URL ? describe : describe.skip)('WechatClient token shared through Redis', () => {
  // A fresh appid per run, so a token left in Redis by an earlier run is never read.
  const appid = `wxredis${randomBytes(6).toString('hex')}`
  const secret = 'redis-secret'
  let emulator: WechatEmulator
  let baseUrl: string
  const connections: RedisConnections[] = []

  const newClient = () => {
    const redis = new RedisConnections(loadConfig({ REDIS_URL: REDIS_URL! }))
    connections.push(redis)
    return new WechatClient({ baseUrl, appid, secret }, redis)
  }

  beforeAll(async () => {
    emulator = createWechatEmulator({ appid, secret })
    baseUrl = await emulator.listen()
  })
  afterAll(async () => {
    await connections[0]?.client?.del(`chuangan:wechat:token:${appid}`)
    await Promise.all(connections.map((c) => c.onModuleDestroy()))
    await emulator.close()
  })

  it('fetches one token for two clients, stored under the appid with a TTL', async () => {
    const first = newClient()
    const second = newClient()
    const token = await first.accessToken()
    expect(await second.accessToken()).toBe(token)
    expect(emulator.callCount('/cgi-bin/stable_token')).toBe(1)

    const redis = connections[0].client!
    const stored = JSON.parse((await redis.get(`chuangan:wechat:token:${appid}`))!) as { token: string }
    expect(stored.token).toBe(token)
    const ttl = await redis.pttl(`chuangan:wechat:token:${appid}`)
    expect(ttl).toBeGreaterThan(7000 * 1000)
    expect(ttl).toBeLessThanOrEqual(7200 * 1000)
  })

  it('after one client replaces a rejected token, the other adopts it without forcing another refresh', async () => {
    const first = newClient()
    const second = newClient()
    const old = await first.accessToken()
    expect(await second.accessToken()).toBe(old)
    const calls = emulator.callCount('/cgi-bin/stable_token')

    emulator.failNext('/wxa/msg_sec_check', 40001)
    await first.msgSecCheck({ openid: 'o1', scene: 1, content: 'hi' })
    expect(emulator.callCount('/cgi-bin/stable_token')).toBe(calls + 1)
    const replaced = await first.accessToken()
    expect(replaced).not.toBe(old)

    // The second client still holds the old token; the platform rejects it (the forced refresh ended it) and the
    // client finds the replacement in Redis instead of forcing a refresh of its own.
    expect((await second.msgSecCheck({ openid: 'o1', scene: 1, content: 'hi' })).suggest).toBe('pass')
    expect(await second.accessToken()).toBe(replaced)
    expect(emulator.callCount('/cgi-bin/stable_token')).toBe(calls + 1)
  })
})
