#!/usr/bin/env node
// Issue 14's table in one run: the readers' pages (article page, comment lists, viewer state, likes, posters),
// article detail cached and uncached, peak RSS, start time, H5 first load and list images. It runs the benchmarks
// below one after another (each also writes its own section) and sets their figures against the goals:
//   bench/cold-start.mjs, bench/content-http.mjs (seeds .tmp/bench/articles.sqlite once), bench/readers-http.mjs,
//   bench/h5-load.mjs; then, when BENCH_PG_URL is set (a database it may empty) with BENCH_REDIS_URL,
//   bench/readers-http.mjs again on PostgreSQL with two server processes.
//   node bench/readers-lean.mjs [seconds=5] [connections=50]      (BENCH_ROUNDS=3)
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeSection } from './report.mjs'
import { ensureServerBuilt } from './support/build.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const seconds = process.argv[2] ?? '5'
const connections = process.argv[3] ?? '50'
ensureServerBuilt(root)
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lean-'))

function run(script, args, env = {}) {
  const json = path.join(tmp, `${path.basename(script, '.mjs')}-${Object.keys(env).length}.json`)
  console.error(`\n▶ node bench/${script} ${args.join(' ')}`)
  const started = Date.now()
  const result = spawnSync(process.execPath, [path.join(root, 'bench', script), ...args], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env, BENCH_JSON: json },
  })
  if (result.status !== 0) throw new Error(`bench/${script} failed (${result.status ?? result.signal})`)
  console.error(`✔ ${script} in ${Math.round((Date.now() - started) / 1000)} s`)
  return JSON.parse(fs.readFileSync(json, 'utf8'))
}

const articlesDb = path.join(root, '.tmp/bench/articles.sqlite')
if (!fs.existsSync(articlesDb)) {
  const seeded = spawnSync(process.execPath, [path.join(root, 'bench/seed-articles.mjs'), articlesDb], {
    stdio: 'inherit',
  })
  if (seeded.status !== 0) throw new Error('seeding failed')
}
const cold = run('cold-start.mjs', ['5'])
const content = run('content-http.mjs', [path.relative(root, articlesDb), seconds, connections])
const readers = run('readers-http.mjs', [seconds, connections])
const h5 = run('h5-load.mjs', ['5'])
let pg = null
let pgContent = null
if (process.env.BENCH_PG_URL) {
  const pgEnv = {
    BENCH_DATABASE_URL: process.env.BENCH_PG_URL,
    ...(process.env.BENCH_REDIS_URL ? { BENCH_REDIS_URL: process.env.BENCH_REDIS_URL } : {}),
    BENCH_PROCESSES: '2',
  }
  pgContent = run('content-http.mjs', [path.relative(root, articlesDb), seconds, connections], pgEnv)
  spawnSync('psql', [process.env.BENCH_PG_URL, '-qc', 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;'], {
    stdio: 'inherit',
    env: { ...process.env, PGOPTIONS: '--client-min-messages=warning' },
  })
  if (process.env.BENCH_REDIS_URL) spawnSync('redis-cli', ['-u', process.env.BENCH_REDIS_URL, 'FLUSHDB'])
  pg = run('readers-http.mjs', [seconds, connections], pgEnv)
}
fs.rmSync(tmp, { recursive: true, force: true })

