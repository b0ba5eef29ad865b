#!/usr/bin/env node
// Content API throughput against the same server's trivial route (/api/ping), measured in one run on the
// database bench/seed-articles.mjs made. Also: time to ready on that database, and the server's peak RSS.
//   node bench/content-http.mjs [db=.tmp/bench/articles.sqlite] [seconds=10] [connections=50]
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { summariseRounds, writeSection } from './report.mjs'
import { serverNodeFlags } from '../scripts/server-node-flags.mjs'
import { copyToPostgres } from './support/sqlite-to-postgres.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(path.join(root, 'server/package.json'))
const autocannon = require('autocannon')
const dbFile = path.resolve(process.argv[2] ?? path.join(root, '.tmp/bench/articles.sqlite'))
const seconds = Number(process.argv[3] ?? 10)
const connections = Number(process.argv[4] ?? 50)
if (!fs.existsSync(dbFile)) throw new Error(`no database at ${dbFile}: run node bench/seed-articles.mjs first`)
// BENCH_DATABASE_URL=postgres://… (a database it empties): the same rows copied into PostgreSQL, served by
// BENCH_PROCESSES server processes sharing the port (node:cluster) with BENCH_REDIS_URL.
const pgUrl = process.env.BENCH_DATABASE_URL
const processes = Number(process.env.BENCH_PROCESSES ?? 1)
if (pgUrl) await copyToPostgres(root, dbFile, pgUrl)
const readyFile = path.join(os.tmpdir(), `bench-content-ready-${process.pid}`)

const port = await new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port
    s.close(() => resolve(p))
  })
})
const base = `http://127.0.0.1:${port}`
const startedAt = performance.now()
const mainJs = path.join(root, 'server/dist/main.js')
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
      DATABASE_URL: pgUrl ?? `sqlite:${dbFile}`,
      ...(process.env.BENCH_REDIS_URL ? { REDIS_URL: process.env.BENCH_REDIS_URL } : {}),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      MEDIA_DIR: path.join(os.tmpdir(), 'bench-media'),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  },
)
let readyMs
for (;;) {
  try {
    if ((await fetch(`${base}/api/ping`)).ok) break
  } catch {
    // not yet
  }
  await new Promise((r) => setTimeout(r, 10))
}
readyMs = performance.now() - startedAt
while (processes > 1 && !fs.existsSync(readyFile)) await new Promise((r) => setTimeout(r, 50))
fs.rmSync(readyFile, { force: true })

let peakRss = 0
const rssOf = (pid) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024
  } catch {
    return 0
  }
}
// with several processes: the largest worker
const rssTimer = setInterval(() => {
  const pids =
    processes > 1
      ? fs.readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, 'utf8').split(' ').filter(Boolean)
      : [server.pid]
  peakRss = Math.max(peakRss, ...pids.map(rssOf))
}, 200)

// What readers ask for: the feeds (latest, hot, each column), first pages and 5 pages deep; and the articles
// those pages list (what readers open), with 1 request in 10 for any article at all (the long tail).
const columns = (await (await fetch(`${base}/api/columns`)).json()).items.map((c) => c.slug)
const feedPaths = []
const listed = new Set()
for (const first of [
  `/api/articles?limit=20`,
  `/api/articles?limit=20&sort=hot`,
  ...columns.map((c) => `/api/articles?limit=20&column=${c}`),
]) {
  let url = first
  for (let page = 0; page < 6 && url; page++) {
    const body = await (await fetch(`${base}${url}`)).json()
    feedPaths.push(url)
    for (const a of body.items) listed.add(a.id)
    url = body.nextCursor ? `${first}&cursor=${body.nextCursor}` : null
  }
}
const listedIds = [...listed]
const maxId = Math.max(...listedIds)
const popularId = () =>
  Math.random() < 0.9 ? listedIds[Math.floor(Math.random() * listedIds.length)] : 1 + Math.floor(Math.random() * maxId)

function run(title, pathFor) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: base,
        connections,
        duration: seconds,
        requests: [{ setupRequest: (req) => ({ ...req, path: pathFor() }) }],
      },
      (err, result) => (err ? reject(err) : resolve({ title, result })),
    )
  })
}

console.error(`${feedPaths.length} feed pages, ${listedIds.length} listed articles`)
const routes = [
  ['trivial route GET /api/ping (baseline)', () => '/api/ping'],
  [
    'feed GET /api/articles?limit=20 (first pages and 5 pages deep, all sorts and columns)',
    () => feedPaths[Math.floor(Math.random() * feedPaths.length)],
  ],
  [
    'article detail GET /api/articles/:id (90% articles listed in those feeds, 10% any of the 100,000)',
    () => `/api/articles/${popularId()}`,
  ],
  [
    `article detail GET /api/articles/:id (uniform over all ${maxId.toLocaleString('en')}: nearly every request misses the cache)`,
    () => `/api/articles/${1 + Math.floor(Math.random() * maxId)}`,
  ],
]
// Warm every route once so no run pays first-use costs (JIT, statement cache), then run the routes in turn for
// several rounds: this machine's speed drifts, and a ratio taken within one round cancels the drift.
for (const [title, pathFor] of routes) await run(title, pathFor)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const samples = routes.map(() => [])
for (let round = 0; round < ROUNDS; round++) {
  for (const [i, [title, pathFor]] of routes.entries()) samples[i].push((await run(title, pathFor)).result)
}
clearInterval(rssTimer)
server.kill('SIGTERM')

const rows = summariseRounds(
  routes.map(([title]) => title),
  samples,
)
const where = pgUrl
  ? `PostgreSQL (copied from the SQLite file)${processes > 1 ? `, ${processes} server processes sharing the port, Redis` : ''}`
  : 'SQLite'
const table = [
  `100,000 articles on ${where}; autocannon (in the same process as this script, on the same 2 cores), ${connections} connections,`,
  `${seconds} s per route per round, ${ROUNDS} rounds after a warm-up run; medians over the rounds, ratios taken within each round.`,
  '',
  '| route | req/s | ratio to trivial | p50 ms | p99 ms (worst round) | errors/non-2xx |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.title} | ${Math.round(r.rps)} | ${r.ratio.toFixed(2)} | ${r.p50} | ${r.p99} (${r.worstP99}) | ${r.errors} |`,
  ),
  '',
  `Ready to serve (spawn → first answered request) on this database: ${Math.round(readyMs)} ms. Peak server RSS during the run: ${(peakRss / 1048576).toFixed(0)} MB.`,
].join('\n')
console.log(table)
if (process.env.BENCH_JSON) {
  fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify({ rows, readyMs, peakRssMb: Math.round(peakRss / 1048576) }))
}
writeSection(
  pgUrl ? 'content-http-postgresql' : 'content-http',
  pgUrl ? 'Content API throughput (PostgreSQL)' : 'Content API throughput (issue: content)',
  `${pgUrl ? `BENCH_DATABASE_URL=postgres://… ${process.env.BENCH_REDIS_URL ? 'BENCH_REDIS_URL=… ' : ''}${processes > 1 ? `BENCH_PROCESSES=${processes} ` : ''}` : ''}node bench/content-http.mjs ${path.relative(root, dbFile)} ${seconds} ${connections}`,
  table,
)
