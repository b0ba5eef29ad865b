import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { api, screenshot, useAppAndBrowser } from './support/harness.mjs'

const ctx = useAppAndBrowser({ before, after })

/** Plain text of the first paragraph of a rich-text body. */
function firstParagraph(nodes) {
  const text = (n) => (n.type === 'text' ? n.text : (n.children ?? []).map(text).join(''))
  const p = nodes.find((n) => n.name === 'p')
  return p ? text(p).trim() : ''
}

test('首页 lists the first page of the feed from the server, newest first, and opens one', async () => {
  const { page, errors } = ctx.browser
  // what the page asks for: the first page (10) of the latest articles
  const { items, nextCursor } = await api(ctx.app.baseUrl, '/articles?limit=10&sort=latest')
  assert.equal(items.length, 10)
  assert.ok(nextCursor, 'the demo content has more than one page')
  const newest = items[0]

  await page.goto(`${ctx.app.baseUrl}/`)
  const firstTitle = page.locator('.article-card__title').first()
  await firstTitle.waitFor({ timeout: 20_000 })
  assert.equal((await firstTitle.innerText()).trim(), newest.title)
  assert.deepEqual(
    await page.locator('.article-card').evaluateAll((cards) => cards.map((c) => Number(c.dataset.id))),
    items.map((a) => a.id),
  )
  await screenshot(page, 'feed')

  await firstTitle.click()
  const title = page.locator('.article-title:visible')
  await title.waitFor({ timeout: 20_000 })
  assert.equal((await title.innerText()).trim(), newest.title)
  const detail = await api(ctx.app.baseUrl, `/articles/${newest.id}`)
  const body = page.locator('.article-body:visible')
  await body.waitFor()
  assert.ok((await body.innerText()).includes(firstParagraph(detail.body)))
  await screenshot(page, 'article')

  // A deep link survives a reload: the server falls back to index.html for browser routes.
  await page.reload()
  await page.locator('.article-title:visible').waitFor({ timeout: 20_000 })
  assert.equal((await page.locator('.article-title:visible').innerText()).trim(), newest.title)
  assert.deepEqual(errors, [])
})

test('an unknown article shows its empty state, not a crash', async () => {
  const { page } = ctx.browser
  await page.goto(`${ctx.app.baseUrl}/packages/content/article/index?id=999999`)
  await page.getByText('文章不存在或已下线').first().waitFor({ timeout: 20_000 })
})
