// Display helpers. Money arrives in integer cents and is shown in yuan without floating point; times arrive in UTC
// (ISO 8601) and are shown in China time (UTC+8, no daylight saving) whatever the phone's time zone is.

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

function pad(n) {
  return n < 10 ? `0${n}` : `${n}`
}

/** 12800 → "¥128.00", -50 → "-¥0.50" (integer arithmetic: no 0.1 + 0.2 surprises). */
function yuan(cents) {
  if (cents === null || cents === undefined || cents === '') return ''
  const value = Math.trunc(Number(cents))
  const sign = value < 0 ? '-' : ''
  const abs = Math.abs(value)
  const whole = Math.floor(abs / 100)
  const rest = abs % 100
  return `${sign}¥${groupDigits(whole)}.${rest < 10 ? `0${rest}` : rest}`
}

/** 12345 → "12,345". */
function groupDigits(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** A points amount with its sign: 120 → "+120", -30 → "-30". */
function signed(n) {
  const value = Number(n)
  return value > 0 ? `+${groupDigits(value)}` : `-${groupDigits(Math.abs(value))}`
}

function chinaParts(iso) {
  const ms = typeof iso === 'number' ? iso : Date.parse(iso)
  if (Number.isNaN(ms)) return null
  const d = new Date(ms + CHINA_OFFSET_MS)
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(),
  }
}

/** "2025-03-01T06:05:00Z" → "2025-03-01 14:05" (China time). */
function chinaTime(iso) {
  const p = chinaParts(iso)
  if (!p) return ''
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`
}

/** "2025-03-01T18:00:00Z" → "2025-03-02" (China date). */
function chinaDate(iso) {
  const p = chinaParts(iso)
  if (!p) return ''
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`
}

/** The China-time hour of a moment (for "evening" wording). */
function chinaHour(ms) {
  return chinaParts(ms).hour
}

const COUPON_KINDS = { IN_STORE: '到店', DELIVERY: '外送', O2O: '30分钟达', PARTNER: '合作权益' }
const COUPON_STATUSES = { AVAILABLE: '可使用', RESERVED: '支付中', REDEEMED: '已使用', EXPIRED: '已过期', REVOKED: '已收回' }

/** What a coupon gives, in words: 满100减15, 立减¥5.00, 8.5折, or the gift. */
function couponValue(template) {
  const value = (template && template.value) || {}
  const plain = cents => yuan(cents).replace('¥', '').replace(/\.00$/, '')
  const threshold = template && template.thresholdCents > 0 ? `满${plain(template.thresholdCents)}` : ''
  if (value.kind === 'AMOUNT_OFF') return threshold ? `${threshold}减${plain(value.amountOffCents)}` : `立减${plain(value.amountOffCents)}元`
  if (value.kind === 'DISCOUNT') {
    const rate = value.discountRate % 10 === 0 ? `${value.discountRate / 10}` : `${Math.floor(value.discountRate / 10)}.${value.discountRate % 10}`
    return threshold ? `${threshold}享${rate}折` : `${rate}折`
  }
  if (value.kind === 'GIFT') return threshold ? `${threshold}赠${value.giftDescription || '好礼'}` : value.giftDescription || '赠品'
  return ''
}

function couponKind(kind) {
  return COUPON_KINDS[kind] || kind
}

function couponStatus(status) {
  return COUPON_STATUSES[status] || status
}

/** 850 → "850米", 12345 → "12.3公里". */
function distance(meters) {
  if (meters === null || meters === undefined) return ''
  if (meters < 1000) return `${meters}米`
  return `${Math.floor(meters / 1000)}.${Math.floor((meters % 1000) / 100)}公里`
}

module.exports = {
  yuan, groupDigits, signed, chinaTime, chinaDate, chinaHour, couponValue, couponKind, couponStatus, distance,
}
