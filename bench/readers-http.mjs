#!/usr/bin/env node
// Readers' routes under an engagement load: what an article page asks for a signed-in reader (the page route with the
// read count; the comment list, hot, first page and 4 pages deep; the viewer state; the cached share poster) and the
// like / unlike write path, each as a ratio to the trivial route GET /api/ping measured in the same round. Also the
// server's peak RSS.
// The built server runs on a temporary SQLite file with the demo content; 300 readers signed in through the dev login
// then like, collect, comment (300 comments and replies on one article) and vote on three articles through the API.
//   node bench/readers-http.mjs [seconds=5] [connections=50]      (BENCH_ROUNDS=3)
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { summariseRounds, writeSection } from './report.mjs'
import { serverNodeFlags } from '../scripts/server-node-flags.mjs'
import { ensureServerBuilt } from './support/build.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(path.join(root, 'server/package.json'))
const autocannon = require('autocannon')
const seconds = Number(process.argv[2] ?? 5)
const connections = Number(process.argv[3] ?? 50)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const READERS = 300

ensureServerBuilt(root)
const mainJs = path.join(root, 'server/dist/main.js')

const port = await new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port
    s.close(() => resolve(p))
  })
})
const base = `http://127.0.0.1:${port}`
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-readers-'))
// SQLite in one process by default; BENCH_DATABASE_URL (a fresh database: PostgreSQL or MariaDB) with
// BENCH_REDIS_URL and BENCH_PROCESSES=2 runs the server as several processes sharing the port (bench/support/cluster.cjs).
const databaseUrl = process.env.BENCH_DATABASE_URL ?? `sqlite:${path.join(dir, 'db.sqlite')}`
const processes = Number(process.env.BENCH_PROCESSES ?? 1)
const readyFile = path.join(dir, 'ready')
const server = spawn(
  process.execPath,
  [
    ...serverNodeFlags(),
    ...(processes > 1
      ? [path.join(root, 'bench/support/cluster.cjs'), mainJs, String(processes), readyFile]
      : [mainJs]),
  ],
  {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      ...(process.env.BENCH_REDIS_URL ? { REDIS_URL: process.env.BENCH_REDIS_URL } : {}),
      DEMO_CONTENT: '1',
      // Seeding only: each reader sends from its own X-Forwarded-For address, as readers behind a proxy would, so the
      // per-IP comment limit (30 a minute) counts each reader apart. The measured requests send no such header.
      TRUST_PROXY: '1',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      NODE_ENV: 'production',
      MEDIA_DIR: path.join(dir, 'media'),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  },
)
process.on('exit', () => {
  server.kill('SIGTERM')
  fs.rmSync(dir, { recursive: true, force: true })
})
for (;;) {
  try {
    if ((await fetch(`${base}/api/ping`)).ok) break
  } catch {
    // not yet
  }
  await new Promise((r) => setTimeout(r, 20))
}
while (processes > 1 && !fs.existsSync(readyFile)) await new Promise((r) => setTimeout(r, 50))

// Peak resident memory of the server process, per phase (seeding, then each route's runs).
const peak = {}
let phase = 'seed'
const rssOf = (pid) => {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean)
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024 + children.reduce((n, c) => n + rssOf(c), 0)
  } catch {
    return 0 // the process ended between the reads
  }
}
// with several processes: the largest one (each is a server of its own), else the server
const rssTimer = setInterval(() => {
  const pids =
    processes > 1
      ? fs.readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, 'utf8').split(' ').filter(Boolean)
      : [server.pid]
  const rss = Math.max(...pids.map((p) => rssOf(p)))
  peak[phase] = Math.max(peak[phase] ?? 0, rss)
}, 100)

