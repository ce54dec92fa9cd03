// The home page against a real gateway: the signed-in demo member's tier, points and coupons as the gateway has
// them, a till order moving the points on screen through pointsChanged, and the socket coming back after it dropped.
const auth = require('../utils/auth')
const ws = require('../utils/ws')
const format = require('../utils/format')
const { openPage, closeAll, text, texts, waitFor, gateway, adminToken, unique } = require('./helpers')

const ME = `{ me { id displayName tier { name growth nextLevelGrowth nextLevelName } points { balance pending }
  coupons(status: AVAILABLE, first: 5) { totalCount edges { node { template { name } } } } } }`

const RECORD_ORDER = `mutation ($input: RecordOrderInput!) {
  recordOrder(input: $input) { order { id pointsEarned } errors { code message } } }`

afterEach(closeAll)

/** A POS order at store 1 for whoever shows this member code, as the till records it. */
async function recordTillOrder(memberCode, paidCents) {
  const data = await gateway(RECORD_ORDER, {
    input: {
      channel: 'POS',
      channelOrderId: `MP-TEST-${unique()}`,
      storeId: '1',
      member: { memberCode },
      paidAmountCents: paidCents,
      paidAt: new Date().toISOString(),
      lines: [{ sku: 'FRUIT-CHERRY-1KG', category: 'IMPORTED_FRUIT', quantity: 1, amountCents: paidCents }],
    },
  }, adminToken())
  expect(data.recordOrder.errors).toEqual([])
  return data.recordOrder.order
}

test('home renders the signed-in demo member\'s tier, points and coupons', async () => {
  // when
  const home = await openPage('home')

  // then: what the gateway says about the member signed in with the sandbox wx.login code
  const { me } = await gateway(ME, {}, auth.session().token)
  expect(text(home, '.member-name')).toBe(me.displayName)
  expect(text(home, '.tier-name')).toBe(me.tier.name)
  expect(text(home, '.growth')).toBe(`成长值 ${format.yuan(me.tier.growth)}`)
  if (me.tier.nextLevelGrowth) {
    expect(text(home, '.tier-next')).toBe(`再消费 ${format.yuan(me.tier.nextLevelGrowth - me.tier.growth)} 升级为${me.tier.nextLevelName}`)
  }
  expect(text(home, '.points-balance')).toBe(format.groupDigits(me.points.balance))
  expect(text(home, '.points-pending')).toBe(`待入账 ${format.groupDigits(me.points.pending)}`)
  expect(me.coupons.totalCount).toBeGreaterThan(0) // the demo member holds coupons
  expect(texts(home, '.coupon-name')).toEqual(me.coupons.edges.map(e => e.node.template.name))
  expect(text(home, '.member-code')).toMatch(/^[0-9A-Z]{32}$/)
  expect(home.querySelector('.state')).toBeFalsy() // neither loading nor error
})

test('an order recorded at the till moves the points on screen without a reload', async () => {
  // given: home open, its subscriptions registered
  const home = await openPage('home')
  await waitFor(() => ws.isLive(), { what: 'the live socket' })
  const before = await gateway(ME, {}, auth.session().token)

  // when: the till scans the code on screen and records an order
  const order = await recordTillOrder(text(home, '.member-code'), 12800)

  // then: pending points (the return window) move by what the order earned, from the pushed event
  expect(order.pointsEarned).toBeGreaterThan(0)
  const expected = `待入账 ${format.groupDigits(before.me.points.pending + order.pointsEarned)}`
  await waitFor(() => text(home, '.points-pending') === expected, { what: expected, page: home })
  expect(text(home, '.live')).toContain(`+${order.pointsEarned} 积分待入账`)
})

test('a dropped socket reconnects and live updates keep coming', async () => {
  // given
  const home = await openPage('home')
  await waitFor(() => ws.isLive(), { what: 'the live socket' })

  // when: the connection is lost (no close frame), then comes back by itself
  global.bridge.dropSockets()
  await waitFor(() => !ws.isLive(), { what: 'the app to notice the drop' })
  await waitFor(() => ws.isLive(), { what: 'the socket to reconnect', timeout: 20000 })
  const before = await gateway(ME, {}, auth.session().token)
  const order = await recordTillOrder(text(home, '.member-code'), 5900)

  // then
  const expected = `待入账 ${format.groupDigits(before.me.points.pending + order.pointsEarned)}`
  await waitFor(() => text(home, '.points-pending') === expected, { what: expected, page: home })
})

test('when the gateway cannot be reached, home says so, and retrying loads it', async () => {
  const config = require('../config')
  await auth.ensureSignedIn()
  config.gatewayUrl = 'http://127.0.0.1:9' // nothing listens there
  try {
    // when
    const home = await openPage('home')

    // then: the error state, with the reason
    expect(text(home, '.state.error .error-title')).toBe('网络不给力，请稍后重试')
    expect(text(home, '.state.error .error-detail')).toMatch(/request:fail/)

    // when: the network is back and the member taps retry
    config.gatewayUrl = global.bridge.gatewayUrl
    home.querySelector('.retry').dispatchEvent('tap')

    // then
    await waitFor(() => text(home, '.member-name'), { what: 'home after the retry', page: home })
  } finally {
    config.gatewayUrl = global.bridge.gatewayUrl
  }
})

test('no token ever travels in a URL', async () => {
  await openPage('home')
  await waitFor(() => ws.isLive(), { what: 'the live socket' })
  const token = auth.session().token
  expect(global.bridge.urls.length).toBeGreaterThan(0)
  expect(global.bridge.urls.filter(url => url.includes(token) || /token|bearer/i.test(url))).toEqual([])
})
