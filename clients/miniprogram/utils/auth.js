// The member's session: wx.login → signInWithWeChat gives a gateway token (kept in storage until shortly before it
// expires); getPhoneNumber → bindPhone registers the member and may switch to another member's token (a merge).
const config = require('../config')
const { request, payloadOf } = require('./graphql')
const { GatewayError } = require('./errors')

const SESSION_KEY = 'membergraph.session'
const RENEW_BEFORE_MS = 5 * 60 * 1000

let signingIn = null
const listeners = []

function session() {
  const saved = wx.getStorageSync(SESSION_KEY)
  return saved && saved.token ? saved : null
}

function usable(saved) {
  return !!saved && Date.parse(saved.expiresAt) - Date.now() > RENEW_BEFORE_MS
}

function save(payload) {
  const previous = session()
  wx.setStorageSync(SESSION_KEY, { token: payload.token, expiresAt: payload.expiresAt, memberId: payload.member && payload.member.id })
  if (!previous || previous.token !== payload.token) listeners.forEach(listener => listener())
}

function wxLogin() {
  return new Promise((resolve, reject) => {
    wx.login({
      success: res => (res.code ? resolve(config.devLoginCode || res.code) : reject(new GatewayError('WECHAT_LOGIN_FAILED', res.errMsg))),
      fail: res => reject(new GatewayError('WECHAT_LOGIN_FAILED', res && res.errMsg)),
    })
  })
}

async function signIn() {
  const code = await wxLogin()
  const data = await request('SignIn', { code })
  const payload = payloadOf(data.signInWithWeChat)
  save(payload)
  return payload.token
}

/** A usable token: the saved one, or a new sign-in (one at a time, however many pages ask). */
function ensureSignedIn() {
  const saved = session()
  if (usable(saved)) return Promise.resolve(saved.token)
  if (!signingIn) {
    signingIn = signIn().then(
      token => { signingIn = null; return token },
      err => { signingIn = null; throw err })
  }
  return signingIn
}

/** Registers with the phone the member authorised (the code of the getPhoneNumber button event). */
async function bindPhone(phoneCode) {
  const token = await ensureSignedIn()
  const data = await request('BindPhone', { phoneCode }, { token })
  const payload = payloadOf(data.bindPhone)
  save(payload)
  return payload
}

function signOut() {
  wx.removeStorageSync(SESSION_KEY)
}

/** Called whenever the token changes (a new sign-in, a merge on bindPhone): the live socket reconnects with it. */
function onTokenChange(listener) {
  listeners.push(listener)
}

module.exports = { ensureSignedIn, bindPhone, signOut, onTokenChange, session }
