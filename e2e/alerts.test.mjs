// 订阅的搜索 in the H5 build: a buyer subscribes to a 传感搜 query from its results, an import (the CLI, as an
// operator runs it) brings a product the query matches, and 我的 → 订阅的搜索 shows the search with its new-match
// badge (and 消息 the notice); a tap searches again with the saved query. Then 收藏 on a product page puts it in a
// folder, whose page shows it as a product card.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import {
  api,
  byTestId,
  callApi as rawCall,
  catalogueReady,
  devSignIn,
  repoRoot,
  screenshot,
  storedToken,
  useAppAndBrowser,
} from './support/harness.mjs'

const ctx = useAppAndBrowser({ before, after })
const e = encodeURIComponent

async function callApi(base, method, path, options) {
  const { status, body } = await rawCall(base, method, path, options)
  assert.ok(status >= 200 && status < 300, `${method} ${path}: ${status} ${JSON.stringify(body)}`)
  return body
}

/** Imports products with the CLI on the app's database (its process matches them against the saved searches). */
function importProducts(records) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuangan-alerts-'))
  const file = path.join(dir, 'products.jsonl')
  fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n'))
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'server/dist/cli.js'), 'import-products', file], {
    cwd: path.join(repoRoot, 'server'),
    env: { ...process.env, DATABASE_URL: ctx.app.databaseUrl, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  })
  fs.rmSync(dir, { recursive: true, force: true })
  assert.equal(result.status, 0, `import-products: ${result.stdout}\n${result.stderr}`)
}

test('subscribe to a search from its results, hear of a new product, open it from 我的 → 订阅的搜索', async () => {
  const { page, errors } = ctx.browser
  const base = ctx.app.baseUrl
  await catalogueReady(ctx.app.baseUrl)
  const token = await devSignIn(page, base, `alerts_${Date.now().toString(36)}`)

  // 传感搜: search, then 订阅 on the results.
  await page.goto(`${base}/pages/search/index`)
  const input = byTestId(page, 'search-input').locator('input')
  await input.waitFor({ timeout: 20_000 })
  await input.fill('压力变送器')
  await input.press('Enter')
  await page.locator('.product-item:visible').first().waitFor({ timeout: 20_000 })
  const subscribe = byTestId(page, 'save-search')
  assert.equal(await subscribe.getAttribute('data-saved'), '0')
  await subscribe.click()
  await page.locator('[data-testid="save-search"][data-saved="1"]:visible').waitFor({ timeout: 10_000 })
  assert.equal((await subscribe.innerText()).trim(), '已订阅')
  await screenshot(page, 'alerts-01-subscribed')

  const saved = await callApi(base, 'GET', '/me/saved-searches', { token })
  assert.equal(saved.items.length, 1)
  assert.equal(saved.items[0].name, '压力变送器')
  assert.equal(saved.items[0].query.q, '压力变送器')
  assert.equal(saved.items[0].newMatches, 0)

  // A new product the query matches arrives by import.
  importProducts([
    {
      supplier: '订阅演示供应商',
      supplierRegion: '苏州',
      model: `ALX-${Date.now().toString(36).toUpperCase()}`,
      name: '高精度压力变送器',
      brand: '演示',
      category: '压力传感器/压力变送器',
      params: { 输出信号: '4-20mA' },
      priceBreaks: [{ qty: 1, price: 420 }],
      stock: 8,
    },
  ])
  const after = await callApi(base, 'GET', '/me/saved-searches', { token })
  assert.equal(after.items[0].newMatches, 1)
  const notices = await callApi(base, 'GET', '/me/notices', { token })
  const notice = notices.items.find((n) => n.kind === 'saved_search')
  assert.ok(notice, 'a saved_search notice')
  assert.equal(notice.count, 1)

  // 我的 → 订阅的搜索: the search with its badge.
  await page.goto(`${base}/pages/me/index`)
  await byTestId(page, 'me-entry-saved-searches').waitFor({ timeout: 20_000 })
  await screenshot(page, 'alerts-02-me')
  await byTestId(page, 'me-entry-saved-searches').click()
  const row = byTestId(page, 'saved-search').first()
  await row.waitFor({ timeout: 20_000 })
  assert.equal(await row.getAttribute('data-name'), '压力变送器')
  assert.equal((await byTestId(page, 'saved-search-badge').first().innerText()).trim(), '1')
  await screenshot(page, 'alerts-03-saved-searches')

  // A tap searches again with the saved query, and the count is seen.
  await row.click()
  await page.waitForURL(/pages\/search\/index/, { timeout: 20_000 })
  await page.locator('.product-item:visible').first().waitFor({ timeout: 20_000 })
  assert.equal(await byTestId(page, 'search-input').locator('input').inputValue(), '压力变送器')
  await screenshot(page, 'alerts-04-opened')
  assert.equal((await callApi(base, 'GET', '/me/saved-searches', { token })).items[0].newMatches, 0)

  // 消息 shows the notice.
  await page.goto(`${base}/packages/me/notices/index`)
  const shown = page.locator('[data-testid="notice"][data-kind="saved_search"]:visible').first()
  await shown.waitFor({ timeout: 20_000 })
  assert.ok((await shown.innerText()).includes('「压力变送器」有 1 个新产品'))
  await screenshot(page, 'alerts-05-notice')

  const csp = errors.filter((m) => !m.startsWith('Running the JavaScript URL violates'))
  assert.deepEqual(csp, [])
})

