/* global document -- callbacks of page.evaluate run in the browser */
// 文中相关产品 in the H5 build: a demo article that names demo catalogue models shows them below the article once the
// reader scrolls there; a tap opens the product page, whose 相关文章 lists the article back. Expectations come from
// the API. With SHOTS_DIR set, the screenshots are copied there too.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { api, screenshot, useAppAndBrowser } from './support/harness.mjs'

const ctx = useAppAndBrowser({ before, after })
const e = encodeURIComponent
const TITLE = '工业压力变送器选型'

/** The demo article about pressure transmitters, once its list holds the products it names (worked out after start). */
async function demoArticle(base) {
  const { items } = await api(base, `/articles?limit=50&tag=${e('压力传感器')}`)
  const article = items.find((a) => a.title.startsWith(TITLE))
  assert.ok(article, 'the demo article on pressure transmitters')
  const deadline = Date.now() + 30_000
  for (;;) {
    const products = await api(base, `/articles/${article.id}/products`)
    if (products.items.some((p) => p.reason === 'model')) return { article, products: products.items }
    assert.ok(Date.now() < deadline, 'the article listed no named product within 30 s')
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** Scrolls the current H5 page so that the element is in view (Taro's page is the scroller, not the window). */
async function scrollTo(page, selector) {
  await page.evaluate((sel) => {
    const pages = Array.from(document.querySelectorAll('.taro_page')).filter((p) => p.offsetParent !== null)
    const current = pages[pages.length - 1]
    const el = current.querySelector(sel)
    current.scrollTop += el.getBoundingClientRect().top - 60
  }, selector)
}

test('a demo article → 文中相关产品 → tap → the product page lists the article under 相关文章', async () => {
  const { page, errors } = ctx.browser
  const base = ctx.app.baseUrl
  const { article, products } = await demoArticle(base)
  assert.deepEqual(
    products.filter((p) => p.reason === 'model').map((p) => p.model),
    ['PT-561A', 'PT-430S', 'YB-983A'],
  )
  const seen = []
  page.on('requestfinished', (req) => req.url().includes('/api/') && seen.push(new URL(req.url()).pathname))

  await page.goto(`${base}/packages/content/article/index?id=${article.id}`)
  await page.locator('.article-title:visible').waitFor({ timeout: 20_000 })
  await screenshot(page, 'mentions-01-article-top')

  // 查看全文, then down to the section
  const expand = page.locator('.expand-body:visible')
  if (await expand.count()) await expand.click()
  await scrollTo(page, '.tag-chips')
  const section = page.locator('[data-testid="article-products"]:visible')
  await section.waitFor({ timeout: 15_000 })
  assert.equal((await section.locator('.section__title').innerText()).trim(), '文中相关产品')
  const cards = section.locator('[data-testid="article-product"]')
  assert.deepEqual(
    await cards.evaluateAll((els) => els.map((el) => el.dataset.model)),
    products.map((p) => p.model),
  )
  const first = products[0]
  const firstCard = await cards.first().innerText()
  assert.ok(firstCard.includes(first.name), 'the card shows the name')
  assert.ok(firstCard.includes(first.supplier.name), 'the card shows the supplier')
  assert.ok(
    firstCard.includes(first.priceFrom === null ? '询价' : first.priceFrom.toFixed(2)),
    'the card shows the price',
  )
  await scrollTo(page, '[data-testid="article-products"]')
  await screenshot(page, 'mentions-02-article-products')
  // Asked for once, after the article itself (with the article page's first load) had arrived.
  const own = (p) => seen.indexOf(p)
  assert.equal(seen.filter((p) => p === `/api/articles/${article.id}/products`).length, 1)
  assert.ok(own(`/api/articles/${article.id}/page`) >= 0)
  assert.ok(
    own(`/api/articles/${article.id}/products`) > own(`/api/articles/${article.id}/page`),
    'products after the article',
  )

  await cards.first().click()
  await page.waitForURL(new RegExp(`/packages/search/product/index\\?id=${first.id}$`))
  await page.locator('[data-testid="product-model"]:visible').waitFor({ timeout: 20_000 })
  assert.equal((await page.locator('[data-testid="product-model"]:visible').innerText()).trim(), first.model)
  const back = await api(base, `/products/${first.id}/articles?limit=5`)
  assert.ok(
    back.items.some((a) => a.id === article.id),
    'the API lists the article back',
  )
  const related = page.locator('[data-testid="product-articles"]:visible')
  await related.waitFor({ timeout: 15_000 })
  assert.deepEqual(
    await related
      .locator('[data-testid="product-article"]')
      .evaluateAll((els) => els.map((el) => Number(el.dataset.id))),
    back.items.map((a) => a.id),
  )
  await scrollTo(page, '[data-testid="product-articles"]')
  await screenshot(page, 'mentions-03-product-articles')

  // and back into the article from there
  await related.locator(`[data-testid="product-article"][data-id="${article.id}"]`).click()
  await page.waitForURL(new RegExp(`/packages/content/article/index\\?id=${article.id}$`))
  await page.locator('.article-title:visible').waitFor({ timeout: 20_000 })
  assert.ok((await page.locator('.article-title:visible').innerText()).startsWith(TITLE))
  assert.deepEqual(errors, [])
})