async function api(method, url, { token, ip, body } = {}) {
  const headers = {}
  if (token) headers.authorization = `Bearer ${token}`
  if (ip) headers['x-forwarded-for'] = ip
  if (body) headers['content-type'] = 'application/json'
  const res = await fetch(`${base}/api${url}`, { method, headers, body: body && JSON.stringify(body) })
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`)
  return res.headers.get('content-type')?.includes('json') ? res.json() : res.arrayBuffer()
}
// Runs fn over items, `width` at a time.
async function pool(items, width, fn) {
  const queue = [...items.entries()]
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let next; (next = queue.shift());) await fn(next[1], next[0])
    }),
  )
}
const pick = (xs) => xs[Math.floor(Math.random() * xs.length)]

// --- Seeding ---------------------------------------------------------------------------------------------------
const seedStarted = performance.now()
const [main, second, third] = (await api('GET', '/articles?limit=3&sort=hot')).items.map((a) => a.id)
const readers = []
await pool([...Array(READERS).keys()], 16, async (i) => {
  const ip = `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`
  const { token, user } = await api('POST', '/auth/dev', { body: { name: `bench-reader-${i}` }, ip })
  readers[i] = { token, ip, shareCode: user.shareCode }
})
// Likes and favorites: every reader likes the main article, two in three collect it, one in two like the others.
await pool(readers, 16, async (r, i) => {
  await api('PUT', `/articles/${main}/like`, r)
  if (i % 2 === 0) await api('PUT', `/articles/${second}/like`, r)
  if (i % 3 !== 0) {
    const folder = (await api('GET', '/me/folders', r)).items[0]
    await api('PUT', `/articles/${main}/favorite`, { ...r, body: { folderIds: [folder.id] } })
  }
})
// Comments: 150 readers start threads on the main article; then 150 others reply to a thread or to a reply
// (回复 @name), skewed towards the first threads so some threads are long; a few comments on the other two.
const onMain = []
const say = (i, what) => `第 ${i} 位读者的${what}：这篇文章讲得很清楚，尤其是中间那一段的例子，受益匪浅。`
await pool(readers.slice(0, 150), 16, async (r, i) => {
  onMain.push((await api('POST', `/articles/${main}/comments`, { ...r, body: { content: say(i, '评论') } })).id)
})
await pool(readers.slice(150), 8, async (r, n) => {
  const i = 150 + n
  const replyTo = onMain[Math.floor(onMain.length * Math.random() ** 3)]
  const reply = await api('POST', `/articles/${main}/comments`, { ...r, body: { content: say(i, '回复'), replyTo } })
  onMain.push(reply.id)
  for (const article of [second, third]) {
    await api('POST', `/articles/${article}/comments`, { ...r, body: { content: say(i, '评论') } })
  }
})
// Votes: each reader likes (4 in 5) or dislikes 10 comments of the main article.
await pool(readers, 16, async (r) => {
  for (let n = 0; n < 10; n++) {
    const vote = Math.random() < 0.8 ? 'like' : 'dislike'
    await api('PUT', `/comments/${pick(onMain)}/vote`, { ...r, body: { vote } })
  }
})
const seedMs = performance.now() - seedStarted

// --- What a signed-in reader's article page asks for -------------------------------------------------------------
const auth = () => ({ authorization: `Bearer ${pick(readers).token}` })
const first = await api('GET', `/articles/${main}/comments?sort=hot`, readers[0])
let deepCursor = first.nextCursor
for (let page = 2; page < 5; page++) {
  deepCursor = (await api('GET', `/articles/${main}/comments?sort=hot&cursor=${deepCursor}`, readers[0])).nextCursor
}
// Ten readers' posters (each carries its sharer's code), drawn once here so the runs read them from the cache.
const sharers = readers.slice(0, 10).map((r) => r.shareCode)
let posterBytes = 0
let posterType = ''
for (const s of sharers) {
  const res = await fetch(`${base}/api/share/poster?article=${main}&sharer=${s}`)
  if (!res.ok) throw new Error(`poster: ${res.status}`)
  posterBytes = (await res.arrayBuffer()).byteLength
  posterType = (res.headers.get('content-type') ?? '').replace('image/', '').toUpperCase()
}
// The write path: readers take turns, each request undoing that reader's last one (like, unlike, like …), skipping
// readers whose previous request is still unanswered; the answer's `liked` is the reader's state.
const liked = readers.map(() => true)
const inFlight = new Set()
let turn = 0
function likeToggle(req, context) {
  let i
  do i = turn++ % READERS
  while (inFlight.has(i))
  inFlight.add((context.reader = i))
  const headers = { authorization: `Bearer ${readers[i].token}` }
  return { ...req, method: liked[i] ? 'DELETE' : 'PUT', path: `/api/articles/${main}/like`, headers }
}
const likeAnswered = (status, body, context) => {
  inFlight.delete(context.reader)
  if (status === 200) liked[context.reader] = JSON.parse(body).liked
}
// Requests cut off when a run ends are still carried out: let them finish, then read every reader's state back.
async function resyncLikes() {
  await new Promise((r) => setTimeout(r, 2000))
  inFlight.clear()
  await pool(readers, 16, async (r, i) => (liked[i] = (await api('GET', `/articles/${main}/me`, r)).liked))
}
const get =
  (pathFor, headers = () => ({})) =>
  (req) => ({ ...req, path: pathFor(), headers: headers() })

// One article page as the mini-program opens it for a signed-in reader: the article page route (the article, the viewer
// state and the first page of 热门 comments, 10) and the read count. autocannon (the client of every other row, so the
// ratio compares like with like) sends them one after another on each connection; a page's time runs from its first
// request to its last answer, so it is the two requests' latencies added up (the mini-program sends them at once).
function pageRun() {
  const latencies = []
  const auth = (context) => ({ authorization: `Bearer ${context.reader.token}` })
  const requests = [
    {
      setupRequest: (req, context) => {
        context.reader = pick(readers)
        context.started = performance.now()
        return { ...req, method: 'GET', path: `/api/articles/${main}/page`, headers: auth(context) }
      },
    },
    {
      setupRequest: (req, context) => ({
        ...req,
        method: 'POST',
        path: `/api/articles/${main}/read`,
        headers: { ...auth(context), 'x-reader-id': `bench-device-${context.reader.shareCode}` },
      }),
      onResponse: (status, body, context) => latencies.push(performance.now() - context.started),
    },
  ]
  return new Promise((resolve, reject) => {
    autocannon({ url: base, connections, duration: seconds, requests }, (err, r) => {
      if (err) return reject(err)
      const sorted = latencies.sort((x, y) => x - y)
      const at = (q) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))])
      resolve({
        requests: { average: r.requests.average / requests.length },
        latency: { p50: at(0.5), p99: at(0.99) },
        errors: r.errors,
        non2xx: r.non2xx,
      })
    })
  })
}

const routes = [
  ['trivial route GET /api/ping (baseline)', get(() => '/api/ping')],
  [
    'one article page, signed in (GET /api/articles/:id/page, POST read, in turn): pages/s, page p50/p99',
    null,
    null,
    null,
    pageRun,
  ],
  [
    `GET /api/articles/:id/comments?sort=hot, first page (signed in)`,
    get(() => `/api/articles/${main}/comments?sort=hot`, auth),
  ],
  [
    `GET /api/articles/:id/comments?sort=hot&cursor=… (page 5, signed in)`,
    get(() => `/api/articles/${main}/comments?sort=hot&cursor=${deepCursor}`, auth),
  ],
  ['GET /api/articles/:id/me (viewer state)', get(() => `/api/articles/${main}/me`, auth)],
  [
    `GET /api/share/poster?article=:id&sharer=… (cached, ${Math.round(posterBytes / 1024)} KB ${posterType}, 10 sharers)`,
    get(() => `/api/share/poster?article=${main}&sharer=${pick(sharers)}`),
  ],
  ['PUT / DELETE /api/articles/:id/like (300 readers toggling one article)', likeToggle, likeAnswered, resyncLikes],
]

async function run([, setupRequest, onResponse, after, custom]) {
  if (custom) return custom()
  const result = await new Promise((resolve, reject) => {
    const requests = [{ setupRequest, onResponse }]
    autocannon({ url: base, connections, duration: seconds, requests }, (err, r) => (err ? reject(err) : resolve(r)))
  })
  await after?.()
  return result
}
// A warm-up run of every route, then interleaved rounds: a ratio taken within one round cancels the machine's drift.
// The warm-up runs also show which route makes the server grow: each one's peak RSS is in the table.
for (const route of routes) {
  phase = route[0]
  await run(route)
}
phase = 'measured'
const samples = routes.map(() => [])
for (let round = 0; round < ROUNDS; round++) {
  for (const [i, route] of routes.entries()) {
    samples[i].push(await run(route))
    console.error(`round ${round + 1}: ${route[0]}: ${Math.round(samples[i].at(-1).requests.average)} req/s`)
  }
}
clearInterval(rssTimer)

server.kill('SIGTERM')

const mb = (bytes) => Math.round(bytes / 1048576)
const rows = summariseRounds(
  routes.map(([title]) => title),
  samples,
).map((row) => ({ ...row, rss: mb(peak[row.title]) }))
const dbName = databaseUrl.startsWith('sqlite')
  ? 'SQLite'
  : databaseUrl.startsWith('postgres')
    ? 'PostgreSQL'
    : 'MariaDB'
const table = [
  `Demo content on ${dbName}${processes > 1 ? ` with Redis, ${processes} server processes sharing the port (node:cluster)` : ''} plus ${READERS} readers (dev login) who all liked the hottest article, two in three collected it,`,
  `and who left it ${first.total} published comments and replies and ${READERS * 10} comment votes (seeded through the API in ${(seedMs / 1000).toFixed(0)} s,`,
  `each reader from its own X-Forwarded-For address with TRUST_PROXY=1, so the per-IP comment limit counts readers apart).`,
  `autocannon in this script's process, on the same cores as the server; ${connections} connections, ${seconds} s per route per`,
  `round, ${ROUNDS} rounds after a warm-up run; medians over the rounds, ratios taken within each round. Signed-in`,
  `requests carry a random reader's bearer token.`,
  '',
  '| route | req/s | ratio to trivial | p50 ms | p99 ms (worst round) | errors/non-2xx | peak RSS MB in its warm-up run |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.title} | ${Math.round(r.rps)} | ${r.ratio.toFixed(2)} | ${r.p50} | ${r.p99} (${r.worstP99}) | ${r.errors} | ${r.rss} |`,
  ),
  '',
  `Peak server RSS: ${mb(peak.seed)} MB while seeding and drawing the posters, ${mb(peak.measured)} MB over the measured rounds. The last column is the peak`,
  `during each route's warm-up run, in the order above, so it includes what earlier routes left allocated.`,
].join('\n')
console.log(table)
const variant = databaseUrl.startsWith('sqlite') && processes === 1 ? '' : `-${dbName.toLowerCase()}`
const envShown = [
  process.env.BENCH_ROUNDS && `BENCH_ROUNDS=${ROUNDS}`,
  variant && `BENCH_DATABASE_URL=${databaseUrl.replace(/\/\/[^@]*@/, '//…@')}`,
  process.env.BENCH_REDIS_URL && `BENCH_REDIS_URL=${process.env.BENCH_REDIS_URL}`,
  processes > 1 && `BENCH_PROCESSES=${processes}`,
].filter(Boolean)
if (process.env.BENCH_JSON) {
  const peakAll = Math.max(...Object.values(peak))
  fs.writeFileSync(
    process.env.BENCH_JSON,
    JSON.stringify({ rows, peakRssMb: mb(peakAll), posterBytes, database: dbName, processes }),
  )
}
writeSection(
  `readers-http${variant}`,
  `Readers’ routes under engagement load${variant ? ` (${dbName}${processes > 1 ? `, ${processes} processes, Redis` : ''})` : ' (issue: readers act)'}`,
  `${envShown.map((e) => `${e} `).join('')}node bench/readers-http.mjs ${seconds} ${connections}`,
  table,
)
