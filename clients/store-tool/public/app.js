// 门店收银助手: the till's page. Staff sign in once with a staff token (kept in sessionStorage), scan the member code the
// customer shows, see the card and the coupons this store can take, write one off (a retry after a timeout sends the
// same order number and amount, so it cannot write off twice), record the order for that member and refund it.
import { GraphQLError, accepted, request, session } from './graphql.js';
import { categories, centsFromYuan, chinaDateTime, couponStatus, couponValue, orderStatus, points, threshold, yuan } from './format.js';

const $ = (id) => document.getElementById(id);

/** A small DOM builder: text children are text nodes, so names and messages from the gateway are never parsed as HTML. */
function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.className = value;
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key === 'value') element.value = value;
    else element.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** What the till says for a refusal, before the gateway's own message (which is always shown too). */
const titles = {
  AUTH_NOT_AUTHENTICATED: '登录已失效，请重新登录',
  AUTH_NOT_AUTHORIZED: '没有权限',
  MEMBER_CODE_EXPIRED: '会员码已过期，请顾客刷新会员码后重新扫描',
  MEMBER_CODE_INVALID: '会员码无效，请重新扫描',
  THRESHOLD_NOT_MET: '未达到优惠券的使用门槛',
  COUPON_ALREADY_REDEEMED: '优惠券已被使用',
  COUPON_EXPIRED: '优惠券已过期',
  COUPON_NOT_USABLE: '本店不能使用这张优惠券',
  COUPON_RESERVED: '优惠券已被其他订单占用',
  ORDER_CONFLICT: '这个单号已用于另一笔订单',
  REFUND_EXCEEDS_ORDER: '退款金额超过订单金额',
  IDEMPOTENCY_CONFLICT: '重复的请求号',
  INVALID_INPUT: '输入有误',
  BAD_USER_INPUT: '输入有误',
  NOT_FOUND: '没有找到',
  TIMEOUT: '网络超时',
  NETWORK_ERROR: '网络中断',
};

const titleOf = (error) => titles[error.code] ?? '操作未完成';

function errorView(error, what) {
  return h('div', { class: 'error', role: 'alert', dataset: { code: error.code } },
    h('strong', null, `${what}：${titleOf(error)}`), h('br'),
    h('span', { class: 'message' }, error.message), ' ',
    h('span', { class: 'code' }, `(${error.code})`));
}

function unknownView(error, what) {
  return h('div', { class: 'unknown', role: 'alert', dataset: { code: error.code } },
    h('strong', null, `${what}结果未知：${error.message}`), h('br'),
    '可能已经完成。请点“重试”：重试发送同一单号和金额，不会重复处理。');
}

const asGraphQLError = (error) => (error instanceof GraphQLError ? error : new GraphQLError('ERROR', String(error?.message ?? error), { kind: 'request' }));

// ---------------------------------------------------------------------------------------------------------------
// State

const state = {
  store: null,
  scanning: false,
  scanError: null,
  memberCode: null,
  member: null,
  sale: null,
};

