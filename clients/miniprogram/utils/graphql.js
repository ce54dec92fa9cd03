// A small GraphQL client over wx.request. Documents are the files of operations/ (bundled in ./operations.js by
// `npm run gen`) and are sent by name, exactly as written: nothing here builds a query string. The token goes in the
// Authorization header, never in the URL.
const config = require('../config')
const operations = require('./operations')
const { GatewayError } = require('./errors')

function post(body, token) {
  return new Promise((resolve, reject) => {
    const header = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' }
    if (token) header.Authorization = `Bearer ${token}`
    wx.request({
      url: `${config.gatewayUrl}/graphql`,
      method: 'POST',
      header,
      data: body,
      timeout: 15000,
      success: resolve,
      fail: res => reject(new GatewayError('NETWORK_ERROR', (res && res.errMsg) || 'request:fail')),
    })
  })
}

/**
 * Runs the named operation and resolves with its data. A GraphQL error (refused document, authorization, bad input)
 * rejects with a GatewayError carrying extensions.code; so does a transport failure (NETWORK_ERROR, HTTP_<status>).
 */
async function request(name, variables, options = {}) {
  const query = operations[name]
  if (!query) throw new Error(`Unknown operation ${name}: add operations/${name}.graphql and run npm run gen`)
  const res = await post({ query, variables: variables || {}, operationName: name }, options.token)
  const body = res.data
  if (!body || typeof body !== 'object') {
    throw new GatewayError(`HTTP_${res.statusCode}`, `The gateway answered ${res.statusCode} without a GraphQL body`)
  }
  if (Array.isArray(body.errors) && body.errors.length > 0) {
    const first = body.errors[0]
    throw new GatewayError((first.extensions && first.extensions.code) || 'GRAPHQL_ERROR', first.message)
  }
  if (!body.data) throw new GatewayError(`HTTP_${res.statusCode}`, 'The gateway answered without data')
  return body.data
}

/** Runs the named operation as the signed-in member: signs in first when needed, and once more if the token was refused. */
async function call(name, variables) {
  const auth = require('./auth') // auth signs in through request(): required here to avoid a load-time cycle
  const token = await auth.ensureSignedIn()
  try {
    return await request(name, variables, { token })
  } catch (err) {
    if (err.code !== 'AUTH_NOT_AUTHENTICATED') throw err
    auth.signOut()
    return request(name, variables, { token: await auth.ensureSignedIn() })
  }
}

/** A mutation payload, or its first UserError thrown as a GatewayError (the payload's errors say why it refused). */
function payloadOf(payload) {
  if (payload && Array.isArray(payload.errors) && payload.errors.length > 0) {
    const first = payload.errors[0]
    throw new GatewayError(first.code, first.message, first.field)
  }
  return payload
}

module.exports = { request, call, payloadOf }
