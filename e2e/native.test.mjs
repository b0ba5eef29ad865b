/* global document, location -- callbacks of page.waitForFunction / evaluate run in the browser */
// Issue 10, "Right on WeChat", in the H5 build: a reader hopping deeper and deeper always gets the page tapped and
// never piles up more than 10 pages; 30 pages of a feed ranked anew between pages show every article once and keep
// under 1,000 nodes drawn; the single-page preview (?scene=1154) has one 前往小程序 line and no action bar.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { api, screenshot, useAppAndBrowser } from './support/harness.mjs'

const ctx = useAppAndBrowser({ before, after })

const ARTICLE = '/packages/content/article/index'
const AUTHOR = '/packages/content/author/index'
const NAVIGATION_FAILED = '页面打开失败，请稍后重试'

/** The page on screen: its path and id. */
const here = (page) =>
  page.evaluate(() => ({ path: location.pathname, id: new URLSearchParams(location.search).get('id') }))
const openPages = (page) => page.evaluate(() => document.querySelectorAll('.taro_page').length)

test('25 hops through related articles and authors all open their page, with at most 10 pages open', async () => {
  const { page, errors } = ctx.browser
  const base = ctx.app.baseUrl
  const first = (await api(base, '/articles?limit=1')).items[0].id
  await page.goto(`${base}${ARTICLE}?id=${first}`)
  await page.locator('.article-title:visible').waitFor({ timeout: 20_000 })

  const depths = []
  for (let hop = 1; hop <= 25; hop++) {
    const { path, id } = await here(page)
    let target
    if (path === AUTHOR) {
      const card = page.locator('.article-card:visible').first()
      await card.waitFor({ timeout: 10_000 })
      target = { path: ARTICLE, id: await card.getAttribute('data-id') }
      await card.click()
    } else {
      const article = await api(base, `/articles/${id}`)
      const related = page.locator('.related-item:visible').first()
      if (hop % 3 === 0 || article.related.length === 0) {
        target = { path: AUTHOR, id: String(article.authorProfile.id) }
        await page.locator('.author-card:visible').click()
      } else {
        target = { path: ARTICLE, id: await related.getAttribute('data-id') }
        await related.click()
      }
    }
    await page.waitForFunction(
      ({ path, id }) => location.pathname === path && new URLSearchParams(location.search).get('id') === id,
      target,
      { timeout: 10_000 },
    )
    await page.locator(target.path === ARTICLE ? '.article-title:visible' : '.author-page__name:visible').waitFor()
    depths.push(await openPages(page))
    assert.ok(depths.at(-1) <= 10, `hop ${hop}: ${depths.at(-1)} pages open`)
    if (hop === 1) await screenshot(page, 'native-01-article')
  }
  assert.ok(Math.max(...depths) > 5, `went deep: ${depths.join(' ')}`)
  assert.equal(await page.getByText(NAVIGATION_FAILED).count(), 0)
  assert.deepEqual(errors, [])
})

