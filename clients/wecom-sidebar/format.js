// Money and time as the sidebar shows them: amounts arrive in cents (integers) and are shown in yuan; times arrive in UTC
// and are shown in China time (Asia/Shanghai), whatever the device's own time zone.

/** 12345 -> "¥123.45", -50 -> "-¥0.50", 1234567 -> "¥12,345.67". Integer arithmetic only: no float rounding. */
export function yuan(cents) {
  if (cents === null || cents === undefined || Number.isNaN(Number(cents))) return '—';
  const value = BigInt(Math.trunc(Number(cents)));
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}¥${whole}.${fraction}`;
}

/** A signed change in yuan: "+¥12.80" or "-¥3.00". */
export function yuanDelta(cents) {
  return Number(cents) >= 0 ? `+${yuan(cents)}` : yuan(cents);
}

const chinaParts = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', hourCycle: 'h23',
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
});

function parts(iso) {
  const date = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return Object.fromEntries(chinaParts.formatToParts(date).map(p => [p.type, p.value]));
}

/** "2026-05-01T06:03:00Z" -> "2026-05-01 14:03" (China time). */
export function chinaTime(iso) {
  const p = iso ? parts(iso) : null;
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : '—';
}

/** "2026-05-01T18:00:00Z" -> "2026-05-02" (the China calendar day). */
export function chinaDate(iso) {
  const p = iso ? parts(iso) : null;
  return p ? `${p.year}-${p.month}-${p.day}` : '—';
}

/** What a coupon gives, in words: "减¥15.00", "8.5折", or the gift. */
export function couponValue(value) {
  if (!value) return '';
  switch (value.kind) {
    case 'AMOUNT_OFF': return `减${yuan(value.amountOffCents)}`;
    case 'DISCOUNT': return `${(value.discountRate / 10).toString()}折`;
    case 'GIFT': return value.giftDescription || '赠品';
    default: return '';
  }
}

export const channelNames = {
  POS: '门店', MINI_PROGRAM: '小程序', TMALL: '天猫', JD: '京东', MEITUAN: '美团', ELEME: '饿了么', DOUYIN: '抖音',
};

export const relationshipKinds = { EXCLUSIVE: '专属导购', FOLLOW: '跟进导购' };

export const relationshipSources = {
  WECOM_ADD_CONTACT: '添加企微', QR_SCAN: '扫码', SHARE_LINK: '分享链接', STORE_ASSIGNMENT: '门店分配', TRANSFER: '客户继承',
};
