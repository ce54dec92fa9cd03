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

module.exports = { own }
