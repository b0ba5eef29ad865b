/* global document -- callbacks of page.waitForFunction / evaluate run in the browser */
// Issue 5: a reader opens an article through a share link carrying a sharer's code (H5 build, a fresh browser = a new
// reader); the open is recorded once and the editor's share stats count it. The H5 share sheet shows the prompt and a
// scannable mini-program code.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { api, callApi, createStaff, screenshot, useAppAndBrowser } from './support/harness.mjs'

const ctx = useAppAndBrowser({ before, after })

async function ok(method, path, options) {
  const res = await callApi(ctx.app.baseUrl, method, path, options)
  assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
}

const friendOf = (stats) => stats.byChannel.find((c) => c.channel === 'friend')

test('an article opened from a shared link counts as an open of that sharer’s share', async () => {
  const { page, errors } = ctx.browser
  const base = ctx.app.baseUrl
  const editor = createStaff(ctx.app, 'editor', '统计编辑')

  // the sharer: a signed-in reader who shares an article to a friend
  const { token: sharerToken } = await ok('POST', '/auth/dev', { body: { name: `sharer_${Date.now().toString(36)}` } })
  const me = await ok('GET', '/me', { token: sharerToken })
  assert.match(me.shareCode, /^[0-9A-Za-z]{8}$/)
  const id = (await api(base, '/articles?limit=1')).items[0].id
  await ok('POST', '/shares', { token: sharerToken, body: { target: { type: 'article', id }, channel: 'friend' } })
  const before = await ok('GET', `/editor/articles/${id}/shares`, { token: editor })

  // a new reader opens the shared path in the H5 build
  const opened = page.waitForResponse((r) => r.url().endsWith('/api/shares/opens') && r.request().method() === 'POST')
  await page.goto(`${base}/packages/content/article/index?id=${id}&s=${me.shareCode}&ch=friend`)
  await page.locator('.article-title:visible').waitFor({ timeout: 20_000 })
  const response = await opened
  assert.equal(response.status(), 200)
  assert.deepEqual(await response.json(), { counted: true, newReader: true })
  await screenshot(page, 'sharing-01-opened-from-share')

  const afterOpen = await ok('GET', `/editor/articles/${id}/shares`, { token: editor })
  assert.equal(afterOpen.opens, before.opens + 1)
  assert.equal(afterOpen.readersBrought, before.readersBrought + 1)
  assert.equal(afterOpen.newReaders, before.newReaders + 1)
  assert.equal(friendOf(afterOpen).opens, friendOf(before).opens + 1)
  assert.ok(afterOpen.topSharers.some((s) => s.name === me.nickname || s.name === '微信用户'))

  // the same reader opening it again is not a second open
  const again = page.waitForResponse((r) => r.url().endsWith('/api/shares/opens') && r.request().method() === 'POST')
  await page.reload()
  await page.locator('.article-title:visible').waitFor({ timeout: 20_000 })
  assert.equal((await (await again).json()).counted, false)
  assert.equal((await ok('GET', `/editor/articles/${id}/shares`, { token: editor })).opens, afterOpen.opens)

  // the author's totals include it too
  const article = await api(base, `/articles/${id}`)
  const byAuthor = await ok('GET', `/editor/authors/${article.author.id}/shares`, { token: editor })
  assert.ok(byAuthor.opens >= afterOpen.opens)

  // the H5 share sheet: WeChat's prompt, the mini-program code to scan, and the poster
  await page.locator('[data-testid="action-share"]:visible').click()
  const prompt = page.locator('[data-testid="share-h5-prompt"]:visible')
  await prompt.waitFor({ timeout: 10_000 })
  // two steps on two lines, in the words of WeChat's menu
  assert.deepEqual(
    (await prompt.innerText())
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    ['1. 点击右上角「···」', '2. 选择「发送给朋友」或「分享到朋友圈」'],
  )
  const loaded = (testId) =>
    page.waitForFunction(
      (id) => {
        const img = document.querySelector(`[data-testid="${id}"] img`)
        return img !== null && img.complete && img.naturalWidth > 0
      },
      testId,
      { timeout: 15_000 },
    )
  await loaded('share-code-image')
  await screenshot(page, 'sharing-02-h5-sheet')
  await page.locator('[data-testid="share-poster"]:visible').click()
  await loaded('share-poster-image')
  const posterWidth = await page.evaluate(
    () => document.querySelector('[data-testid="share-poster-image"] img').naturalWidth,
  )
  assert.equal(posterWidth, 750)
  await screenshot(page, 'sharing-03-poster')

  assert.deepEqual(errors, [])
})
