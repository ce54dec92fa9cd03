// The store tool in headless Chromium (Debian's chromium driven by playwright-core), against a running store tool
// (serve.mjs) and MemberGraph behind it: sign in with a staff token, scan a member code, the card and the coupons usable
// here, a refused write-off showing the gateway's message, a write-off whose answer is lost (the request reaches the
// gateway, the browser sees a timeout) and retried, the order for the scanned member, its refund, a member without
// coupons, a bad code, sign-out. Prints one JSON line per step with what the page showed (the xunit test
// StoreToolBrowserTests checks those against the gateway) and saves screenshots of the main screens.
//
//   STORE_TOOL_URL     the page (serve.mjs), e.g. http://127.0.0.1:5090/
//   STAFF_TOKEN        a staff token (dev-token --role staff --store-id N)
//   MEMBER_CODE        a fresh member code of a member holding COUPON_CODE
//   COUPON_CODE        an available coupon usable at the staff's store with a threshold above SMALL_AMOUNT
//   HIDDEN_COUPONS     comma-separated codes of the member's available coupons not usable at this till (optional)
//   EMPTY_MEMBER_CODE  a member code of a member without coupons usable here (optional)
//   SMALL_AMOUNT       yuan below the threshold (default 50); AMOUNT yuan above it (default 128.00)
//   SCREENSHOTS_DIR    where the PNGs go (default ../screenshots); CHROMIUM_PATH (default /usr/bin/chromium)
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const url = env('STORE_TOOL_URL');
const staffToken = env('STAFF_TOKEN');
const memberCode = env('MEMBER_CODE');
const couponCode = env('COUPON_CODE');
const hiddenCoupons = (process.env.HIDDEN_COUPONS ?? '').split(',').filter(Boolean);
const emptyMemberCode = process.env.EMPTY_MEMBER_CODE;
const smallAmount = env('SMALL_AMOUNT', '50');
const amount = env('AMOUNT', '128.00');
const screenshots = resolve(env('SCREENSHOTS_DIR', join(here, '..', 'screenshots')));
const executablePath = env('CHROMIUM_PATH', '/usr/bin/chromium');
const timeout = Number(process.env.STEP_TIMEOUT_MS ?? 30000);

const report = (step, details = {}) => console.log(JSON.stringify({ step, ...details }));

await mkdir(screenshots, { recursive: true });
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : [],
});

// The till's own clock is not in China: the page must show China time all the same.
const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'UTC', viewport: { width: 520, height: 900 }, deviceScaleFactor: 1 });
context.setDefaultTimeout(timeout);
const page = await context.newPage();
const shot = (name) => page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });

// Every request the page makes: the token must never be in a URL, and /graphql must carry it as a bearer header.
const requests = [];
page.on('request', (r) => requests.push({ url: r.url(), authorization: r.headers().authorization ?? null, graphql: r.url().endsWith('/graphql') }));
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(String(e)));

const text = async (selector) => (await page.locator(selector).first().innerText()).trim();
const coupon = (code) => page.locator(`li.coupon[data-code="${code}"]`);

