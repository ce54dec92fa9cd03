// What a page keeps without rendering it — subscriptions, timers, paging cursors — belongs outside `data` (no
// setData, nothing sent to the view layer). own(this) gives each page instance its own such object; the typings of
// miniprogram-api-typings know only declared fields on `this`, so the pages keep these here instead.
const states = new WeakMap()

/** @param {object} page the page instance (`this`) @returns {Record<string, any>} */
function own(page) {
  let state = states.get(page)
  if (!state) {
    state = {}
    states.set(page, state)
  }
  return state
}

/**
 * Starts a load of one kind (say, 'coupons') and returns mayShow(), to call once its answer is in: true unless the
 * answer of a load started later has been shown already. Answers can arrive out of order (a reload pushed by
 * couponUpdated overtaking the page's first load, or overtaken by a pull-down), and an older answer must never
 * overwrite a newer one. An older answer that comes first is still shown: the page is not left empty while waiting.
 */
function answersInOrder(page, kind) {
  const state = own(page)
  const loads = state.loads || (state.loads = {})
  const load = loads[kind] || (loads[kind] = { started: 0, shown: 0 })
  load.started += 1
  const mine = load.started
  return () => {
    if (mine < load.shown) return false
    load.shown = mine
    return true
  }
}

module.exports = { own, answersInOrder }
