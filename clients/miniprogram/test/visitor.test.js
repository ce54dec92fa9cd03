// A visitor — a new WeChat user the gateway has not seen — signs in with wx.login, has no guide yet, and registers
// with getPhoneNumber → bindPhone; the home page then shows a member.
const auth = require('../utils/auth')
const { openPage, closeAll, text, waitFor, gateway, unique } = require('./helpers')

let previousCode

beforeAll(() => {
  previousCode = global.bridge.wxCode
  global.bridge.wxCode = `sandbox:oMPTEST${unique()}`
  auth.signOut()
})

afterAll(() => {
  global.bridge.wxCode = previousCode
  auth.signOut()
})

afterEach(closeAll)

test('a visitor has no guide yet: the guide page says how to get one', async () => {
  const page = await openPage('guide')

  expect(text(page, '.guide-empty')).toContain('您还没有专属导购')
})

test('a visitor registers with the phone number WeChat authorised, and home shows a member', async () => {
  // given: the home page of a visitor offers the phone sign-up
  const home = await openPage('home')
  expect(home.querySelector('.bind-phone')).toBeTruthy()
  const phone = `186${String(Date.now()).slice(-8)}`

  // when: the getPhoneNumber button answers with a code (the sandbox's code for that phone)
  home.querySelector('.bind-phone').dispatchEvent('getphonenumber', { detail: { code: `sandbox:${phone}`, errMsg: 'getPhoneNumber:ok' } })

  // then
  await waitFor(() => !home.querySelector('.bind-phone'), { what: 'the sign-up offer to go', page: home })
  expect(global.bridge.toasts).toContain('注册成功')
  const { me } = await gateway('{ me { phone channelStatus { registered } } }', {}, auth.session().token)
  expect(me).toEqual({ phone, channelStatus: { registered: true } })
})

test('declining the phone number changes nothing', async () => {
  auth.signOut()
  global.bridge.wxCode = `sandbox:oMPTEST${unique()}`
  const home = await openPage('home')

  home.querySelector('.bind-phone').dispatchEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:fail user deny' } })
  await new Promise(resolve => setTimeout(resolve, 200))

  expect(home.querySelector('.bind-phone')).toBeTruthy()
  expect(home.querySelector('.action-error')).toBeFalsy()
})
