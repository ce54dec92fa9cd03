// The display rules on their own: yuan from cents without floating point, China time whatever the machine's zone.
const format = require('../utils/format')

test('cents are shown in yuan with two decimals, grouped, signed', () => {
  expect(format.yuan(12800)).toBe('¥128.00')
  expect(format.yuan(5)).toBe('¥0.05')
  expect(format.yuan(-50)).toBe('-¥0.50')
  expect(format.yuan(123456789)).toBe('¥1,234,567.89')
  expect(format.yuan(30)).toBe('¥0.30') // 0.1 + 0.2 style float error would show here
})

test('times are shown in China time (UTC+8), dates roll over at China midnight', () => {
  expect(format.chinaTime('2025-03-01T18:05:00Z')).toBe('2025-03-02 02:05')
  expect(format.chinaDate('2025-03-01T15:59:59Z')).toBe('2025-03-01')
  expect(format.chinaDate('2025-03-01T16:00:00Z')).toBe('2025-03-02')
  expect(format.chinaTime('2026-12-31T16:00:00+00:00')).toBe('2027-01-01 00:00')
})

test('coupon values read as members expect them', () => {
  expect(format.couponValue({ thresholdCents: 10000, value: { kind: 'AMOUNT_OFF', amountOffCents: 1500 } })).toBe('满100减15')
  expect(format.couponValue({ thresholdCents: 0, value: { kind: 'AMOUNT_OFF', amountOffCents: 550 } })).toBe('立减5.50元')
  expect(format.couponValue({ thresholdCents: 3000, value: { kind: 'DISCOUNT', discountRate: 90 } })).toBe('满30享9折')
  expect(format.couponValue({ thresholdCents: 0, value: { kind: 'DISCOUNT', discountRate: 85 } })).toBe('8.5折')
  expect(format.couponValue({ thresholdCents: 0, value: { kind: 'GIFT', giftDescription: '西瓜果切 200g' } })).toBe('西瓜果切 200g')
})

test('distances and signed amounts', () => {
  expect(format.distance(850)).toBe('850米')
  expect(format.distance(12345)).toBe('12.3公里')
  expect(format.signed(64)).toBe('+64')
  expect(format.signed(-1200)).toBe('-1,200')
})
