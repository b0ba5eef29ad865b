#!/usr/bin/env node
// 传感搜 over HTTP with the PostgreSQL engine at 1,000,000 products (issue 11, "Performance"), against an ILIKE scan
// of the same database in the same run. The catalogue must already be imported into the database by the CLI
// (node server/dist/cli.js import-products products-1000000.jsonl, which writes search_doc as it goes). Starts the
// built server on it, then runs the same mix as bench/search.mjs (common and rare Chinese words, trade synonyms,
// English words, parameters in the query, up to 3 filters, model numbers whole / as fragments / mistyped; facet
// counts on), one request at a time: a cold pass (each query for the first time since the server started: nothing
// cached in the process) and BENCH_ROUNDS warm rounds; suggestions as typed.
// BENCH_ENGINE=embedded runs the same over the same database with the embedded engine instead (each server process
// builds its index from PostgreSQL, as with MariaDB; docs/search.md), written as its own section.
// With the PostgreSQL engine the shared index is on (SEARCH_SHARED_INDEX): when none is stored at the catalogue's
// version a first server process builds and stores it, then the measured process loads it; BENCH_SHARED_INDEX=0
// measures the SQL path alone (its own section).
//   node bench/search-postgres.mjs postgres://postgres@127.0.0.1:5432/pgsearch1m
//   env: BENCH_ROUNDS (5), BENCH_ENGINE, BENCH_SHARED_INDEX
// Build first: pnpm --filter @chuangan/shared build && pnpm --filter @chuangan/server build.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { writeSection } from './report.mjs'
import { serverNodeFlags } from '../scripts/server-node-flags.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(path.join(root, 'server/package.json'))
const { Client } = require('pg')
const { parseRangeFilter, toBase, canonicalUnit } = require('@chuangan/shared')

const url = process.argv[2]
if (!url?.startsWith('postgres')) {
  console.error('usage: node bench/search-postgres.mjs postgres://…/db')
  process.exit(2)
}
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const ENGINE = process.env.BENCH_ENGINE ?? 'postgres'
// glibc's allocator as docs/search.md recommends for a server holding a large embedded index (as bench/search.mjs).
const MALLOC_ENV = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_TRIM_THRESHOLD_: '131072' }
const db = new Client({ connectionString: url })
await db.connect()
const count = Number((await db.query('SELECT count(*) AS n FROM product')).rows[0].n)
const docs = Number((await db.query('SELECT count(*) AS n FROM search_doc')).rows[0].n)
const sizeMb = async (sql) => Number((await db.query(sql)).rows[0].b) / 1e6
const tableMb = await sizeMb(
  `SELECT pg_total_relation_size('search_doc') + pg_total_relation_size('search_vocab') AS b`,
)
const dbMb = await sizeMb('SELECT pg_database_size(current_database()) AS b')

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
const rssOf = (pid) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
}

const SHARED = ENGINE === 'postgres' && process.env.BENCH_SHARED_INDEX !== '0'
// (Before the server's first start on a database imported by an older build, the column is not there yet: none stored.)
const state = async () =>
  (
    await db
      .query('SELECT version, snapshot_version FROM search_state WHERE id = 1')
      .catch(() => db.query('SELECT version, NULL AS snapshot_version FROM search_state WHERE id = 1'))
  ).rows[0]