const row = (rows, prefix) => rows.find((r) => r.title.startsWith(prefix))
const route = (rows, prefix) => {
  const r = row(rows, prefix)
  return r && { ratio: r.ratio, p99: r.p99, worst: r.worstP99 }
}
const fmt = (r) => (r ? `${r.ratio.toFixed(2)}, p99 ${r.p99} ms` : '–')
const check = (ok) => (ok ? 'met' : '**not met**')
const R = readers.rows
const lines = [
  {
    what: 'one article page, signed in (GET …/page: article, viewer state and 10 hot comments in one answer; then POST read): pages per trivial request; page p99 = the two in turn',
    was: 'not measured',
    goal: '≥ 0.25, p99 < 60 ms',
    got: route(R, 'one article page'),
    pg: pg && route(pg.rows, 'one article page'),
    ok: (r) => r.ratio >= 0.25 && r.p99 < 60,
  },
  {
    what: 'comment list, hot, first page, signed in (300 comments, 3,000 votes)',
    was: '0.05, p99 2,538 ms',
    goal: '≥ 0.5, p99 < 50 ms',
    got: route(R, 'GET /api/articles/:id/comments?sort=hot, first'),
    pg: pg && route(pg.rows, 'GET /api/articles/:id/comments?sort=hot, first'),
    ok: (r) => r.ratio >= 0.5 && r.p99 < 50,
  },
  {
    what: 'comment list, hot, page 5, signed in',
    was: '0.06, p99 2,033 ms',
    goal: '≥ 0.5, p99 < 50 ms',
    got: route(R, 'GET /api/articles/:id/comments?sort=hot&cursor'),
    pg: pg && route(pg.rows, 'GET /api/articles/:id/comments?sort=hot&cursor'),
    ok: (r) => r.ratio >= 0.5 && r.p99 < 50,
  },
  {
    what: 'article detail, 90 % listed / 10 % long tail of 100,000',
    was: '0.42, p99 52 ms',
    goal: '≥ 0.7, p99 < 25 ms',
    got: route(content.rows, 'article detail GET /api/articles/:id (90%'),
    pg: pgContent && route(pgContent.rows, 'article detail GET /api/articles/:id (90%'),
    ok: (r) => r.ratio >= 0.7 && r.p99 < 25,
  },
  {
    what: 'article detail, uniform over all 100,000 (nearly every request a cache miss)',
    was: '≈ 0.17',
    goal: '≥ 0.4, p99 < 40 ms',
    got: route(content.rows, 'article detail GET /api/articles/:id (uniform'),
    pg: pgContent && route(pgContent.rows, 'article detail GET /api/articles/:id (uniform'),
    ok: (r) => r.ratio >= 0.4 && r.p99 < 40,
  },
  {
    what: 'viewer state GET /api/articles/:id/me',
    was: '0.21',
    goal: '≥ 0.6',
    got: route(R, 'GET /api/articles/:id/me'),
    pg: pg && route(pg.rows, 'GET /api/articles/:id/me'),
    ok: (r) => r.ratio >= 0.6,
  },
  {
    what: 'like / unlike by 300 readers on one article',
    was: '0.16, p99 174 ms',
    goal: '≥ 0.3, p99 < 100 ms',
    got: route(R, 'PUT / DELETE'),
    pg: pg && route(pg.rows, 'PUT / DELETE'),
    ok: (r) => r.ratio >= 0.3 && r.p99 < 100,
  },
  {
    what: `cached poster (${Math.round(readers.posterBytes / 1024)} KB)`,
    was: '0.07, 176 KB',
    goal: '≥ 0.4, ≤ 120 KB',
    got: route(R, 'GET /api/share/poster'),
    pg: pg && route(pg.rows, 'GET /api/share/poster'),
    ok: (r) => r.ratio >= 0.4 && readers.posterBytes <= 120 * 1024,
  },
]
const table = [
  `The command above runs, in order, \`node bench/cold-start.mjs 5\`, \`node bench/content-http.mjs .tmp/bench/articles.sqlite ${seconds} ${connections}\`,`,
  `\`node bench/readers-http.mjs ${seconds} ${connections}\`, \`node bench/h5-load.mjs 5\`${pg ? ` and content-http and readers-http again on PostgreSQL with Redis and two server processes` : ''};`,
  'their own sections below have the details. Ratios are to the trivial route GET /api/ping in the same round.',
  '',
  `| route or page | before (issue 14) | goal | now, SQLite | goal met | ${pg ? 'PostgreSQL + Redis, 2 processes |' : ''}`,
  `| --- | --- | --- | --- | --- | ${pg ? '--- |' : ''}`,
  ...lines.map(
    (l) =>
      `| ${l.what} | ${l.was} | ${l.goal} | ${fmt(l.got)} | ${l.got ? check(l.ok(l.got)) : '–'} | ${pg ? `${fmt(l.pg)} |` : ''}`,
  ),
  `| peak RSS over the readers' benchmark | 658 MB | ≤ 250 MB | ${readers.peakRssMb} MB | ${check(readers.peakRssMb <= 250)} | ${pg ? `${pg.peakRssMb} MB (largest process) |` : ''}`,
  `| peak RSS over the content benchmark | 302 MB | ≤ 200 MB | ${content.peakRssMb} MB | ${check(content.peakRssMb <= 200)} | ${pg ? `${pgContent.peakRssMb} MB (largest process) |` : ''}`,
  `| spawn → first answered request, existing database | 1,453 ms | ≤ 800 ms | ${Math.round(cold.warm)} ms (bare node:http ${Math.round(cold.baseline)} ms) | ${check(cold.warm <= 800)} | ${pg ? '– |' : ''}`,
  `| H5 home, navigation → network idle | 1.67–1.72 s | ≤ 1.2 s | ${Math.round(h5.home)} ms | ${check(h5.home <= 1200)} | ${pg ? '– |' : ''}`,
  `| H5 article, navigation → network idle | 1.21 s | ≤ 1.2 s | ${Math.round(h5.article)} ms | ${check(h5.article <= 1200)} | ${pg ? '– |' : ''}`,
  `| list images: pixels served per pixel shown (ratio 2) | 640 × 360 covers for ~90 px thumbnails | ≤ 1.5× | ${h5.imagesServedPerShown?.toFixed(2) ?? '–'}× | ${check(h5.imagesServedPerShown !== null && h5.imagesServedPerShown <= 1.5)} | ${pg ? '– |' : ''}`,
].join('\n')
console.log(table)
writeSection(
  'readers-lean',
  'Readers’ pages fast and lean (issue 14): every row in one run',
  `${process.env.BENCH_ROUNDS ? `BENCH_ROUNDS=${process.env.BENCH_ROUNDS} ` : ''}${pg ? 'BENCH_PG_URL=… BENCH_REDIS_URL=… ' : ''}node bench/readers-lean.mjs ${seconds} ${connections}`,
  table,
)
