// Partner consents (PIPL: a separate consent before sharing with a third party): per partner mall and purpose, the
// member grants or revokes; the recent ledger shows what changed when. The partners come from consentablePartners
// (the active ones); one already consented to but suspended since still shows, so it can be revoked.
const { call, payloadOf } = require('../../utils/graphql')
const { describe, toast } = require('../../utils/errors')
const format = require('../../utils/format')

const PURPOSES = [
  { key: 'BENEFITS', label: '共享会员等级与权益' },
  { key: 'POINTS_EXCHANGE', label: '积分互通' },
]
const ACTIONS = { GRANTED: '授权', REVOKED: '撤回' }

function partnerRows(partners, consents) {
  const byPartner = new Map()
  partners.forEach(p => byPartner.set(p.id, { id: p.id, name: p.name, purposes: [] }))
  consents.forEach(c => { if (!byPartner.has(c.partner.id)) byPartner.set(c.partner.id, { id: c.partner.id, name: c.partner.name, purposes: [] }) })
  return Array.from(byPartner.values()).map(row => ({
    ...row,
    purposes: PURPOSES.map(purpose => {
      const live = consents.find(c => c.partner.id === row.id && c.purpose === purpose.key)
      return {
        key: purpose.key,
        label: purpose.label,
        granted: !!live,
        since: live ? `${format.chinaDate(live.grantedAt)} 起已授权` : '未授权',
      }
    }),
  }))
}

Component({
  data: { loading: true, error: null, actionError: null, partners: [], ledger: [], busy: '' },

  methods: {
    onLoad() {
      return this.load()
    },

    onPullDownRefresh() {
      return this.load({ quiet: true }).then(() => wx.stopPullDownRefresh())
    },

    retry() {
      return this.load()
    },

    async load({ quiet = false } = {}) {
      if (!quiet) this.setData({ loading: true, error: null })
      try {
        const data = await call('PartnerConsents')
        this.setData({
          loading: false,
          error: null,
          partners: partnerRows(data.consentablePartners.edges.map(e => e.node), data.me.partnerConsents),
          ledger: data.me.partnerConsentLedger.edges.map(({ node }, i) => ({
            key: `${node.at}-${i}`,
            text: `${ACTIONS[node.action]}「${node.partner.name}」${(PURPOSES.find(p => p.key === node.purpose) || {}).label || node.purpose}`,
            at: format.chinaTime(node.at),
          })),
        })
      } catch (err) {
        if (quiet) toast(err)
        else this.setData({ loading: false, error: describe(err) })
      }
    },

    async toggle(e) {
      const { partner, purpose, granted } = e.currentTarget.dataset
      const key = `${partner}:${purpose}`
      if (this.data.busy) return
      this.setData({ busy: key, actionError: null })
      try {
        if (granted) {
          payloadOf((await call('RevokePartnerConsent', { partnerId: partner, purpose })).revokePartnerConsent)
          wx.showToast({ title: '已撤回授权', icon: 'success' })
        } else {
          payloadOf((await call('GrantPartnerConsent', { partnerId: partner, purpose })).grantPartnerConsent)
          wx.showToast({ title: '已授权', icon: 'success' })
        }
        await this.load({ quiet: true })
      } catch (err) {
        this.setData({ actionError: describe(err) })
        toast(err)
      } finally {
        this.setData({ busy: '' })
      }
    },
  },
})
