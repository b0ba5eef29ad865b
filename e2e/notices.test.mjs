// 消息 in the H5 build: a signed-in reader follows an author, an editor publishes a new article through the editor
// API, the reader sees the unread count on 我的 (entry and tab-bar badge), opens 消息, finds the notice, opens it
// (the article) and the count drops.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { callApi as rawCall, createStaff, devSignIn, screenshot, useAppAndBrowser } from './support/harness.mjs'

const ctx = useAppAndBrowser({ before, after })

/** The API's answer, which must be 2xx. */
async function callApi(base, method, path, options) {
  const { status, body } = await rawCall(base, method, path, options)
  assert.ok(status >= 200 && status < 300, `${method} ${path}: ${status} ${JSON.stringify(body)}`)
  return body
}

const tabBadge = (page) => page.locator('.weui-tabbar .weui-badge:visible')

test('follow an author, get a notice when the editor publishes, read it', async () => {
  const { page, errors } = ctx.browser
  const base = ctx.app.baseUrl
  const editor = createStaff(ctx.app, 'editor', '消息编辑')

  const token = await devSignIn(page, base, `notices_${Date.now().toString(36)}`)
  // nothing yet: the entry has no count, the tab no badge
  await page.locator('[data-testid="me-entry-notices"]:visible').waitFor({ timeout: 20_000 })
  assert.equal(await page.locator('[data-testid="me-notices-unread"]:visible').count(), 0)

  await page.locator('[data-testid="me-entry-notices"]:visible').click()
  await page.getByText('暂无消息').first().waitFor({ timeout: 20_000 })
  await screenshot(page, 'notices-01-empty')

  // Follow the author of the newest article on the author page.
  const feed = await callApi(base, 'GET', '/articles?sort=latest&limit=1')
  const author = feed.items[0].author
  await page.goto(`${base}/packages/content/author/index?id=${author.id}`)
  await page.locator('.follow__button:visible').waitFor({ timeout: 20_000 })
  await page.locator('.follow__button:visible').click()
  await page.locator('.follow__button--done:visible').waitFor()

  // The editor publishes a new article by that author.
  const title = `新文章：压力变送器选型 ${Date.now().toString(36)}`
  const draft = await callApi(base, 'POST', '/editor/articles', {
    token: editor,
    body: { title, body: '## 选型要点\n\n量程、精度、介质。', authorId: author.id },
  })
  await callApi(base, 'POST', `/editor/articles/${draft.id}/publish`, { token: editor })
  const unread = await callApi(base, 'GET', '/me/notices/unread', { token })
  assert.equal(unread.total, 1)

  // 首页 shows the badge on 我的; 我的 shows it and the count on 消息.
  await page.goto(`${base}/`)
  await page.locator('.article-card:visible').first().waitFor({ timeout: 20_000 })
  await tabBadge(page).waitFor({ timeout: 10_000 })
  assert.equal((await tabBadge(page).innerText()).trim(), '1')
  await screenshot(page, 'notices-02-home-badge')
  // (the H5 tab items are javascript: links, which the server's CSP refuses: open 我的 by its address)
  await page.goto(`${base}/pages/me/index`)
  const count = page.locator('[data-testid="me-notices-unread"]:visible')
  await count.waitFor({ timeout: 20_000 })
  assert.equal((await count.innerText()).trim(), '1')
  assert.equal((await tabBadge(page).innerText()).trim(), '1')
  await screenshot(page, 'notices-03-me-unread')

  // 消息: the notice, unread.
  await page.locator('[data-testid="me-entry-notices"]:visible').click()
  const row = page.locator('[data-testid="notice"]:visible').first()
  await row.waitFor({ timeout: 20_000 })
  assert.equal(await row.getAttribute('data-kind'), 'article')
  assert.equal(await row.getAttribute('data-read'), '0')
  assert.ok((await row.innerText()).includes(title))
  await page.locator('[data-testid="notice-dot"]:visible').first().waitFor()
  await screenshot(page, 'notices-04-list')

  // Opening it shows the article and reads the notice.
  await row.click()
  await page.waitForURL(/packages\/content\/article\/index\?id=/, { timeout: 20_000 })
  await page.getByText(title).filter({ visible: true }).first().waitFor({ timeout: 20_000 })
  for (let i = 0; i < 50; i++) {
    if ((await callApi(base, 'GET', '/me/notices/unread', { token })).total === 0) break
    await page.waitForTimeout(100)
  }
  assert.equal((await callApi(base, 'GET', '/me/notices/unread', { token })).total, 0)
  const list = await callApi(base, 'GET', '/me/notices', { token })
  assert.equal(list.items[0].read, true)

  // Back on 我的: no count, no badge.
  await page.goto(`${base}/pages/me/index`)
  await page.locator('[data-testid="me-entry-notices"]:visible').waitFor({ timeout: 20_000 })
  await page.waitForTimeout(500)
  assert.equal(await page.locator('[data-testid="me-notices-unread"]:visible').count(), 0)
  assert.equal(await tabBadge(page).count(), 0)
  await screenshot(page, 'notices-05-me-read')

  // 消息 again: read, no dot.
  await page.locator('[data-testid="me-entry-notices"]:visible').click()
  await page.locator('[data-testid="notice"]:visible').first().waitFor({ timeout: 20_000 })
  assert.equal(await page.locator('[data-testid="notice-dot"]:visible').count(), 0)
  await screenshot(page, 'notices-06-list-read')

  // Comment notices: the editor likes my comment and answers it as the article's author.
  const mine = await callApi(base, 'POST', `/articles/${draft.id}/comments`, {
    token,
    body: { content: '量程余量一般留多少合适？有没有经验值可以参考一下。' },
  })
  await callApi(base, 'PUT', `/comments/${mine.id}/vote`, { token: editor, body: { vote: 'like' } })
  await callApi(base, 'POST', `/editor/comments/${mine.id}/author-reply`, {
    token: editor,
    body: { content: '一般留 1.5～2 倍，下一篇会详细讲。' },
  })
  await page.goto(`${base}/pages/me/index`)
  await page.locator('[data-testid="me-notices-unread"]:visible').waitFor({ timeout: 20_000 })
  assert.equal((await page.locator('[data-testid="me-notices-unread"]:visible').innerText()).trim(), '2')
  await page.locator('[data-testid="me-entry-notices"]:visible').click()
  await page.locator('[data-testid="notice"][data-kind="editor_reply"]:visible').waitFor({ timeout: 20_000 })
  assert.equal(await page.locator('[data-testid="notice"][data-kind="comment_like"]:visible').count(), 1)
  await screenshot(page, 'notices-07-comment-notices')
  assert.deepEqual(errors, [])
})