/** China time "yyyyMMddHHmmss" for order numbers. */
function chinaStamp(date = new Date()) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  }).formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}${parts.month}${parts.day}${parts.hour}${parts.minute}${parts.second}`;
}

function randomSuffix() {
  const bytes = crypto.getRandomValues(new Uint8Array(3));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
}

/** A sale: the till's order number, chosen once (the write-offs' orderRef and the order's channelOrderId). */
function newSale(memberId) {
  return {
    memberId,
    orderRef: `POS-${state.store.code}-${chinaStamp()}-${randomSuffix()}`,
    lines: [{ sku: '', category: 'IMPORTED_FRUIT', quantity: '1', amount: '' }],
    writeOffs: new Map(), // coupon code -> action
    order: { status: 'idle' },
    refund: { status: 'idle', confirming: false },
    returned: [],
  };
}

function lineCents(line) {
  return centsFromYuan(line.amount);
}

function linesValid(sale) {
  return sale.lines.every((line) => line.sku.trim() !== '' && lineCents(line) > 0 && /^[1-9]\d{0,3}$/.test(line.quantity.trim()));
}

function saleTotal(sale) {
  return sale.lines.reduce((sum, line) => sum + (lineCents(line) ?? 0), 0);
}

function saleDiscount(sale) {
  let discount = 0;
  for (const action of sale.writeOffs.values()) {
    if (action.status === 'done') discount += Number(action.result.coupon.redeemedDiscountCents ?? 0);
  }
  return discount;
}

const busy = (sale) => [...sale.writeOffs.values(), sale.order, sale.refund].some((a) => a.status === 'pending');
const writtenOff = (sale) => [...sale.writeOffs.values()].some((a) => a.status === 'done' || a.status === 'unknown');

/**
 * Runs one attempt of a mutation whose input is pinned on the action: a retry after an unknown outcome sends exactly
 * the same input (same order number, amount, refund id), which the gateway answers with the first result.
 */
async function attempt(action, run) {
  action.status = 'pending';
  action.error = null;
  renderCustomer();
  try {
    action.result = await run(action.input);
    action.status = 'done';
  } catch (caught) {
    const error = asGraphQLError(caught);
    action.error = error;
    action.status = error.outcomeUnknown ? 'unknown' : 'refused';
    if (error.code === 'AUTH_NOT_AUTHENTICATED') {
      signOut(error);
      return;
    }
  }
  renderCustomer();
}

// ---------------------------------------------------------------------------------------------------------------
// Sign-in

function show(section) {
  $('booting').hidden = true;
  $('sign-in').hidden = section !== 'sign-in';
  $('till').hidden = section !== 'till';
  $('sign-out').hidden = section !== 'till';
}

function signOut(reason) {
  session.token = null;
  Object.assign(state, { store: null, member: null, memberCode: null, sale: null, scanError: null });
  $('store-name').textContent = '';
  $('customer').replaceChildren();
  $('token-input').value = '';
  const error = $('sign-in-error');
  error.hidden = !reason;
  error.replaceChildren(...(reason ? [errorView(reason, '请重新登录')] : []));
  show('sign-in');
}

async function checkSignIn() {
  const status = $('sign-in-status');
  status.textContent = '正在验证登录…';
  $('sign-in-button').disabled = true;
  try {
    const { myStore } = await request('MyStore');
    if (!myStore) throw new GraphQLError('NOT_FOUND', '令牌里的门店不存在。', { kind: 'request' });
    state.store = myStore;
    $('store-name').textContent = `${myStore.name}（${myStore.code}）`;
    $('sign-in-error').hidden = true;
    show('till');
    $('member-code').focus();
  } catch (caught) {
    const error = asGraphQLError(caught);
    if (!error.outcomeUnknown) session.token = null;
    const what = error.code === 'AUTH_NOT_AUTHORIZED' ? '这不是门店员工的令牌'
      : error.code === 'AUTH_NOT_AUTHENTICATED' ? '令牌无效或已过期' : '登录失败';
    $('sign-in-error').replaceChildren(errorView(error, what));
    $('sign-in-error').hidden = false;
    show('sign-in');
  } finally {
    status.textContent = '';
    $('sign-in-button').disabled = false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Member code

async function scan(code) {
  if (!code || state.scanning) return;
  state.scanning = true;
  state.scanError = null;
  $('scan-button').disabled = true;
  $('scan-status').textContent = '正在查询会员…';
  $('scan-error').hidden = true;
  try {
    const { memberByCode } = await request('MemberByCode', { code });
    if (!memberByCode) throw new GraphQLError('NOT_FOUND', '没有找到出示这个会员码的会员。', { kind: 'request' });
    state.member = memberByCode;
    state.memberCode = code;
    // The same customer showing a fresh code keeps the sale; another customer starts a new one.
    if (!state.sale || state.sale.memberId !== memberByCode.id) state.sale = newSale(memberByCode.id);
    $('member-code').value = '';
  } catch (caught) {
    const error = asGraphQLError(caught);
    if (error.code === 'AUTH_NOT_AUTHENTICATED') {
      signOut(error);
      return;
    }
    state.scanError = error;
  } finally {
    state.scanning = false;
    $('scan-button').disabled = false;
    $('scan-status').textContent = '';
  }
  $('scan-error').hidden = !state.scanError;
  $('scan-error').replaceChildren(...(state.scanError ? [errorView(state.scanError, '查询会员失败')] : []));
  renderCustomer();
}

// ---------------------------------------------------------------------------------------------------------------
// Actions

function writeOff(coupon, retry) {
  const sale = state.sale;
  const previous = sale.writeOffs.get(coupon.code);
  const action = retry && previous?.input
    ? { input: previous.input, retried: true }
    : { input: { code: coupon.code, orderRef: sale.orderRef, orderAmountCents: saleTotal(sale) }, retried: false };
  sale.writeOffs.set(coupon.code, action);
  return attempt(action, async (input) => accepted((await request('RedeemCoupon', { input })).redeemCoupon));
}

async function recordOrder(retry) {
  const sale = state.sale;
  if (!(retry && sale.order.input)) {
    sale.order = {
      input: {
        channel: 'POS',
        channelOrderId: sale.orderRef,
        member: { memberCode: state.memberCode },
        lines: sale.lines.map((line) => ({
          sku: line.sku.trim(),
          category: line.category,
          quantity: Number(line.quantity),
          amountCents: lineCents(line),
        })),
        paidAmountCents: Math.max(saleTotal(sale) - saleDiscount(sale), 0),
        paidAt: new Date().toISOString(),
      },
    };
  }
  sale.order.retried = Boolean(retry);
  await attempt(sale.order, async (input) => accepted((await request('RecordOrder', { input })).recordOrder));
  if (sale.order.status === 'done') refreshCard(sale.order.result.order.member);
}

/** The card shows the member as the last answer did (points and tier move with the order and its refund). */
function refreshCard(member) {
  if (!member || member.id !== state.member?.id) return;
  state.member = { ...state.member, tier: { ...state.member.tier, ...member.tier }, points: member.points };
  renderCustomer();
}

async function refundOrder(retry) {
  const sale = state.sale;
  if (!(retry && sale.refund.input)) {
    sale.refund = {
      input: { orderId: sale.order.result.order.id, refundId: `${sale.orderRef}-R1`, reason: '门店整单退款' },
    };
  }
  sale.refund.retried = Boolean(retry);
  await attempt(sale.refund, async (input) => accepted((await request('RefundOrder', { input })).refundOrder));
  if (sale.refund.status !== 'done') return;
  refreshCard(sale.refund.result.order.member);
  if (sale.refund.result.order.status !== 'FULLY_REFUNDED') return;

  // A full refund gives back the coupons written off for the order: read them again to tell the customer.
  const codes = [...sale.writeOffs.entries()].filter(([, a]) => a.status === 'done').map(([code]) => code);
  sale.returned = await Promise.all(codes.map(async (code) => {
    try {
      return { code, coupon: (await request('CouponByCode', { code })).couponByCode };
    } catch (caught) {
      return { code, error: asGraphQLError(caught) };
    }
  }));
  renderCustomer();
}

function nextCustomer() {
  Object.assign(state, { member: null, memberCode: null, sale: null, scanError: null });
  $('scan-error').hidden = true;
  renderCustomer();
  $('member-code').focus();
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering

function fact(label, value, name) {
  return h('div', { class: 'fact', dataset: { fact: name } }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value));
}

function cardView(member) {
  return h('section', { class: 'panel', id: 'member-card' },
    h('div', { class: 'card' },
      h('div', { class: 'name' }, member.displayName),
      fact('手机号', member.phone ?? '未绑定', 'phone'),
      fact('会员等级', member.tier.name, 'tier'),
      fact('可用积分', points(member.points?.balance), 'points'),
      fact('待到账积分', points(member.points?.pending), 'pending')));
}

function couponView(coupon, sale) {
  const action = sale.writeOffs.get(coupon.code);
  const locked = sale.order.status === 'done' || busy(sale);
  const outcome = [];
  const buttons = [];
  switch (action?.status) {
    case 'pending':
      buttons.push(h('button', { type: 'button', disabled: true }, '核销中…'));
      break;
    case 'done': {
      const c = action.result.coupon;
      const returned = sale.returned.some((r) => r.code === coupon.code && r.coupon?.status === 'AVAILABLE');
      outcome.push(h('div', { class: 'ok', dataset: { outcome: 'written-off' } },
        h('strong', null, action.result.replayed ? '已核销 (重试)' : '已核销'),
        ` · 优惠 ${yuan(c.redeemedDiscountCents)} · 订单金额 ${yuan(c.redeemedOrderAmountCents)} · 核销时间 ${chinaDateTime(c.redeemedAt)}`,
        returned ? h('span', { class: 'returned-note' }, ' · 订单已全额退款，券已退回') : null));
      break;
    }
    case 'unknown':
      outcome.push(unknownView(action.error, '核销'));
      buttons.push(h('button', { type: 'button', class: 'primary', disabled: busy(sale), onclick: () => writeOff(coupon, true) }, '重试核销'));
      break;
    case 'refused':
      outcome.push(errorView(action.error, '核销失败'));
      buttons.push(h('button', { type: 'button', class: 'primary', disabled: locked, onclick: () => writeOff(coupon, false) }, '核销'));
      break;
    default:
      buttons.push(h('button', { type: 'button', class: 'primary', disabled: locked, onclick: () => writeOff(coupon, false) }, '核销'));
  }
  const value = couponValue(coupon.template.value);
  return h('li', { class: `coupon${action?.status === 'done' ? ' done' : ''}`, dataset: { code: coupon.code } },
    h('div', { class: 'title' }, coupon.template.name, value ? ` · ${value}` : ''),
    h('div', { class: 'meta' }, `${threshold(coupon.template.thresholdCents)} · 有效期至 ${chinaDateTime(coupon.validUntil)} · 券码 ${coupon.code}`),
    h('div', { class: 'actions' }, buttons),
    outcome.length ? h('div', { class: 'outcome' }, outcome) : null);
}

function couponsView(member, sale) {
  const all = (member.coupons?.edges ?? []).map((e) => e.node).filter(Boolean);
  const usable = all.filter((c) => c.usableHere);
  const elsewhere = all.length - usable.length;
  return h('section', { class: 'panel', id: 'coupons' },
    h('h2', null, '本店可用优惠券'),
    usable.length === 0
      ? h('p', { class: 'empty' }, '暂无本店可用的优惠券')
      : h('ul', { class: 'coupons' }, usable.map((coupon) => couponView(coupon, sale))),
    elsewhere > 0 ? h('p', { class: 'hint', id: 'coupons-elsewhere' }, `另有 ${elsewhere} 张可用优惠券不适用于本店收银（限其他门店或渠道）。`) : null);
}

function linesView(sale) {
  const locked = writtenOff(sale) || (sale.order.status !== 'idle' && sale.order.status !== 'refused') || busy(sale);
  const rows = sale.lines.map((line, index) => h('tr', { dataset: { line: String(index + 1) } },
    h('td', null, h('input', { 'aria-label': `商品编码 ${index + 1}`, class: 'sku', value: line.sku, disabled: locked, placeholder: '如 SKU-ORANGE',
      oninput: (e) => { line.sku = e.target.value; updateTotals(); } })),
    h('td', { class: 'category' }, h('select', { 'aria-label': `品类 ${index + 1}`, class: 'category', disabled: locked,
      onchange: (e) => { line.category = e.target.value; } },
      categories.map(([value, label]) => h('option', { value, selected: value === line.category }, label)))),
    h('td', { class: 'qty' }, h('input', { 'aria-label': `数量 ${index + 1}`, class: 'quantity', inputmode: 'numeric', value: line.quantity, disabled: locked,
      oninput: (e) => { line.quantity = e.target.value; updateTotals(); } })),
    h('td', { class: 'amount' }, h('input', { 'aria-label': `金额 ${index + 1}`, class: 'amount', inputmode: 'decimal', value: line.amount, disabled: locked, placeholder: '0.00',
      oninput: (e) => { line.amount = e.target.value; updateTotals(); } }))));
  return h('div', null,
    h('table', { class: 'lines' },
      h('thead', null, h('tr', null, h('th', null, '商品编码'), h('th', null, '品类'), h('th', null, '数量'), h('th', null, '金额（元）'))),
      h('tbody', null, rows)),
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'add-line', disabled: locked, onclick: () => { sale.lines.push({ sku: '', category: 'OTHER', quantity: '1', amount: '' }); renderCustomer(); } }, '＋ 添加商品'),
      locked && writtenOff(sale) && sale.order.status !== 'done' ? h('span', { class: 'hint' }, '本单已有核销，商品和金额不能再改。') : null));
}

function totalsView(sale) {
  const total = saleTotal(sale);
  const discount = saleDiscount(sale);
  return h('div', { class: 'totals', id: 'totals' },
    h('span', null, '商品合计 ', h('span', { id: 'total' }, yuan(total))),
    h('span', null, '优惠 ', h('span', { id: 'discount' }, discount ? `-${yuan(discount)}` : yuan(0))),
    h('span', null, '应收 ', h('strong', { id: 'due' }, yuan(Math.max(total - discount, 0)))));
}

function updateTotals() {
  const sale = state.sale;
  if (!sale) return;
  $('totals')?.replaceWith(totalsView(sale));
  const button = $('record-order');
  if (button) button.disabled = !linesValid(sale) || busy(sale) || [...sale.writeOffs.values()].some((a) => a.status === 'unknown');
}

function orderView(sale) {
  const order = sale.order;
  const parts = [];
  if (order.status === 'done') {
    const recorded = order.result.order;
    const member = recorded.member;
    parts.push(h('div', { class: 'ok', id: 'order-recorded' },
      h('strong', null, order.result.replayed ? '订单已记录 (重试)' : '订单已记录'),
      ` · 单号 ${recorded.channelOrderId} · 实付 ${yuan(recorded.paidAmountCents)} · 本单积分 +${points(recorded.pointsEarned)}（退货期过后到账）`,
      h('br'),
      `会员 ${member.displayName}：${member.tier.name}，可用积分 ${points(member.points?.balance)}，待到账积分 ${points(member.points?.pending)}`,
      h('br'),
      `支付时间 ${chinaDateTime(recorded.paidAt)} · 状态 ${orderStatus[recorded.status] ?? recorded.status}`));
    return h('div', null, parts, refundView(sale));
  }
  if (order.status === 'unknown') parts.push(unknownView(order.error, '记录订单'));
  if (order.status === 'refused') parts.push(errorView(order.error, '记录订单失败'));
  const pendingWriteOff = [...sale.writeOffs.values()].some((a) => a.status === 'unknown');
  parts.push(h('div', { class: 'row' },
    order.status === 'unknown'
      ? h('button', { type: 'button', class: 'primary', id: 'record-order', disabled: busy(sale), onclick: () => recordOrder(true) }, '重试记录订单')
      : h('button', { type: 'button', class: 'primary', id: 'record-order', disabled: !linesValid(sale) || busy(sale) || pendingWriteOff,
        onclick: () => recordOrder(false) }, order.status === 'pending' ? '正在记录…' : '记录订单'),
    pendingWriteOff ? h('span', { class: 'hint' }, '先重试结果未知的核销，再记录订单。') : null));
  return h('div', null, parts);
}

function refundView(sale) {
  const refund = sale.refund;
  if (refund.status === 'done') {
    const { order, refund: done, replayed } = refund.result;
    return h('div', null,
      h('div', { class: 'ok', id: 'refund-done' },
        h('strong', null, replayed ? '已退款 (重试)' : '已退款'),
        ` ${yuan(done.amountCents)} · 取消待到账积分 ${points(done.pointsCancelled)} · 扣回可用积分 ${points(done.pointsDeducted)}`,
        Number(done.pointsShortfall) > 0 ? ` · 积分不足未扣回 ${points(done.pointsShortfall)}` : '',
        h('br'),
        `订单状态：${orderStatus[order.status] ?? order.status} · 已退金额 ${yuan(order.refundedAmountCents)} · 退款时间 ${chinaDateTime(done.refundedAt)}`),
      sale.returned.map((r) => (r.error
        ? errorView(r.error, `查询优惠券 ${r.code} 失败`)
        : h('p', { class: 'hint returned', dataset: { code: r.code } }, r.coupon?.status === 'AVAILABLE'
          ? `优惠券「${r.coupon.template.name}」已退回顾客账户，可再次使用。`
          : `优惠券 ${r.code}：${couponStatus[r.coupon?.status] ?? '未知'}`))));
  }
  const parts = [];
  if (refund.status === 'unknown') parts.push(unknownView(refund.error, '退款'));
  if (refund.status === 'refused') parts.push(errorView(refund.error, '退款失败'));
  if (refund.status === 'unknown') {
    parts.push(h('button', { type: 'button', class: 'danger', id: 'retry-refund', onclick: () => refundOrder(true) }, '重试退款'));
  } else if (refund.confirming || refund.status === 'pending') {
    parts.push(h('div', { class: 'row' },
      h('span', null, `确认整单退款 ${yuan(sale.order.result.order.paidAmountCents)}？`),
      h('button', { type: 'button', class: 'danger', id: 'confirm-refund', disabled: refund.status === 'pending', onclick: () => refundOrder(false) },
        refund.status === 'pending' ? '正在退款…' : '确认退款'),
      h('button', { type: 'button', disabled: refund.status === 'pending', onclick: () => { refund.confirming = false; renderCustomer(); } }, '取消')));
  } else {
    parts.push(h('button', { type: 'button', class: 'danger', id: 'refund', onclick: () => { refund.confirming = true; renderCustomer(); } }, '整单退款'));
  }
  return h('div', { id: 'refund-panel' }, h('h3', null, '退款'), parts);
}

function saleView(sale) {
  return h('section', { class: 'panel', id: 'sale' },
    h('h2', null, '本单'),
    h('p', { class: 'order-ref' }, `单号 ${sale.orderRef}`),
    linesView(sale),
    totalsView(sale),
    orderView(sale));
}

function renderCustomer() {
  const container = $('customer');
  if (!state.member) {
    container.replaceChildren(state.scanError ? '' : h('p', { class: 'empty', id: 'no-member' }, '请扫描顾客出示的会员码（小程序首页的会员码，约一分钟内有效）。'));
    return;
  }
  container.replaceChildren(
    cardView(state.member),
    couponsView(state.member, state.sale),
    saleView(state.sale),
    h('div', { class: 'row' }, h('button', { type: 'button', id: 'next-customer', disabled: busy(state.sale), onclick: nextCustomer }, '下一位顾客')));
}

// ---------------------------------------------------------------------------------------------------------------
// Start

$('sign-in-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const token = $('token-input').value.trim().replace(/^Bearer\s+/i, '');
  if (!token) return;
  session.token = token;
  $('token-input').value = '';
  checkSignIn();
});

$('sign-out').addEventListener('click', () => signOut(null));

$('scan-form').addEventListener('submit', (event) => {
  event.preventDefault();
  scan($('member-code').value.trim());
});

if (session.token) {
  checkSignIn();
} else {
  show('sign-in');
}
renderCustomer();
