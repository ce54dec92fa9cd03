// Coupons against a real gateway: claiming a coupon from the coupon centre shows it in the member's list (and on the
// home page, pushed by couponUpdated); a refused exchange shows the gateway's reason.
const ws = require('../utils/ws')
const { openPage, closeAll, text, texts, waitFor, gateway, adminToken, unique } = require('./helpers')

const DEFINE = `mutation ($input: DefineCouponTemplateInput!) {
  defineCouponTemplate(input: $input) { couponTemplate { id name } errors { code message } } }`

afterEach(closeAll)

/** A fresh template the demo member can get now: claimable, or for points only. */
async function defineTemplate({ name, claimable = true, pointsPrice = null, amountOffCents = 800 }) {
  const data = await gateway(DEFINE, {
    input: {
      name, kind: 'IN_STORE', claimable, pointsPrice, totalStock: 100, perMemberLimit: 1, thresholdCents: 5000,
      value: { amountOffCents }, validity: { daysAfterIssue: 30 },
    },
  }, adminToken())
  expect(data.defineCouponTemplate.errors).toEqual([])
  return data.defineCouponTemplate.couponTemplate
}

/** The offer's button (.claim or .exchange) of a template, found by the data-id it carries. */
function offerButton(page, selector, templateId) {
  return page.querySelectorAll(selector).find(button => button.dom.getAttribute('data-id') === templateId)
}

test('claiming a coupon in the coupon centre shows it in my coupons, and on the home page', async () => {
  // given: a template to claim, the home page and the coupons page open
  const template = await defineTemplate({ name: `小程序测试券 ${unique()}` })
  const home = await openPage('home')
  const coupons = await openPage('coupons')
  await waitFor(() => ws.isLive(), { what: 'the live socket' })
  const claim = offerButton(coupons, '.claim', template.id)
  expect(claim).toBeTruthy()
  expect(texts(coupons, '.coupon-name')).not.toContain(template.name)

  // when
  claim.dispatchEvent('tap')

  // then
  await waitFor(() => texts(coupons, '.coupon-name').includes(template.name), { what: 'the claimed coupon in my coupons', page: coupons })
  expect(global.bridge.toasts).toContain(`已领取「${template.name}」`)
  await waitFor(() => texts(home, '.coupon-name').includes(template.name), { what: 'the coupon on home (couponUpdated)', page: home })
})

test('claiming it again is refused and the page shows why', async () => {
  // given: a coupon of a one-per-member template already claimed
  const template = await defineTemplate({ name: `限领一张 ${unique()}` })
  const coupons = await openPage('coupons')
  offerButton(coupons, '.claim', template.id).dispatchEvent('tap')
  await waitFor(() => texts(coupons, '.coupon-name').includes(template.name) && !coupons.instance.data.busy, { what: 'the first claim', page: coupons })

  // when
  offerButton(coupons, '.claim', template.id).dispatchEvent('tap')

  // then: the refusal's code in Chinese and the gateway's message
  await waitFor(() => coupons.querySelector('.action-error'), { what: 'the refusal', page: coupons })
  expect(text(coupons, '.action-error .error-title')).toBe('已达领取上限')
  expect(text(coupons, '.action-error .error-detail').length).toBeGreaterThan(0)
  expect(global.bridge.toasts).toContain('已达领取上限')
})

test('an exchange the points do not cover is refused with the gateway\'s message', async () => {
  // given: a template priced far above any balance
  const template = await defineTemplate({ name: `积分兑换测试 ${unique()}`, claimable: false, pointsPrice: 900000 })
  const coupons = await openPage('coupons')
  expect(offerButton(coupons, '.claim', template.id)).toBeFalsy()

  // when
  offerButton(coupons, '.exchange', template.id).dispatchEvent('tap')

  // then
  await waitFor(() => coupons.querySelector('.action-error'), { what: 'the refusal', page: coupons })
  expect(text(coupons, '.action-error .error-title')).toBe('积分不足')
  expect(text(coupons, '.action-error .error-detail')).toMatch(/\S/)
  expect(texts(coupons, '.coupon-name')).not.toContain(template.name)
})

test('the status tabs filter my coupons', async () => {
  const coupons = await openPage('coupons')
  const available = texts(coupons, '.coupon').length
  expect(available).toBeGreaterThan(0)

  coupons.querySelectorAll('.tab').find(t => t.dom.textContent.trim() === '已使用').dispatchEvent('tap')

  await waitFor(() => coupons.querySelectorAll('.coupon').every(c => c.dom.textContent.includes('已使用')), { what: 'only used coupons', page: coupons })
  expect(texts(coupons, '.tab.active')).toEqual(['已使用'])
})

test('an older answer arriving late never overwrites the tab chosen since', async () => {
  // given: the coupons page on its available coupons, and a reload of them (as couponUpdated starts one) whose answer is slow
  const coupons = await openPage('coupons')
  expect(texts(coupons, '.coupon').length).toBeGreaterThan(0)
  global.bridge.holdAnswer = body => body.operationName === 'MyCoupons' && body.variables.status === 'AVAILABLE'
  try {
    const reload = coupons.instance.loadCoupons()
    await waitFor(() => global.bridge.held.length > 0, { what: 'the held answer' })
    global.bridge.holdAnswer = null

    // when: the member switches to the used coupons (what a tap on 已使用 runs), and only then the older answer arrives
    await coupons.instance.switchTab({ currentTarget: { dataset: { key: 'REDEEMED' } } })
    const used = texts(coupons, '.coupon')
    await global.bridge.release()
    await reload

    // then: still the used coupons only
    expect(texts(coupons, '.tab.active')).toEqual(['已使用'])
    expect(texts(coupons, '.coupon')).toEqual(used)
    expect(coupons.instance.data.coupons.every(c => c.until.endsWith('已使用'))).toBe(true)
  } finally {
    global.bridge.holdAnswer = null
    await global.bridge.release()
  }
})
