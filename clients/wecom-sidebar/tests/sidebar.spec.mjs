// The sidebar in headless Chromium (Debian's chromium, driven by playwright-core) against a running sandboxed MemberGraph
// and serve.mjs. Only the WeCom JS-SDK is faked, at its boundary: the page's request for /vendor/wecom-jssdk.js is
// answered with a module of the SDK's shape whose getCurExternalContact returns a demo customer's external user id; the
// page's own code, serve.mjs, the gateway and the sandbox's OAuth and ticket APIs are all real.
//
// Environment (the xunit test WeComSidebarBrowserTests sets it; see README):
//   SIDEBAR_URL        serve.mjs, e.g. http://127.0.0.1:5090/
//   MEMBERGRAPH_URL    the gateway itself (the test records orders there as a channel integration would)
//   GUIDE_OAUTH_CODE   the sandbox OAuth code of the guide, e.g. sandbox:guide0001
//   GUIDE_CODE         that guide's code (orders carrying it credit the guide)
//   STORE_ID           that guide's store
//   EXTERNAL_USER_ID   one of that guide's customers (as demo-accounts lists them)
//   COLLEAGUE_CUSTOMER_EXTERNAL_USER_ID  optional: a store colleague's customer (the reduced card)
//   INGESTION_TOKEN    a token of role ingestion (recordOrder)
//   CHROMIUM_PATH      default /usr/bin/chromium
//   SCREENSHOT_DIR     default ../screenshots
//
// Prints one JSON line per step; the last is {"done":true,...} with the JS-SDK signatures the page obtained (the xunit
// side checks them against the sandbox's tickets). Exits non-zero on the first failed assertion.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = name => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (see the header of tests/sidebar.spec.mjs)`);
  return value;
};
const sidebarUrl = env('SIDEBAR_URL');
const gatewayUrl = new URL('/graphql', env('MEMBERGRAPH_URL')).toString();
const oauthCode = env('GUIDE_OAUTH_CODE');
const guideCode = env('GUIDE_CODE');
const storeId = env('STORE_ID');
const externalUserId = env('EXTERNAL_USER_ID');
const ingestionToken = env('INGESTION_TOKEN');
const colleagueCustomer = process.env.COLLEAGUE_CUSTOMER_EXTERNAL_USER_ID;
const screenshotDir = process.env.SCREENSHOT_DIR || path.join(here, '..', 'screenshots');
const STEP_TIMEOUT = 45000; // generous: CI runs this beside the whole suite on two cores

const log = record => console.log(JSON.stringify(record));

