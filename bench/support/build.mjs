// The built server the benchmarks start: built first when dist is missing or older than any source it is built from.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const newest = (dir) =>
  Math.max(0, ...fs.readdirSync(dir, { recursive: true }).map((f) => fs.statSync(path.join(dir, f)).mtimeMs))

export function ensureServerBuilt(root) {
  const mainJs = path.join(root, 'server/dist/main.js')
  const sources = ['server/src', 'shared/src'].map((d) => newest(path.join(root, d)))
  if (fs.existsSync(mainJs) && Math.max(...sources) <= fs.statSync(mainJs).mtimeMs) return
  const pnpm = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).packageManager
  console.error('building the contract and the server …')
  for (const pkg of ['@chuangan/shared', '@chuangan/server']) {
    execFileSync('npx', ['-y', pnpm, '--filter', pkg, 'build'], { cwd: root, stdio: 'inherit' })
  }
}
