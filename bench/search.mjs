#!/usr/bin/env node
// 传感搜 over HTTP at 1,000,000 products (issue 11, "Performance"), against a LIKE scan of the same SQLite file in
// the same run. Generates and imports the catalogue once (cached in BENCH_DATA, /work/bench-data by default: the
// import's time is kept beside the file and reported), starts the built server on it, then runs a mixed set of
// queries (model fragments, common and rare Chinese words, trade synonyms, English words, parameters in the query,
// up to 3 filters, facet counts on) for several rounds, one request at a time, and suggestions as typed.
//   node bench/search.mjs [count=1000000]      env: BENCH_ROUNDS (5), BENCH_BASELINE_ROUNDS (2), BENCH_DATA,
//   BENCH_MALLOC=0 (glibc defaults), BENCH_MALLOC_ARENAS (2), BENCH_MMAP_THRESHOLD (131072 bytes)
// Build first: pnpm --filter @chuangan/shared build && pnpm --filter @chuangan/server build.
import { spawn, spawnSync } from 'node:child_process'
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
const Database = require('better-sqlite3')
const { parseRangeFilter, toBase, canonicalUnit } = require('@chuangan/shared')

const count = Number(process.argv[2] ?? 1_000_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const BASELINE_ROUNDS = Number(process.env.BENCH_BASELINE_ROUNDS ?? 2)
const dataDir = path.resolve(process.env.BENCH_DATA ?? '/work/bench-data')
const products = path.join(dataDir, `products-${count}.jsonl`)
const dbFile = path.join(dataDir, `catalog-${count}.sqlite`)
const importFacts = `${dbFile}.import.json`
fs.mkdirSync(dataDir, { recursive: true })

// 1. The catalogue: generated and imported once, then reused (delete the .sqlite to import again).
const importedNow = !fs.existsSync(dbFile) || !fs.existsSync(importFacts)
if (importedNow) {
  if (!fs.existsSync(products)) {
    const gen = spawnSync(process.execPath, [path.join(root, 'bench/generate-products.mjs'), String(count), products], {
      stdio: 'inherit',
    })
    if (gen.status !== 0) process.exit(1)
  }
  for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, importFacts]) fs.rmSync(f, { force: true })
  const load = os.loadavg()[0]
  const started = performance.now()
  const run = spawnSync(process.execPath, [path.join(root, 'server/dist/cli.js'), 'import-products', products], {
    env: {
      ...process.env,
      DATABASE_URL: `sqlite:${dbFile}`,
      LOG_LEVEL: 'warn',
      MEDIA_DIR: path.join(dataDir, 'media'),
    },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  })
  const summary = /created (\d+), updated (\d+), failed (\d+)/.exec(run.stdout)
  if (run.status !== 0 || !summary) {
    console.error(run.stdout.slice(-2000), run.stderr.slice(-2000))
    throw new Error('import failed')
  }
  fs.writeFileSync(
    importFacts,
    JSON.stringify({
      seconds: (performance.now() - started) / 1000,
      created: Number(summary[1]),
      failed: Number(summary[3]),
      load,
      at: new Date().toISOString(),
    }),
  )
}
const imported = JSON.parse(fs.readFileSync(importFacts, 'utf8'))
console.error(`catalogue: ${dbFile} (imported ${imported.created} in ${imported.seconds.toFixed(0)} s, ${imported.at})`)

// 2. The server, started on it; ready = /api/healthz answers, indexed = the first search answers.
const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })

const rssOf = (pid) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') }
}

const MALLOC_ENV = {
  MALLOC_ARENA_MAX: process.env.BENCH_MALLOC_ARENAS ?? '2',
  MALLOC_MMAP_THRESHOLD_: process.env.BENCH_MMAP_THRESHOLD ?? '131072',
  MALLOC_TRIM_THRESHOLD_: '131072',
}

