import { ContentCache } from './content-cache.service'
import type { RedisConnections } from '../infra/redis'

const noRedis = { client: null, subscriberConnection: () => null } as unknown as RedisConnections

describe('ContentCache', () => {
  it('keeps a body at once by default', async () => {
    const cache = new ContentCache(noRedis)
    let loads = 0
    const load = async () => ({ n: ++loads })
    await cache.json('feed:1', load)
    expect(JSON.parse((await cache.json('feed:1', load)).toString())).toEqual({ n: 1 })
    expect(loads).toBe(1)
  })

  it('keeps a second-ask body only from its second ask, then serves it', async () => {
    const cache = new ContentCache(noRedis)
    let loads = 0
    const load = async () => Buffer.from(JSON.stringify({ n: ++loads }))
    await cache.json('article:1', load, 'second-ask')
    await cache.json('article:1', load, 'second-ask')
    const third = await cache.json('article:1', load, 'second-ask')
    expect(JSON.parse(third.toString())).toEqual({ n: 2 })
    expect(loads).toBe(2)
    // Another key asked once is loaded every time it is asked for once.
    await cache.json('article:2', load, 'second-ask')
    expect(loads).toBe(3)
  })

  it('shares one load among concurrent misses, kept or not', async () => {
    const cache = new ContentCache(noRedis)
    let loads = 0
    const load = async () => {
      loads++
      await new Promise((r) => setTimeout(r, 5))
      return Buffer.from('{}')
    }
    await Promise.all([1, 2, 3].map(() => cache.json('article:9', load, 'second-ask')))
    expect(loads).toBe(1)
  })
})