/** Spawns the built server on the database; resolves once /api/healthz answers. Its log lines go to `lines`. */
async function startServer() {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const started = performance.now()
  const lines = []
  const child = spawn(process.execPath, [...serverNodeFlags(), path.join(root, 'server/dist/main.js')], {
    cwd: path.join(root, 'server'),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: url,
      SEARCH_ENGINE: ENGINE,
      SEARCH_SHARED_INDEX: SHARED ? '1' : '0',
      // The shared index is held in memory as the embedded engine's is: the same allocator settings.
      ...(ENGINE === 'embedded' || SHARED ? MALLOC_ENV : {}),
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      MEDIA_DIR: path.join(os.tmpdir(), 'bench-media'),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let rest = ''
  child.stdout.on('data', (chunk) => {
    const text = rest + chunk
    const parts = text.split('\n')
    rest = parts.pop()
    for (const line of parts) if (/search index|counts ahead/.test(line)) lines.push(line)
  })
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode})`)
    try {
      if ((await fetch(`${base}/api/healthz`)).ok) break
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20))
  }
  return { child, base, started, lines, readyMs: performance.now() - started }
}
const waitFor = async (what, test, seconds = 900) => {
  for (const end = Date.now() + seconds * 1000; Date.now() < end;) {
    if (await test()) return
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`timed out waiting for ${what}`)
}
const logged = (lines, pattern) => lines.map((l) => pattern.exec(l)).find(Boolean)

// The shared index: built and stored by one server process once the catalogue is still (the first start after an
// import), then loaded by every other. First a builder process (unless one is stored at the catalogue's version),
// then the measured process, which loads it.
let building = null
if (SHARED) {
  const before = await state()
  if (String(before.snapshot_version) !== String(before.version)) {
    const builder = await startServer()
    await waitFor('the shared index to be stored', async () => {
      const now = await state()
      return String(now.snapshot_version) === String(now.version)
    })
    const line = logged(builder.lines, /built in (\d+) ms, stored in (\d+) ms \((\d+) MB in (\d+) parts\)/)
    building = {
      spawnToStored: performance.now() - builder.started,
      builtMs: Number(line?.[1]),
      storedMs: Number(line?.[2]),
      mb: Number(line?.[3]),
      parts: Number(line?.[4]),
      peakRss:
        Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${builder.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    }
    builder.child.kill('SIGTERM')
    await new Promise((r) => builder.child.once('exit', r))
  }
}
const loadStart = os.loadavg()[0]
const server = await startServer()
const { child, base, started, readyMs } = server
let loadedMs = null
let loadLine = null
if (SHARED) {
  await waitFor('the shared index to be loaded', () => Boolean(logged(server.lines, /loaded in (\d+) ms/)), 600)
  loadLine = logged(server.lines, /loaded in (\d+) ms/)
  loadedMs = performance.now() - started
}
// The embedded engine answers searches once its index is built (503 until then).
for (;;) {
  const res = await fetch(`${base}/api/search?q=${encodeURIComponent('传感器')}&limit=1`)
  if (res.ok) break
  await new Promise((r) => setTimeout(r, 100))
}
const indexedMs = performance.now() - started
const rssAfterStart = rssOf(child.pid)

const tree = (await (await fetch(`${base}/api/catalog/categories`)).json()).items
const categoryIds = new Map()
const descendants = new Map()
const walkTree = (node) => {
  categoryIds.set(node.name, node.id)
  const ids = [node.id, ...node.children.flatMap(walkTree)]
  descendants.set(node.id, ids)
  return ids
}
tree.forEach(walkTree)
const keyDefs = new Map()
for (const node of [...tree, ...tree.flatMap((n) => n.children)]) for (const p of node.params) keyDefs.set(p.key, p)

const maxId = Number((await db.query('SELECT max(id) AS n FROM product')).rows[0].n)
let seed = 20261205
const rand = () => (seed = (Math.imul(seed ^ (seed >>> 15), 2246822507) + 0x9e3779b9) >>> 0) / 2 ** 32
const sampleModel = async () =>
  (await db.query('SELECT model FROM product WHERE id >= $1 ORDER BY id LIMIT 1', [1 + Math.floor(rand() * maxId)]))
    .rows[0].model

// The same mix as bench/search.mjs.
const Q = (q, filters = {}) => ({ q, ...filters })
const queries = [
  Q('传感器'),
  Q('变送器'),
  Q('压力'),
  Q('温度'),
  Q('开关'),
  Q('压力传感器'),
  Q('压力变送器'),
  Q('温湿度变送器'),
  Q('接近开关'),
  Q('称重传感器'),
  Q('扭矩传感器'),
  Q('电磁流量计'),
  Q('雷达液位计'),
  Q('霍尔'),
  Q('加速度传感器'),
  Q('可燃气体探测器'),
  Q('光电开关'),
  Q('拉绳位移传感器'),
  Q('扩散硅'),
  Q('耐腐蚀 压力开关'),
  Q('压变'),
  Q('温变'),
  Q('感应开关'),
  Q('荷重'),
  Q('转矩'),
  Q('电流互感器'),
  Q('可燃气'),
  Q('热电阻'),
  Q('pressure transmitter'),
  Q('load cell'),
  Q('proximity sensor'),
  Q('flow meter'),
  Q('accelerometer'),
  Q('temperature sensor'),
  Q('压力变送器 4-20mA'),
  Q('压力变送器 10bar'),
  Q('称重传感器 500kg'),
  Q('接近开关 M18 PNP'),
  Q('温湿度变送器 RS485'),
  Q('压力传感器 IP67'),
  Q('电流传感器 100A'),
  Q('传感器', { category: '压力传感器', enum: ['输出信号:4-20mA'], inStock: true }),
  Q('压力', { range: ['量程:0~10bar'], region: ['深圳'] }),
  Q('变送器', { enum: ['输出信号:RS485'], inStock: true }),
  Q('', { category: '接近开关', enum: ['螺纹:M18', '输出信号:PNP'] }),
  Q('温度', { category: '温度传感器', range: ['测温范围:-40~150℃'] }),
  Q('开关', { region: ['苏州'], inStock: true }),
  Q('称重传感器', { range: ['额定载荷:~1t'] }),
  Q('传感器', { region: ['深圳'], inStock: true, enum: ['防护等级:IP67'] }),
  Q('pressure sensor', { enum: ['输出信号:0-10V'], region: ['上海'] }),
  Q('', { category: '温湿度传感器', inStock: true }),
]
for (let i = 0; i < 6; i++) queries.push(Q(await sampleModel()))
for (let i = 0; i < 4; i++) {
  const key = (await sampleModel()).replace(/[^A-Za-z0-9]/g, '')
  const start = Math.max(0, Math.min(key.length - 4, 1 + Math.floor(rand() * 2)))
  queries.push(Q(key.slice(start, start + 4)))
}
for (let i = 0; i < 3; i++) {
  const model = await sampleModel()
  const at = model.search(/\d/)
  queries.push(Q(at < 0 ? model : `${model.slice(0, at)}${(Number(model[at]) + 1) % 10}${model.slice(at + 1)}`))
}
const urlOf = (query) => {
  const params = new URLSearchParams({ q: query.q, limit: '20', facets: '1' })
  if (query.category) params.set('category', String(categoryIds.get(query.category)))
  for (const e of query.enum ?? []) params.append('enum', e)
  for (const r of query.range ?? []) params.append('range', r)
  for (const r of query.region ?? []) params.append('region', r)
  if (query.inStock) params.set('inStock', '1')
  return `${base}/api/search?${params}`
}
const suggestions = ['P', 'PT', 'PT1', 'MPX', 'LJ', 'LJ12', 'DYM', 'STC7', 'JN8', '压', '压力', '压力变', '温', '温湿']
suggestions.push('接近', '称重', '传感', '霍尔', '流量', '液位', '光电', '扭矩', '加速', '气体', 'pre', 'load')
for (let i = 0; i < 4; i++) suggestions.push((await sampleModel()).slice(0, 4))

// The baseline: each word as ILIKE '%word%' over name, model and description with the same filters in SQL, the first
// 20 by id and the total; no facets, no synonyms.
function likeStatement(query) {
  const where = []
  const args = []
  const arg = (v) => `$${args.push(v)}`
  for (const word of query.q.split(/\s+/).filter(Boolean)) {
    const w = arg(`%${word}%`)
    where.push(`(p.name ILIKE ${w} OR p.model ILIKE ${w} OR p.description ILIKE ${w})`)
  }
  if (query.category) where.push(`p."categoryId" = ANY(${arg(descendants.get(categoryIds.get(query.category)))})`)
  const enums = new Map()
  for (const e of query.enum ?? []) {
    const [key, value] = [e.slice(0, e.indexOf(':')), e.slice(e.indexOf(':') + 1)]
    enums.set(key, [...(enums.get(key) ?? []), value.toUpperCase()])
  }
  for (const [key, values] of enums) {
    where.push(
      `EXISTS (SELECT 1 FROM product_param pp WHERE pp."productId" = p.id AND pp.key = ${arg(key)} AND upper(pp.value) = ANY(${arg(values)}))`,
    )
  }
  for (const r of query.range ?? []) {
    const parsed = parseRangeFilter(r)
    const def = keyDefs.get(parsed.key)
    const unit = parsed.unit ?? def.unit
    const toB = (v, open) =>
      v === null ? open : def.dimension ? toBase(v, canonicalUnit(unit, def.dimension) ?? unit, def.dimension) : v
    where.push(
      `EXISTS (SELECT 1 FROM product_param pp WHERE pp."productId" = p.id AND pp.key = ${arg(parsed.key)} AND pp.min <= ${arg(toB(parsed.max, 1e300))} AND pp.max >= ${arg(toB(parsed.min, -1e300))})`,
    )
  }
  if (query.region?.length) {
    where.push(`p."supplierId" IN (SELECT id FROM supplier WHERE region = ANY(${arg(query.region)}))`)
  }
  if (query.inStock) where.push('p.stock > 0')
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
  return {
    page: `SELECT p.id FROM product p ${clause} ORDER BY p.id LIMIT 20`,
    total: `SELECT count(*) AS n FROM product p ${clause}`,
    args,
  }
}

async function timed(u) {
  const t = performance.now()
  const res = await fetch(u)
  const body = await res.text()
  const ms = performance.now() - t
  if (!res.ok) throw new Error(`${res.status} ${u}: ${body.slice(0, 300)}`)
  return { ms, body }
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]
}
const f = (ms) => (ms === undefined || Number.isNaN(ms) ? '–' : ms < 10 ? ms.toFixed(1) : ms.toFixed(0))

// Cold: each query once, the first time this process sees it (its facet counts are not cached yet).
const cold = []
const totals = []
for (const query of queries) {
  const { ms, body } = await timed(urlOf(query))
  cold.push(ms)
  totals.push(JSON.parse(body).total)
}
for (const s of suggestions) await timed(`${base}/api/search/suggest?q=${encodeURIComponent(s)}`)
let peakRss = rssOf(child.pid)
const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(child.pid))), 100)
const warm = []
const perQuery = queries.map(() => [])
const suggestMs = []
for (let round = 0; round < ROUNDS; round++) {
  for (const [i, query] of queries.entries()) {
    const { ms } = await timed(urlOf(query))
    warm.push(ms)
    perQuery[i].push(ms)
  }
  for (const s of suggestions) suggestMs.push((await timed(`${base}/api/search/suggest?q=${encodeURIComponent(s)}`)).ms)
  console.error(`round ${round + 1}/${ROUNDS} done`)
}
clearInterval(sampler)
const likeMs = []
for (const query of queries) {
  const st = likeStatement(query)
  const t = performance.now()
  await db.query(st.page, st.args)
  await db.query(st.total, st.args)
  likeMs.push(performance.now() - t)
}
const peakLife = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
child.kill('SIGTERM')
await db.end()

const describe = (q) =>
  [
    q.q ? `\`${q.q}\`` : '(no words)',
    q.category && `category ${q.category}`,
    ...(q.enum ?? []),
    ...(q.range ?? []),
    ...(q.region ?? []).map((r) => `region ${r}`),
    q.inStock && 'in stock',
  ]
    .filter(Boolean)
    .join(', ')
