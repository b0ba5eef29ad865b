/* global document, window -- callbacks of page.evaluate / waitForFunction run in the browser */
// The reading journey in the H5 build: column tabs, infinite scroll, a long article with 查看全文,
// related reading and the author page; then the periodical and tag pages. Expectations come from the API.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { api, screenshot, useAppAndBrowser } from './support/harness.mjs'

const ctx = useAppAndBrowser({ before, after })

const cardIds = (page) =>
  page.locator('.article-card:visible').evaluateAll((cards) => cards.map((c) => Number(c.dataset.id)))

async function waitForCardIds(page, expected, what) {
  const deadline = Date.now() + 15_000
  let ids = []
  while (Date.now() < deadline) {
    ids = await cardIds(page)
    if (JSON.stringify(ids) === JSON.stringify(expected)) return
    await page.waitForTimeout(100)
  }
  assert.deepEqual(ids, expected, what)
}

test('feed by column, infinite scroll, a long article, related reading and its author', async () => {
  const { page, errors } = ctx.browser
  await page.goto(`${ctx.app.baseUrl}/`)
  await page.locator('.article-card').first().waitFor({ timeout: 20_000 })
  assert.ok((await page.locator('.article-card').count()) > 0)

  // the tabs: 推荐, 关注, then the columns of the API, in order
  const { items: columns } = await api(ctx.app.baseUrl, '/columns')
  const tabs = page.locator('.column-tab')
  await tabs.nth(1).waitFor()
  assert.deepEqual(await tabs.evaluateAll((els) => els.map((e) => e.dataset.slug)), [
    '',
    '@following',
    ...columns.map((c) => c.slug),
  ])
  assert.equal((await tabs.first().innerText()).trim(), '推荐')
  await screenshot(page, 'content-01-feed')

  // the third tab is the first real column; its list is that column's, and nothing else
  const column = columns[0]
  assert.ok(column.articleCount > 10, 'the column needs more than one page for this test')
  const columnTab = page.locator(`.column-tab[data-slug="${column.slug}"]`)
  await columnTab.click()
  assert.match((await columnTab.getAttribute('class')) ?? '', /column-tab--active/)
  const firstPage = await api(ctx.app.baseUrl, `/articles?limit=10&sort=latest&column=${column.slug}`)
  assert.ok(firstPage.items.every((a) => a.column?.slug === column.slug))
  await waitForCardIds(
    page,
    firstPage.items.map((a) => a.id),
    'the column tab shows the column’s first page',
  )
  const columnsShown = await page
    .locator('.article-card:visible')
    .evaluateAll((cards) => [...new Set(cards.map((c) => c.dataset.column))])
  assert.deepEqual(columnsShown, [column.slug])
  await screenshot(page, 'content-02-column')

  // scrolling to the bottom loads the next page
  const before = await page.locator('.article-card:visible').count()
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
  await page.mouse.wheel(0, 2000)
  await page.waitForFunction((n) => document.querySelectorAll('.article-card').length > n, before, { timeout: 15_000 })
  const after = await page.locator('.article-card:visible').count()
  assert.ok(after > before, `more cards after scrolling (${before} → ${after})`)
  assert.deepEqual(
    await page
      .locator('.article-card:visible')
      .evaluateAll((cards) => [...new Set(cards.map((c) => c.dataset.column))]),
    [column.slug],
  )
  await page.getByText('没有更多了').waitFor({ timeout: 10_000 })
  await screenshot(page, 'content-03-scrolled')

  // a long article of this column (bodyLength > 600), opened from its card
  const ids = await cardIds(page)
  let long
  for (const id of ids) {
    const detail = await api(ctx.app.baseUrl, `/articles/${id}`)
    if (detail.bodyLength > 600 && detail.related.length > 0) {
      long = detail
      break
    }
  }
  assert.ok(long, 'a long article in the column')
  await page.locator(`.article-card[data-id="${long.id}"]`).click()
  const title = page.locator('.article-title:visible')
  await title.waitFor({ timeout: 20_000 })
  assert.equal((await title.innerText()).trim(), long.title)
  const body = page.locator('.article-body:visible')
  const expand = page.locator('.expand-body:visible')
  await expand.waitFor()
  assert.equal((await expand.innerText()).replace(/\s+/g, '').slice(0, 4), '查看全文')
  await screenshot(page, 'content-04-article-collapsed')
  const collapsedHeight = (await body.boundingBox()).height
  await expand.click()
  await expand.waitFor({ state: 'detached', timeout: 5_000 })
  const expandedHeight = (await body.boundingBox()).height
  assert.ok(expandedHeight > collapsedHeight * 1.3, `the body grows (${collapsedHeight} → ${expandedHeight})`)
  await screenshot(page, 'content-05-article-expanded')

  // the sections below the body
  await page.locator('.related-item:visible').first().scrollIntoViewIfNeeded()
  await screenshot(page, 'content-06-article-related')
  assert.equal(await page.locator('.author-latest-item:visible').count(), long.authorLatest.length)
  assert.equal(await page.locator('.related-item:visible').count(), long.related.length)

  // related reading opens that article
  const related = long.related[0]
  await page.locator(`.related-item[data-id="${related.id}"]:visible`).click()
  await page.waitForFunction(
    (t) =>
      [...document.querySelectorAll('.article-title')].some(
        (e) => e.offsetParent !== null && e.textContent.trim() === t,
      ),
    related.title,
    { timeout: 20_000 },
  )
  assert.equal((await page.locator('.article-title:visible').innerText()).trim(), related.title)
  await page.evaluate(() => window.scrollTo(0, 0))
  await screenshot(page, 'content-07-related-article')

  // its author card opens the author page
  const relatedDetail = await api(ctx.app.baseUrl, `/articles/${related.id}`)
  await page.locator('.author-card:visible').click()
  const name = page.locator('.author-page__name:visible')
  await name.waitFor({ timeout: 20_000 })
  assert.equal((await name.innerText()).trim(), relatedDetail.author.name)
  await page.locator('.article-card:visible').first().waitFor({ timeout: 10_000 })
  const authorFeed = await api(ctx.app.baseUrl, `/articles?limit=10&author=${relatedDetail.author.id}`)
  await waitForCardIds(
    page,
    authorFeed.items.map((a) => a.id),
    'the author page lists the author’s articles',
  )
  await screenshot(page, 'content-08-author')
  assert.deepEqual(errors, [])
})

