#!/usr/bin/env node
// Cold start: time from spawning the built server to its first answered request (/api/healthz), against a
// bare node:http server spawned the same way in the same run. Usage: node bench/cold-start.mjs [runs]
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { median, writeSection } from './report.mjs'
import { serverNodeFlags } from '../scripts/server-node-flags.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const runs = Number(process.argv[2] ?? 5)

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })

async function timeToFirstResponse(args, env, url) {
  const started = performance.now()
  const child = spawn(process.execPath, args, {
    cwd: path.join(root, 'server'),
    env: { ...process.env, ...env },
    stdio: 'ignore',
  })
  try {
    for (;;) {
      try {
        const res = await fetch(url)
        if (res.ok) return performance.now() - started
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 30_000) throw new Error(`no answer from ${url} in 30 s`)
      await new Promise((r) => setTimeout(r, 5))
    }
  } finally {
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
  }
}

const baseline = []
const server = []
for (let i = 0; i < runs; i++) {
  const port = await freePort()
  const bare = `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`
  baseline.push(await timeToFirstResponse(['-e', bare], {}, `http://127.0.0.1:${port}/`))
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cold-'))
  const port2 = await freePort()
  // The first start creates and migrates the database and loads the demo content; later starts reuse it.
  for (const phase of ['first', 'warm']) {
    const ms = await timeToFirstResponse(
      [...serverNodeFlags(), 'dist/main.js'],
      {
        PORT: String(port2),
        HOST: '127.0.0.1',
        DATABASE_URL: `sqlite:${dir}/db.sqlite`,
        DEMO_CONTENT: '1',
        LOG_LEVEL: 'silent',
      },
      `http://127.0.0.1:${port2}/api/healthz`,
    )
    server.push({ phase, ms })
  }
  fs.rmSync(dir, { recursive: true, force: true })
}
const b = median(baseline)
const first = median(server.filter((s) => s.phase === 'first').map((s) => s.ms))
const warm = median(server.filter((s) => s.phase === 'warm').map((s) => s.ms))
const table = `| start | median ms (${runs} runs) | ratio to bare node:http |
| --- | --- | --- |
| bare \`node:http\` server (baseline) | ${b.toFixed(0)} | 1.00 |
| Chuangan server, empty database (migrate + demo content) | ${first.toFixed(0)} | ${(first / b).toFixed(2)} |
| Chuangan server, existing database | ${warm.toFixed(0)} | ${(warm / b).toFixed(2)} |`
console.log(table)
if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify({ baseline: b, first, warm }))
writeSection('cold-start', 'Cold start to first served request (SQLite)', `node bench/cold-start.mjs ${runs}`, table)
