// The guide's sidebar in a WeCom chat (entries single_chat_tools and contact_profile):
//   1. sign-in: WeCom's OAuth redirect brings ?code=…; it is removed from the address at once and exchanged with
//      signInWithWeCom for a guide token, kept in sessionStorage (never in a URL);
//   2. ww.register with the signatures of weComJsSdkSignature, then getContext and getCurExternalContact give the
//      external user id of the customer in the chat;
//   3. sidebarContext(externalUserId) is the card; the guide tags and untags, sends coupons; the header shows the
//      commission booked today, moved live by the commissionUpdated subscription (the socket reconnects by itself).
import * as ww from './vendor/wecom-jssdk.js';
import { execute, loadDocument, GraphQLRequestError } from './graphql.js';
import { createSubscriptionClient } from './ws.js';
import {
  yuan, yuanDelta, chinaTime, chinaDate, couponValue, channelNames, relationshipKinds, relationshipSources,
} from './format.js';

const SESSION_KEY = 'membergraph.wecom-sidebar.session';
const SIDEBAR_ENTRIES = ['single_chat_tools', 'contact_profile'];
const WW_TIMEOUT_MS = 15000;

const state = {
  token: null,
  guide: null,
  externalUserId: null,
  card: null,
  choices: null,
  live: null,
  signatures: new Map(),
  selected: {},
};

const main = document.getElementById('main');

// ---------- small DOM helpers (text only: customer data never goes through innerHTML) ----------

function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

function show(...nodes) {
  main.replaceChildren(...nodes);
}

function showLoading(text = '加载中…') {
  show(h('section', { class: 'state state-loading', 'data-testid': 'state-loading' },
    h('div', { class: 'spinner', 'aria-hidden': 'true' }), h('p', { 'data-testid': 'loading-text' }, text)));
}

function showEmpty(title, detail) {
  show(h('section', { class: 'state state-empty', 'data-testid': 'state-empty' },
    h('p', { class: 'state-title' }, title), detail ? h('p', { class: 'state-detail' }, detail) : null));
}

/** What a refusal means for the guide, where the code says more than the gateway's (English) message. */
const errorHints = {
  WECOM_CODE_INVALID: '授权已失效，请从企业微信重新打开侧边栏。',
  GUIDE_RESIGNED: '该导购已离职，不能再使用侧边栏。',
  WECOM_UNAVAILABLE: '企业微信暂时无法连接，请稍后重试。',
  WECOM_REJECTED: '企业微信拒绝了请求，请联系管理员检查应用配置。',
  AUTH_NOT_AUTHORIZED: '你没有查看这位客户的权限。',
  NETWORK_ERROR: '请检查网络后重试。',
};

function showError(title, error, retry) {
  const hint = error?.code === 'NOT_FOUND' && title === '登录失败' ? '这个企业微信账号不是导购。' : errorHints[error?.code];
  show(h('section', { class: 'state state-error', role: 'alert', 'data-testid': 'state-error' },
    h('p', { class: 'state-title' }, title),
    hint ? h('p', { class: 'state-hint' }, hint) : null,
    h('p', { class: 'state-detail', 'data-testid': 'error-message' }, messageOf(error)),
    error?.code ? h('p', { class: 'state-code' }, error.code) : null,
    retry ? h('button', { type: 'button', class: 'secondary', onclick: retry }, '重试') : null));
}

function messageOf(error) {
  if (!error) return '';
  if (typeof error === 'string') return error;
  return error.message || error.errMsg || String(error);
}

// ---------- session ----------

function readSession() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
    if (saved?.token && (!saved.expiresAt || new Date(saved.expiresAt).getTime() > Date.now() + 30000)) return saved;
  } catch { /* a broken entry is no session */ }
  sessionStorage.removeItem(SESSION_KEY);
  return null;
}

function endSession(message) {
  sessionStorage.removeItem(SESSION_KEY);
  state.token = null;
  state.live?.close();
  state.live = null;
  showEmpty('登录已失效', message || '请从企业微信客户聊天的侧边栏重新打开本页。');
}

/** The OAuth code of the address becomes a guide token; the code leaves the address before anything else happens. */
async function signIn() {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (code) {
    params.delete('code');
    params.delete('state');
    const rest = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
    showLoading('正在登录…');
    try {
      const { data } = await execute('sign-in-with-wecom', { code });
      const payload = data.signInWithWeCom;
      if (payload.errors.length > 0) {
        showError('登录失败', payload.errors[0]);
        return null;
      }
      const session = { token: payload.token, expiresAt: payload.expiresAt, guideId: payload.guide?.id };
      sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
      return session;
    } catch (error) {
      showError('登录失败', error, () => location.reload());
      return null;
    }
  }
  const saved = readSession();
  if (!saved) showEmpty('请从企业微信打开', '本页是导购在企业微信客户聊天中使用的侧边栏，需通过企业微信授权登录。');
  return saved;
}

