// Followers in the H5 build: a signed-in reader follows an author on the author page (the count moves at once and the
// server agrees), finds that author's articles under 首页 → 关注, subscribes to a periodical, and unfollows again.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { callApi as rawCall, createStaff, devSignIn, screenshot, useAppAndBrowser } from './support/harness.mjs'

const ctx = useAppAndBrowser({ before, after })

/** The API's answer, which must be 200. */
async function callApi(base, method, path, options) {
  const { status, body } = await rawCall(base, method, path, options)
  assert.ok(status === 200 || status === 201, `${method} ${path}: ${status}`)
  return body
}

async function waitUntil(check, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 100))
  }
}

const followers = async (page) => Number((await page.locator('.follow__count:visible').innerText()).match(/\d+/)[0])

test('follow an author, read them under 关注, subscribe to a periodical, unfollow', async () => {
  const { page, errors } = ctx.browser
  const base = ctx.app.baseUrl

  // 关注 asks a signed-out reader to sign in, and asks the API nothing.
  await page.goto(`${base}/`)
  await page.locator('.column-tab[data-slug="@following"]:visible').click()
  await page.getByText('登录后查看关注').waitFor({ timeout: 20_000 })
  await screenshot(page, 'follows-01-signed-out')

  const token = await devSignIn(page, base, `follower_${Date.now().toString(36)}`)

  // The author of the newest article.
  const feed = await callApi(base, 'GET', '/articles?sort=latest&limit=1')
  const author = feed.items[0].author
  const before = await callApi(base, 'GET', `/follows/author/${author.id}`)
  await page.goto(`${base}/packages/content/author/index?id=${author.id}`)
  const button = page.locator('.follow__button:visible')
  await button.waitFor({ timeout: 20_000 })
  await page.locator('.follow__count:visible').waitFor()
  assert.equal((await button.innerText()).trim(), '+ 关注')
  assert.equal(await followers(page), before.followers)

  await button.click()
  // WeChat's subscribe prompt (in H5, a modal in the same words) opens with the follow; 允许 is one send credit.
  await page.getByText('接收新文章通知？').waitFor({ timeout: 10_000 })
  await screenshot(page, 'follows-02a-subscribe-prompt')
  await page.getByText('允许', { exact: true }).click()
  await waitUntil(async () => (await callApi(base, 'GET', '/me/subscriptions', { token })).templates[0].credits === 1)
  await page.locator('.follow__button--done:visible').waitFor()
  assert.equal((await button.innerText()).trim(), '已关注')
  assert.equal(await followers(page), before.followers + 1)
  const after = await callApi(base, 'GET', `/follows/author/${author.id}`, { token })
  assert.deepEqual(after, { following: true, followers: before.followers + 1 })
  await screenshot(page, 'follows-02-author-followed')

  // 首页 → 关注: that author's articles, newest first, and nobody else's.
  await page.goto(`${base}/`)
  await page.locator('.column-tab[data-slug="@following"]:visible').click()
  await page.locator('.article-card:visible').first().waitFor({ timeout: 20_000 })
  const fromFeed = await callApi(base, 'GET', '/me/following/feed?limit=10', { token })
  assert.ok(fromFeed.items.length > 0)
  assert.ok(fromFeed.items.every((a) => a.author.id === author.id))
  const shownTitle = (await page.locator('.article-card__title:visible').first().innerText()).trim()
  assert.equal(shownTitle, fromFeed.items[0].title)
  await screenshot(page, 'follows-03-following-tab')

  // The editor publishes a new article by that author: the server's worker sends this reader one subscribe message.
  const editor = createStaff(ctx.app, 'editor', 'e2e-editor')
  const draft = await callApi(base, 'POST', '/editor/articles', {
    token: editor,
    body: { title: '关注之后的新文章', body: '新文章正文。', authorId: author.id },
  })
  await callApi(base, 'POST', `/editor/articles/${draft.id}/publish`, { token: editor })
  await waitUntil(
    async () => (await callApi(base, 'GET', `/editor/deliveries/article/${draft.id}`, { token: editor })).sent === 1,
  )
  assert.equal((await callApi(base, 'GET', '/me/subscriptions', { token })).templates[0].credits, 0)

  // 期刊订阅 on a periodical's page.
  const periodicals = await callApi(base, 'GET', '/periodicals')
  const periodical = periodicals.items[0]
  await page.goto(`${base}/packages/content/periodical/index?id=${periodical.id}`)
  const subscribe = page.locator('.follow__button:visible')
  await subscribe.waitFor({ timeout: 20_000 })
  assert.equal((await subscribe.innerText()).trim(), '+ 订阅')
  await subscribe.click()
  await page.getByText('接收新一期通知？').waitFor({ timeout: 10_000 })
  await page.getByText('取消', { exact: true }).click()
  await waitUntil(async () => {
    const issue = (await callApi(base, 'GET', '/me/subscriptions', { token })).templates.find(
      (t) => t.topic === 'issue',
    )
    return issue.answer === 'reject' && issue.ask === false
  })
  await page.locator('.follow__button--done:visible').waitFor()
  assert.equal((await subscribe.innerText()).trim(), '已订阅')
  const mine = await callApi(base, 'GET', '/me/follows', { token })
  assert.deepEqual(
    mine.items.map((i) => `${i.target.kind}:${i.target.id}`),
    [`periodical:${periodical.id}`, `author:${author.id}`],
  )
  await screenshot(page, 'follows-04-periodical-subscribed')

  // Unfollow on the author page: back to the count before.
  await page.goto(`${base}/packages/content/author/index?id=${author.id}`)
  await page.locator('.follow__button--done:visible').waitFor({ timeout: 20_000 })
  await page.locator('.follow__button:visible').click()
  await page.locator('.follow__button:not(.follow__button--done):visible').waitFor()
  assert.deepEqual(await callApi(base, 'GET', `/follows/author/${author.id}`, { token }), {
    following: false,
    followers: before.followers,
  })
  assert.deepEqual(errors, [])
})
