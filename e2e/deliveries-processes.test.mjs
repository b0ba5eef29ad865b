// Subscribe messages are delivered at most once across real processes: a worker killed (SIGKILL) mid-batch and
// started again, and — on PostgreSQL and MariaDB — two workers on one queue. The WeChat emulator runs in its own
// process and counts what arrives. TEST_DATABASE_URL picks the database (default: a new SQLite file); it is emptied.
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import {
  api,
  deliveryStates,
  freshDatabase,
  newsroom,
  seedFollowers,
  serverEnv,
  startEmulator,
  startServer,
  startWorker,
  waitFor,
} from '../bench/support/fanout.mjs'

const FOLLOWERS = 3000
const LEASE_MS = 1500
const url = await freshDatabase(process.env.TEST_DATABASE_URL)
const engine = url.split(':')[0]
const emulator = await startEmulator()
const env = serverEnv(url, emulator)
const server = await startServer(env)
after(() => {
  server.stop()
  emulator.stop()
})
const page = (id) => `packages/content/article/index?id=${id}`

test(`a worker killed mid-batch and restarted sends nobody a message twice (${engine})`, async () => {
  const room = await newsroom(env, server.base, 'killed')
  await seedFollowers(url, room.author.id, FOLLOWERS, 'k')
  const article = await room.draft('杀掉工作进程之后')
  await api(server.base, 'POST', `/editor/articles/${article.id}/publish`, room.token)

  const first = startWorker(env, '--lease-ms', String(LEASE_MS))
  await waitFor(async () => (await emulator.count(page(article.id))).total >= FOLLOWERS / 5, 60_000, 5)
  first.kill('SIGKILL')
  await first.exited
  const atKill = await emulator.count(page(article.id))
  const left = await deliveryStates(url, article.id)

  // Past the lease, a new worker takes the claimed rows back and records the in-flight ones as unknown.
  await new Promise((r) => setTimeout(r, LEASE_MS + 200))
  const second = startWorker(env, '--drain', '--lease-ms', String(LEASE_MS))
  assert.equal(await second.exited, 0)

  const states = await deliveryStates(url, article.id)
  const arrived = await emulator.count(page(article.id))
  console.log(
    `${engine}: killed after ${atKill.total} sends (rows then: ${JSON.stringify(left)}); ` +
      `finally ${JSON.stringify(states)}; emulator ${JSON.stringify(arrived)}`,
  )
  assert.equal(arrived.readersMoreThanOnce, 0, 'a reader got the message twice')
  assert.equal((states.sent ?? 0) + (states.unknown ?? 0), FOLLOWERS, 'every row settled as sent or unknown')
  assert.ok(arrived.total >= states.sent && arrived.total <= states.sent + (states.unknown ?? 0))
  assert.ok((states.unknown ?? 0) <= 200, 'at most the chunks in flight are unknown')
  assert.ok(atKill.total < FOLLOWERS, 'the kill came mid-way')
})

test(`two workers on one queue send each message exactly once (${engine})`, { skip: engine === 'sqlite' }, async () => {
  const room = await newsroom(env, server.base, 'pair')
  await seedFollowers(url, room.author.id, FOLLOWERS, 'p')
  const article = await room.draft('两个工作进程')
  await api(server.base, 'POST', `/editor/articles/${article.id}/publish`, room.token)

  const workers = [0, 1].map(() => startWorker(env, '--drain', '--batch', '200'))
  assert.deepEqual(await Promise.all(workers.map((w) => w.exited)), [0, 0])
  const states = await deliveryStates(url, article.id)
  const arrived = await emulator.count(page(article.id))
  console.log(`${engine}, two workers: ${JSON.stringify(states)}; emulator ${JSON.stringify(arrived)}`)
  assert.deepEqual(states, { sent: FOLLOWERS })
  assert.deepEqual(arrived, { total: FOLLOWERS, readers: FOLLOWERS, readersMoreThanOnce: 0 })
})
