import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { NestFastifyApplication } from '@nestjs/platform-fastify'
import { ArticleDetail, ReadResult } from '@chuangan/shared'
import { DataSource } from 'typeorm'
import { Article, ArticleRead } from '../src/content/article.entity'
import { ContentCache } from '../src/content/content-cache.service'
import { COMMENT_PAGE_WRITES, expectPagesForgotten } from './support/comment-writes'
import { buildWorld } from './support/content-world'
import { createTestApp, ENGINE, request, resetDatabase, roles } from './support/test-app'

const REDIS_URL = process.env.TEST_REDIS_URL

// Two server processes on one database and one Redis: an editorial change in one clears the other's cache.
// Runs where a Redis is given (CI sets TEST_REDIS_URL); the in-process cache is covered by content.e2e.
;(REDIS_URL ? describe : describe.skip)(`content cache shared through Redis (${ENGINE})`, () => {
  let first: NestFastifyApplication
  let second: NestFastifyApplication

  beforeAll(async () => {
    // In-memory SQLite is private to a process: share a file instead.
    const shared: Record<string, string> =
      ENGINE === 'sqlite'
        ? { DATABASE_URL: `sqlite:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shared-')), 'db.sqlite')}` }
        : {}
    first = await createTestApp({ REDIS_URL: REDIS_URL!, ...shared })
    second = await createTestApp({ REDIS_URL: REDIS_URL!, ...shared })
  })
  afterAll(async () => {
    await first.close()
    await second.close()
  })

  it('clears every process’s cache when one of them publishes a change', async () => {
    await resetDatabase(first)
    const world = await buildWorld(first)
    const id = world.published[0].id
    // Building the world published changes through the first process; their messages reach the second one a little
    // later, and one arriving after the read below would clear what it cached. Wait until none arrives for 100 ms.
    let probes = 0
    const probe = () => second.get(ContentCache).value('test:probe', async () => ++probes)
    for (let i = 0, seen = await probe(); i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100))
      if ((await probe()) === seen) break
      seen = probes
    }
    // Asked for twice: an article page is kept from its second ask on.
    await request(second, 'GET', `/api/articles/${id}`)
    const before = ArticleDetail.parse((await request(second, 'GET', `/api/articles/${id}`)).body)

    await second.get(DataSource).getRepository(Article).update({ id }, { title: '另一个进程改了标题' })
    expect(ArticleDetail.parse((await request(second, 'GET', `/api/articles/${id}`)).body).title).toBe(before.title)

    await first.get(ContentCache).invalidate()
    // Pub/sub is asynchronous: wait until the message reaches the second process (bounded).
    let title = before.title
    for (let i = 0; i < 50 && title === before.title; i++) {
      await new Promise((r) => setTimeout(r, 20))
      title = ArticleDetail.parse((await request(second, 'GET', `/api/articles/${id}`)).body).title
    }
    expect(title).toBe('另一个进程改了标题')
  })

  it('counts a read once across processes: each remembers what it saw stored, the database decides the rest', async () => {
    await resetDatabase(first)
    await first.get(ContentCache).invalidate()
    const world = await buildWorld(first)
    const id = world.published[0].id
    const { reader, otherReader } = await roles(first)
    const read = async (app: NestFastifyApplication, token: string) =>
      ReadResult.parse(
        (await request(app, 'POST', `/api/articles/${id}/read`, undefined, { authorization: `Bearer ${token}` })).body,
      )
    const start = world.published[0].readCount
    expect(await read(first, reader.token!)).toEqual({ counted: true, reads: start + 1 })
    expect(await read(second, reader.token!)).toEqual({ counted: false, reads: start + 1 })
    expect(await read(first, reader.token!)).toEqual({ counted: false, reads: start + 1 })
    expect(await read(second, reader.token!)).toEqual({ counted: false, reads: start + 1 })
    expect(await read(second, otherReader.token!)).toEqual({ counted: true, reads: start + 2 })
    expect(await read(first, otherReader.token!)).toEqual({ counted: false, reads: start + 2 })
    const db = first.get(DataSource)
    expect(await db.getRepository(ArticleRead).countBy({ articleId: id })).toBe(2)
    expect((await db.getRepository(Article).findOneByOrFail({ id })).readCount).toBe(start + 2)
  })

  // An article's cached comment pages go in every process when one of them writes (one case per writer).
  it.each(COMMENT_PAGE_WRITES.map((w) => [w.name, w] as const))(
    'shows %s to readers of the other process',
    (_name, write) => expectPagesForgotten(first, second, write),
  )
})
