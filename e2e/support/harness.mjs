/* global document -- callbacks of page.evaluate run in the browser */
// Starts the app as the README does (the built server, the H5 build at /, demo content) on a temporary
// SQLite file and a free port, and drives Debian's Chromium through playwright-core.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { serverNodeFlags } from '../../scripts/server-node-flags.mjs'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

/** GET an API path of a running app as JSON (tests derive their expectations from the API, not from fixtures). */
export async function api(baseUrl, pathAndQuery) {
  const res = await fetch(`${baseUrl}/api${pathAndQuery}`)
  if (!res.ok) throw new Error(`GET /api${pathAndQuery}: ${res.status} ${await res.text()}`)
  return res.json()
}

/** Starts the server; resolves once /api/healthz answers. */
export async function startApp(extraEnv = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuangan-e2e-'))
  const port = await freePort()
  const child = spawn(process.execPath, [...serverNodeFlags(), path.join(repoRoot, 'server/dist/main.js')], {
    cwd: path.join(repoRoot, 'server'),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${path.join(dir, 'e2e.sqlite')}`,
      DEMO_CONTENT: '1',
      LOG_LEVEL: 'warn',
      // The demo catalogue is small; the browser tests build its index in the worker thread a large catalogue uses.
      SEARCH_INDEX_WORKER_FROM: '0',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${output}`)
    try {
      const res = await fetch(`${baseUrl}/api/healthz`)
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`server did not become healthy within 30 s:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    baseUrl,
    databaseUrl: `sqlite:${path.join(dir, 'e2e.sqlite')}`,
    output: () => output,
    async stop() {
      child.kill('SIGTERM')
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)))
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A phone-sized headless Chromium with a fresh profile; collects page errors for the test to assert on. */
export async function openBrowser() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuangan-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 375, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const errors = []
  page.on('pageerror', (e) => errors.push(String(e)))
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  return {
    page,
    errors,
    async close() {
      await context.close()
      fs.rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}

/** Saves a screenshot under .tmp/screens (and SHOTS_DIR when set) for a person to look at after a run. */
export async function screenshot(page, name) {
  // let the H5 router's page slide-in and lazy images finish first
  await page.waitForTimeout(700)
  const dir = path.join(repoRoot, '.tmp/screens')
  fs.mkdirSync(dir, { recursive: true })
  await page.screenshot({ path: path.join(dir, `${name}.png`) })
  if (process.env.SHOTS_DIR) {
    fs.mkdirSync(process.env.SHOTS_DIR, { recursive: true })
    fs.copyFileSync(path.join(dir, `${name}.png`), path.join(process.env.SHOTS_DIR, `${name}.png`))
  }
}

/** The visible element with this data-testid (H5 keeps earlier pages of the stack in the DOM, hidden). */
export const byTestId = (page, id) => page.locator(`[data-testid="${id}"]:visible`)

/** Scrolls the current H5 page so the element with this data-testid sits near the top. */
export async function scrollToTestId(page, id) {
  await page.evaluate((testId) => {
    const pages = Array.from(document.querySelectorAll('.taro_page')).filter((p) => p.offsetParent !== null)
    const current = pages[pages.length - 1]
    const el = current.querySelector(`[data-testid="${testId}"]`)
    current.scrollTop += el.getBoundingClientRect().top - 60
  }, id)
}

/** Waits until the demo catalogue answers a search (its index is built after the server starts listening). */
export async function catalogueReady(baseUrl) {
  const deadline = Date.now() + 30_000
  while ((await api(baseUrl, `/search?q=${encodeURIComponent('压力')}&limit=1&facets=0`)).total === 0) {
    if (Date.now() > deadline) throw new Error('the demo catalogue was not searchable within 30 s')
    await new Promise((r) => setTimeout(r, 200))
  }
}

/**
 * One app and one browser for the tests of a file: started before them, stopped after. Read `ctx.app` and
 * `ctx.browser` inside the tests.
 */
export function useAppAndBrowser(hooks, extraEnv = {}) {
  const ctx = { app: null, browser: null }
  hooks.before(async () => {
    ctx.app = await startApp(extraEnv)
    ctx.browser = await openBrowser()
  })
  hooks.after(async () => {
    await ctx.browser?.close()
    await ctx.app?.stop()
  })
  return ctx
}

/** The session token the H5 app keeps in localStorage (Taro H5 wraps stored values as {data}), or null. */
export async function storedToken(page) {
  const raw = await page.evaluate(() => localStorage.getItem('chuangan.session'))
  if (!raw) return null
  const stored = JSON.parse(raw)
  return (stored.data ?? stored).token ?? null
}

/** Calls the API as a test would from outside the browser; answers {status, body}. */
export async function callApi(baseUrl, method, pathAndQuery, { token, body } = {}) {
  const res = await fetch(`${baseUrl}/api${pathAndQuery}`, {
    method,
    headers: {
      ...(body ? { 'Content-Type': 'application/json' } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : null }
}

/** Signs in on 我的 with the H5 dev form (the server's WeChat emulator), agreeing to the privacy notice once. */
export async function devSignIn(page, baseUrl, name) {
  await page.goto(`${baseUrl}/pages/me/index`)
  const input = page.locator('[data-testid="dev-login-name"]:visible input').first()
  await input.waitFor({ timeout: 20_000 })
  await input.fill(name)
  await page.locator('[data-testid="dev-login-submit"]:visible').click()
  const agree = page.locator('[data-testid="privacy-agree"]:visible')
  const signedIn = page.getByText('退出登录')
  await agree.or(signedIn).first().waitFor({ timeout: 10_000 })
  if (await agree.isVisible()) await agree.click()
  await signedIn.waitFor({ timeout: 10_000 })
  const token = await storedToken(page)
  if (!token) throw new Error('no session stored after signing in')
  return token
}

/**
 * A staff account on the running app's database through the CLI (as an operator would make one); answers its token.
 * With `link`, the account writes as that author (`--author`), or, for role `supplier`, answers for that supplier
 * (`--supplier`, a supplier's name or id).
 */
export function createStaff(app, role, name, link) {
  const result = spawnSync(
    process.execPath,
    [
      path.join(repoRoot, 'server/dist/cli.js'),
      'create-staff',
      '--role',
      role,
      '--name',
      name,
      ...(link ? [role === 'supplier' ? '--supplier' : '--author', String(link)] : []),
    ],
    { cwd: path.join(repoRoot, 'server'), env: { ...process.env, DATABASE_URL: app.databaseUrl }, encoding: 'utf8' },
  )
  if (result.status !== 0) throw new Error(`create-staff failed: ${result.stderr}${result.stdout}`)
  return result.stdout.trim().split('\n').pop()
}