/** Runs an operation as the guide; a token the gateway no longer takes ends the session. */
async function run(name, variables, options = {}) {
  try {
    return await execute(name, variables, { ...options, token: state.token });
  } catch (error) {
    if (error instanceof GraphQLRequestError && error.code === 'AUTH_NOT_AUTHENTICATED') {
      endSession();
      throw Object.assign(error, { sessionEnded: true });
    }
    throw error;
  }
}

// ---------- header: the guide and today's commission, live ----------

function renderGuide() {
  const guide = state.guide;
  document.querySelector('[data-testid=guide-bar]').hidden = false;
  document.querySelector('[data-testid=guide-name]').textContent = guide.name;
  document.querySelector('[data-testid=guide-store]').textContent = guide.store?.name ?? '';
  renderCommission(guide.commission);
}

function renderCommission(totals) {
  const today = document.querySelector('[data-testid=commission-today]');
  const before = today.dataset.cents;
  today.textContent = yuan(totals.today);
  today.dataset.cents = String(totals.today);
  document.querySelector('[data-testid=commission-more]').textContent = `本月 ${yuan(totals.month)} · 待结算 ${yuan(totals.pending)}`;
  if (before !== undefined && before !== String(totals.today)) {
    today.classList.remove('flash');
    void today.offsetWidth; // restart the animation
    today.classList.add('flash');
  }
}

async function loadGuide() {
  const { data } = await run('my-guide');
  if (!data.myGuide) throw new GraphQLRequestError('NOT_FOUND', '找不到当前导购');
  state.guide = data.myGuide;
  renderGuide();
}

function setLiveStatus(status) {
  const badge = document.querySelector('[data-testid=live-status]');
  badge.dataset.state = status;
  badge.textContent = { open: '实时', connecting: '连接中', reconnecting: '重连中…', unauthenticated: '已断开' }[status] ?? status;
}

async function startLive() {
  const query = await loadDocument('commission-updated');
  state.live = createSubscriptionClient({
    getToken: () => state.token,
    onStatus: setLiveStatus,
    // Events sent while the socket was down are not replayed: read the totals again, a moment after subscribing
    // again so that a change committed in between is either in that answer or heard on the socket.
    onReconnect: () => setTimeout(() => loadGuide().catch(() => {}), 500),
    onAuthFailure: () => endSession(),
  });
  state.live.subscribe(query, {}, {
    next: payload => {
      const update = payload?.data?.commissionUpdated;
      if (!update) return;
      renderCommission(update.totals);
      const last = document.querySelector('[data-testid=commission-last]');
      last.hidden = false;
      last.textContent = `${update.reason === 'CLAWED_BACK' ? '退款扣回' : '新增'} ${yuanDelta(update.commissionDeltaCents)} · ${chinaTime(update.occurredAt)}`;
    },
    error: errors => console.warn('commissionUpdated refused', errors),
  });
  window.addEventListener('online', () => state.live?.reconnectNow());
}

// ---------- the WeCom JS-SDK ----------

/** weComJsSdkSignature for one page URL (without fragment), asked once per URL. */
function jsSdkSignature(url) {
  const key = url.split('#')[0];
  if (!state.signatures.has(key)) {
    const pending = run('wecom-jssdk-signature', { url: key }).then(({ data }) => data.weComJsSdkSignature);
    pending.catch(() => state.signatures.delete(key));
    state.signatures.set(key, pending);
  }
  return state.signatures.get(key);
}

function withTimeout(promise, what) {
  return Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject({ errMsg: `${what}: 企业微信未响应` }), WW_TIMEOUT_MS)),
  ]);
}