const slowCold = queries
  .map((q, i) => ({ q, ms: cold[i], total: totals[i] }))
  .sort((a, b) => b.ms - a.ms)
  .slice(0, 8)
const body = `${count.toLocaleString('en')} products in PostgreSQL 15 (${docs.toLocaleString('en')} search rows; search tables and
indexes ${tableMb.toFixed(0)} MB, database ${dbMb.toFixed(0)} MB), served by the built server with \`SEARCH_ENGINE=${ENGINE}\`${ENGINE === 'embedded' ? ' (glibc allocator tuned as in docs/search.md)' : ''};
${queries.length} queries (the mix of \`bench/search.mjs\`), each \`limit=20&facets=1\`, one request at a time over HTTP.
Cold: each query once, the first time the server process sees it. Warm: ${ROUNDS} rounds after that (${
  SHARED
    ? "every answer — page, total, facet counts — comes from the shared index in memory; the page's cards are read from the database"
    : "facet counts and totals come from the process's cache until the catalogue changes; the page itself is asked of the database every time"
}). Baseline: ILIKE over name, model and description with the same filters, first 20 and total, same run.
Load average ${loadStart.toFixed(1)} when the measured server started, ${os.loadavg()[0].toFixed(1)} at the end (2 shared cores).

| | p50 ms | p95 ms | p99 ms | max ms |
|---|---|---|---|---|
| search, cold | ${f(pct(cold, 50))} | ${f(pct(cold, 95))} | ${f(pct(cold, 99))} | ${f(Math.max(...cold))} |
| search, warm | ${f(pct(warm, 50))} | ${f(pct(warm, 95))} | ${f(pct(warm, 99))} | ${f(Math.max(...warm))} |
| suggestions | ${f(pct(suggestMs, 50))} | ${f(pct(suggestMs, 95))} | ${f(pct(suggestMs, 99))} | ${f(Math.max(...suggestMs))} |
| ILIKE baseline (page + total) | ${f(pct(likeMs, 50))} | ${f(pct(likeMs, 95))} | ${f(pct(likeMs, 99))} | ${f(Math.max(...likeMs))} |

Ratio ILIKE p95 / search p95: cold ${(pct(likeMs, 95) / pct(cold, 95)).toFixed(1)}×, warm ${(pct(likeMs, 95) / pct(warm, 95)).toFixed(1)}×.
Server ready in ${f(readyMs)} ms, searches answered from ${f(indexedMs)} ms${ENGINE === 'postgres' ? (SHARED ? '' : ' (no index to build)') : ' (index built from PostgreSQL)'}, RSS ${rssAfterStart.toFixed(0)} MB after start, peak ${peakRss.toFixed(0)} MB during the warm rounds, ${peakLife.toFixed(0)} MB over its life (VmHWM).
${
  SHARED
    ? `
