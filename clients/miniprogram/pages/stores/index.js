// Nearby stores with scene-aware coupons: the member's position (wx.getLocation, WGS-84) and the weather there pick
// the scene — rain, snow, storm or late evening: delivery / O2O from the nearest store first; fine weather in the
// day: coupons to use in the store. The mini-program has no weather of its own: the member's choice (fine by
// default) stands in for a weather service. Without location permission the stores are listed by code.
const { call, payloadOf } = require('../../utils/graphql')
const { own } = require('../../utils/page')
const { describe, toast, GatewayError } = require('../../utils/errors')
const format = require('../../utils/format')

const WEATHERS = [
  { key: 'SUNNY', label: '晴' },
  { key: 'CLOUDY', label: '多云' },
  { key: 'RAIN', label: '下雨' },
  { key: 'SNOW', label: '下雪' },
  { key: 'STORM', label: '暴风雨' },
]

function sceneText(scene, weather) {
  if (scene === 'GO_OUT') return '天气不错，去门店逛逛吧：以下优惠到店可用'
  if (weather === 'SUNNY' || weather === 'CLOUDY') return '夜深了，足不出户：外送到家优惠优先推荐'
  return '天气不好，足不出户：外送到家优惠优先推荐'
}

function locate() {
  return new Promise((resolve, reject) => {
    wx.getLocation({
      type: 'wgs84',
      success: res => resolve({ latitude: res.latitude, longitude: res.longitude }),
      fail: res => reject(new GatewayError('LOCATION_DENIED', res && res.errMsg)),
    })
  })
}

Component({
  data: {
    weathers: WEATHERS,
    weatherIndex: 0,
    weatherLabel: WEATHERS[0].label,
    loading: true,
    error: null,
    locationError: null,
    actionError: null,
    stores: [],
    scene: null,
    recommendations: [],
  },

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
      this.setData({ loading: true, error: null, locationError: null })
      try {
        own(this).location = await locate()
      } catch (err) {
        own(this).location = null
        this.setData({ locationError: describe(err) })
      }
      try {
        await Promise.all([this.loadStores(), this.loadRecommendations()])
        this.setData({ loading: false })
      } catch (err) {
        this.setData({ loading: false, error: describe(err) })
      }
    },

    async loadStores() {
      const { stores } = await call('NearbyStores', { near: own(this).location, first: 10 })
      this.setData({
        stores: stores.edges.map(({ node }) => ({
          id: node.id,
          name: node.name,
          address: node.address || node.city,
          hours: node.openingHours ? `营业时间 ${node.openingHours}` : '',
          phone: node.phone,
          distance: format.distance(node.distanceMeters),
          delivers: node.distanceMeters !== null && node.distanceMeters <= node.deliveryRadiusMeters,
        })),
      })
    },

    async loadRecommendations() {
      if (!own(this).location) {
        this.setData({ scene: null, recommendations: [] })
        return
      }
      const weather = WEATHERS[this.data.weatherIndex].key
      const { recommendedCoupons } = await call('RecommendedCoupons', { context: { location: own(this).location, weather } })
      this.setData({
        scene: { code: recommendedCoupons.scene, text: sceneText(recommendedCoupons.scene, weather) },
        recommendations: recommendedCoupons.items.map(item => ({
          id: item.template.id,
          name: item.template.name,
          value: format.couponValue(item.template),
          kind: format.couponKind(item.template.kind),
          reason: item.reason,
          claimable: item.template.claimable,
        })),
      })
    },

    async onWeather(e) {
      const index = Number(e.detail.value)
      this.setData({ weatherIndex: index, weatherLabel: WEATHERS[index].label })
      try {
        await this.loadRecommendations()
      } catch (err) {
        toast(err)
      }
    },

    async claim(e) {
      const { id, name } = e.currentTarget.dataset
      this.setData({ actionError: null })
      try {
        payloadOf((await call('ClaimCoupon', { templateId: id })).claimCoupon)
        wx.showToast({ title: `已领取「${name}」`, icon: 'success' })
        await this.loadRecommendations()
      } catch (err) {
        this.setData({ actionError: describe(err) })
        toast(err)
      }
    },

    callStore(e) {
      const phone = e.currentTarget.dataset.phone
      if (phone) wx.makePhoneCall({ phoneNumber: phone })
    },
  },
})
