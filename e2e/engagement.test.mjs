/* global document -- callbacks of page.evaluate run in the browser */
// Signing in on the H5 build (开发登录 against the server's WeChat emulator) and liking an article: the count and
// the active state survive a reload (they come from the viewer's own state), and the server agrees.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { devSignIn, screenshot, useAppAndBrowser } from './support/harness.mjs'

const ctx = useAppAndBrowser({ before, after })

async function viewerState(token, id) {
  const res = await fetch(`${ctx.app.baseUrl}/api/articles/${id}/me`, { headers: { Authorization: `Bearer ${token}` } })
  assert.equal(res.status, 200, `GET /articles/${id}/me`)
  return res.json()
}

const likeState = ({ liked, likes }) => ({ liked, likes })

async function send(method, path, token, body) {
  const res = await fetch(`${ctx.app.baseUrl}/api${path}`, {
    method,
    headers: {
      ...(body ? { 'Content-Type': 'application/json' } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  })
  assert.equal(res.status, 200, `${method} ${path}`)
  return res.json()
}

/**
 * Another user liking and unliking first makes sure the article's count is settled (the page is cached for up to
 * 30 s; the bar reads the exact count from the viewer's state), so +1 / −1 is what the page shows.
 */
async function settleLikeCount(id) {
  const { token } = await send('POST', '/auth/dev', null, { name: `settle_${id}` })
  await send('PUT', `/articles/${id}/like`, token)
  await send('DELETE', `/articles/${id}/like`, token)
}

const likeCount = async (page) => Number((await page.locator('.like-count:visible').innerText()).trim())
const isActive = async (page) =>
  /like-button--active/.test((await page.locator('.like-button:visible').getAttribute('class')) ?? '')

async function waitForCount(page, expected, what) {
  const deadline = Date.now() + 10_000
  let count
  while (Date.now() < deadline) {
    count = await likeCount(page)
    if (count === expected) return
    await page.waitForTimeout(100)
  }
  assert.equal(count, expected, what)
}

test('dev login on 我的, like an article, reload, unlike', async () => {
  const { page, errors } = ctx.browser
  const name = `e2e_${Date.now().toString(36)}`

  const token = await devSignIn(page, ctx.app.baseUrl, name)
  await screenshot(page, 'engagement-02-signed-in')
  // the card shows the signed-in user (a new WeChat user has no nickname yet: 微信用户)
  const meRes = await fetch(`${ctx.app.baseUrl}/api/me`, { headers: { Authorization: `Bearer ${token}` } })
  const me = await meRes.json()
  assert.equal((await page.locator('.me-nickname:visible').innerText()).trim(), me.nickname || '微信用户')

  // an article from the feed, opened from its card
  await page.goto(`${ctx.app.baseUrl}/`)
  const card = page.locator('.article-card:visible').first()
  await card.waitFor({ timeout: 20_000 })
  const id = Number(await card.getAttribute('data-id'))
  await settleLikeCount(id)
  await card.click()
  await page.locator('.article-title:visible').waitFor({ timeout: 20_000 })
  const like = page.locator('.like-button:visible')
  await like.waitFor()

  const start = await viewerState(token, id)
  assert.equal(start.liked, false, 'a fresh user has not liked it')
  await waitForCount(page, start.likes, 'the bar shows the exact count')
  assert.equal(await isActive(page), false)

  const likeDone = page.waitForResponse((r) => r.url().endsWith(`/api/articles/${id}/like`))
  await like.click()
  await waitForCount(page, start.likes + 1, 'a like adds one')
  assert.equal(await isActive(page), true)
  await screenshot(page, 'engagement-03-liked')
  // the server agrees once the PUT is done
  assert.equal((await likeDone).status(), 200)
  assert.deepEqual(likeState(await viewerState(token, id)), { liked: true, likes: start.likes + 1 })

  // after a reload the state comes back from the viewer's own state
  await page.reload()
  await page.locator('.article-title:visible').waitFor({ timeout: 20_000 })
  await page.waitForFunction(() => document.querySelector('.like-button--active') !== null, null, {
    timeout: 10_000,
  })
  assert.equal(await likeCount(page), start.likes + 1)

  const unliked = page.waitForResponse((r) => r.url().endsWith(`/api/articles/${id}/like`))
  await page.locator('.like-button:visible').click()
  await waitForCount(page, start.likes, 'taking the like back subtracts one')
  assert.equal(await isActive(page), false)
  assert.equal((await unliked).status(), 200)
  assert.deepEqual(likeState(await viewerState(token, id)), { liked: false, likes: start.likes })
  await screenshot(page, 'engagement-04-unliked')

  assert.deepEqual(errors, [])
})
