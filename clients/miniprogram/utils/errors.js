// What a refusal looks like on screen: a short Chinese title for the codes the mini-program meets, and the gateway's
// own message beside it (so the member and support see exactly why). Codes stay English, as the gateway sends them.

const TITLES = {
  AUTH_NOT_AUTHENTICATED: '登录已失效，请重新进入小程序',
  AUTH_NOT_AUTHORIZED: '没有权限进行此操作',
  NETWORK_ERROR: '网络不给力，请稍后重试',
  WECHAT_LOGIN_FAILED: '微信登录失败，请重试',
  WECHAT_CODE_INVALID: '微信登录凭证无效，请重试',
  WECHAT_CODE_USED: '微信登录凭证已使用，请重试',
  WECHAT_BUSY: '微信服务繁忙，请稍后重试',
  WECHAT_RATE_LIMITED: '操作太频繁，请稍后重试',
  WECHAT_RISK_CONTROL: '微信风控拦截，请稍后重试',
  WECHAT_UNAVAILABLE: '微信服务暂不可用，请稍后重试',
  PHONE_REQUIRED: '请先授权手机号注册会员',
  COUPON_LIMIT_REACHED: '已达领取上限',
  COUPON_NOT_CLAIMABLE: '该券暂不可领取',
  COUPON_EXPIRED: '优惠券已过期',
  OUT_OF_STOCK: '来晚了，券已领完',
  INSUFFICIENT_POINTS: '积分不足',
  IDEMPOTENCY_CONFLICT: '请求重复，请刷新后重试',
  PARTNER_SUSPENDED: '该合作伙伴已暂停合作',
  NOT_FOUND: '内容不存在或已下线',
  INVALID_INPUT: '填写的内容有误',
  BAD_USER_INPUT: '填写的内容有误',
  LOCATION_DENIED: '未获得位置权限',
}

/** An error with the gateway's code (UserError, GraphQL error extensions.code, or a client-side one) and message. */
class GatewayError extends Error {
  constructor(code, message, field) {
    super(message || code)
    this.name = 'GatewayError'
    this.code = code
    this.field = field || null
  }
}

/** { title, detail } for an error state or a toast. */
function describe(err) {
  const code = (err && err.code) || 'UNKNOWN'
  const message = (err && err.message) || ''
  return { code, title: TITLES[code] || '操作未成功', detail: message }
}

/** Shows a refusal as a toast (title only: toasts are short); pages also show describe(err) inline. */
function toast(err) {
  wx.showToast({ title: describe(err).title, icon: 'none', duration: 2500 })
}

module.exports = { GatewayError, describe, toast }
