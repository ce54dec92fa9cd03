// The other pages against a real gateway, as the demo member: nearby stores with scene-aware coupons, the points
// history page by page, my guide, and granting and revoking a partner consent.
const auth = require('../utils/auth')
const format = require('../utils/format')
const { openPage, closeAll, text, texts, waitFor, gateway, adminToken, unique } = require('./helpers')

afterEach(closeAll)

test('nearby stores are listed nearest first, and rain puts delivery first', async () => {
  // given: the member stands at a store
  const { stores } = await gateway('{ stores(first: 1) { edges { node { name location { latitude longitude } } } } }')
  const store = stores.edges[0].node
  global.bridge.location = { latitude: store.location.latitude, longitude: store.location.longitude }

  // when
  const page = await openPage('stores')

  // then
  expect(texts(page, '.store-name')[0]).toBe(store.name)
  expect(texts(page, '.store-distance')[0]).toBe('0米')
  const scene = async weather => (await gateway('query ($c: RecommendationContextInput!) { recommendedCoupons(context: $c) { scene } }',
    { c: { location: global.bridge.location, weather } }, auth.session().token)).recommendedCoupons.scene
  expect(text(page, '.scene-text')).toBe(await scene('SUNNY') === 'GO_OUT' // fine weather: by day go out, late evening stay in
    ? '天气不错，去门店逛逛吧：以下优惠到店可用' : '夜深了，足不出户：外送到家优惠优先推荐')

  // when: it rains
  page.querySelector('.weather').dispatchEvent('change', { detail: { value: 2 } })

  // then: stay in, whatever the hour; each recommendation says why, in Chinese
  await waitFor(() => text(page, '.scene-text') === '天气不好，足不出户：外送到家优惠优先推荐', { what: 'the rainy scene', page })
  const { recommendedCoupons } = await gateway(`query ($c: RecommendationContextInput!) { recommendedCoupons(context: $c) { items { reason } } }`,
    { c: { location: global.bridge.location, weather: 'RAIN' } }, auth.session().token)
  expect(texts(page, '.recommendation-reason')).toEqual(recommendedCoupons.items.map(i => i.reason))
})

test('without location permission the stores are still listed, with the reason shown', async () => {
  global.bridge.locationDenied = true
  try {
    const page = await openPage('stores')
    expect(text(page, '.location-error')).toContain('未获得位置权限')
    expect(texts(page, '.store-name').length).toBeGreaterThan(0)
    expect(page.querySelector('.scene')).toBeFalsy()
  } finally {
    global.bridge.locationDenied = false
  }
})

test('the points history pages through the ledger, newest first', async () => {
  // given: more entries than one page holds (each order earns one)
  const token = auth.session() ? auth.session().token : await auth.ensureSignedIn()
  const { me } = await gateway('{ me { id } }', {}, token)
  for (let i = 0; i < 21; i++) {
    const data = await gateway(`mutation ($input: RecordOrderInput!) { recordOrder(input: $input) { errors { code } } }`, {
      input: {
        channel: 'MINI_PROGRAM', channelOrderId: `MP-HISTORY-${unique()}`, member: { id: me.id }, paidAmountCents: 1000 + i,
        paidAt: new Date().toISOString(), lines: [{ sku: 'FRUIT-APPLE', category: 'DOMESTIC_FRUIT', quantity: 1, amountCents: 1000 + i }],
      },
    }, adminToken())
    expect(data.recordOrder.errors).toEqual([])
  }
  const ledger = (await gateway('{ me { points { ledger(first: 25) { edges { node { reason } } } } } }', {}, token)).me.points.ledger

  // when
  const page = await openPage('points')

  // then: one page, then the next
  expect(page.querySelectorAll('.entry').length).toBe(20)
  expect(texts(page, '.entry-reason')).toEqual(ledger.edges.slice(0, 20).map(e => e.node.reason))
  expect(texts(page, '.entry-reason')[0]).toMatch(/^消费得积分：小程序订单 MP-HISTORY-/)
  page.querySelector('.more').dispatchEvent('tap')
  await waitFor(() => page.querySelectorAll('.entry').length > 20, { what: 'the second page', page })
  expect(texts(page, '.entry-reason').slice(20, 25)).toEqual(ledger.edges.slice(20, 25).map(e => e.node.reason))
})

test('my guide shows the exclusive guide and their store', async () => {
  const { me } = await gateway('{ me { exclusiveGuide { name store { name } } } }', {}, await auth.ensureSignedIn())

  const page = await openPage('guide')

  expect(me.exclusiveGuide).toBeTruthy() // the demo member has one
  expect(text(page, '.guide-name')).toBe(me.exclusiveGuide.name)
  expect(text(page, '.store-name')).toBe(me.exclusiveGuide.store.name)
})

test('a partner consent is granted and revoked, and the ledger shows both', async () => {
  // given: a partner the member does not share with yet
  const data = await gateway(`{ consentablePartners(first: 50) { edges { node { id name } } }
    me { partnerConsents { partner { id } purpose } } }`, {}, await auth.ensureSignedIn())
  const partner = data.consentablePartners.edges.map(e => e.node)
    .find(p => !data.me.partnerConsents.some(c => c.partner.id === p.id && c.purpose === 'BENEFITS'))
  expect(partner).toBeTruthy()
  const page = await openPage('consents')
  const button = () => page.querySelectorAll('.toggle')
    .find(b => b.dom.getAttribute('data-partner') === partner.id && b.dom.getAttribute('data-purpose') === 'BENEFITS')
  expect(button().dom.textContent.trim()).toBe('授权')

  // when: granted
  button().dispatchEvent('tap')

  // then
  await waitFor(() => button().dom.textContent.trim() === '撤回', { what: 'the consent granted', page })
  expect(texts(page, '.ledger-entry')[0]).toContain(`授权「${partner.name}」共享会员等级与权益`)

  // when: revoked
  button().dispatchEvent('tap')

  // then
  await waitFor(() => button().dom.textContent.trim() === '授权', { what: 'the consent revoked', page })
  expect(texts(page, '.ledger-entry')[0]).toContain(`撤回「${partner.name}」共享会员等级与权益`)
})
