// My guide: the exclusive guide (name, store, the WeCom contact QR code to add them) and the store that serves the
// member; without a guide, an empty state saying how to get one.
const { call } = require('../../utils/graphql')
const { describe } = require('../../utils/errors')

function storeView(store) {
  if (!store) return null
  return {
    name: store.name,
    address: store.address || '',
    phone: store.phone || '',
    hours: store.openingHours ? `营业时间 ${store.openingHours}` : '',
  }
}

Component({
  data: { loading: true, error: null, guide: null, store: null },

  methods: {
    onLoad() {
      return this.load()
    },

    onPullDownRefresh() {
      return this.load().then(() => wx.stopPullDownRefresh())
    },

    retry() {
      return this.load()
    },

    async load() {
      this.setData({ loading: true, error: null })
      try {
        const { me } = await call('MyGuide')
        const guide = me.exclusiveGuide
        this.setData({
          loading: false,
          guide: guide && {
            name: guide.name,
            code: guide.guideCode,
            qr: guide.contactQrCode || '',
            resigned: guide.status === 'RESIGNED',
          },
          store: storeView((guide && guide.store) || me.serviceStore),
        })
      } catch (err) {
        this.setData({ loading: false, error: describe(err) })
      }
    },

    callStore() {
      if (this.data.store && this.data.store.phone) wx.makePhoneCall({ phoneNumber: this.data.store.phone })
    },

    previewQr() {
      if (this.data.guide && this.data.guide.qr) wx.previewImage({ urls: [this.data.guide.qr] })
    },
  },
})
