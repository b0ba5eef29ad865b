// 私信 in the H5 build: a reader writes to an author from the author page, the author's account answers through the
// editor API, and the answer shows in the conversation, in 我的私信 (unread) and on 我的 (the unread count).
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { callApi as rawCall, createStaff, devSignIn, screenshot, useAppAndBrowser } from './support/harness.mjs'

const ctx = useAppAndBrowser({ before, after })

/** The API's answer, which must have this status. */
async function callApi(base, method, path, options, status = 200) {
  const res = await rawCall(base, method, path, options)
  assert.equal(res.status, status, `${method} ${path}: ${JSON.stringify(res.body)}`)
  return res.body
}

const bubbleTexts = (page) => page.locator('[data-testid="bubble"]:visible .bubble__text').allInnerTexts()

test('a reader writes to an author, the author answers through the editor API, the answer shows', async () => {
  const { page, errors } = ctx.browser
  const base = ctx.app.baseUrl

  // The author of the newest article, and an account that writes as that author.
  const feed = await callApi(base, 'GET', '/articles?sort=latest&limit=1')
  const author = feed.items[0].author

  // Signed out: 私信 on the author page opens the sign-in sheet.
  await page.goto(`${base}/packages/content/author/index?id=${author.id}`)
  const entry = page.locator('[data-testid="author-message"]:visible')
  await entry.waitFor({ timeout: 20_000 })
  await page.locator('.follow__count:visible').waitFor({ timeout: 20_000 })
  await screenshot(page, 'messages-01-author-page')
  await entry.click()
  await page.locator('.login-sheet:visible').waitFor({ timeout: 10_000 })
  await screenshot(page, 'messages-02-author-page-sign-in-sheet')

  const token = await devSignIn(page, base, `dm_reader_${Date.now().toString(36)}`)

  // 我的: the 我的私信 row, no count yet.
  await page.locator('[data-testid="me-entry-messages"]:visible').waitFor({ timeout: 10_000 })
  assert.equal(await page.locator('[data-testid="me-unread"]:visible').count(), 0)

  // The conversation page: empty, then my message.
  await page.goto(`${base}/packages/content/author/index?id=${author.id}`)
  await entry.waitFor({ timeout: 20_000 })
  await entry.click()
  await page.locator('[data-testid="dm-empty"]:visible').waitFor({ timeout: 20_000 })
  await screenshot(page, 'messages-03-conversation-empty')
  const input = page.locator('[data-testid="dm-input"]:visible input').first()
  await input.fill('请问 MEMS 压力传感器的温漂怎么补偿？')
  await page.locator('[data-testid="dm-send"]:visible').click()
  await page.locator('[data-testid="bubble"][data-state="published"]:visible').first().waitFor({ timeout: 10_000 })
  assert.deepEqual(await bubbleTexts(page), ['请问 MEMS 压力传感器的温漂怎么补偿？'])
  // A message our word filter holds for review: shown to me as 审核中.
  await input.fill('样品可以加薇信发我吗')
  await page.locator('[data-testid="dm-send"]:visible').click()
  await page.locator('[data-testid="bubble-pending"]:visible').waitFor({ timeout: 10_000 })
  await screenshot(page, 'messages-04-conversation-sent')

  // The author's side (an account that writes as this author): the conversation, with 1 unread (the held message
  // is not theirs to see).
  const staff = createStaff(ctx.app, 'author', `${author.name}本人`, author.slug)
  const list = await callApi(base, 'GET', '/editor/conversations', { token: staff })
  assert.equal(list.items.length, 1)
  const conversation = list.items[0]
  assert.equal(conversation.unread, 1)
  assert.equal(conversation.lastMessage.content, '请问 MEMS 压力传感器的温漂怎么补偿？')
  await callApi(base, 'POST', `/editor/conversations/${conversation.id}/read`, { token: staff })
  await callApi(
    base,
    'POST',
    `/editor/conversations/${conversation.id}/messages`,
    { token: staff, body: { content: '可以用多点温度标定加查表补偿，稍后发你资料。' } },
    201,
  )

  // 我的 shows 1 unread; 我的私信 lists the conversation with the answer and 1 unread.
  assert.deepEqual(await callApi(base, 'GET', '/me/conversations/unread', { token }), { unread: 1 })
  await page.goto(`${base}/pages/me/index`)
  await page.locator('[data-testid="me-unread"]:visible').waitFor({ timeout: 20_000 })
  assert.equal((await page.locator('[data-testid="me-unread"]:visible').innerText()).trim(), '1')
  await screenshot(page, 'messages-05-me-unread')
  await page.locator('[data-testid="me-entry-messages"]:visible').click()
  const row = page.locator('[data-testid="conversation-row"]:visible').first()
  await row.waitFor({ timeout: 20_000 })
  assert.match(await row.innerText(), /可以用多点温度标定/)
  assert.equal((await row.locator('[data-testid="conversation-unread"]').innerText()).trim(), '1')
  await screenshot(page, 'messages-06-conversations-list')

  // The conversation: the answer shows below my messages, and opening it reads it.
  await row.click()
  await page.locator('.bubble__text:visible', { hasText: '可以用多点温度标定' }).waitFor({ timeout: 20_000 })
  assert.deepEqual(await bubbleTexts(page), [
    '请问 MEMS 压力传感器的温漂怎么补偿？',
    '样品可以加薇信发我吗',
    '可以用多点温度标定加查表补偿，稍后发你资料。',
  ])
  await screenshot(page, 'messages-07-conversation-answered')
  for (let i = 0; i < 50; i++) {
    const { unread } = await callApi(base, 'GET', '/me/conversations/unread', { token })
    if (unread === 0) break
    await page.waitForTimeout(100)
  }
  assert.deepEqual(await callApi(base, 'GET', '/me/conversations/unread', { token }), { unread: 0 })

  // A failed send (the author blocked me) stays as a failed bubble; a tap sends it again once unblocked.
  await callApi(base, 'PUT', `/editor/conversations/${conversation.id}/block`, { token: staff })
  await input.fill('还有一个问题')
  await page.locator('[data-testid="dm-send"]:visible').click()
  await page.locator('[data-testid="bubble"][data-state="failed"]:visible').waitFor({ timeout: 10_000 })
  await screenshot(page, 'messages-08-conversation-failed')
  await callApi(base, 'DELETE', `/editor/conversations/${conversation.id}/block`, { token: staff })
  await page.locator('[data-testid="bubble"][data-state="failed"]:visible').click()
  // (the bubble reads 发送中 while the retry is on its way: wait for the server's message)
  await page
    .locator('[data-testid="bubble"][data-state="published"]:visible', { hasText: '还有一个问题' })
    .waitFor({ timeout: 10_000 })
  assert.equal(await page.locator('[data-testid="bubble"][data-state="failed"]').count(), 0)
  const messages = await callApi(base, 'GET', `/editor/conversations/${conversation.id}/messages`, { token: staff })
  assert.equal(messages.items[0].content, '还有一个问题')

  // The browser logs the refused send (403) itself; nothing else went wrong.
  assert.deepEqual(errors, ['Failed to load resource: the server responded with a status of 403 (Forbidden)'])
})
