// A publish fanned out to many followers, on the built server: the WeChat emulator in its own process (it counts what
// arrives and survives a worker's kill), the API server with its worker off, followers seeded in bulk by SQL, and
// `cli.js deliver` processes that work the outbox. Used by bench/deliveries.mjs and e2e/deliveries-processes.test.mjs.
import { execFile, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { serverNodeFlags } from '../../scripts/server-node-flags.mjs'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const require = createRequire(path.join(root, 'server/package.json'))
const dist = path.join(root, 'server/dist')
export const ARTICLE_TEMPLATE = 'emu-tmpl-new-article'

export async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port
      s.close(() => resolve(p))
    })
  })
}

const children = new Set()
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL')
})

function track(child) {
  children.add(child)
  child.on('exit', () => children.delete(child))
  return child
}

/** The WeChat emulator as its own process. */
export async function startEmulator() {
  const port = await freePort()
  const child = track(
    spawn(process.execPath, [path.join(dist, 'wechat/emulator/main.js')], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  )
  const base = `http://127.0.0.1:${port}`
  await waitFor(async () => (await fetch(`${base}/dev/messages/count`)).ok)
  return {
    base,
    /** { total, readers, readersMoreThanOnce } of the messages that opened `page`. */
    count: async (page) =>
      (await fetch(`${base}/dev/messages/count${page ? `?page=${encodeURIComponent(page)}` : ''}`)).json(),
    stop: () => child.kill('SIGTERM'),
  }
}

/** A fresh database: a new SQLite file, or the PostgreSQL / MariaDB database of `url` emptied. */
export async function freshDatabase(url) {
  if (!url || url.startsWith('sqlite')) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fanout-'))
    return `sqlite:${path.join(dir, 'db.sqlite')}`
  }
  const sql = await connect(url)
  if (url.startsWith('postgres')) await sql.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;')
  else {
    const name = new URL(url).pathname.slice(1)
    await sql.exec(`DROP DATABASE IF EXISTS \`${name}\``)
    await sql.exec(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`)
  }
  await sql.close()
  return url
}

export function serverEnv(databaseUrl, emulator, extra = {}) {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    WECHAT_API_BASE: emulator.base,
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    MEDIA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'fanout-media-')),
    ...extra,
  }
}

/** The API server, with its own outbox worker off (workers are the `deliver` processes). */
export async function startServer(env) {
  const port = await freePort()
  const child = track(
    spawn(process.execPath, [...serverNodeFlags(), path.join(dist, 'main.js')], {
      cwd: path.join(root, 'server'),
      env: { ...env, PORT: String(port), HOST: '127.0.0.1', DELIVERY_WORKER: '0', WEB_ROOT: '/nonexistent' },
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  )
  const base = `http://127.0.0.1:${port}`
  await waitFor(async () => (await fetch(`${base}/api/ping`)).ok, 60_000)
  return { base, stop: () => child.kill('SIGTERM') }
}

export async function cli(env, ...args) {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(dist, 'cli.js'), ...args], {
    cwd: path.join(root, 'server'),
    env,
  })
  return stdout
}

/** A `deliver` worker process; `exited` resolves with its exit code or signal. */
export function startWorker(env, ...args) {
  const child = track(
    spawn(process.execPath, [path.join(dist, 'cli.js'), 'deliver', ...args], {
      cwd: path.join(root, 'server'),
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  )
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)))
  return { child, exited, kill: (signal = 'SIGKILL') => child.kill(signal) }
}

export async function api(base, method, url, token, body) {
  const res = await fetch(`${base}/api${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  })
  const json = res.headers.get('content-type')?.includes('json') ? await res.json() : null
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`)
  return json
}

