#!/usr/bin/env node
// Seeds a SQLite database with N articles (default 100,000) of realistic length, tags, authors, columns,
// related lists and counts, for the content benchmark. Usage:
//   node bench/seed-articles.mjs [file=.tmp/bench/articles.sqlite] [count=100000]
// The schema comes from the server's own migrations (build the server first: pnpm -r build).
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(path.join(root, 'server/package.json'))
const file = path.resolve(process.argv[2] ?? path.join(root, '.tmp/bench/articles.sqlite'))
const count = Number(process.argv[3] ?? 100_000)
if (!Number.isInteger(count) || count < 1 || /^\d+$/.test(path.basename(file))) {
  console.error('usage: node bench/seed-articles.mjs [file=.tmp/bench/articles.sqlite] [count=100000]')
  process.exit(2)
}

const { DataSource } = require('typeorm')
const Database = require('better-sqlite3')
const { dataSourceOptions } = require(path.join(root, 'server/dist/database/options.js'))
const { renderBody } = require(path.join(root, 'server/dist/content/rich-text/render-body.js'))
const { hotScore } = require(path.join(root, 'server/dist/content/hot-score.js'))

fs.mkdirSync(path.dirname(file), { recursive: true })
for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true })
const started = Date.now()
const ds = new DataSource(dataSourceOptions(`sqlite:${file}`))
await ds.initialize()
await ds.runMigrations()
await ds.destroy()

// Deterministic pseudo-random numbers, so two runs seed the same data.
let state = 20261127
const rand = () => (state = (Math.imul(state ^ (state >>> 15), 2246822507) + 0x9e3779b9) >>> 0) / 2 ** 32
const pick = (list) => list[Math.floor(rand() * list.length)]
const zipf = (n) => Math.min(n - 1, Math.floor(Math.pow(rand(), 2.2) * n))

// Our own demo bodies are the vocabulary: paragraphs reshuffled into bodies of 800–3,000 characters.
const demoDir = path.join(root, 'server/demo/articles')
const paragraphs = fs
  .readdirSync(demoDir)
  .flatMap((f) => fs.readFileSync(path.join(demoDir, f), 'utf8').split(/^---$/m).slice(2).join('').split(/\n\n+/))
  .map((p) => p.trim())
  .filter((p) => p.length > 30 && !p.startsWith('|'))
const titles = fs
  .readdirSync(demoDir)
  .map((f) => /^title:\s*(.+)$/m.exec(fs.readFileSync(path.join(demoDir, f), 'utf8'))?.[1] ?? '传感器行业观察')

const BODY_VARIANTS = 300
const bodies = []
for (let i = 0; i < BODY_VARIANTS; i++) {
  const target = 800 + Math.floor(rand() * 2200)
  const parts = []
  let length = 0
  while (length < target) {
    const p = pick(paragraphs)
    parts.push(length > 0 && rand() < 0.25 ? `## ${pick(titles).slice(0, 12)}\n\n${p}` : p)
    length += p.length
  }
  const source = parts.join('\n\n')
  const rendered = renderBody(source, 'markdown')
  bodies.push({
    source,
    html: rendered.html,
    nodes: JSON.stringify(rendered.nodes),
    length: rendered.length,
    summary: rendered.firstParagraph.slice(0, 90),
  })
}

const db = new Database(file)
db.pragma('journal_mode = WAL')
db.pragma('synchronous = OFF')
const now = new Date()
const iso = (d) => d.toISOString().replace('T', ' ').replace('Z', '')
const created = iso(now)

const AUTHORS = 60
const COLUMNS = 6
const TAGS = 200
db.transaction(() => {
  const author = db.prepare(
    'INSERT INTO author (slug, name, bio, avatar, verified, userId, createdAt) VALUES (?, ?, ?, NULL, ?, NULL, ?)',
  )
  for (let i = 1; i <= AUTHORS; i++)
    author.run(`bench-author-${i}`, `作者${i}`, '基准测试作者', i % 3 === 0 ? 1 : 0, created)
  const column = db.prepare(
    'INSERT INTO content_column (slug, name, description, cover, authorId, position, createdAt) VALUES (?, ?, ?, NULL, ?, ?, ?)',
  )
  for (let i = 1; i <= COLUMNS; i++) column.run(`bench-column-${i}`, `栏目${i}`, '基准测试栏目', i, i, created)
  const tag = db.prepare('INSERT INTO tag (name, createdAt) VALUES (?, ?)')
  for (let i = 1; i <= TAGS; i++) tag.run(`标签${i}`, created)
})()

const insertArticle =
  db.prepare(`INSERT INTO article (slug, title, summary, cover, authorId, columnId, bodyLength, status,
  publishedAt, readCount, likeCount, commentCount, favoriteCount, shareCount, hotScore, createdAt, updatedAt)
  VALUES (NULL, ?, ?, NULL, ?, ?, ?, 'published', ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
const insertBody = db.prepare(
  `INSERT INTO article_body (articleId, format, nodes, html, source) VALUES (?, 'markdown', ?, ?, ?)`,
)
const insertTag = db.prepare('INSERT OR IGNORE INTO article_tag (articleId, tagId) VALUES (?, ?)')
const insertRelated = db.prepare('INSERT OR IGNORE INTO article_related (articleId, relatedId, score) VALUES (?, ?, ?)')
const SPAN_MS = 3 * 365 * 86_400_000
const BATCH = 5000
for (let start = 0; start < count; start += BATCH) {
  db.transaction(() => {
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const body = bodies[i % BODY_VARIANTS]
      const publishedAt = new Date(now.getTime() - SPAN_MS + Math.floor(((i + rand()) / count) * SPAN_MS))
      const reads = Math.floor(Math.pow(rand(), 3) * 20000)
      const counts = {
        readCount: reads,
        likeCount: Math.floor(reads * 0.04),
        commentCount: Math.floor(reads * 0.005),
        favoriteCount: Math.floor(reads * 0.015),
        shareCount: Math.floor(reads * 0.01),
        publishedAt,
      }
      const id = Number(
        insertArticle.run(
          `${pick(titles)}（${i + 1}）`,
          body.summary,
          1 + zipf(AUTHORS),
          1 + Math.floor(rand() * COLUMNS),
          body.length,
          iso(publishedAt),
          counts.readCount,
          counts.likeCount,
          counts.commentCount,
          counts.favoriteCount,
          counts.shareCount,
          hotScore(counts, now),
          iso(publishedAt),
          iso(publishedAt),
        ).lastInsertRowid,
      )
      insertBody.run(id, body.nodes, body.html, body.source)
      const tagCount = 1 + Math.floor(rand() * 4)
      for (let t = 0; t < tagCount; t++) insertTag.run(id, 1 + zipf(TAGS))
      if (id > 10)
        for (let r = 0; r < 6; r++)
          insertRelated.run(id, id - 1 - Math.floor(rand() * Math.min(id - 1, 5000)), 600 - r * 50)
    }
  })()
  process.stderr.write(
    `\rseeded ${Math.min(count, start + BATCH).toLocaleString()} / ${count.toLocaleString()} articles`,
  )
}
db.pragma('wal_checkpoint(TRUNCATE)')
db.exec('ANALYZE')
db.close()
const size = fs.statSync(file).size
console.error(
  `\n${count.toLocaleString()} articles in ${((Date.now() - started) / 1000).toFixed(1)} s → ${file} (${(size / 1048576).toFixed(0)} MB)`,
)