/** The external user id of the customer in the chat, or null (the page then shows why). */
async function currentContact() {
  if (!ww.env?.isWeCom) {
    showEmpty('请在企业微信中打开', '客户名片需要企业微信客户端提供当前聊天的客户。在桌面浏览器中调试时，请用 FAKE_WW=1 启动（见 README）。');
    return null;
  }

  const registration = await jsSdkSignature(location.href);
  const sign = part => async url => {
    const signature = (await jsSdkSignature(url))[part];
    return { timestamp: signature.timestamp, nonceStr: signature.nonceStr, signature: signature.signature };
  };
  ww.register({
    corpId: registration.corpId,
    ...(registration.agentId ? { agentId: registration.agentId, getAgentConfigSignature: sign('agentConfig') } : {}),
    jsApiList: ['getContext', 'getCurExternalContact'],
    getConfigSignature: sign('config'),
  });

  let context;
  try {
    context = await withTimeout(ww.getContext(), 'getContext');
  } catch (error) {
    showError('无法获取企业微信的页面入口', error, () => location.reload());
    return null;
  }
  if (!SIDEBAR_ENTRIES.includes(context?.entry)) {
    showEmpty('请在客户聊天中打开', `本页需从单聊的聊天工具栏或客户详情页进入（当前入口：${context?.entry ?? '未知'}）。`);
    return null;
  }

  try {
    const contact = await withTimeout(ww.getCurExternalContact(), 'getCurExternalContact');
    return contact.userId;
  } catch (error) {
    if (String(error?.errMsg ?? '').includes('without context of external contact')) {
      showEmpty('当前聊天不是客户', '请在与外部客户的单聊中打开侧边栏。');
    } else {
      showError('无法获取当前客户', error, () => location.reload());
    }
    return null;
  }
}

// ---------- the card ----------

async function loadChoices() {
  if (!state.choices) {
    const { data } = await run('action-choices');
    state.choices = {
      tags: data.tags.filter(t => t.kind === 'MANUAL' && t.active),
      templates: data.couponTemplates.edges.map(e => e.node),
    };
  }
  return state.choices;
}

async function loadCard({ quiet = false } = {}) {
  if (!quiet) showLoading('正在读取客户信息…');
  main.setAttribute('aria-busy', 'true');
  try {
    const [{ data, errors }] = await Promise.all([
      run('sidebar-context', { externalUserId: state.externalUserId }, { partial: true }),
      loadChoices(),
    ]);
    const card = data.sidebarContext;
    if (!card) {
      const error = errors[0];
      if (error?.extensions?.code === 'NOT_FOUND') {
        showEmpty('还不是会员', '这位客户还没有会员信息：邀请他注册小程序会员后即可查看。');
      } else {
        showError('无法查看这位客户', { code: error?.extensions?.code, message: error?.message ?? '未知错误' }, () => loadCard());
      }
      return;
    }
    // On the reduced card (a store colleague's customer) the refused fields carry AUTH_NOT_AUTHORIZED: expected.
    const unexpected = errors.filter(e => !(card.canAct === false && e.extensions?.code === 'AUTH_NOT_AUTHORIZED'));
    if (unexpected.length > 0) console.warn('sidebarContext answered with errors', unexpected);
    state.card = card;
    renderCard(card);
  } catch (error) {
    if (error.sessionEnded) return;
    showError('读取客户信息失败', error, () => loadCard());
  } finally {
    main.setAttribute('aria-busy', 'false');
  }
}

function section(title, testid, ...children) {
  return h('section', { class: 'panel', 'data-testid': testid }, h('h2', {}, title), ...children);
}

function renderCard(card) {
  const member = card.member;
  const relationship = card.relationship
    ? `${relationshipKinds[card.relationship.kind] ?? card.relationship.kind} · ${relationshipSources[card.relationship.source] ?? ''} · ${chinaDate(card.relationship.since)}起`
    : '同店同事的客户';

  const head = h('section', { class: 'panel customer', 'data-testid': 'card' },
    h('div', { class: 'customer-head' },
      h('div', { class: 'avatar', 'aria-hidden': 'true' }, (member.displayName || '客').slice(0, 1)),
      h('div', {},
        h('div', { class: 'customer-name', 'data-testid': 'member-name' }, member.displayName),
        h('div', { class: 'customer-sub' },
          card.maskedPhone ? h('span', { 'data-testid': 'member-phone' }, card.maskedPhone) : null,
          h('span', { class: 'badge' }, relationship))),
      h('span', { class: `tier tier-${member.tier.level}`, 'data-testid': 'member-tier' }, member.tier.name)),
    member.points
      ? h('div', { class: 'stats' },
        h('div', {}, h('div', { class: 'stat-value', 'data-testid': 'member-points' }, member.points.balance.toLocaleString('zh-CN')), h('div', { class: 'stat-label' }, '可用积分')),
        h('div', {}, h('div', { class: 'stat-value' }, member.points.pending.toLocaleString('zh-CN')), h('div', { class: 'stat-label' }, '待入账积分')),
        h('div', {}, h('div', { class: 'stat-value' }, member.tier.nextLevelGrowth != null ? yuan(member.tier.nextLevelGrowth - member.tier.growth) : '—'),
          h('div', { class: 'stat-label' }, member.tier.nextLevelName ? `距${member.tier.nextLevelName}` : '已是最高等级')))
      : null,
    card.channelStatus ? renderChannels(card.channelStatus) : null,
    h('dl', { class: 'guides' },
      // refused on the reduced card: not shown there rather than shown empty
      card.canAct ? [h('dt', {}, '开卡导购'), h('dd', { 'data-testid': 'opening-guide' }, card.openingGuide?.name ?? '—')] : null,
      h('dt', {}, '专属导购'), h('dd', { 'data-testid': 'exclusive-guide' }, card.exclusiveGuide?.name ?? '暂无'),
      h('dt', {}, '服务门店'), h('dd', { 'data-testid': 'service-store' }, card.serviceStore?.name ?? '暂无')));

  if (!card.canAct) {
    show(head, h('p', { class: 'notice', 'data-testid': 'reduced-notice' }, '这位客户由同店同事服务：仅显示基本信息，不能打标签或发券。'));
    return;
  }
  show(head, renderTags(card), renderCoupons(card), renderOrders(member));
}

