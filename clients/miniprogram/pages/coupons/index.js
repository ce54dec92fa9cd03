// Coupons: the member's coupons by status (tabs), and the coupon centre — templates to claim for free or exchange for
// points. A refused claim or exchange shows the gateway's reason; couponUpdated reloads the list when a coupon
// arrives or changes elsewhere (a guide sent one, the till wrote one off).
const { call, payloadOf } = require('../../utils/graphql')
const ws = require('../../utils/ws')
const { own, answersInOrder } = require('../../utils/page')
const { describe, toast } = require('../../utils/errors')
const format = require('../../utils/format')

const TABS = [
  { key: 'AVAILABLE', label: '可使用' },
  { key: 'REDEEMED', label: '已使用' },
  { key: 'EXPIRED', label: '已过期' },
  { key: '', label: '全部' },
]

function couponItem(node) {
  return {
    id: node.id,
    name: node.template.name,
    value: format.couponValue(node.template),
    kind: format.couponKind(node.template.kind),
    status: format.couponStatus(node.status),
    code: node.code,
    until: node.status === 'REDEEMED' && node.redeemedAt
      ? `${format.chinaTime(node.redeemedAt)} 已使用`
      : `有效期至 ${format.chinaTime(node.validUntil)}`,
  }
}

function offerItem(node) {
  return {
    id: node.id,
    name: node.name,
    value: format.couponValue(node),
    kind: format.couponKind(node.kind),
    claimable: node.claimable,
    pointsPrice: node.pointsPrice,
    pointsText: node.pointsPrice ? `${format.groupDigits(node.pointsPrice)} 积分兑换` : '',
    remaining: `剩余 ${node.remaining} 张`,
  }
}

Component({
  data: {
    tabs: TABS,
    tab: 'AVAILABLE',
    loading: true,
    error: null,
    actionError: null,
    coupons: [],
    total: 0,
    hasMore: false,
    offers: [],
    balance: '',
    busy: '',
  },

  methods: {
    onLoad() {
      own(this).unsubscribe = ws.subscribe('CouponUpdated', {}, {
        next: () => this.loadCoupons(),
        reconnected: () => this.loadCoupons(),
      })
      return this.load()
    },

    onUnload() {
      if (own(this).unsubscribe) own(this).unsubscribe()
      own(this).unsubscribe = null
    },

    onPullDownRefresh() {
      return this.load().then(() => wx.stopPullDownRefresh())
    },

    onReachBottom() {
      return this.loadMore()
    },

    retry() {
      return this.load()
    },

    async load() {
      this.setData({ loading: true, error: null })
      try {
        await Promise.all([this.loadCoupons({ raise: true }), this.loadOffers()])
        this.setData({ loading: false })
      } catch (err) {
        this.setData({ loading: false, error: describe(err) })
      }
    },

    async loadCoupons({ raise = false, after = null } = {}) {
      const mayShow = answersInOrder(this, 'coupons')
      try {
        const tab = this.data.tab
        const { me } = await call('MyCoupons', { status: tab || null, first: 20, after })
        if (tab !== this.data.tab || !mayShow()) return // another tab is chosen, or a later load has answered already
        const page = me.coupons
        const items = page.edges.map(e => couponItem(e.node))
        own(this).endCursor = page.pageInfo.endCursor
        this.setData({
          coupons: after ? this.data.coupons.concat(items) : items,
          total: page.totalCount,
          hasMore: page.pageInfo.hasNextPage,
        })
      } catch (err) {
        if (!mayShow()) return
        if (raise) throw err
        toast(err)
      }
    },

    loadMore() {
      if (!this.data.hasMore) return Promise.resolve()
      return this.loadCoupons({ after: own(this).endCursor })
    },

    async loadOffers() {
      const mayShow = answersInOrder(this, 'offers')
      const data = await call('CouponOffers', { first: 50 })
      if (!mayShow()) return
      this.setData({
        offers: data.couponTemplates.edges.map(e => offerItem(e.node)),
        balance: format.groupDigits(data.me.points.balance),
      })
    },

    switchTab(e) {
      this.setData({ tab: e.currentTarget.dataset.key, coupons: [], hasMore: false })
      return this.loadCoupons()
    },

    async claim(e) {
      const { id, name } = e.currentTarget.dataset
      return this.act(id, async () => {
        payloadOf((await call('ClaimCoupon', { templateId: id })).claimCoupon)
        wx.showToast({ title: `已领取「${name}」`, icon: 'success' })
      })
    },

    async exchange(e) {
      const { id, name, points } = e.currentTarget.dataset
      const { confirm } = await wx.showModal({ title: '积分兑换', content: `使用 ${points} 积分兑换「${name}」？`, confirmText: '兑换' })
      if (!confirm) return undefined
      const idempotencyKey = `mp-${id}-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`
      return this.act(id, async () => {
        payloadOf((await call('ExchangePointsForCoupon', { templateId: id, idempotencyKey })).exchangePointsForCoupon)
        wx.showToast({ title: `已兑换「${name}」`, icon: 'success' })
      })
    },

    /** One action at a time; a refusal stays on screen with the gateway's reason until the next action. */
    async act(id, action) {
      if (this.data.busy) return
      this.setData({ busy: id, actionError: null })
      try {
        await action()
        if (this.data.tab !== 'AVAILABLE' && this.data.tab !== '') this.setData({ tab: 'AVAILABLE' })
        await Promise.all([this.loadCoupons(), this.loadOffers()])
      } catch (err) {
        this.setData({ actionError: describe(err) })
        toast(err)
      } finally {
        this.setData({ busy: '' })
      }
    },
  },
})
