// Home: tier and growth to the next tier, points (pending, expiring soon), usable coupons, the dynamic member code
// (asked for again shortly before it expires) and, while the member is only a visitor, the phone-number sign-up.
// Live: pointsChanged moves the points at once, couponUpdated reloads the coupons; after a reconnect, everything.
// Written as Component() (WeChat runs a page built with Component too), so miniprogram-simulate can render it.
const { call } = require('../../utils/graphql')
const auth = require('../../utils/auth')
const ws = require('../../utils/ws')
const { own, answersInOrder } = require('../../utils/page')
const { describe, toast } = require('../../utils/errors')
const format = require('../../utils/format')
const config = require('../../config')

const CODE_REFRESH_BEFORE_MS = 10 * 1000

function tierView(tier) {
  const next = tier.nextLevelGrowth
  return {
    name: tier.name,
    growth: format.yuan(tier.growth),
    percent: next ? Math.min(100, Math.floor((tier.growth * 100) / next)) : 100,
    next: next
      ? `再消费 ${format.yuan(next - tier.growth)} 升级为${tier.nextLevelName}`
      : '已是最高等级',
  }
}

function pointsView(points) {
  return {
    balance: format.groupDigits(points.balance),
    pending: format.groupDigits(points.pending),
    expiring: points.expiringSoon.map(e => ({ text: `${format.groupDigits(e.amount)} 积分将于 ${format.chinaDate(e.at)} 过期` })),
  }
}

function couponsView(connection) {
  return {
    total: connection.totalCount,
    items: connection.edges.map(({ node }) => ({
      id: node.id,
      name: node.template.name,
      value: format.couponValue(node.template),
      kind: format.couponKind(node.template.kind),
      until: `有效期至 ${format.chinaTime(node.validUntil)}`,
    })),
  }
}

function codeView(memberCode) {
  return { text: memberCode.code, expiresAt: memberCode.expiresAt, hint: `${format.chinaTime(memberCode.expiresAt)} 前有效，到期前自动刷新` }
}

Component({
  data: {
    loading: true,
    error: null,
    actionError: null,
    live: '',
    member: null,
    tier: null,
    points: null,
    coupons: null,
    code: null,
  },

  methods: {
    onLoad() {
      own(this).unsubscribe = [
        ws.subscribe('PointsChanged', {}, {
          next: data => this.onPointsChanged(data.pointsChanged),
          reconnected: () => this.load({ quiet: true }),
        }),
        ws.subscribe('CouponUpdated', {}, {
          next: () => this.load({ quiet: true }),
          reconnected: () => this.load({ quiet: true }),
        }),
      ]
      return this.load()
    },

    onUnload() {
      const state = own(this)
      if (state.unsubscribe) state.unsubscribe.forEach(stop => stop())
      state.unsubscribe = []
      clearTimeout(state.codeTimer)
      state.codeTimer = null
    },

    onPullDownRefresh() {
      return this.load({ quiet: true }).then(() => wx.stopPullDownRefresh())
    },

    retry() {
      return this.load()
    },

    async load({ quiet = false } = {}) {
      if (!quiet) this.setData({ loading: true, error: null })
      const mayShow = answersInOrder(this, 'home')
      try {
        const { me } = await call('Home')
        if (!mayShow()) return // a load started later has answered already
        this.setData({
          loading: false,
          error: null,
          member: { id: me.id, name: me.displayName, registered: me.channelStatus.registered, guide: me.exclusiveGuide && me.exclusiveGuide.name },
          tier: tierView(me.tier),
          points: pointsView(me.points),
          coupons: couponsView(me.coupons),
          code: codeView(me.memberCode),
        })
        this.scheduleCodeRefresh(me.memberCode.expiresAt)
      } catch (err) {
        if (!mayShow()) return
        if (quiet && this.data.member) toast(err)
        else this.setData({ loading: false, error: describe(err) })
      }
    },

    scheduleCodeRefresh(expiresAt) {
      clearTimeout(own(this).codeTimer)
      const wait = Math.max(5000, Date.parse(expiresAt) - Date.now() - CODE_REFRESH_BEFORE_MS)
      own(this).codeTimer = setTimeout(() => this.refreshCode(), wait)
    },

    async refreshCode() {
      try {
        const { me } = await call('MemberCode')
        this.setData({ code: codeView(me.memberCode) })
        this.scheduleCodeRefresh(me.memberCode.expiresAt)
      } catch (err) {
        this.setData({ code: { text: '', hint: '会员码刷新失败，请下拉刷新' } })
        own(this).codeTimer = setTimeout(() => this.refreshCode(), 15000)
      }
    },

    onPointsChanged(change) {
      const entry = change.entry
      const moved = entry.amount !== 0 ? `${format.signed(entry.amount)} 积分` : `${format.signed(entry.pendingChange)} 积分待入账`
      this.setData({
        'points.balance': format.groupDigits(change.balance),
        'points.pending': format.groupDigits(change.pending),
        live: `${moved}：${entry.reason}`,
      })
      this.load({ quiet: true }) // growth and tier move with an order too
    },

    async onPhoneNumber(e) {
      const code = (e.detail && e.detail.code) || config.devPhoneCode // devPhoneCode: DevTools against the sandbox only
      if (!code) return // the member declined
      try {
        const payload = await auth.bindPhone(code)
        wx.showToast({ title: payload.switchedMember ? '已关联您的会员账户' : '注册成功', icon: 'success' })
        this.setData({ actionError: null })
        await this.load({ quiet: true })
      } catch (err) {
        this.setData({ actionError: describe(err) })
        toast(err)
      }
    },

    showCode() {
      if (this.data.code && this.data.code.text) wx.setClipboardData({ data: this.data.code.text })
    },
  },
})
