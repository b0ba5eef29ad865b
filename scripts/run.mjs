#!/usr/bin/env node
// The README's two commands: `npm start` (install, build, serve with demo content) and `npm test`
// (install, lint, type-check, every test suite). Needs only Node.js 20 and npm: pnpm comes through npx.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const PNPM_VERSION = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).packageManager.split('@')[1]
const command = process.argv[2]

const env = { ...process.env }
// better-sqlite3 compiles from source where no prebuilt binary fits; node-gyp then needs Node's headers.
// Offline machines cannot download them, so point it at the headers installed beside this node binary.
if (!env.npm_config_nodedir) {
  const nodeDir = path.resolve(path.dirname(process.execPath), '..')
  if (fs.existsSync(path.join(nodeDir, 'include/node/node.h'))) env.npm_config_nodedir = nodeDir
}

function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', env })
  if (probe.status === 0 && probe.stdout.trim() === PNPM_VERSION) return ['pnpm']
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`]
}
const pnpm = pnpmCommand()

function step(title, args, extraEnv = {}) {
  const started = Date.now()
  console.log(`\n▶ ${title}`)
  const [cmd, ...rest] = [...pnpm, ...args]
  const result = spawnSync(cmd, rest, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } })
  if (result.status !== 0) {
    console.error(`\n✖ ${title} failed (exit ${result.status ?? result.signal})`)
    process.exit(result.status ?? 1)
  }
  console.log(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
}

function install() {
  step('Installing dependencies (pnpm, frozen lockfile)', ['install', '--frozen-lockfile'])
}

function hasChromium() {
  const bin = env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  return fs.existsSync(bin)
}

if (command === 'start') {
  install()
  step('Building the contract, the server and the H5 app', ['-r', '--workspace-concurrency=1', 'build'])
  step('Starting Chuangan', ['--filter', '@chuangan/server', 'start'], {
    DEMO_CONTENT: env.DEMO_CONTENT ?? '1',
    LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
  })
} else if (command === 'test') {
  install()
  step('Lint (ESLint + Prettier)', ['lint'])
  step('Building the contract package', ['--filter', '@chuangan/shared', 'build'])
  step('Type-checking every package', ['-r', 'typecheck'])
  step('Contract tests', ['--filter', '@chuangan/shared', 'test'])
  step('Mini-program unit tests', ['--filter', '@chuangan/miniapp', 'test'])
  step(`Server tests on ${env.TEST_DATABASE_URL ?? 'SQLite'}`, ['--filter', '@chuangan/server', 'test'])
  if (hasChromium()) {
    step('Building the server and the H5 app for the browser tests', [
      '--filter',
      '@chuangan/server',
      '--filter',
      '@chuangan/miniapp',
      '-r',
      '--workspace-concurrency=1',
      'build',
    ])
    step('Browser tests (Chromium)', ['test:e2e'])
  } else {
    console.log(
      '\n⚠ Browser tests skipped: no Chromium at /usr/bin/chromium (set CHROMIUM_PATH, or apt-get install chromium).',
    )
  }
  console.log('\nAll tests passed.')
} else {
  console.error('usage: node scripts/run.mjs start|test')
  process.exit(2)
}
