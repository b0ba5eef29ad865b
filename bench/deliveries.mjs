// One publish fanned out to many followers through the WeChat emulator (issue 12): the publish request's time with
// 0 and with N followers, deliveries per second to the last delivery, and exactly-once (the emulator's count equals
// the outbox's). SQLite with one worker process; PostgreSQL with two when a URL is given. Baseline, same run: the
// same number of bare subscribe-message sends from this script to the same emulator at the workers' concurrency.
//   node bench/deliveries.mjs [followers=100000] [postgres://…/db (emptied)]
import http from 'node:http'
import { median, writeSection } from './report.mjs'
import {
  api,
  deliveryStates,
  freshDatabase,
  newsroom,
  root,
  seedFollowers,
  serverEnv,
  startEmulator,
  startServer,
  startWorker,
  waitFor,
} from './support/fanout.mjs'
import { ensureServerBuilt } from './support/build.mjs'

const N = Number(process.argv[2] ?? 100_000)
const pgUrl = process.argv[3]
const CONCURRENCY = 200 // the worker's chunks in flight × chunk size (DEFAULT_WORKER_OPTIONS)

ensureServerBuilt(root)

// The same client as the server's (server/src/wechat/wechat.http.ts): node:http with kept-alive connections.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })
function post(url, json) {
  const body = Buffer.from(JSON.stringify(json))
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } },
      (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** Bare sends: what the emulator and loopback HTTP allow at this concurrency, with no database at all. */
async function bareSends(emulator, n) {
  const { access_token: token } = await (
    await fetch(`${emulator.base}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: 'wx00000000emulator', secret: 'emulator-secret' }),
    })
  ).json()
  let next = 0
  const started = performance.now()
  const lane = async () => {
    while (next < n) {
      const i = next++
      const body = await post(`${emulator.base}/cgi-bin/message/subscribe/send?access_token=${token}`, {
        touser: `obaseline${String(i).padStart(19, '0')}`,
        template_id: 'baseline',
        page: 'baseline',
        data: { thing1: { value: '基线' }, time3: { value: '2026年12月5日 10:00' } },
      })
      if (body.errcode) throw new Error(`baseline send: ${JSON.stringify(body)}`)
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, lane))
  return n / ((performance.now() - started) / 1000)
}

async function timed(fn) {
  const t = performance.now()
  await fn()
  return performance.now() - t
}

async function run(label, url, workers) {
  const db = await freshDatabase(url)
  const emulator = await startEmulator()
  const env = serverEnv(db, emulator)
  const server = await startServer(env)
  try {
    const room = await newsroom(env, server.base, 'bench')
    const quiet = await newsroom(env, server.base, 'quiet')
    // Publish with nobody following: 5 articles, median.
    const empty = []
    for (let i = 0; i < 5; i++) {
      const a = await quiet.draft(`无人关注 ${i}`)
      empty.push(await timed(() => api(server.base, 'POST', `/editor/articles/${a.id}/publish`, quiet.token)))
    }
    const seedMs = await timed(() => seedFollowers(db, room.author.id, N, 'b'))
    const article = await room.draft('十万关注者的新文章')
    const publishMs = await timed(() => api(server.base, 'POST', `/editor/articles/${article.id}/publish`, room.token))
    const queued = await deliveryStates(db, article.id)

    const page = `packages/content/article/index?id=${article.id}`
    const started = performance.now()
    const procs = Array.from({ length: workers }, () => startWorker(env))
    await waitFor(async () => (await emulator.count(page)).total >= N, 30 * 60_000, 50)
    const lastMs = performance.now() - started
    // Let the workers record the last outcomes, then stop them.
    await waitFor(async () => ((await deliveryStates(db, article.id)).sent ?? 0) >= N, 60_000, 50).catch(() => {})
    for (const p of procs) p.kill('SIGTERM')
    await Promise.all(procs.map((p) => p.exited))
    const states = await deliveryStates(db, article.id)
    const arrived = await emulator.count(page)
    const baseline = await bareSends(emulator, Math.min(N, 20_000))
    return {
      label,
      workers,
      emptyPublish: median(empty),
      publishMs,
      seedMs,
      queued,
      lastMs,
      rate: N / (lastMs / 1000),
      baseline,
      states,
      arrived,
    }
  } finally {
    server.stop()
    emulator.stop()
  }
}

const results = [await run('SQLite', undefined, 1)]
if (pgUrl) results.push(await run('PostgreSQL', pgUrl, 2))

const ms = (x) => `${Math.round(x)} ms`
const rows = results.map((r) => {
  const exact = r.arrived.total === N && r.arrived.readersMoreThanOnce === 0 && r.states.sent === N
  return `| ${r.label}, ${r.workers} worker process${r.workers > 1 ? 'es' : ''} | ${ms(r.emptyPublish)} | ${ms(r.publishMs)} | ${(r.lastMs / 1000).toFixed(1)} s | ${Math.round(r.rate)}/s | ${Math.round(r.baseline)}/s | ${(r.rate / r.baseline).toFixed(2)} | ${r.rate >= 2000 ? 'yes' : '**no**'} | ${r.arrived.total} / ${r.states.sent ?? 0} / ${r.arrived.readersMoreThanOnce} ${exact ? '✔' : '✘'} |`
})
const body = `
${N.toLocaleString('en')} readers follow one author and granted one message each (seeded by SQL); the editor API
publishes one article by that author. The publish request is timed from this script (and with nobody following, median
of 5, as its baseline); then \`cli.js deliver\` worker processes send the outbox to the WeChat emulator (its own
process) until the emulator has received all ${N.toLocaleString('en')}. Baseline for the rate: bare sends from this script to the same emulator at the
same concurrency (${CONCURRENCY} in flight) with the same HTTP client (node:http, kept-alive connections), no database.

| database | publish, 0 followers | publish, ${N.toLocaleString('en')} followers | to the last delivery | deliveries/s | bare sends/s | ratio | ≥ 2,000/s | emulator / sent / readers twice |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

The publish with followers includes the outbox insert (one INSERT … SELECT of ${N.toLocaleString('en')} rows) in its transaction; nothing
else in it grows with the follower count.
`
writeSection(
  'deliveries',
  'Subscribe messages: one publish fanned out (issue 12)',
  `node bench/deliveries.mjs ${N}${pgUrl ? ' postgres://…' : ''}`,
  body,
)
console.log(body)
console.log(JSON.stringify(results, null, 1))