test('periodicals, an issue list and a tag page', async () => {
  const { page, errors } = ctx.browser
  const { items: periodicals } = await api(ctx.app.baseUrl, '/periodicals')
  await page.goto(`${ctx.app.baseUrl}/packages/content/periodicals/index`)
  await page.locator('.periodical-card').first().waitFor({ timeout: 20_000 })
  assert.equal(await page.locator('.periodical-card').count(), periodicals.length)
  await screenshot(page, 'content-09-periodicals')

  const periodical = await api(ctx.app.baseUrl, `/periodicals/${periodicals[0].id}`)
  await page.locator('.periodical-card').first().click()
  await page.locator('.issue:visible').first().waitFor({ timeout: 20_000 })
  const heads = await page.locator('.issue__number:visible').allInnerTexts()
  assert.deepEqual(
    heads.map((h) => h.trim()),
    periodical.issues.map((i) => `第 ${i.number} 期`),
  )
  await screenshot(page, 'content-10-periodical')

  const { items: hot } = await api(ctx.app.baseUrl, '/tags/hot')
  const tag = hot[0]
  await page.goto(`${ctx.app.baseUrl}/packages/content/tag/index?name=${encodeURIComponent(tag.name)}`)
  await page.locator('.tag-page__name').waitFor({ timeout: 20_000 })
  assert.equal((await page.locator('.tag-page__name').innerText()).trim(), `#${tag.name}`)
  await page.locator('.article-card').first().waitFor({ timeout: 10_000 })
  const tagFeed = await api(ctx.app.baseUrl, `/articles?limit=10&tag=${encodeURIComponent(tag.name)}`)
  await waitForCardIds(
    page,
    tagFeed.items.map((a) => a.id),
    'the tag page lists the tag’s articles',
  )
  await screenshot(page, 'content-11-tag')
  assert.deepEqual(errors, [])
})