function renderChannels(status) {
  const items = [
    ['registered', '注册会员'], ['followedOfficialAccount', '关注公众号'], ['authorizedMiniProgram', '授权小程序'], ['addedGuideOnWeCom', '添加企微'],
  ];
  return h('ul', { class: 'channels', 'data-testid': 'channel-status' },
    items.map(([key, label]) => h('li', { class: status[key] ? 'on' : 'off', 'data-channel': key }, `${status[key] ? '✓' : '✗'} ${label}`)));
}

function actionMessage(testid) {
  return h('p', { class: 'action-message', 'data-testid': testid, role: 'status', hidden: true });
}

function say(element, text, kind) {
  element.hidden = !text;
  element.textContent = text ?? '';
  element.className = `action-message ${kind ?? ''}`;
  element.setAttribute('role', kind === 'error' ? 'alert' : 'status');
}

/** A refusal in words: the reason in Chinese where the code is known, and always the gateway's own message. */
const refusalReasons = {
  COUPON_LIMIT_REACHED: '已达每人限领数量',
  OUT_OF_STOCK: '券已发完',
  COUPON_NOT_CLAIMABLE: '该券不能发放',
  NOT_YOUR_CUSTOMER: '不是你的客户',
  NOT_FOUND: '未找到',
  INVALID_INPUT: '输入有误',
  AUTH_NOT_AUTHORIZED: '没有权限',
};

function refusal(error) {
  const reason = refusalReasons[error.code];
  return `操作未成功：${reason ? `${reason}（${error.message}）` : error.message}`;
}

async function act(button, message, operation, onDone) {
  button.disabled = true;
  say(message, '正在提交…', 'pending');
  try {
    const result = await operation();
    if (result.errors?.length) {
      say(message, refusal(result.errors[0]), 'error');
      return;
    }
    const done = onDone(result);
    say(message, done, 'ok');
    await loadCard({ quiet: true });
    // The card was drawn again: say it in the new card's place for this action.
    const again = document.querySelector(`[data-testid="${message.dataset.testid}"]`);
    if (again && again !== message) say(again, done, 'ok');
  } catch (error) {
    if (error.sessionEnded) return;
    say(message, refusal(error), 'error');
  } finally {
    button.disabled = false;
  }
}

/** A choice survives the card being drawn again (after an action), as long as it is still offered. */
function keepChoice(select, name) {
  const kept = state.selected?.[name];
  if (kept && [...select.options].some(o => o.value === kept)) select.value = kept;
  select.addEventListener('change', () => { state.selected = { ...state.selected, [name]: select.value }; });
}

