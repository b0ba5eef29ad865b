#!/usr/bin/env node
// The H5 app as a reader first opens it: headless Chromium (phone viewport, device pixel ratio 2, a fresh profile
// each run, so nothing is cached) on loopback against the built server with the demo content. For the home page
// and an article page: navigation start → the last network response (the moment the network goes idle), and first
// contentful paint; the baseline is the same measure for the server's trivial route in the same run. Then the
// images of list pages: pixels served against pixels shown (CSS size × device pixel ratio²).
//   node bench/h5-load.mjs [runs=5]
// Needs the H5 build (pnpm --filter @chuangan/miniapp build) and Debian's Chromium (CHROMIUM_PATH).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { median, writeSection } from './report.mjs'
import { ensureServerBuilt } from './support/build.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const runs = Number(process.argv[2] ?? 5)
ensureServerBuilt(root)
if (!fs.existsSync(path.join(root, 'miniapp/dist/h5/index.html'))) {
  throw new Error('no H5 build: run npx pnpm --filter @chuangan/miniapp build first')
}
const { startApp } = await import('../e2e/support/harness.mjs')

const app = await startApp({ NODE_ENV: 'production', LOG_LEVEL: 'warn', SEARCH_INDEX_WORKER_FROM: '20000' })
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking'],
})
const phone = {
  viewport: { width: 375, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
}

/** One cold visit: ms from navigation start to the last response's end, and first contentful paint. */
async function visit(url, inspect) {
  const context = await browser.newContext(phone)
  const page = await context.newPage()
  try {
    await page.goto(url, { waitUntil: 'networkidle', timeout: 30_000 })
    const timing = await page.evaluate(() => {
      const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null
      return { idle: Math.max(...entries.map((e) => e.responseEnd)), fcp, requests: entries.length }
    })
    return { ...timing, extra: inspect ? await inspect(page) : undefined }
  } finally {
    await context.close()
  }
}

/* global window, document, location */
// Every visible <img> of a list page: natural size against its box on screen.
async function imagePixels(page) {
  await page.waitForTimeout(300) // lazy images that entered the viewport
  return page.evaluate(() => {
    const dpr = window.devicePixelRatio
    return [...document.querySelectorAll('img')]
      .filter((img) => img.complete && img.naturalWidth > 0)
      .map((img) => ({ img, box: img.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0 && box.top < window.innerHeight && box.bottom > 0)
      .map(({ img, box }) => ({
        src: img.currentSrc.replace(location.origin, ''),
        served: img.naturalWidth * img.naturalHeight,
        shown: Math.round(box.width * box.height * dpr * dpr),
        size: `${img.naturalWidth}×${img.naturalHeight} for ${Math.round(box.width)}×${Math.round(box.height)} CSS px`,
      }))
  })
}

const feed = await (await fetch(`${app.baseUrl}/api/articles?limit=1&sort=hot`)).json()
const articleId = feed.items[0].id
const pages = [
  ['trivial route GET /api/ping (baseline)', `${app.baseUrl}/api/ping`],
  ['H5 home /', `${app.baseUrl}/`],
  ['H5 article page (the hottest article)', `${app.baseUrl}/packages/content/article/index?id=${articleId}`],
]
// one visit each first (Chromium's own first-use costs), then interleaved runs
for (const [, url] of pages) await visit(url)
const samples = pages.map(() => [])
for (let i = 0; i < runs; i++) {
  for (const [n, [, url]] of pages.entries()) samples[n].push(await visit(url))
}
const images = (await visit(`${app.baseUrl}/`, imagePixels)).extra
await browser.close()
await app.stop()

const rows = pages.map(([title], n) => ({
  title,
  idle: median(samples[n].map((s) => s.idle)),
  worst: Math.max(...samples[n].map((s) => s.idle)),
  fcp: samples[n][0].fcp === null ? null : median(samples[n].map((s) => s.fcp)),
  requests: median(samples[n].map((s) => s.requests)),
}))
const served = images.reduce((n, i) => n + i.served, 0)
const shown = images.reduce((n, i) => n + i.shown, 0)
const worstImage = images.reduce((w, i) => (!w || i.served / i.shown > w.served / w.shown ? i : w), null)
const result = {
  home: rows[1].idle,
  article: rows[2].idle,
  imagesServedPerShown: shown ? served / shown : null,
}
const table = [
  `Headless Chromium ${browser.version()} on loopback, 375 × 740 CSS px at device pixel ratio 2, a fresh profile per visit`,
  `(nothing cached), anonymous; the built server with the demo content on SQLite (NODE_ENV=production). ${runs} runs`,
  `after one visit each; medians. "Network idle" is navigation start → the end of the last response.`,
  '',
  '| page | network idle ms | worst ms | ratio to trivial | first contentful paint ms | requests |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.title} | ${Math.round(r.idle)} | ${Math.round(r.worst)} | ${(r.idle / rows[0].idle).toFixed(1)} | ${r.fcp === null ? '–' : Math.round(r.fcp)} | ${r.requests} |`,
  ),
  '',
  `Images on the home page's first screen: ${images.length}, ${(served / 1e6).toFixed(2)} M pixels served for ${(shown / 1e6).toFixed(2)} M shown`,
  `(${result.imagesServedPerShown?.toFixed(2) ?? '–'}× the shown area at ratio 2)${worstImage ? `; the worst: ${worstImage.size} (${worstImage.src.slice(0, 80)})` : ''}.`,
].join('\n')
console.log(table)
if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify(result))
writeSection('h5-load', 'H5 first load in Chromium (issue 14)', `node bench/h5-load.mjs ${runs}`, table)
