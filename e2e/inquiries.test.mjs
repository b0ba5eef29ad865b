// 询价 in the H5 build: a buyer searches, opens a product, sends an inquiry from its form (a bad contact refused under
// the field first; WeChat's subscribe prompt answered 允许), sees the success state; the supplier's staff (an account
// made with the CLI) answers through the API; the buyer finds the answer under 我的 → 我的询价 and accepts it.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import {
  api,
  byTestId,
  callApi as rawCall,
  catalogueReady,
  createStaff,
  devSignIn,
  screenshot,
  scrollToTestId,
  useAppAndBrowser,
} from './support/harness.mjs'

const ctx = useAppAndBrowser({ before, after })

/** The API's answer, which must have this status. */
async function callApi(base, method, path, options, status = 200) {
  const res = await rawCall(base, method, path, options)
  assert.equal(res.status, status, `${method} ${path}: ${JSON.stringify(res.body)}`)
  return res.body
}

/** Scrolls the current H5 page so that the element is in view (Taro's page is the scroller, not the window). */
test('search → two in compare → product → 询价 form → sent; the supplier answers; the buyer sees it under 我的 → 询价 and accepts', async () => {
  const { page, errors } = ctx.browser
  const base = ctx.app.baseUrl
  await catalogueReady(ctx.app.baseUrl)
  const found = await api(base, `/search?q=YB-983A&limit=5&facets=0`)
  const product = await api(base, `/products/${found.items.find((i) => i.model === 'YB-983A').id}`)

  const token = await devSignIn(page, base, 'inquiry-buyer')
  await page.locator('.weui-tabbar__item', { hasText: '传感搜' }).click()
  const csp = errors.findIndex((m) => m.startsWith('Running the JavaScript URL violates'))
  if (csp >= 0) errors.splice(csp, 1)
  const input = byTestId(page, 'search-input').locator('input')
  await input.waitFor({ timeout: 20_000 })
  // Two products side by side first: added from the result cards, the compare page shows both.
  await input.fill('压力变送器')
  await input.press('Enter')
  const adds = page.locator('.product-item:visible [data-testid="compare-add"]')
  await adds.nth(1).waitFor({ timeout: 20_000 })
  const picked = await page
    .locator('.product-item:visible')
    .evaluateAll((els) => els.slice(0, 2).map((el) => Number(el.dataset.id)))
  assert.ok(picked.length === 2 && picked.every((id) => id > 0), `two result ids: ${picked}`)
  await adds.nth(0).click()
  await adds.nth(1).click()
  assert.equal((await byTestId(page, 'compare-count').innerText()).trim(), '2')
  await byTestId(page, 'compare-go').click()
  await page.waitForURL(/\/packages\/search\/compare\/index\?ids=/)
  await byTestId(page, 'compare').waitFor({ timeout: 20_000 })
  const columns = await byTestId(page, 'compare-product').evaluateAll((els) => els.map((el) => Number(el.dataset.id)))
  assert.deepEqual(columns, picked)
  await page.goto(`${base}/pages/search/index`)
  await input.waitFor({ timeout: 20_000 })
  await input.fill('YB-983A')
  await input.press('Enter')
  await page.locator(`.product-item[data-id="${product.id}"]:visible`).click()
  await byTestId(page, 'product-inquire').waitFor({ timeout: 20_000 })
  await screenshot(page, 'inquiries-01-product')

  // The form: the product it asks about; a contact that is neither a phone nor a WeChat id is refused under it.
  await byTestId(page, 'product-inquire').click()
  await byTestId(page, 'inquiry-form').waitFor({ timeout: 20_000 })
  assert.match(await byTestId(page, 'inquiry-product').innerText(), new RegExp(product.model))
  const field = (id) => byTestId(page, id).locator('input, textarea').first()
  await field('inquiry-quantity').fill('200')
  await field('inquiry-price').fill('35.5')
  await field('inquiry-contact').fill('abc')
  await field('inquiry-note').fill('需要含税价，交货到上海')
  await byTestId(page, 'inquiry-submit').click()
  await byTestId(page, 'inquiry-contact-error').waitFor()
  assert.equal((await byTestId(page, 'inquiry-contact-error').innerText()).trim(), '请填写手机号、座机号或微信号')
  await screenshot(page, 'inquiries-02-form-error')
  const none = await callApi(base, 'GET', '/me/inquiries', { token })
  assert.equal(none.items.length, 0, 'nothing sent while the form is wrong')

  await field('inquiry-contact').fill('13812345678')
  await screenshot(page, 'inquiries-03-form-filled')
  await byTestId(page, 'inquiry-submit').click()
  // WeChat's subscribe prompt for the answer's notice (in H5, a modal in the same words): 允许 is one send credit.
  await page.getByText('接收报价通知？').waitFor({ timeout: 10_000 })
  await page.getByText('允许', { exact: true }).click()
  await byTestId(page, 'inquiry-sent').waitFor({ timeout: 10_000 })
  await screenshot(page, 'inquiries-04-sent')
  const mine = await callApi(base, 'GET', '/me/inquiries', { token })
  assert.equal(mine.items.length, 1)
  const sent = mine.items[0]
  assert.deepEqual(
    [sent.status, sent.product.id, sent.quantity, sent.targetPrice, sent.contact, sent.note],
    ['submitted', product.id, 200, 35.5, '13812345678', '需要含税价，交货到上海'],
  )
  const credits = await callApi(base, 'GET', '/me/subscriptions', { token })
  assert.equal(credits.templates.find((t) => t.topic === 'inquiry').credits, 1)

  // The supplier's staff, through the API: the inquiry with the contact; it answers.
  const staff = createStaff(ctx.app, 'supplier', `${product.supplier.name}销售`, product.supplier.id)
  const inbox = await callApi(base, 'GET', '/supplier/inquiries', { token: staff })
  assert.deepEqual(
    inbox.items.map((i) => [i.id, i.contact, i.buyer.deleted]),
    [[sent.id, '13812345678', false]],
  )
  await callApi(base, 'POST', `/supplier/inquiries/${sent.id}/answer`, {
    token: staff,
    body: { price: 33.8, leadTimeDays: 12, note: '含税含运，可开专票' },
  })

  // The buyer: 我的 → 我的询价, the badge says 已报价; the inquiry shows the answer; accept it.
  await page.goto(`${base}/pages/me/index`)
  await byTestId(page, 'me-entry-inquiries').click()
  const row = page.locator(`[data-testid="inquiry-row"][data-id="${sent.id}"]:visible`)
  await row.waitFor({ timeout: 20_000 })
  assert.equal(await row.getAttribute('data-status'), 'answered')
  assert.equal((await row.locator('[data-testid="inquiry-badge"]').innerText()).trim(), '已报价')
  assert.match(await row.innerText(), /报价 ¥33\.80 · 交期 12 天/)
  await screenshot(page, 'inquiries-05-my-list')

  await row.click()
  await byTestId(page, 'inquiry-detail').waitFor({ timeout: 20_000 })
  assert.equal((await byTestId(page, 'inquiry-answer-price').innerText()).trim(), '¥33.80')
  assert.match(await byTestId(page, 'inquiry-answer-lead').innerText(), /12 天/)
  assert.match(await byTestId(page, 'inquiry-answer-note').innerText(), /含税含运，可开专票/)
  await screenshot(page, 'inquiries-06-detail-answered')
  await scrollToTestId(page, 'inquiry-accept')
  await byTestId(page, 'inquiry-accept').click()
  await page.locator('[data-testid="inquiry-detail"][data-status="accepted"]:visible').waitFor({ timeout: 10_000 })
  assert.equal((await byTestId(page, 'inquiry-badge').innerText()).trim(), '已接受')
  assert.equal((await callApi(base, 'GET', `/me/inquiries/${sent.id}`, { token })).status, 'accepted')
  await screenshot(page, 'inquiries-07-accepted')

  // The supplier card on the product page now shows the supplier's response figures.
  const card = (await api(base, `/products/${product.id}`)).supplier
  assert.equal(card.responseRate, 1)
  assert.equal(typeof card.medianAnswerMinutes, 'number')
  await page.goto(`${base}/packages/search/product/index?id=${product.id}`)
  await byTestId(page, 'product-supplier').waitFor({ timeout: 20_000 })
  await scrollToTestId(page, 'product-supplier')
  assert.match(await byTestId(page, 'supplier-stats').innerText(), /回复率 100%/)
  await screenshot(page, 'inquiries-08-supplier-card')

  // The notice of the answer is in 消息, and leads to the inquiry.
  const notices = await callApi(base, 'GET', '/me/notices', { token })
  assert.deepEqual(
    notices.items.map((n) => [n.kind, n.inquiry?.id]),
    [['inquiry_answer', sent.id]],
  )
  assert.deepEqual(errors, [])
})
