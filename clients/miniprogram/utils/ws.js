// Live updates: the graphql-transport-ws protocol (the graphql-ws npm client's) over wx.connectSocket. One socket for
// the whole mini-program, opened with the first subscription and closed after the last. The token goes in
// connection_init, never in the URL. A dropped socket reconnects with backoff (1 s, 2 s, 4 s … 30 s) and subscribes
// again; each sink's reconnected() then lets its page refetch what it may have missed. A 4403 close (token expired or
// refused) signs in again first. A ping follows each batch of subscribes: the gateway handles a connection's messages
// in order, so its pong says those subscriptions are registered (isLive) and no event after it is missed.
const config = require('../config')
const operations = require('./operations')
const auth = require('./auth')
const { GatewayError } = require('./errors')

const subscriptions = new Map() // id → { name, variables, sink, confirmedBy: the ping whose pong confirms it, or null }
let socket = null
let connecting = false
let ready = false
let connectedBefore = false
let retries = 0
let reconnectTimer = null
let nextId = 1
let pingsSent = 0
let pongsReceived = 0

auth.onTokenChange(() => {
  if (!socket) return
  dropSocket() // the old member's socket: open a new one with the new token
  connect()
})

function url() {
  return `${config.gatewayUrl.replace(/^http/, 'ws')}/graphql`
}

function send(message) {
  if (socket) socket.send({ data: JSON.stringify(message) })
}

function dropSocket() {
  const task = socket
  socket = null
  ready = false
  subscriptions.forEach(sub => { sub.confirmedBy = null })
  if (task) task.close({ code: 1000, reason: 'closed by the client' })
}

function sendSubscribe(ids) {
  ids.forEach(id => {
    const sub = subscriptions.get(id)
    send({ id, type: 'subscribe', payload: { query: operations[sub.name], variables: sub.variables || {}, operationName: sub.name } })
    sub.confirmedBy = pingsSent + 1
  })
  pingsSent += 1
  send({ type: 'ping' })
}

async function connect() {
  if (socket || connecting || reconnectTimer || subscriptions.size === 0) return
  connecting = true // signing in may take a moment: a second subscribe meanwhile must not open another socket
  let token
  try {
    token = await auth.ensureSignedIn()
  } catch (err) {
    connecting = false
    scheduleReconnect()
    return
  }
  connecting = false
  if (socket || subscriptions.size === 0) return

  const task = wx.connectSocket({ url: url(), protocols: ['graphql-transport-ws'], timeout: 15000, fail() {} })
  socket = task
  task.onOpen(() => send({ type: 'connection_init', payload: { Authorization: `Bearer ${token}` } }))
  task.onMessage(event => { if (socket === task) handle(event.data) })
  task.onError(() => {}) // onClose follows and reconnects
  task.onClose(event => {
    if (socket !== task) return // closed on purpose
    socket = null
    ready = false
    subscriptions.forEach(sub => { sub.confirmedBy = null })
    if (event && event.code === 4403) auth.signOut() // expired or refused token: sign in again on reconnect
    scheduleReconnect()
  })
}

function scheduleReconnect() {
  if (reconnectTimer || subscriptions.size === 0) return
  const delay = Math.min(30000, 1000 * 2 ** retries)
  retries += 1
  reconnectTimer = setTimeout(() => {
    reconnectTimer = null
    connect()
  }, delay)
}

function handle(raw) {
  let message
  try {
    message = JSON.parse(raw)
  } catch (err) {
    return
  }
  const sub = message.id ? subscriptions.get(message.id) : null
  switch (message.type) {
    case 'connection_ack': {
      ready = true
      retries = 0
      pingsSent = 0
      pongsReceived = 0
      const reconnected = connectedBefore
      connectedBefore = true
      sendSubscribe([...subscriptions.keys()])
      if (reconnected) subscriptions.forEach(sub => { if (sub.sink.reconnected) sub.sink.reconnected() })
      break
    }
    case 'ping':
      send({ type: 'pong' })
      break
    case 'pong':
      pongsReceived += 1
      break
    case 'next':
      if (sub && message.payload && message.payload.data) sub.sink.next(message.payload.data)
      else if (sub && message.payload && message.payload.errors) fail(message.id, message.payload.errors)
      break
    case 'error':
      if (sub) fail(message.id, message.payload)
      break
    case 'complete':
      if (sub) subscriptions.delete(message.id)
      break
    default:
      break
  }
}

function fail(id, errors) {
  const sub = subscriptions.get(id)
  subscriptions.delete(id)
  const first = (Array.isArray(errors) && errors[0]) || {}
  if (sub.sink.error) sub.sink.error(new GatewayError((first.extensions && first.extensions.code) || 'GRAPHQL_ERROR', first.message))
}

/**
 * Subscribes to the named subscription document. sink: { next(data), error(err)?, reconnected()? }.
 * Returns the function that ends it (the socket closes with the last one).
 */
function subscribe(name, variables, sink) {
  if (!operations[name]) throw new Error(`Unknown operation ${name}: add operations/${name}.graphql and run npm run gen`)
  const id = String(nextId++)
  subscriptions.set(id, { name, variables, sink, confirmedBy: null })
  if (ready) sendSubscribe([id])
  else connect()
  return () => {
    const sub = subscriptions.get(id)
    if (!sub) return
    subscriptions.delete(id)
    if (ready && sub.confirmedBy !== null) send({ id, type: 'complete' })
    if (subscriptions.size === 0) closeNow()
  }
}

function closeNow() {
  if (reconnectTimer) clearTimeout(reconnectTimer)
  reconnectTimer = null
  retries = 0
  dropSocket()
}

/** Whether the socket is acknowledged and the gateway has registered every subscription (for tests and diagnostics). */
function isLive() {
  if (!ready) return false
  for (const sub of subscriptions.values()) if (sub.confirmedBy === null || sub.confirmedBy > pongsReceived) return false
  return true
}

module.exports = { subscribe, isLive }
