#!/usr/bin/env node
// Sizes of the WeChat build: the main package (everything outside the subpackage roots) and each
// subpackage. Exits 1 when the main package is over the limit (default 1.5 MB; WeChat allows 2 MB).
import fs from 'node:fs'
import path from 'node:path'

const dist = path.resolve(process.argv[2] ?? 'miniapp/dist/weapp')
const limit = Number(process.env.WEAPP_MAIN_LIMIT_BYTES ?? 1.5 * 1024 * 1024)
const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''))

const sizes = { main: 0, ...Object.fromEntries(roots.map((r) => [r, 0])) }
function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) walk(file)
    else {
      const rel = path.relative(dist, file).split(path.sep).join('/')
      const root = roots.find((r) => rel === r || rel.startsWith(`${r}/`))
      sizes[root ?? 'main'] += fs.statSync(file).size
    }
  }
}
walk(dist)

const kb = (n) => `${(n / 1024).toFixed(1)} KB`
for (const [name, size] of Object.entries(sizes))
  console.log(`weapp ${name === 'main' ? 'main package' : `subpackage ${name}`}: ${kb(size)}`)
console.log(`weapp total: ${kb(Object.values(sizes).reduce((a, b) => a + b, 0))} (main package limit ${kb(limit)})`)
if (sizes.main > limit) {
  console.error(`✖ the weapp main package is ${kb(sizes.main)}, over the ${kb(limit)} limit`)
  process.exit(1)
}