/** A GraphQL request straight to the gateway (what the card must show, orders as a channel would record them). */
async function gql(query, variables, token) {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  assert.ok(!body.errors, `gateway refused: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** The module served instead of @wecom/jssdk: the SDK's shape, WeCom's answers, and a record of every call. */
function fakeSdk(contact) {
  return `
export const SDK_VERSION = 'test-fake';
export const env = { isWeChat: false, isWeCom: true };
const calls = (window.__wwCalls = []);
let registered;
export function register(options) {
  calls.push({ api: 'register', corpId: options.corpId, agentId: options.agentId, jsApiList: options.jsApiList });
  const url = location.href.split('#')[0];
  registered = Promise.all([options.getConfigSignature(url), options.getAgentConfigSignature(url)])
    .then(([config, agentConfig]) => { calls.push({ api: 'signatures', url, config, agentConfig }); });
}
export async function getContext() {
  await registered;
  calls.push({ api: 'getContext' });
  return { errMsg: 'getContext:ok', entry: 'single_chat_tools' };
}
export async function getCurExternalContact() {
  await registered;
  calls.push({ api: 'getCurExternalContact' });
  return { errMsg: 'getCurExternalContact:ok', userId: ${JSON.stringify(contact)} };
}
`;
}

const rootRun = typeof process.getuid === 'function' && process.getuid() === 0;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: rootRun ? ['--no-sandbox'] : [],
});
await mkdir(screenshotDir, { recursive: true });

async function openSidebar(contact, code) {
  // The device is not in China: the page must still show China time.
  const context = await browser.newContext({ viewport: { width: 380, height: 760 }, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'America/Los_Angeles' });
  await context.route('**/vendor/wecom-jssdk.js', route => route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: fakeSdk(contact) }));
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  const requests = [];
  page.on('request', request => requests.push(request.url()));
  page.on('pageerror', error => log({ pageerror: error.message }));
  const entry = new URL(sidebarUrl);
  entry.searchParams.set('code', code);
  entry.searchParams.set('state', 'sidebar');
  await page.goto(entry.toString());
  return { context, page, requests };
}

async function shoot(page, name) {
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  log({ screenshot: path.relative(path.join(here, '..'), file) });
}

const commissionCents = page => page.locator('[data-testid=commission-today]').getAttribute('data-cents').then(Number);

/** Worked out apart from the page: China is UTC+8 all year. */
const inChina = iso => new Date(new Date(iso).getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');
const inYuan = cents => `${cents < 0 ? '-' : ''}¥${(Math.abs(cents) / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

try {
  // ---- serve.mjs serves the page's files and nothing else of the folder ----
  const served = async file => fetch(new URL(file, sidebarUrl));
  const index = await served('/');
  assert.equal(index.status, 200);
  assert.equal(index.headers.get('referrer-policy'), 'no-referrer');
  for (const file of ['/operations/sidebar-context.graphql', '/vendor/wecom-jssdk.js', '/app.js']) assert.equal((await served(file)).status, 200, file);
  for (const file of ['/serve.mjs', '/package.json', '/tests/sidebar.spec.mjs', '/node_modules/@wecom/jssdk/package.json', '/operations/../serve.mjs', '/README.md']) {
    assert.equal((await served(file)).status, 404, file);
  }
  log({ step: 'served' });

  // ---- sign-in and the card of the customer in the chat ----
  const { context, page, requests } = await openSidebar(externalUserId, oauthCode);
  await page.locator('[data-testid=card]').waitFor();
  assert.ok(!page.url().includes('code='), `the OAuth code stays in the address: ${page.url()}`);
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('membergraph.wecom-sidebar.session')).token);
  assert.ok(token, 'no guide token in sessionStorage');

  const expected = (await gql(`query($id: String!) { sidebarContext(externalUserId: $id) {
      member { id displayName tier { name } points { balance } tags { key name value } orders(first: 1) { edges { node { paidAt paidAmountCents } } } } }
      myGuide { id name commission { today } } }`, { id: externalUserId }, token));
  const member = expected.sidebarContext.member;
  await assert.doesNotReject(page.locator('[data-testid=member-name]', { hasText: member.displayName }).waitFor());
  assert.equal(await page.locator('[data-testid=member-tier]').textContent(), member.tier.name);
  assert.equal(await page.locator('[data-testid=member-points]').textContent(), member.points.balance.toLocaleString('zh-CN'));
  const shownTags = await page.locator('[data-testid=tag]').allTextContents();
  for (const tag of member.tags) assert.ok(shownTags.some(text => text.includes(tag.name)), `tag ${tag.name} is not on the card: ${shownTags}`);
  assert.equal(await page.locator('[data-testid=guide-name]').textContent(), expected.myGuide.name);
  assert.equal(await page.locator('[data-testid=commission-today]').textContent(), inYuan(expected.myGuide.commission.today));
  const lastOrder = member.orders.edges[0]?.node;
  if (lastOrder) {
    const shown = await page.locator('[data-testid=order]').first().textContent();
    assert.ok(shown.includes(inChina(lastOrder.paidAt)), `the last order is not shown in China time (${inChina(lastOrder.paidAt)}): ${shown}`);
    assert.ok(shown.includes(inYuan(lastOrder.paidAmountCents)), `the last order's amount is not shown in yuan: ${shown}`);
  }
  const ww = await page.evaluate(() => window.__wwCalls);
  assert.deepEqual(ww.map(c => c.api), ['register', 'signatures', 'getContext', 'getCurExternalContact']);
  assert.ok(ww[0].corpId && ww[0].agentId, 'ww.register got no corpId/agentId');
  const signatures = ww[1];
  for (const part of ['config', 'agentConfig']) {
    assert.match(signatures[part].signature, /^[0-9a-f]{40}$/);
    assert.equal(typeof signatures[part].timestamp, 'number');
    assert.ok(signatures[part].nonceStr.length >= 8);
  }
  log({ step: 'card', member: member.displayName, tier: member.tier.name, points: member.points.balance });
  await shoot(page, 'card');

  // ---- tag and untag ----
  const tagSelect = page.locator('[data-testid=tag-select]');
  const tagKey = await tagSelect.inputValue();
  assert.ok(tagKey, 'no tag to add');
  const tagName = (await tagSelect.locator(`option[value="${tagKey}"]`).textContent()).trim();
  await page.locator('[data-testid=tag-add]').click();
  const chip = page.locator(`[data-testid=tag][data-key="${tagKey}"]`);
  await chip.waitFor();
  assert.ok((await chip.textContent()).includes(tagName));
  await page.locator('[data-testid=tag-message]', { hasText: tagName }).waitFor();
  const tagged = await gql('query($id: ID!) { member(id: $id) { tags { key source } } }', { id: member.id }, token);
  assert.ok(tagged.member.tags.some(t => t.key === tagKey && t.source === 'GUIDE'), 'the gateway does not hold the tag');
  log({ step: 'tagged', tag: tagKey });
  await shoot(page, 'tagged');
  await chip.locator('[data-testid=untag]').click();
  await chip.waitFor({ state: 'detached' });
  log({ step: 'untagged', tag: tagKey });

  // ---- commission moving live: an order with the guide's code, recorded by the channel, not by the page ----
  await page.locator('[data-testid=live-status][data-state=open]').waitFor();
  await page.evaluate(() => { window.__samePage = true; });
  const before = await commissionCents(page);
  assert.equal(before, expected.myGuide.commission.today);
  const recordOrder = async (amountCents, suffix) => {
    const data = await gql(`mutation($input: RecordOrderInput!) { recordOrder(input: $input) {
        order { id attributedGuideId } errors { code message } } }`, {
      input: {
        channel: 'POS',
        channelOrderId: `sidebar-test-${Date.now()}-${suffix}`,
        guideCode,
        storeId,
        identities: [{ channel: 'WECOM_EXTERNAL_USERID', externalId: externalUserId }],
        paidAmountCents: amountCents,
        paidAt: new Date().toISOString(),
        lines: [{ sku: 'IMP-CHERRY-1KG', category: 'IMPORTED_FRUIT', quantity: 1, amountCents }],
      },
    }, ingestionToken);
    assert.deepEqual(data.recordOrder.errors, []);
    assert.equal(data.recordOrder.order.attributedGuideId, expected.myGuide.id);
    return data.recordOrder.order.id;
  };
  const todayNow = async () => (await gql('{ myGuide { commission { today } } }', {}, token)).myGuide.commission.today;
  await recordOrder(25800, 'a');
  const after = await todayNow();
  assert.notEqual(after, before, 'the order earned no commission');
  await page.locator(`[data-testid=commission-today][data-cents="${after}"]`).waitFor();
  await page.locator('[data-testid=commission-last]').waitFor();
  assert.equal(await page.evaluate(() => window.__samePage), true, 'the page reloaded');
  assert.equal(await page.locator('[data-testid=commission-today]').textContent(), inYuan(after));
  log({ step: 'commission', before, after, shown: await page.locator('[data-testid=commission-today]').textContent() });
  await shoot(page, 'commission');

  // ---- the socket drops: it reconnects, and what moved meanwhile shows ----
  await page.evaluate(() => window.membergraphSidebar.dropSocket());
  await page.locator('[data-testid=live-status][data-state=reconnecting]').waitFor();
  await recordOrder(16800, 'b'); // most likely while no socket listens: the figure comes from the read after reconnecting
  const afterDrop = await todayNow();
  await page.locator('[data-testid=live-status][data-state=open]').waitFor();
  await page.locator(`[data-testid=commission-today][data-cents="${afterDrop}"]`).waitFor();
  assert.equal(await page.evaluate(() => window.__samePage), true, 'the page reloaded');
  log({ step: 'reconnected', today: afterDrop });

  // ---- a refused action shows the gateway's message: the second coupon of a one-per-member template ----
  const choices = await gql('{ couponTemplates(first: 50) { edges { node { id name perMemberLimit remaining kind } } } }', {}, token);
  const template = choices.couponTemplates.edges.map(e => e.node).find(t => t.perMemberLimit === 1 && t.remaining > 0 && t.kind !== 'PARTNER');
  assert.ok(template, 'no one-per-member template to send');
  await page.locator('[data-testid=coupon-select]').selectOption(template.id);
  const send = async () => {
    const answer = page.waitForResponse(r => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('SendCoupon'));
    await page.locator('[data-testid=coupon-send]').click();
    const payload = (await (await answer).json()).data.sendCoupon;
    await page.locator('[data-testid=coupon-message]:not(.pending)').waitFor();
    await page.locator('#main[aria-busy=false]').waitFor(); // the card is drawn again after a success
    return payload;
  };
  const first = await send();
  if (first.errors.length === 0) {
    await page.locator('[data-testid=coupon-message].ok').waitFor();
    log({ step: 'coupon sent', template: template.name });
  }
  assert.equal(await page.locator('[data-testid=coupon-select]').inputValue(), template.id, 'the chosen coupon was not kept');
  const second = await send();
  assert.equal(second.errors.length, 1, 'a second coupon of a one-per-member template was not refused');
  const refusal = page.locator('[data-testid=coupon-message].error');
  await refusal.waitFor();
  assert.ok((await refusal.textContent()).includes(second.errors[0].message), `the refusal does not show the gateway's message: ${await refusal.textContent()}`);
  log({ step: 'refused', code: second.errors[0].code, message: second.errors[0].message });
  await shoot(page, 'coupon-refused');

  // ---- tokens never in URLs ----
  assert.ok(requests.every(url => !url.includes(token)), 'the token appeared in a URL');
  await context.close();

  // ---- a store colleague's customer: the reduced card, no actions ----
  if (colleagueCustomer) {
    const colleague = await openSidebar(colleagueCustomer, oauthCode);
    await colleague.page.locator('[data-testid=reduced-notice]').waitFor();
    assert.ok((await colleague.page.locator('[data-testid=member-name]').textContent()).length > 0);
    assert.equal(await colleague.page.locator('[data-testid=tag-add], [data-testid=coupon-send]').count(), 0, 'actions on a colleague\'s customer');
    log({ step: "colleague's customer" });
    await shoot(colleague.page, 'colleague-customer');
    await colleague.context.close();
  }

  // ---- a customer who is not a member yet: the empty state ----
  const stranger = await openSidebar('wmSidebarTestNoSuchCustomer00001', oauthCode);
  await stranger.page.locator('[data-testid=state-empty]', { hasText: '还不是会员' }).waitFor();
  log({ step: 'not a member' });
  await shoot(stranger.page, 'not-a-member');
  await stranger.context.close();

  // ---- an OAuth code WeCom does not know: the sign-in error shows the gateway's message ----
  const refused = await openSidebar(externalUserId, 'not-a-sandbox-code');
  const error = refused.page.locator('[data-testid=state-error]');
  await error.waitFor();
  const signInAnswer = await fetch(gatewayUrl, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation { signInWithWeCom(input: { code: "not-a-sandbox-code" }) { errors { message } } }' }),
  }).then(r => r.json());
  assert.ok((await error.textContent()).includes(signInAnswer.data.signInWithWeCom.errors[0].message));
  assert.ok(!refused.page.url().includes('code='), 'the refused code stays in the address');
  log({ step: 'sign-in refused' });
  await shoot(refused.page, 'sign-in-refused');
  await refused.context.close();

  log({ done: true, signatures });
} finally {
  await browser.close();
}