Shared index (\`SEARCH_SHARED_INDEX\`, docs/search.md): ${
        building
          ? `a first server process, started on the catalogue as imported, found none stored at the catalogue's version and built and stored it: spawn → stored ${(building.spawnToStored / 1000).toFixed(1)} s (5–10 s of that is waiting for the catalogue to be still), built in ${(building.builtMs / 1000).toFixed(1)} s (a worker thread), stored in ${(building.storedMs / 1000).toFixed(1)} s (${building.mb} MB in ${building.parts} parts); that process's peak RSS ${building.peakRss.toFixed(0)} MB`
          : "stored at the catalogue's version by an earlier run"
      }. The measured process, a second one, loaded it in ${(Number(loadLine?.[1]) / 1000).toFixed(1)} s (spawn → loaded ${(loadedMs / 1000).toFixed(1)} s) and answered every search from it.
`
    : ''
}
Slowest cold queries: ${slowCold.map((s) => `${describe(s.q)} ${f(s.ms)} ms (${s.total.toLocaleString('en')} matches)`).join('; ')}.
`
console.log(body)
writeSection(
  ENGINE === 'postgres' ? (SHARED ? 'search-postgres' : 'search-postgres-sql') : 'search-postgres-embedded',
  ENGINE === 'postgres'
    ? `Search: PostgreSQL engine at 1,000,000 products${SHARED ? '' : ', in SQL only (no shared index)'}`
    : 'Search: embedded engine over PostgreSQL at 1,000,000 products',
  `${ENGINE === 'postgres' ? (SHARED ? '' : 'BENCH_SHARED_INDEX=0 ') : 'BENCH_ENGINE=embedded '}node bench/search-postgres.mjs ${url}`,
  body,
)
