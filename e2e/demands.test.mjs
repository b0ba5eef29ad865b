// 求购 in the H5 build: a buyer posts a demand from the form (category preset, a parameter constraint, quantity,
// contact), sees the success state; a supplier account of a matching supplier sees it through the API and answers;
// the buyer finds it under 我的 → 我的求购 with its status badge, opens it and sees the answer and matching products.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { api, byTestId, callApi, createStaff, devSignIn, screenshot, useAppAndBrowser } from './support/harness.mjs'

const ctx = useAppAndBrowser({ before, after })
const e = encodeURIComponent

test('post a demand → a matching supplier sees it and answers → the buyer sees the answer under 我的求购', async () => {
  const { page } = ctx.browser
  const base = ctx.app.baseUrl
  const deadline = Date.now() + 30_000
  while ((await api(base, `/search?q=${e('可燃气体')}&limit=1&facets=0`)).total === 0) {
    assert.ok(Date.now() < deadline, 'the demo catalogue was not searchable within 30 s')
    await new Promise((r) => setTimeout(r, 200))
  }
  const category = (await api(base, `/search?q=${e('可燃气体探测器')}&limit=1&facets=0`)).items[0].category
  const matching = await api(base, `/search?category=${category.id}&enum=${e('检测原理:催化燃烧')}&limit=50&facets=0`)
  const supplier = matching.items[0].supplier

  const buyerToken = await devSignIn(page, base, 'buyer_wang')
  await page.goto(`${base}/packages/trade/demand-new/index?category=${category.id}`)
  await byTestId(page, 'demand-form').waitFor({ timeout: 20_000 })
  assert.equal((await byTestId(page, 'demand-category').innerText()).trim(), category.path)
  // a refused form: no quantity, no contact
  await byTestId(page, 'demand-submit').click()
  await page.getByText('请输入正整数数量').waitFor()
  await page.getByText('请填写联系方式').waitFor()
  await screenshot(page, 'demands-01-form-errors')
  // a contact that is neither a phone number nor a WeChat id is refused as the inquiry form refuses it
  await byTestId(page, 'demand-contact').locator('input').fill('不知道')
  await byTestId(page, 'demand-submit').click()
  await page.getByText('请填写手机号、座机号或微信号').waitFor()
  await byTestId(page, 'demand-param-检测原理').locator('input').fill('催化燃烧')
  await byTestId(page, 'demand-quantity').locator('input').fill('20')
  // a corrected field's message goes at once; the contact's stays until the contact changes
  await page.getByText('请输入正整数数量').waitFor({ state: 'detached' })
  assert.ok(await page.getByText('请填写手机号、座机号或微信号').isVisible())
  await byTestId(page, 'demand-contact').locator('input').fill('wx_caigou_wang')
  await page.getByText('请填写手机号、座机号或微信号').waitFor({ state: 'detached' })
  await page.locator('textarea:visible').fill('化工厂改造，需防爆认证')
  await screenshot(page, 'demands-02-form-filled')
  await byTestId(page, 'demand-submit').click()
  await byTestId(page, 'demand-sent').waitFor({ timeout: 20_000 })
  await screenshot(page, 'demands-03-sent')

  const mine = (await callApi(base, 'GET', '/me/demands', { token: buyerToken })).body.items
  assert.equal(mine.length, 1)
  const demand = mine[0]
  assert.ok(demand.matchedSuppliers >= 1)
  assert.deepEqual(demand.filters.enum, ['检测原理:催化燃烧'])

  const supplierToken = createStaff(ctx.app, 'supplier', '燃气供应商', supplier.id)
  const inbox = (await callApi(base, 'GET', '/supplier/demands', { token: supplierToken })).body.items
  assert.deepEqual(
    inbox.map((d) => [d.id, d.contact]),
    [[demand.id, 'wx_caigou_wang']],
  )
  const answered = await callApi(base, 'POST', `/supplier/demands/${demand.id}/answer`, {
    token: supplierToken,
    body: { note: '现货 20 台，含防爆合格证', price: 1280 },
  })
  assert.equal(answered.status, 201)

  await page.goto(`${base}/pages/me/index`)
  await page.getByText('我的求购').click()
  await byTestId(page, 'demand-row').first().waitFor({ timeout: 20_000 })
  assert.match(await byTestId(page, 'demand-row').first().innerText(), /进行中/)
  await screenshot(page, 'demands-04-list')
  await byTestId(page, 'demand-row').first().click()
  await byTestId(page, 'demand-answers').waitFor({ timeout: 20_000 })
  assert.match(await byTestId(page, 'demand-answers').innerText(), /现货 20 台/)
  await page.locator('.product-item:visible').first().waitFor({ timeout: 20_000 })
  await screenshot(page, 'demands-05-detail')
})
