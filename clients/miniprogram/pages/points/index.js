// Points history: the ledger, newest first, 20 entries a page (more on reaching the bottom or with the button).
// Live: a pointsChanged event puts its entry on top and moves the totals.
const { call } = require('../../utils/graphql')
const ws = require('../../utils/ws')
const { own } = require('../../utils/page')
const { describe, toast } = require('../../utils/errors')
const format = require('../../utils/format')

const PAGE_SIZE = 20
const KINDS = { EARN: '获得', RELEASE: '到账', REDEEM: '使用', EXPIRE: '过期', REVERSE: '扣回', ADJUST: '调整' }

function entryItem(entry, index) {
  const amount = entry.amount !== 0 ? format.signed(entry.amount) : ''
  const pending = entry.pendingChange !== 0 ? `待入账 ${format.signed(entry.pendingChange)}` : ''
  return {
    key: `${entry.at}-${index}`,
    reason: entry.reason,
    kind: KINDS[entry.kind] || entry.kind,
    amount,
    pending,
    positive: entry.amount > 0 || (entry.amount === 0 && entry.pendingChange > 0),
    at: format.chinaTime(entry.at),
    balanceAfter: `余额 ${format.groupDigits(entry.balanceAfter)}`,
  }
}

Component({
  data: {
    loading: true,
    error: null,
    balance: '',
    pending: '',
    entries: [],
    hasMore: false,
    loadingMore: false,
  },

  methods: {
    onLoad() {
      own(this).unsubscribe = ws.subscribe('PointsChanged', {}, {
        next: data => this.onPointsChanged(data.pointsChanged),
        reconnected: () => this.load(),
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
      this.setData({ loading: this.data.entries.length === 0, error: null })
      try {
        const { me } = await call('PointsHistory', { first: PAGE_SIZE })
        this.show(me.points, false)
      } catch (err) {
        this.setData({ loading: false, error: describe(err) })
      }
    },

    async loadMore() {
      if (!this.data.hasMore || this.data.loadingMore) return
      this.setData({ loadingMore: true })
      try {
        const { me } = await call('PointsHistory', { first: PAGE_SIZE, after: own(this).endCursor })
        this.show(me.points, true)
      } catch (err) {
        toast(err)
      } finally {
        this.setData({ loadingMore: false })
      }
    },

    show(points, append) {
      const ledger = points.ledger
      const offset = append ? this.data.entries.length : 0
      const items = ledger.edges.map((e, i) => entryItem(e.node, offset + i))
      own(this).endCursor = ledger.pageInfo.endCursor
      this.setData({
        loading: false,
        balance: format.groupDigits(points.balance),
        pending: format.groupDigits(points.pending),
        entries: append ? this.data.entries.concat(items) : items,
        hasMore: ledger.pageInfo.hasNextPage,
      })
    },

    onPointsChanged(change) {
      this.setData({
        balance: format.groupDigits(change.balance),
        pending: format.groupDigits(change.pending),
        entries: [entryItem(change.entry, `live-${Date.now()}`)].concat(this.data.entries),
      })
    },
  },
})
