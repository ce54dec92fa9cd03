// The wx APIs of the mini-program, bridged for tests. miniprogram-simulate provides `wx` with inert mocks; these
// replace the ones the app relies on:
// - wx.request → a real HTTP request (Node's http) to the gateway,
// - wx.connectSocket → a real WebSocket (the ws package) speaking whatever the app speaks (graphql-transport-ws),
// - wx.login → the Tencent sandbox's deterministic code (MEMBERGRAPH_WX_CODE, default the demo member oMG000000001),
// - storage in memory, wx.getLocation from bridge.location, toasts and modals recorded / confirmed.
// Every URL requested or connected to is kept in bridge.urls, so a test can check that no token travels in one.
require('miniprogram-simulate') // installs global.wx and Component
const http = require('http')
const https = require('https')
const WebSocket = require('ws')

const bridge = {
  gatewayUrl: (process.env.MEMBERGRAPH_URL || 'http://localhost:5080').replace(/\/+$/, ''),
  wxCode: process.env.MEMBERGRAPH_WX_CODE || 'sandbox:oMG000000001',
  location: { latitude: 31.2304, longitude: 121.4737 },
  locationDenied: false,
  phoneCode: null,
  urls: [],
  toasts: [],
  sockets: [],
  storage: new Map(),
  /** When set, a request whose JSON body it returns true for has its answer held back until release() is called. */
  holdAnswer: null,
  held: [],
  /** Delivers the held answers (in the order given, or as held) and resolves once the pages have received them. */
  async release() {
    const held = bridge.held.splice(0)
    for (const deliver of held) deliver()
    await new Promise(resolve => setTimeout(resolve, 0))
  },
}
global.bridge = bridge

require('../config').gatewayUrl = bridge.gatewayUrl

function ok(name, extra) {
  return { errMsg: `${name}:ok`, ...extra }
}

function asyncApi(name, run) {
  return (options = {}) => {
    const promise = new Promise((resolve, reject) => {
      Promise.resolve().then(run.bind(null, options)).then(
        res => resolve(ok(name, res)),
        err => reject({ errMsg: `${name}:fail ${err && err.message ? err.message : err}` }))
    })
    if (!options.success && !options.fail && !options.complete) return promise
    promise.then(res => { if (options.success) options.success(res); if (options.complete) options.complete(res) },
      res => { if (options.fail) options.fail(res); if (options.complete) options.complete(res) })
    return undefined
  }
}

function request(options) {
  bridge.urls.push(options.url)
  const url = new URL(options.url)
  const body = options.data === undefined ? undefined
    : typeof options.data === 'string' ? options.data : JSON.stringify(options.data)
  const held = Boolean(bridge.holdAnswer && body && bridge.holdAnswer(JSON.parse(body)))
  let req
  const task = { abort() { if (req) req.destroy(new Error('abort')) }, onHeadersReceived() {}, offHeadersReceived() {} }
  const fail = err => {
    const res = { errMsg: `request:fail ${err.message}` }
    if (options.fail) options.fail(res)
    if (options.complete) options.complete(res)
  }
  req = (url.protocol === 'https:' ? https : http).request(url, {
    method: options.method || 'GET',
    headers: { ...(options.header || {}), ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) },
    timeout: options.timeout || 60000,
  }, response => {
    const chunks = []
    response.on('data', chunk => chunks.push(chunk))
    response.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      let data = text
      if ((options.dataType || 'json') === 'json') {
        try { data = JSON.parse(text) } catch (e) { data = text }
      }
      const res = { data, statusCode: response.statusCode, header: response.headers, cookies: [], errMsg: 'request:ok' }
      const deliver = () => {
        if (options.success) options.success(res)
        if (options.complete) options.complete(res)
      }
      if (held) bridge.held.push(deliver)
      else deliver()
    })
  })
  req.on('timeout', () => req.destroy(new Error('timeout')))
  req.on('error', fail)
  if (body) req.write(body)
  req.end()
  return task
}

function connectSocket(options) {
  bridge.urls.push(options.url)
  const socket = new WebSocket(options.url, options.protocols || [], { headers: options.header || {} })
  bridge.sockets.push(socket)
  const handlers = { open: [], close: [], error: [], message: [] }
  const emit = (kind, event) => handlers[kind].slice().forEach(h => h(event))
  socket.on('open', () => emit('open', { header: {}, profile: {} }))
  socket.on('message', (data, isBinary) => emit('message', { data: isBinary ? data : data.toString('utf8') }))
  socket.on('error', err => emit('error', { errMsg: err.message }))
  socket.on('close', (code, reason) => {
    bridge.sockets = bridge.sockets.filter(s => s !== socket)
    emit('close', { code, reason: reason.toString('utf8') })
  })
  setTimeout(() => { if (options.success) options.success({ errMsg: 'connectSocket:ok' }) }, 0)
  return {
    send({ data, success, fail } = {}) {
      socket.send(data, err => {
        if (err && fail) fail({ errMsg: `sendSocketMessage:fail ${err.message}` })
        else if (!err && success) success({ errMsg: 'sendSocketMessage:ok' })
      })
    },
    close({ code, reason, success } = {}) {
      socket.close(code || 1000, reason || '')
      if (success) success({ errMsg: 'closeSocket:ok' })
    },
    onOpen: h => handlers.open.push(h),
    onClose: h => handlers.close.push(h),
    onError: h => handlers.error.push(h),
    onMessage: h => handlers.message.push(h),
  }
}

Object.assign(global.wx, {
  request,
  connectSocket,
  login: asyncApi('login', () => ({ code: bridge.wxCode })),
  getLocation: asyncApi('getLocation', () => {
    if (bridge.locationDenied) throw new Error('auth deny')
    return { ...bridge.location, accuracy: 30 }
  }),
  getStorageSync: key => (bridge.storage.has(key) ? bridge.storage.get(key) : ''),
  setStorageSync: (key, value) => { bridge.storage.set(key, value) },
  removeStorageSync: key => { bridge.storage.delete(key) },
  showToast: asyncApi('showToast', options => { bridge.toasts.push(options.title) }),
  showModal: asyncApi('showModal', () => ({ confirm: true, cancel: false })),
  stopPullDownRefresh: asyncApi('stopPullDownRefresh', () => ({})),
  makePhoneCall: asyncApi('makePhoneCall', () => ({})),
  previewImage: asyncApi('previewImage', () => ({})),
  setClipboardData: asyncApi('setClipboardData', () => ({})),
})

/** Ends every open socket abruptly (no close frame), as a lost network would: the app has to reconnect. */
bridge.dropSockets = () => {
  bridge.sockets.forEach(s => s.terminate())
}

afterAll(() => {
  bridge.sockets.forEach(s => s.terminate())
})