function renderTags(card) {
  const member = card.member;
  const message = actionMessage('tag-message');
  const held = new Set(member.tags.map(t => t.key));
  const list = member.tags.length === 0
    ? h('p', { class: 'empty', 'data-testid': 'tags-empty' }, '还没有标签')
    : h('ul', { class: 'chips' }, member.tags.map(tag => h('li', { class: `chip chip-${tag.source.toLowerCase()}`, 'data-testid': 'tag', 'data-key': tag.key },
      tag.value ? `${tag.name}：${tag.value}` : tag.name,
      tag.source === 'GUIDE'
        ? h('button', {
          type: 'button', class: 'chip-remove', title: `移除标签 ${tag.name}`, 'aria-label': `移除标签 ${tag.name}`, 'data-testid': 'untag',
          onclick: event => act(event.currentTarget, message, () => mutate('untag-member', 'untagMember', { memberId: member.id, key: tag.key }), () => `已移除标签「${tag.name}」`),
        }, '×')
        : null)));

  const choices = state.choices.tags.filter(t => !held.has(t.key));
  const select = h('select', { 'data-testid': 'tag-select', 'aria-label': '选择标签' },
    choices.length === 0 ? h('option', { value: '' }, '没有可添加的标签') : choices.map(t => h('option', { value: t.key }, t.name)));
  keepChoice(select, 'tag');
  const button = h('button', {
    type: 'button', 'data-testid': 'tag-add', disabled: choices.length === 0,
    onclick: () => {
      const tag = choices.find(t => t.key === select.value);
      if (!tag) return;
      act(button, message, () => mutate('tag-member', 'tagMember', { memberId: member.id, key: tag.key }), () => `已添加标签「${tag.name}」`);
    },
  }, '打标签');
  return section('标签', 'tags', list, h('div', { class: 'action' }, select, button), message);
}

async function mutate(operation, field, variables) {
  const { data } = await run(operation, variables);
  return data[field];
}

function renderCoupons(card) {
  const member = card.member;
  const coupons = member.coupons?.edges.map(e => e.node) ?? [];
  const message = actionMessage('coupon-message');
  const list = coupons.length === 0
    ? h('p', { class: 'empty', 'data-testid': 'coupons-empty' }, '没有可用的券')
    : h('ul', { class: 'coupons' }, coupons.map(coupon => h('li', { 'data-testid': 'coupon' },
      h('span', { class: 'coupon-value' }, couponValue(coupon.template.value)),
      h('span', { class: 'coupon-name' }, coupon.template.name),
      h('span', { class: 'coupon-until' }, `${chinaDate(coupon.validUntil)} 前有效`))));
  const templates = state.choices.templates;
  const select = h('select', { 'data-testid': 'coupon-select', 'aria-label': '选择要发送的券' },
    templates.length === 0 ? h('option', { value: '' }, '暂无可发的券') : templates.map(t => h('option', { value: t.id }, `${t.name}（剩余 ${t.remaining}）`)));
  keepChoice(select, 'template');
  const button = h('button', {
    type: 'button', 'data-testid': 'coupon-send', disabled: templates.length === 0,
    onclick: () => {
      const template = templates.find(t => t.id === select.value);
      if (!template) return;
      act(button, message, () => mutate('send-coupon', 'sendCoupon', { memberId: member.id, templateId: template.id }),
        result => `已发送「${result.coupon?.template.name ?? template.name}」，${chinaDate(result.coupon?.validUntil)} 前有效`);
    },
  }, '发券');
  const total = member.coupons?.totalCount ?? coupons.length;
  return section(`可用券（${total}）`, 'coupons', list, h('div', { class: 'action' }, select, button), message);
}

function renderOrders(member) {
  const orders = member.orders?.edges.map(e => e.node) ?? [];
  return section('最近订单', 'orders', orders.length === 0
    ? h('p', { class: 'empty', 'data-testid': 'orders-empty' }, '还没有订单')
    : h('ul', { class: 'orders' }, orders.map(order => h('li', { 'data-testid': 'order' },
      h('div', { class: 'order-head' },
        h('span', {}, `${chinaTime(order.paidAt)} · ${channelNames[order.channel] ?? order.channel}${order.store ? ` · ${order.store.name}` : ''}`),
        h('strong', {}, yuan(order.paidAmountCents))),
      h('div', { class: 'order-lines' }, order.lines.map(l => `${l.productName ?? l.sku} ×${l.quantity}`).join('，'))))));
}

// ---------- start ----------

async function start() {
  const session = await signIn();
  if (!session) return;
  state.token = session.token;
  try {
    showLoading('正在读取导购信息…');
    await loadGuide();
    await startLive();
    const externalUserId = await currentContact();
    if (!externalUserId) return;
    state.externalUserId = externalUserId;
    await loadCard();
  } catch (error) {
    if (error.sessionEnded) return;
    showError('侧边栏加载失败', error, () => location.reload());
  }
}

// For tests and debugging in the browser's console: drop the live socket as a network failure would.
window.membergraphSidebar = { dropSocket: () => state.live?.drop() };

start();
