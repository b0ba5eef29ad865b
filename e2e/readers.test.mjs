/* global document -- callbacks of page.waitForFunction run in the browser */
// Issue 4's journey on the H5 build against the real server: dev login → like → comment → reply → like a comment
// → collect into two folders (one new) → see it under 我的 → delete the account. Every step is checked against the
// API as well as on the page.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { callApi, devSignIn, screenshot, useAppAndBrowser } from './support/harness.mjs'

const ctx = useAppAndBrowser({ before, after })

async function ok(method, path, options) {
  const res = await callApi(ctx.app.baseUrl, method, path, options)
  assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
}

test('a reader likes, comments, replies, votes, collects into two folders, finds it all under 我的, deletes the account', async () => {
  const { page, errors } = ctx.browser
  const base = ctx.app.baseUrl
  const byTestId = (id) => page.locator(`[data-testid="${id}"]:visible`)
  const name = `reader_${Date.now().toString(36)}`

  const token = await devSignIn(page, base, name)
  await screenshot(page, 'readers-01-signed-in')

  // an article from the feed
  await page.goto(`${base}/`)
  const card = page.locator('.article-card:visible').first()
  await card.waitFor({ timeout: 20_000 })
  const id = Number(await card.getAttribute('data-id'))
  await card.click()
  await page.locator('.article-title:visible').waitFor({ timeout: 20_000 })
  const start = await ok('GET', `/articles/${id}/me`, { token })

  // like
  await byTestId('action-like').click()
  await page.locator('.like-button--active:visible').waitFor()
  await page.waitForFunction(
    (n) => [...document.querySelectorAll('.like-count')].some((e) => e.offsetParent && e.textContent.trim() === n),
    String(start.likes + 1),
  )

  // comment
  const text = `量程选 1.5 倍工作压力，这条经验很实用 ${name}`
  await byTestId('action-comment').click()
  await byTestId('composer-input').locator('textarea').fill(text)
  await byTestId('composer-submit').click()
  const mine = page.locator('[data-testid="comment-item"]:visible', { hasText: text }).first()
  await mine.waitFor({ timeout: 10_000 })
  const commentId = Number(await mine.getAttribute('data-id'))
  assert.equal(await mine.getAttribute('data-status'), 'published')
  await screenshot(page, 'readers-02-commented')

  // reply to it
  const replyText = `补充：高温场合还要看温漂 ${name}`
  await mine.locator('[data-testid="comment-reply"]').first().click()
  await byTestId('composer-input').locator('textarea').fill(replyText)
  await byTestId('composer-submit').click()
  await page.locator('[data-testid="reply-item"]:visible', { hasText: replyText }).waitFor({ timeout: 10_000 })

  // like the comment
  const item = page.locator(`[data-testid="comment-item"][data-id="${commentId}"]`)
  await item.locator('[data-testid="comment-like"]').first().click()
  await item.locator('.comment__vote--on').first().waitFor()
  await screenshot(page, 'readers-03-replied-and-voted')

  // collect into the default folder and a new one
  await byTestId('action-collect').click()
  await byTestId('folder-option').first().waitFor()
  await byTestId('folder-option').first().click()
  await byTestId('folder-new').click()
  await byTestId('folder-new-input').locator('input').fill('传感器选型')
  await byTestId('folder-new-submit').click()
  await page.locator('[data-testid="folder-option"][data-name="传感器选型"]:visible').waitFor()
  assert.match(await byTestId('folder-selected-count').innerText(), /2/)
  await screenshot(page, 'readers-04-folder-sheet')
  await byTestId('folder-done').click()
  await page.locator('.collect-button--active:visible').waitFor()

  // the server agrees with everything the page showed
  const state = await ok('GET', `/articles/${id}/me`, { token })
  assert.equal(state.liked, true)
  assert.equal(state.likes, start.likes + 1)
  assert.equal(state.folderIds.length, 2)
  assert.equal(state.favorites, start.favorites + 1)
  assert.equal(state.comments, start.comments + 2)
  const folders = (await ok('GET', '/me/folders', { token })).items
  assert.deepEqual(folders.map((f) => [f.name, f.count]).sort(), [
    ['传感器选型', 1],
    ['默认收藏夹', 1],
  ])
  const thread = (await ok('GET', `/articles/${id}/comments?sort=newest`, { token })).items.find(
    (c) => c.id === commentId,
  )
  assert.equal(thread.likes, 1)
  assert.equal(thread.myVote, 'like')
  assert.equal(thread.replyCount, 1)
  assert.equal(thread.replies[0].content, replyText)

  // 我的: the new folder holds the article; my comments and my likes list it
  await page.goto(`${base}/pages/me/index`)
  await byTestId('me-entry-folders').click()
  await page.locator('[data-testid="folder-row"][data-name="传感器选型"]:visible').click()
  await page.locator(`.article-card[data-id="${id}"]:visible`).waitFor({ timeout: 10_000 })
  await screenshot(page, 'readers-05-folder')
  await page.goto(`${base}/pages/me/index`)
  await byTestId('me-entry-comments').click()
  await page.locator('[data-testid="my-comment"]:visible', { hasText: replyText }).waitFor({ timeout: 10_000 })
  assert.equal(await page.locator('[data-testid="my-comment"]:visible').count(), 2)
  await screenshot(page, 'readers-06-my-comments')
  await page.goto(`${base}/pages/me/index`)
  await byTestId('me-entry-likes').click()
  await page.locator(`.article-card[data-id="${id}"]:visible`).waitFor({ timeout: 10_000 })

  // delete the account
  await page.goto(`${base}/pages/me/index`)
  await byTestId('delete-account').click()
  await screenshot(page, 'readers-07-delete-dialog')
  await byTestId('delete-account-confirm').click()
  await byTestId('dev-login-submit').waitFor({ timeout: 10_000 })
  await screenshot(page, 'readers-08-deleted')

  // the token is dead; likes and favorites are gone with exact counts; the comments stay as 已注销用户
  assert.equal((await callApi(base, 'GET', '/me', { token })).status, 401)
  const { token: other } = await ok('POST', '/auth/dev', { body: { name: `${name}_after` } })
  const after = await ok('GET', `/articles/${id}/me`, { token: other })
  assert.equal(after.likes, start.likes)
  assert.equal(after.favorites, start.favorites)
  assert.equal(after.comments, start.comments + 2)
  const kept = (await ok('GET', `/articles/${id}/comments?sort=newest`)).items.find((c) => c.id === commentId)
  assert.equal(kept.author.name, '已注销用户')
  assert.equal(kept.author.userId, null)
  assert.equal(kept.likes, 0, 'the deleted reader’s vote is gone')
  assert.equal(kept.replies[0].author.name, '已注销用户')

  assert.deepEqual(errors, [])
})