/** An editor (through the CLI), an author, and a draft article by that author. */
export async function newsroom(env, base, slug = 'fanout') {
  const out = await cli(env, 'create-staff', '--role', 'editor', '--name', `editor-${slug}`)
  const token = out.trim().split('\n').pop()
  const author = await api(base, 'POST', '/editor/authors', token, { slug, name: `作者${slug}` })
  const draft = async (title) =>
    api(base, 'POST', '/editor/articles', token, { title, body: `${title}：正文。`, authorId: author.id, tags: [] })
  return { token, author, draft }
}

/**
 * `n` readers who follow the author and granted one article message each, written in bulk. Nicknames carry the
 * prefix so several seeds can share a database.
 */
export async function seedFollowers(url, authorId, n, prefix = 'f') {
  const sql = await connect(url)
  const q = sql.q
  const at = `'2026-12-01 00:00:00'`
  for (let i = 0; i < n; i += 1000) {
    const rows = []
    for (let j = i; j < Math.min(n, i + 1000); j++) {
      const code = `${prefix[0].toUpperCase()}${j.toString(36).padStart(7, '0')}`
      rows.push(
        `('o${prefix}${String(j).padStart(26 - prefix.length, '0')}', '${prefix}${j}', '${code}', 'reader', ${at})`,
      )
    }
    await sql.exec(
      `INSERT INTO ${q('app_user')} (${['openid', 'nickname', 'shareCode', 'role', 'createdAt'].map(q).join(', ')}) VALUES ${rows.join(', ')}`,
    )
  }
  const mine = `FROM ${q('app_user')} WHERE ${q('nickname')} LIKE '${prefix}%' AND ${q('role')} = 'reader'`
  await sql.exec(
    `INSERT INTO ${q('follow')} (${['userId', 'kind', 'targetId', 'createdAt'].map(q).join(', ')}) SELECT ${q('id')}, 'author', ${authorId}, ${q('createdAt')} ${mine}`,
  )
  await sql.exec(
    `INSERT INTO ${q('subscribe_grant')} (${['userId', 'templateId', 'credits', 'answer', 'updatedAt'].map(q).join(', ')}) SELECT ${q('id')}, '${ARTICLE_TEMPLATE}', 1, 'accept', ${q('createdAt')} ${mine}`,
  )
  await sql.close()
}

/** Delivery rows of one article by state. */
export async function deliveryStates(url, articleId) {
  const sql = await connect(url)
  const q = sql.q
  const rows = await sql.query(
    `SELECT ${q('state')} AS state, COUNT(*) AS n FROM ${q('delivery')} WHERE ${q('subject')} = 'article' AND ${q('subjectId')} = ${articleId} GROUP BY ${q('state')}`,
  )
  await sql.close()
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]))
}

/** A minimal SQL connection to the three databases (the server's own drivers). */
export async function connect(url) {
  if (url.startsWith('sqlite')) {
    const Database = require('better-sqlite3')
    const db = new Database(url.slice('sqlite:'.length))
    db.pragma('busy_timeout = 10000')
    return {
      q: (n) => `"${n}"`,
      exec: async (s) => void db.exec(s),
      query: async (s) => db.prepare(s).all(),
      close: async () => db.close(),
    }
  }
  if (url.startsWith('postgres')) {
    const { Client } = require('pg')
    const client = new Client({ connectionString: url })
    await client.connect()
    return {
      q: (n) => `"${n}"`,
      exec: async (s) => void (await client.query(s)),
      query: async (s) => (await client.query(s)).rows,
      close: () => client.end(),
    }
  }
  const mysql = require('mysql2/promise')
  const u = new URL(url)
  const conn = await mysql.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1) || undefined,
    multipleStatements: true,
  })
  return {
    q: (n) => `\`${n}\``,
    exec: async (s) => void (await conn.query(s)),
    query: async (s) => (await conn.query(s))[0],
    close: () => conn.end(),
  }
}

export async function waitFor(check, timeoutMs = 30_000, everyMs = 20) {
  const until = Date.now() + timeoutMs
  for (;;) {
    try {
      if (await check()) return
    } catch {
      // not yet
    }
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, everyMs))
  }
}