try {
  // 1. Sign-in: the staff token pasted once, kept in sessionStorage
  await page.goto(url);
  await page.locator('#sign-in').waitFor({ state: 'visible' });
  await shot('01-sign-in');
  await page.fill('#token-input', staffToken);
  await page.click('#sign-in-button');
  await page.locator('#till').waitFor({ state: 'visible' });
  const store = await text('#store-name');
  const stored = await page.evaluate(() => ({ session: Object.values(sessionStorage), local: Object.keys(localStorage).length }));
  assert.ok(stored.session.includes(staffToken), 'the token is kept in sessionStorage');
  assert.equal(stored.local, 0, 'nothing in localStorage');
  report('signed-in', { store });

  // 2. The member code: the card and the coupons usable here
  await page.fill('#member-code', memberCode);
  await page.press('#member-code', 'Enter');
  await page.locator('#member-card').waitFor();
  const card = {
    name: await text('#member-card .name'),
    phone: await text('[data-fact="phone"] .value'),
    tier: await text('[data-fact="tier"] .value'),
    points: await text('[data-fact="points"] .value'),
    pending: await text('[data-fact="pending"] .value'),
  };
  const listed = await page.locator('li.coupon').evaluateAll((items) => items.map((li) => li.dataset.code));
  assert.ok(listed.includes(couponCode), `the coupon ${couponCode} is listed (listed: ${listed})`);
  for (const hidden of hiddenCoupons) assert.ok(!listed.includes(hidden), `${hidden} is not usable here and not listed`);
  const elsewhere = (await page.locator('#coupons-elsewhere').count()) ? await text('#coupons-elsewhere') : null;
  const orderRef = (await text('.order-ref')).replace(/^单号\s*/, '');
  await shot('02-member-card');
  report('card', { ...card, coupons: listed, elsewhere, orderRef });

  // 3. A refused write-off: the order is below the coupon's threshold; the gateway's message is shown
  await page.fill('input.sku', 'SKU-DURIAN-MUSANGKING');
  await page.selectOption('select.category', 'IMPORTED_FRUIT');
  await page.fill('input.quantity', '1');
  await page.fill('input.amount', smallAmount);
  await coupon(couponCode).getByRole('button', { name: '核销', exact: true }).click();
  const refused = coupon(couponCode).locator('.error');
  await refused.waitFor();
  const refusal = { code: await refused.getAttribute('data-code'), message: (await refused.locator('.message').innerText()).trim(), text: (await refused.innerText()).trim() };
  await shot('03-write-off-refused');
  report('refused', refusal);

  // 4. The write-off reaches the gateway but its answer is lost (the browser sees a timeout); the retry is answered
  //    with the first write-off (replayed), so the coupon is written off once
  await page.fill('input.amount', amount);
  let lost = null;
  await page.route('**/graphql', async (route) => {
    const body = route.request().postDataJSON();
    if (lost === null && body?.operationName === 'RedeemCoupon') {
      const answer = await route.fetch(); // the gateway writes the coupon off ...
      lost = { variables: body.variables, answer: await answer.json() };
      await route.abort('timedout'); // ... and the till never hears it
      return;
    }
    await route.continue();
  });
  await coupon(couponCode).getByRole('button', { name: '核销', exact: true }).click();
  const unknown = coupon(couponCode).locator('.unknown');
  await unknown.waitFor();
  const unknownText = (await unknown.innerText()).trim();
  await shot('04-write-off-unknown');
  await coupon(couponCode).getByRole('button', { name: '重试核销' }).click();
  const written = coupon(couponCode).locator('[data-outcome="written-off"]');
  await written.waitFor();
  const writtenText = (await written.innerText()).trim();
  assert.match(writtenText, /已核销 \(重试\)/);
  assert.equal(lost?.answer?.data?.redeemCoupon?.replayed, false, 'the lost answer was the first write-off');
  const due = await text('#due');
  await shot('05-written-off');
  await page.unroute('**/graphql');
  report('written-off', { unknown: unknownText, text: writtenText, lostInput: lost.variables.input, lostReplayed: lost.answer.data.redeemCoupon.replayed, due });

  // 5. The order for the scanned member
  await page.click('#record-order');
  await page.locator('#order-recorded').waitFor();
  const orderText = await text('#order-recorded');
  await shot('06-order-recorded');
  report('order', { text: orderText });

  // 6. The refund (full): points taken back, the coupon given back
  await page.click('#refund');
  await page.click('#confirm-refund');
  await page.locator('#refund-done').waitFor();
  await page.locator('.returned').first().waitFor();
  const refundText = await text('#refund-done');
  const returnedText = await text('.returned');
  await shot('07-refunded');
  report('refund', { text: refundText, returned: returnedText });

  // 7. The next customer: a member without coupons usable here (the empty state)
  if (emptyMemberCode) {
    await page.click('#next-customer');
    await page.fill('#member-code', emptyMemberCode);
    await page.press('#member-code', 'Enter');
    await page.locator('#member-card').waitFor();
    const empty = await text('#coupons .empty');
    const name = await text('#member-card .name');
    await shot('08-no-coupons');
    report('empty', { name, text: empty });
  }

  // 8. A code that is none: the gateway's refusal, shown
  await page.fill('#member-code', 'NOT-A-MEMBER-CODE');
  await page.press('#member-code', 'Enter');
  const scanError = page.locator('#scan-error .error');
  await scanError.waitFor();
  report('bad-code', { code: await scanError.getAttribute('data-code'), message: (await scanError.locator('.message').innerText()).trim() });

  // 9. Sign-out forgets the token
  await page.click('#sign-out');
  await page.locator('#sign-in').waitFor({ state: 'visible' });
  const after = await page.evaluate(() => Object.keys(sessionStorage).length);
  assert.equal(after, 0, 'sign-out clears sessionStorage');

  const graphql = requests.filter((r) => r.graphql);
  assert.ok(requests.every((r) => !r.url.includes(staffToken)), 'the token is in no URL');
  assert.ok(graphql.length > 0 && graphql.every((r) => r.authorization === `Bearer ${staffToken}`), 'every /graphql request carries the staff token as a bearer header');
  assert.deepEqual(pageErrors, [], 'no script errors');
  report('done', { requests: requests.length, graphql: graphql.length });
  await browser.close();
} catch (error) {
  await page.screenshot({ path: join(screenshots, 'failure.png'), fullPage: true }).catch(() => {});
  report('failed', { error: String(error?.stack ?? error), pageErrors });
  await browser.close();
  process.exitCode = 1;
}