async function startServer(file) {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const started = performance.now()
  const args = [...serverNodeFlags(), path.resolve(root, process.env.BENCH_SERVER ?? 'server/dist/main.js')]
  const child = spawn(process.execPath, args, {
    cwd: path.join(root, 'server'),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${file}`,
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      MEDIA_DIR: path.join(os.tmpdir(), 'bench-media'),
      // glibc's allocator as docs/search.md recommends for a server holding a large embedded index (freed typed
      // arrays go back to the system instead of staying in its arenas); BENCH_MALLOC=0 runs with glibc's defaults.
      ...(process.env.BENCH_MALLOC === '0' ? {} : MALLOC_ENV),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let log = ''
  child.stdout.on('data', (chunk) => (log = (log + chunk).slice(-20000)))
  const until = async (url) => {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`server exited (${child.exitCode ?? child.signalCode}): ${log.slice(-2000)}`)
      try {
        const res = await fetch(url)
        if (res.ok) return performance.now() - started
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 20))
    }
  }
  let peakDuringStart = 0
  const sampler = setInterval(() => {
    try {
      peakDuringStart = Math.max(peakDuringStart, rssOf(child.pid).rss)
    } catch {
      // exited
    }
  }, 100)
  const readyMs = await until(`${base}/api/healthz`)
  const indexedMs = await until(`${base}/api/search?q=${encodeURIComponent('传感器')}&limit=1`)
  clearInterval(sampler)
  const built = /search index: (\d+) products in (\d+) ms/.exec(log)
  return {
    child,
    base,
    readyMs,
    indexedMs,
    buildMs: built ? Number(built[2]) : null,
    rssAfterStart: rssOf(child.pid).rss,
    peakDuringStart: Math.max(peakDuringStart, rssOf(child.pid).hwm),
    log: () => log,
  }
}

async function stop(child) {
  child.kill('SIGTERM')
  await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)))
}

// Cold start without a catalogue (a fresh file: migrations and taxonomy), as the baseline for the start-up cost.
const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-bench-'))
const empty = await startServer(path.join(emptyDir, 'empty.sqlite'))
await stop(empty.child)
fs.rmSync(emptyDir, { recursive: true, force: true })

const server = await startServer(dbFile)
const { base } = server
console.error(
  `server ready in ${server.readyMs.toFixed(0)} ms, first search in ${server.indexedMs.toFixed(0)} ms` +
    ` (index build ${server.buildMs} ms), RSS ${server.rssAfterStart.toFixed(0)} MB`,
)

// 3. The queries. Categories by name from the API's tree; model numbers drawn from the catalogue (fixed seed).
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

const db = new Database(dbFile, { readonly: true })
const maxId = db.prepare('SELECT MAX(id) AS n FROM product').get().n
let seed = 20261205
const rand = () => (seed = (Math.imul(seed ^ (seed >>> 15), 2246822507) + 0x9e3779b9) >>> 0) / 2 ** 32
const modelAt = db.prepare('SELECT model FROM product WHERE id >= ? ORDER BY id LIMIT 1')
const sampleModel = () => modelAt.get(1 + Math.floor(rand() * maxId)).model

const Q = (q, filters = {}) => ({ q, ...filters })
const queries = [
  // very common words (传感器 matches most of the catalogue) and product words
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
  // trade synonyms and abbreviations
  Q('压变'),
  Q('温变'),
  Q('感应开关'),
  Q('荷重'),
  Q('转矩'),
  Q('电流互感器'),
  Q('可燃气'),
  Q('热电阻'),
  // English
  Q('pressure transmitter'),
  Q('load cell'),
  Q('proximity sensor'),
  Q('flow meter'),
  Q('accelerometer'),
  Q('temperature sensor'),
  // parameters written in the query
  Q('压力变送器 4-20mA'),
  Q('压力变送器 10bar'),
  Q('称重传感器 500kg'),
  Q('接近开关 M18 PNP'),
  Q('温湿度变送器 RS485'),
  Q('压力传感器 IP67'),
  Q('电流传感器 100A'),
  // words with up to 3 filters
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
// model numbers from the catalogue: whole, a fragment from inside, and one character mistyped
for (let i = 0; i < 6; i++) queries.push(Q(sampleModel()))
for (let i = 0; i < 4; i++) {
  const key = sampleModel().replace(/[^A-Za-z0-9]/g, '')
  const start = Math.max(0, Math.min(key.length - 4, 1 + Math.floor(rand() * 2)))
  queries.push(Q(key.slice(start, start + 4)))
}
for (let i = 0; i < 3; i++) {
  const model = sampleModel()
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

const suggestions = [
  'P',
  'PT',
  'PT1',
  'MPX',
  'LJ',
  'LJ12',
  'DYM',
  'STC7',
  'JN8',
  '压',
  '压力',
  '压力变',
  '温',
  '温湿',
  '接近',
  '称重',
  '传感',
  '霍尔',
  '流量',
  '液位',
  '光电',
  '扭矩',
  '加速',
  '气体',
  'pre',
  'load',
  ...Array.from({ length: 4 }, () => sampleModel().slice(0, 4)),
]

// The LIKE baseline: each word of the query as `LIKE '%word%'` over name, model and description, with the same
// filters in SQL, answering what the page needs (the first 20 by id and the total), no facets, no synonyms.
function likeStatement(query) {
  const where = []
  const args = []
  for (const word of query.q.split(/\s+/).filter(Boolean)) {
    where.push('(p.name LIKE ? OR p.model LIKE ? OR p.description LIKE ?)')
    args.push(`%${word}%`, `%${word}%`, `%${word}%`)
  }
  if (query.category) {
    const ids = descendants.get(categoryIds.get(query.category))
    where.push(`p.categoryId IN (${ids.map(() => '?').join(',')})`)
    args.push(...ids)
  }
  const enums = new Map()
  for (const e of query.enum ?? []) {
    const [key, value] = [e.slice(0, e.indexOf(':')), e.slice(e.indexOf(':') + 1)]
    enums.set(key, [...(enums.get(key) ?? []), value.toUpperCase()])
  }
  for (const [key, values] of enums) {
    where.push(
      `EXISTS (SELECT 1 FROM product_param pp WHERE pp.productId = p.id AND pp.key = ? AND UPPER(pp.value) IN (${values.map(() => '?').join(',')}))`,
    )
    args.push(key, ...values)
  }
  for (const r of query.range ?? []) {
    const parsed = parseRangeFilter(r)
    const def = keyDefs.get(parsed.key)
    const unit = parsed.unit ?? def.unit
    const toB = (v, open) =>
      v === null ? open : def.dimension ? toBase(v, canonicalUnit(unit, def.dimension) ?? unit, def.dimension) : v
    where.push(
      'EXISTS (SELECT 1 FROM product_param pp WHERE pp.productId = p.id AND pp.key = ? AND +pp.min <= ? AND +pp.max >= ?)',
    )
    args.push(parsed.key, toB(parsed.max, 1e300), toB(parsed.min, -1e300))
  }
  if (query.region?.length) {
    where.push(`p.supplierId IN (SELECT id FROM supplier WHERE region IN (${query.region.map(() => '?').join(',')}))`)
    args.push(...query.region)
  }
  if (query.inStock) where.push('p.stock > 0')
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
  return {
    page: db.prepare(`SELECT p.id FROM product p ${clause} ORDER BY p.id LIMIT 20`),
    total: db.prepare(`SELECT COUNT(*) AS n FROM product p ${clause}`),
    args,
  }
}
const likeStatements = queries.map(likeStatement)

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
async function timed(url, retry = true) {
  const started = performance.now()
  let res
  try {
    res = await fetch(url)
  } catch (e) {
    // A kept-alive connection the server closed while the baseline ran: ask again on a new one, and time that.
    if (retry && e.cause?.code === 'UND_ERR_SOCKET') return timed(url, false)
    throw e
  }
  const body = await res.text()
  const ms = performance.now() - started
  if (!res.ok) throw new Error(`${res.status} ${url}: ${body.slice(0, 300)}`)
  return { ms, body }
}

// Warm-up: every query and suggestion once (JIT, statement caches, first-use bitsets), totals kept for the report.
const totals = []
for (const query of queries) totals.push(JSON.parse((await timed(urlOf(query))).body).total)
for (const s of suggestions) await timed(`${base}/api/search/suggest?q=${encodeURIComponent(s)}`)

let peakRss = rssOf(server.child.pid).rss
const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(server.child.pid).rss)), 100)
const searchMs = []
const perQuery = queries.map(() => [])
const suggestMs = []
const likeMs = []
const likePerQuery = queries.map(() => [])
for (let round = 0; round < ROUNDS; round++) {
  for (const [i, query] of queries.entries()) {
    const { ms } = await timed(urlOf(query))
    searchMs.push(ms)
    perQuery[i].push(ms)
  }
  for (const s of suggestions) suggestMs.push((await timed(`${base}/api/search/suggest?q=${encodeURIComponent(s)}`)).ms)
  if (round < BASELINE_ROUNDS) {
    for (const [i, st] of likeStatements.entries()) {
      const started = performance.now()
      st.page.all(...st.args)
      st.total.get(...st.args)
      const ms = performance.now() - started
      likeMs.push(ms)
      likePerQuery[i].push(ms)
      if (i % 10 === 9) {
        console.error(`LIKE baseline: ${i + 1}/${likeStatements.length}, last ${ms.toFixed(0)} ms`)
        await sleep(0) // let the RSS sampler run
      }
    }
  }
  const last = searchMs.slice(-queries.length).sort((a, b) => a - b)
  console.error(
    `round ${round + 1}/${ROUNDS}: search p50 ${last[Math.floor(last.length / 2)].toFixed(1)} ms, p95 ${last[Math.ceil(last.length * 0.95) - 1].toFixed(1)} ms, RSS ${rssOf(server.child.pid).rss.toFixed(0)} MB`,
  )
}
clearInterval(sampler)
const finalRss = rssOf(server.child.pid)
await stop(server.child)
db.close()

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]
}
const f = (ms) => (ms === undefined || Number.isNaN(ms) ? '–' : ms < 10 ? ms.toFixed(1) : ms.toFixed(0))
const median = (xs) => pct(xs, 50)
const ratios = queries.map((_, i) => median(likePerQuery[i]) / median(perQuery[i]))
const p95 = pct(searchMs, 95)
const likeP95 = pct(likeMs, 95)
const pass = (ok) => (ok ? 'yes' : '**no**')
const slowest = queries
  .map((q, i) => ({ q, i, p: pct(perQuery[i], 95) }))
  .sort((a, b) => b.p - a.p)
  .slice(0, 5)
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

const table = `${count.toLocaleString('en')} products (\`bench/generate-products.mjs\`, imported by the CLI in ${imported.seconds.toFixed(0)} s${imported.load == null ? '' : ` at load ${imported.load.toFixed(1)}`}, ${imported.at.slice(0, 16)}Z${importedNow ? '' : ', file reused from that import'}; ${(fs.statSync(dbFile).size / 1e6).toFixed(0)} MB SQLite file)
served by the built server (embedded engine); ${queries.length} queries — common and rare Chinese words, trade synonyms, English
words, parameters in the query, model numbers whole / as fragments / with one digit mistyped, ${queries.filter((q) => q.category || q.enum || q.range || q.region || q.inStock).length} with 1–3 filters —
each \`limit=20&facets=1\`, one request at a time from this script over HTTP, ${ROUNDS} rounds after a warm-up round;
${suggestions.length} suggestion inputs per round. Baseline, in the same run against the same file: each query as SQLite
\`LIKE '%word%'\` over name, model and description (one per word, ANDed) with the same filters in SQL, first 20 by id + COUNT(*),
no facets, no synonyms (${BASELINE_ROUNDS} rounds, better-sqlite3 in this script's process). 2 shared cores: figures are noisy
(load average ${os.loadavg()[0].toFixed(1)} at the end of the run). Server environment: ${
  process.env.BENCH_MALLOC === '0'
    ? "glibc's allocator defaults"
    : `\`${Object.entries(MALLOC_ENV)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}\` (glibc; see docs/search.md)`
}.

| measure | p50 ms | p95 ms | p99 ms | target | met |
| --- | --- | --- | --- | --- | --- |
| search over HTTP (${searchMs.length} requests) | ${f(pct(searchMs, 50))} | ${f(p95)} | ${f(pct(searchMs, 99))} | p95 ≤ 20 | ${pass(p95 <= 20)} |
| suggestions over HTTP (${suggestMs.length} requests) | ${f(pct(suggestMs, 50))} | ${f(pct(suggestMs, 95))} | ${f(pct(suggestMs, 99))} | p95 ≤ 5 | ${pass(pct(suggestMs, 95) <= 5)} |
| LIKE scan, same queries (baseline, ${likeMs.length} runs) | ${f(pct(likeMs, 50))} | ${f(likeP95)} | ${f(pct(likeMs, 99))} | | |
| **ratio LIKE / search** | ${(pct(likeMs, 50) / pct(searchMs, 50)).toFixed(0)}× | ${(likeP95 / p95).toFixed(0)}× | | ≥ 20× | ${pass(likeP95 / p95 >= 20)} |

Per query, median LIKE time / median search time: lowest ${Math.min(...ratios).toFixed(1)}×, median ${median(ratios).toFixed(0)}×
(the lowest are filter-only queries the LIKE side answers from an index). Slowest queries (p95 ms): ${slowest.map((s) => `${describe(s.q)} ${f(s.p)}`).join('; ')}.
Matches per query: median ${median(totals).toLocaleString('en')}, most ${Math.max(...totals).toLocaleString('en')}.

| server | figure |
| --- | --- |
| RSS after start (index built) | ${server.rssAfterStart.toFixed(0)} MB |
| RSS, highest sample during the measured rounds (target ≤ 400 MB) | ${peakRss.toFixed(0)} MB (${pass(peakRss <= 400)}) |
| RSS at the end / peak over the whole life, start-up included (VmHWM) | ${finalRss.rss.toFixed(0)} / ${finalRss.hwm.toFixed(0)} MB |
| index build at start (server log) | ${server.buildMs === null ? '?' : `${(server.buildMs / 1000).toFixed(1)} s`} |
| spawn → /api/healthz answers, this catalogue / empty catalogue (same run) | ${(server.readyMs / 1000).toFixed(1)} s / ${(empty.readyMs / 1000).toFixed(1)} s |
| spawn → first search answered (index ready), this catalogue / empty | ${(server.indexedMs / 1000).toFixed(1)} s / ${(empty.indexedMs / 1000).toFixed(1)} s |
`
console.log(table)
writeSection(
  'search-http',
  'Search over HTTP at 1,000,000 products (issue 11: 传感搜 1)',
  `node bench/search.mjs ${count}${process.env.BENCH_ROUNDS ? ` (BENCH_ROUNDS=${ROUNDS})` : ''}`,
  table,
)
console.error('docs/benchmarks.md updated')
