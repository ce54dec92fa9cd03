// A stand-in for @wecom/jssdk in a plain desktop browser (serve.mjs serves it at /vendor/wecom-jssdk.js when FAKE_WW=1).
// It has the SDK's shape for what the sidebar uses — register, getContext, getCurExternalContact — and behaves as the
// WeCom client would in a single chat's toolbar: register asks the page for both signatures (as the SDK does inside
// WeCom), getContext answers the entry single_chat_tools, and getCurExternalContact answers the external user id given in
// the address as ?contact=wm… (a demo customer's, from `demo-accounts`). Without it, it fails as the SDK does outside a
// chat. Never served by default: in WeCom the real SDK talks to the client.
export const SDK_VERSION = 'fake';
export const env = { isWeChat: false, isWeCom: true };

let registered = null;

export function register(options) {
  if (!options?.corpId) throw new Error('Missing corpId');
  const url = location.href.split('#')[0];
  registered = Promise.all([
    options.getConfigSignature?.(url),
    options.agentId !== undefined && options.agentId !== null ? options.getAgentConfigSignature?.(url) : undefined,
  ]).then(([config, agentConfig]) => {
    console.info('[fake ww] registered', { corpId: options.corpId, agentId: options.agentId, config, agentConfig });
  });
  registered.catch(error => console.warn('[fake ww] signature failed', error));
}

async function ready() {
  if (!registered) throw { errMsg: 'fake ww: call register first' };
  await registered;
}

export async function getContext() {
  await ready();
  return { errMsg: 'getContext:ok', entry: 'single_chat_tools' };
}

export async function getCurExternalContact() {
  await ready();
  const contact = new URLSearchParams(location.search).get('contact');
  if (!contact) throw { errMsg: 'getCurExternalContact:fail without context of external contact' };
  return { errMsg: 'getCurExternalContact:ok', userId: contact };
}
