// The Node.js flags the server runs with, read from the one place they are set: the server's `start` script
// (`node <flags> dist/main.js`, what `npm start` and `pnpm serve` run). Benchmarks and browser tests spawn the
// built server with them, so they measure and test the server as it is deployed.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export function serverNodeFlags() {
  const { start } = JSON.parse(fs.readFileSync(path.join(root, 'server/package.json'), 'utf8')).scripts
  const match = /^node((?: --[\w-]+(?:=\S+)?)*) dist\/main\.js$/.exec(start)
  if (!match) throw new Error(`server/package.json: the start script "${start}" is not "node [--flags] dist/main.js"`)
  return match[1].split(' ').filter(Boolean)
}