test('30 pages of 热门, ranked anew between pages: every article once, under 1,000 nodes drawn', async () => {
  const { page, errors } = ctx.browser
  const base = ctx.app.baseUrl
  // the demo has a few dozen articles: the feed is played here, its cards built from a real one
  const model = (await api(base, '/articles?limit=1')).items[0]
  const ranking = Array.from({ length: 400 }, (_, i) => 5000 + i)
  const sent = []
  await page.route(/\/api\/articles\?/, (route) => {
    const query = new URL(route.request().url()).searchParams
    const offset = Number(query.get('cursor') ?? 0)
    const ids = ranking.slice(offset, offset + 10)
    if (query.get('sort') === 'hot') {
      sent.push(ids)
      // the first article of this page loses score: it drops 12 places and comes again on the next page
      const [fallen] = ranking.splice(offset, 1)
      ranking.splice(offset + 12, 0, fallen)
    }
    const items = ids.map((id) => ({ ...model, id, title: `第 ${id} 篇：${model.title}`, cover: null }))
    return route.fulfill({ json: { items, nextCursor: String(offset + 10) } })
  })

  await page.goto(`${base}/pages/index/index`)
  await page.locator('.article-card:visible').first().waitFor({ timeout: 20_000 })
  await page.locator('[data-sort="hot"]:visible').click()
  await page.waitForFunction(() => document.querySelector('.article-card')?.getAttribute('data-id') === '5000')

  const shownIds = () =>
    page.evaluate(() => Array.from(document.querySelectorAll('.article-card')).map((el) => el.getAttribute('data-id')))
  const nodes = () => page.evaluate(() => document.querySelectorAll('*').length)
  const scrollTo = (where) =>
    page.evaluate((where) => {
      const scroller = document.querySelector('.article-list').closest('.taro_page')
      const bottom = scroller.scrollHeight - scroller.clientHeight
      scroller.scrollTop = where === 'bottom' ? bottom : where === 'above bottom' ? bottom - 1200 : where
    }, where)

  const counts = []
  while (sent.length < 30) {
    const before = sent.length
    // as a finger does: through the list, then into the bottom (Taro fires reach-bottom on the way in)
    await scrollTo('above bottom')
    await page.waitForTimeout(100)
    await scrollTo('bottom')
    const deadline = Date.now() + 10_000
    while (sent.length === before && Date.now() < deadline) await page.waitForTimeout(50)
    assert.ok(sent.length > before, `page ${before + 1} was asked for`)
    await page.waitForTimeout(150)
    const ids = await shownIds()
    assert.equal(new Set(ids).size, ids.length, `page ${sent.length}: an article shown twice`)
    counts.push(await nodes())
  }
  await screenshot(page, 'native-02-feed-page-30')
  const all = sent.flat()
  assert.ok(new Set(all).size < all.length, 'the ranking sent articles again')
  assert.ok(Math.max(...counts) < 1000, `nodes drawn: ${counts.join(' ')}`)

  // back to the top a screen at a time: each article sits in one place, in the order first sent
  const placed = new Map()
  const height = await page.evaluate(() => document.querySelector('.article-list').closest('.taro_page').scrollHeight)
  for (let y = height; y >= 0; y -= 600) {
    await scrollTo(Math.max(0, y))
    await page.waitForTimeout(80)
    assert.ok((await nodes()) < 1000)
    const rows = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.article-list__block')).flatMap((block, b) =>
        Array.from(block.querySelectorAll('.article-card')).map((card, i) => [
          card.getAttribute('data-id'),
          b * 100 + i,
        ]),
      ),
    )
    for (const [id, at] of rows) {
      assert.equal(placed.get(id) ?? at, at, `article ${id} moved`)
      placed.set(id, at)
    }
  }
  const order = [...placed.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => Number(id))
  assert.deepEqual(order, [...new Set(all)])
  await screenshot(page, 'native-03-feed-back-on-top')
  console.log(`feed: ${order.length} articles in 30 pages, at most ${Math.max(...counts)} nodes in the document`)
  await page.unroute(/\/api\/articles\?/)
  assert.deepEqual(errors, [])
})

test('the single-page preview (?scene=1154): one 前往小程序 line, no action bar, no navigation', async () => {
  const { page, errors } = ctx.browser
  const base = ctx.app.baseUrl
  const id = (await api(base, '/articles?limit=1')).items[0].id
  await page.goto(`${base}${ARTICLE}?id=${id}&scene=1154`)
  await page.locator('.article-title:visible').waitFor({ timeout: 20_000 })
  await page.locator('[data-testid="open-app-hint"]:visible').waitFor()
  assert.equal(await page.locator('[data-testid="open-app-hint"]:visible').count(), 1)
  assert.equal(await page.locator('.action-bar').count(), 0)
  await page.locator('[data-testid="open-app-hint"]:visible').scrollIntoViewIfNeeded()
  await screenshot(page, 'native-04-article-single-page')

  await page.locator('.author-card:visible').click()
  await page.getByText('请前往小程序查看完整内容').first().waitFor({ timeout: 5_000 })
  assert.deepEqual(await here(page), { path: ARTICLE, id: String(id) })

  // the page lets a reader zoom
  const viewport = await page.locator('meta[name="viewport"]').getAttribute('content')
  assert.doesNotMatch(viewport, /user-scalable=no|maximum-scale/)
  assert.deepEqual(errors, [])
})

test('the tag and periodicals pages', async () => {
  const { page, errors } = ctx.browser
  const base = ctx.app.baseUrl
  const withTags = (await api(base, '/articles?limit=50')).items.find((a) => a.tags.length > 0)
  const tag = withTags.tags[0].name
  await page.goto(`${base}/packages/content/tag/index?name=${encodeURIComponent(tag)}`)
  await page.locator('.tag-page__name:visible').waitFor({ timeout: 20_000 })
  assert.equal(await page.locator('.tag-page__name:visible').innerText(), `#${tag}`)
  await page.locator('.article-card:visible').first().waitFor()
  await screenshot(page, 'native-05-tag')

  await page.goto(`${base}/packages/content/periodicals/index`)
  await page.locator('.periodical-card:visible').first().waitFor({ timeout: 20_000 })
  const { items } = await api(base, '/periodicals')
  assert.equal(await page.locator('.periodical-card:visible').count(), items.length)
  await screenshot(page, 'native-06-periodicals')
  await page.locator('.periodical-card:visible').first().click()
  await page.waitForFunction((id) => new URLSearchParams(location.search).get('id') === id, String(items[0].id))
  await page.locator('.periodical-page__name:visible').waitFor()
  assert.deepEqual(errors, [])
})
