/* global document -- callbacks of page.evaluate run in the browser */
// 传感搜 2 in the H5 build: a search, a product page (price at a typed quantity, alternatives, supplier card), two
// products put in compare (the tray counts them and keeps them over a reload), the compare page with both aligned by
// parameter in one unit a row, then the supplier's page with its products. Expectations come from the API.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { api, byTestId, catalogueReady, screenshot, scrollToTestId, useAppAndBrowser } from './support/harness.mjs'

const ctx = useAppAndBrowser({ before, after })

/** Scrolls the current H5 page so that the element is in view (Taro's page is the scroller, not the window). */
const priceAt = (breaks, qty) => breaks.reduce((price, b) => (b.qty <= qty ? b.price : price), breaks[0].price)

test('search → product → two in compare → compare page aligned → supplier page', async () => {
  const { page, errors } = ctx.browser
  const base = ctx.app.baseUrl
  await catalogueReady(ctx.app.baseUrl)
  const found = await api(base, `/search?q=YB-983A&limit=5&facets=0`)
  const first = await api(base, `/products/${found.items.find((i) => i.model === 'YB-983A').id}`)
  const alternatives = await api(base, `/products/${first.id}/alternatives`)
  assert.ok(alternatives.items.length > 0, 'the demo catalogue has an alternative to YB-983A')
  const second = await api(base, `/products/${alternatives.items[0].id}`)

  await page.goto(`${base}/`)
  await page.locator('.weui-tabbar__item', { hasText: '传感搜' }).click()
  const csp = errors.findIndex((m) => m.startsWith('Running the JavaScript URL violates'))
  if (csp >= 0) errors.splice(csp, 1)
  const input = byTestId(page, 'search-input').locator('input')
  await input.waitFor({ timeout: 20_000 })
  await input.fill('压力变送器')
  await input.press('Enter')
  await page.locator('.product-item:visible').first().waitFor({ timeout: 20_000 })
  // the compare button on a card adds without opening the product
  await page.locator('.product-item:visible [data-testid="compare-add"]').first().click()
  assert.equal((await byTestId(page, 'compare-count').innerText()).trim(), '1')
  await screenshot(page, 'products-01-results-tray')
  await byTestId(page, 'compare-toggle').click()
  await byTestId(page, 'compare-panel').waitFor()
  await screenshot(page, 'products-02-tray-panel')
  await byTestId(page, 'compare-clear').click()
  assert.equal(await byTestId(page, 'compare-tray').count(), 0)

  // the product page
  await input.fill('YB-983A')
  await input.press('Enter')
  await page.locator(`.product-item:visible[data-model="YB-983A"]`).first().click()
  await page.waitForURL(/\/packages\/search\/product\/index\?id=/)
  await byTestId(page, 'product-model').waitFor({ timeout: 20_000 })
  assert.equal((await byTestId(page, 'product-model').innerText()).trim(), 'YB-983A')
  const params = await byTestId(page, 'product-params').innerText()
  for (const p of first.params) assert.ok(params.includes(p.display), `parameter ${p.key} shown`)
  assert.ok(params.includes('0~25000 kPa'), 'the normalised span beside 0-25MPa')
  await screenshot(page, 'products-03-product')

  // the price at a typed quantity
  const qty = first.priceBreaks[first.priceBreaks.length - 1].qty + 5
  await byTestId(page, 'qty-input').locator('input').fill(String(qty))
  const unit = priceAt(first.priceBreaks, qty)
  await page.waitForFunction(
    (want) => document.querySelector('[data-testid="qty-unit-price"]')?.textContent?.includes(want),
    unit.toFixed(2),
  )
  await scrollToTestId(page, 'qty-price')
  await screenshot(page, 'products-04-product-price')

  // alternatives and the supplier card
  await byTestId(page, 'alternative').first().waitFor({ timeout: 10_000 })
  const shownAlternatives = await byTestId(page, 'alternative').evaluateAll((els) => els.map((el) => el.dataset.model))
  assert.deepEqual(
    shownAlternatives,
    alternatives.items.map((i) => i.model),
  )
  assert.ok((await byTestId(page, 'product-supplier').innerText()).includes(first.supplier.name))
  assert.equal(await byTestId(page, 'supplier-stats').count(), 0, 'no response stats while unknown')
  await scrollToTestId(page, 'product-supplier')
  await screenshot(page, 'products-05-product-supplier-alternatives')

  // two in compare: this one, then its closest alternative
  await scrollToTestId(page, 'product-model')
  await byTestId(page, 'product-compare').click()
  assert.equal((await byTestId(page, 'compare-count').innerText()).trim(), '1')
  await byTestId(page, 'alternative').first().click()
  await page.waitForFunction(
    (model) =>
      Array.from(document.querySelectorAll('[data-testid="product-model"]')).some(
        (el) => el.offsetParent && el.textContent.trim() === model,
      ),
    second.model,
    { timeout: 20_000 },
  )
  await byTestId(page, 'product-compare').click()
  assert.equal((await byTestId(page, 'compare-count').innerText()).trim(), '2')
  // the selection survives a reload
  await page.reload()
  await byTestId(page, 'product-model').waitFor({ timeout: 20_000 })
  assert.equal((await byTestId(page, 'compare-count').innerText()).trim(), '2')
  assert.match(await byTestId(page, 'product-compare').innerText(), /已加对比/)

  // the compare page
  await byTestId(page, 'compare-go').click()
  await page.waitForURL(/\/packages\/search\/compare\/index\?ids=/)
  await byTestId(page, 'compare').waitFor({ timeout: 20_000 })
  const columns = await byTestId(page, 'compare-product').evaluateAll((els) => els.map((el) => Number(el.dataset.id)))
  assert.deepEqual(columns, [first.id, second.id])
  const comparison = await api(base, `/products/compare?ids=${first.id},${second.id}`)
  const rows = await byTestId(page, 'compare-row').evaluateAll((els) =>
    els.map((el) => ({ key: el.dataset.key, differs: el.dataset.differs === '1' })),
  )
  assert.deepEqual(
    rows,
    comparison.rows.map((r) => ({ key: r.key, differs: r.differs })),
  )
  const range = await page.locator('[data-testid="compare-row"][data-key="量程"]:visible').innerText()
  assert.match(range, /MPa/)
  assert.ok(range.includes('0~25'), 'both spans in MPa')
  await screenshot(page, 'products-06-compare')
  await byTestId(page, 'only-diff').click()
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="compare-row"]').length === n,
    comparison.rows.filter((r) => r.differs).length,
  )
  await screenshot(page, 'products-07-compare-only-diff')

  // the supplier page, from the product
  await page.goBack()
  await byTestId(page, 'open-supplier').waitFor({ timeout: 20_000 })
  await byTestId(page, 'open-supplier').click()
  await page.waitForURL(/\/packages\/search\/supplier\/index\?id=/)
  await byTestId(page, 'supplier-name').waitFor({ timeout: 20_000 })
  const supplier = await api(base, `/suppliers/${second.supplier.id}`)
  assert.equal((await byTestId(page, 'supplier-name').innerText()).trim(), supplier.name)
  await page.locator('[data-testid="supplier-products"]:visible .product-item').first().waitFor()
  const shown = await page
    .locator('[data-testid="supplier-products"]:visible .product-item')
    .evaluateAll((els) => els.map((el) => Number(el.dataset.id)))
  assert.ok(shown.includes(second.id), 'the product is among its supplier’s')
  assert.equal(shown.length, Math.min(10, supplier.productCount))
  await screenshot(page, 'products-08-supplier')
  assert.deepEqual(errors, [])
})
