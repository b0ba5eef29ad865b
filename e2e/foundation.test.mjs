import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { demoArticles, openBrowser, screenshot, startApp } from './support/harness.mjs'

let app
let browser

before(async () => {
  app = await startApp()
  browser = await openBrowser()
})
after(async () => {
  await browser?.close()
  await app?.stop()
})

test('首页 lists the demo articles from the server, newest first, and opens one', async () => {
  const { page, errors } = browser
  const newest = [...demoArticles].sort((a, b) => a.hoursAgo - b.hoursAgo)[0]

  await page.goto(`${app.baseUrl}/`)
  const firstTitle = page.locator('.article-card__title').first()
  await firstTitle.waitFor({ timeout: 20_000 })
  assert.equal((await firstTitle.innerText()).trim(), newest.title)
  assert.equal(await page.locator('.article-card').count(), demoArticles.length)
  await screenshot(page, 'feed')

  await firstTitle.click()
  const title = page.locator('.article-title')
  await title.waitFor({ timeout: 20_000 })
  assert.equal((await title.innerText()).trim(), newest.title)
  await page.locator('.article-body').waitFor()
  const firstParagraph = newest.body
    .replace(/<[^>]+>/g, '\n')
    .trim()
    .split('\n')[0]
  assert.ok((await page.locator('.article-body').innerText()).includes(firstParagraph))
  await screenshot(page, 'article')

  // A deep link survives a reload: the server falls back to index.html for browser routes.
  await page.reload()
  await page.locator('.article-title').waitFor({ timeout: 20_000 })
  assert.equal((await page.locator('.article-title').innerText()).trim(), newest.title)
  assert.deepEqual(errors, [])
})

test('an unknown article shows its empty state, not a crash', async () => {
  const { page } = browser
  await page.goto(`${app.baseUrl}/packages/content/article/index?id=999999`)
  await page.getByText('文章不存在或已下线').first().waitFor({ timeout: 20_000 })
})
