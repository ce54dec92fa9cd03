// Opening pages the way WeChat would, waiting for what they show, and talking to the gateway as the test itself
// (an admin defining a coupon or recording an order) — never through the page under test.
const path = require('path')
const http = require('http')
const simulate = require('miniprogram-simulate')

const root = path.join(__dirname, '..')
const opened = []
const loaded = new Map() // page name → simulate's component id: a page's js runs once per test file (as in WeChat)

/**
 * Renders pages/<name>/index with miniprogram-simulate and runs its page lifecycle (onLoad, then onShow when it has
 * one), as WeChat does when the page opens. The pages are Component()s, which simulate renders as components.
 */
async function openPage(name, query = {}) {
  if (!loaded.has(name)) loaded.set(name, simulate.load(path.join(root, 'pages', name, 'index'), { compiler: 'simulate', rootPath: root }))
  const page = simulate.render(loaded.get(name))
  page.attach(document.createElement('parent-wrapper'))
  opened.push(page)
  await page.instance.onLoad(query)
  if (page.instance.onShow) await page.instance.onShow()
  return page
}

/** Closes a page as WeChat does when it leaves the stack (onUnload), and detaches it. */
function closePage(page) {
  if (page.instance.onUnload) page.instance.onUnload()
  page.detach()
  const i = opened.indexOf(page)
  if (i >= 0) opened.splice(i, 1)
}

function closeAll() {
  opened.slice().forEach(closePage)
}

function text(page, selector) {
  const node = page.querySelector(selector)
  return node ? node.dom.textContent.trim() : null
}

function texts(page, selector) {
  return page.querySelectorAll(selector).map(node => node.dom.textContent.trim())
}

/** Polls until check() returns something truthy (and returns it); fails with the last value and the page's text. */
async function waitFor(check, { timeout = 15000, interval = 50, what = 'the condition', page } = {}) {
  const until = Date.now() + timeout
  let last
  for (;;) {
    try {
      last = await check()
      if (last) return last
    } catch (err) {
      last = err
    }
    if (Date.now() > until) {
      const shown = page ? `\npage text: ${page.dom.textContent.replace(/\s+/g, ' ').trim()}` : ''
      throw new Error(`Timed out waiting for ${what}; last: ${last && last.stack ? last.stack : JSON.stringify(last)}${shown}`)
    }
    await simulate.sleep(interval)
  }
}

/** A GraphQL request made by the test itself (not the app), with its own token. */
function gateway(query, variables, token) {
  const body = JSON.stringify({ query, variables: variables || {} })
  const url = new URL(`${global.bridge.gatewayUrl}/graphql`)
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }, res => {
      const chunks = []
      res.on('data', c => chunks.push(c))
      res.on('end', () => {
        const json = JSON.parse(Buffer.concat(chunks).toString('utf8'))
        if (json.errors && json.errors.length) reject(new Error(`${json.errors[0].message} (${JSON.stringify(json.errors[0].extensions)})`))
        else resolve(json.data)
      })
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** The admin token the test drives the gateway with (MEMBERGRAPH_ADMIN_TOKEN: the xunit test mints it; by hand, dev-token). */
function adminToken() {
  const token = process.env.MEMBERGRAPH_ADMIN_TOKEN
  if (!token) throw new Error('Set MEMBERGRAPH_ADMIN_TOKEN (dotnet run --project src/MemberGraph.Api -- dev-token --role admin): see clients/miniprogram/README.md')
  return token
}

let sequence = 0
/** A unique suffix per run, for names and channel order ids. */
function unique() {
  sequence += 1
  return `${Date.now().toString(36)}${process.pid.toString(36)}${sequence}`
}

module.exports = { openPage, closePage, closeAll, text, texts, waitFor, gateway, adminToken, unique, sleep: simulate.sleep }