test('collect a product into a folder from its page; the folder shows it', async () => {
  const { page, errors } = ctx.browser
  const base = ctx.app.baseUrl
  await catalogueReady(ctx.app.baseUrl)
  // still signed in from the test above (the same browser)
  const token = (await storedToken(page)) ?? (await devSignIn(page, base, `collector_${Date.now().toString(36)}`))
  const found = await api(base, `/search?q=${e('压力变送器')}&limit=1&facets=0`)
  const product = found.items[0]

  await page.goto(`${base}/packages/search/product/index?id=${product.id}`)
  const collect = byTestId(page, 'product-collect')
  await collect.waitFor({ timeout: 20_000 })
  assert.equal(await collect.getAttribute('data-collected'), '0')
  await collect.click()
  await byTestId(page, 'folder-option').first().waitFor({ timeout: 10_000 })
  await byTestId(page, 'folder-new').click()
  await byTestId(page, 'folder-new-input').locator('input').fill('选型备选')
  await byTestId(page, 'folder-new-submit').click()
  await page.locator('[data-testid="folder-option"][data-name="选型备选"]:visible').waitFor()
  assert.match(await byTestId(page, 'folder-selected-count').innerText(), /1/)
  await screenshot(page, 'alerts-06-product-folder-sheet')
  await byTestId(page, 'folder-done').click()
  await page.locator('[data-testid="product-collect"][data-collected="1"]:visible').waitFor({ timeout: 10_000 })
  await screenshot(page, 'alerts-07-product-collected')

  const folders = await callApi(base, 'GET', '/me/folders', { token })
  const folder = folders.items.find((f) => f.name === '选型备选')
  assert.ok(folder, 'the new folder')
  assert.equal(folder.count, 1)
  assert.deepEqual((await callApi(base, 'GET', `/products/${product.id}/favorite`, { token })).folderIds, [folder.id])

  // 我的收藏 → the folder: the product card.
  await page.goto(`${base}/packages/me/folders/index`)
  const row = page.locator(`[data-testid="folder-row"][data-name="选型备选"]:visible`)
  await row.waitFor({ timeout: 20_000 })
  assert.match(await row.innerText(), /1 项收藏/)
  await row.click()
  const card = page.locator(`[data-testid="folder-product"][data-id="${product.id}"]:visible`)
  await card.waitFor({ timeout: 20_000 })
  assert.ok((await card.innerText()).includes(product.model))
  await screenshot(page, 'alerts-08-folder-with-product')

  assert.deepEqual(
    errors.filter((m) => !m.startsWith('Running the JavaScript URL violates')),
    [],
  )
})
