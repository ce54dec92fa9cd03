// Formatting for the till: amounts in yuan from the API's cents, times in China time, and nothing invented — the
// masked phone is shown exactly as the gateway gives it (staff never see a full number).

const chinaTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** Cents (a number or the numeric string a GraphQL Long may arrive as) as "¥12.50"; integer arithmetic only. */
export function yuan(cents) {
  if (cents === null || cents === undefined || cents === '') return '—';
  const value = BigInt(cents);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}¥${whole}.${fraction}`;
}

/**
 * A yuan amount as typed at the till ("12", "12.5", "12.50") in cents, or null when it is not one (no more than two
 * decimals, no sign, no exponent). Parsed as text, so 0.1 + 0.2 never becomes 30.000000000000004 cents.
 */
export function centsFromYuan(text) {
  const match = /^\s*(\d{1,9})(?:\.(\d{0,2}))?\s*$/.exec(String(text ?? ''));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** A UTC instant (ISO 8601) in China time, "2026/05/04 14:03". */
export function chinaDateTime(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : chinaTime.format(date);
}

/** What a coupon gives, in the words of a receipt. */
export function couponValue(value) {
  switch (value?.kind) {
    case 'AMOUNT_OFF':
      return `减 ${yuan(value.amountOffCents)}`;
    case 'DISCOUNT':
      return `${(value.discountRate / 10).toString()} 折`;
    case 'GIFT':
      return `赠 ${value.giftDescription ?? '礼品'}`;
    default:
      return '';
  }
}

/** The threshold of a coupon: "满 ¥100.00 可用", or "无门槛". */
export function threshold(cents) {
  return BigInt(cents ?? 0) > 0n ? `满 ${yuan(cents)} 可用` : '无门槛';
}

/** Points, grouped by thousands. */
export function points(value) {
  if (value === null || value === undefined) return '—';
  return BigInt(value).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export const orderStatus = {
  PAID: '已支付',
  PARTIALLY_REFUNDED: '部分退款',
  FULLY_REFUNDED: '已全额退款',
};

export const couponStatus = {
  AVAILABLE: '可使用',
  RESERVED: '支付中占用',
  REDEEMED: '已核销',
  EXPIRED: '已过期',
  REVOKED: '已作废',
};

export const categories = [
  ['IMPORTED_FRUIT', '进口水果'],
  ['DOMESTIC_FRUIT', '国产水果'],
  ['CUT_FRUIT', '鲜切果盒'],
  ['JUICE', '鲜榨果汁'],
  ['GIFT_BOX', '礼盒'],
  ['OTHER', '其他'],
];
