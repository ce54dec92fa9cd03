// The app's JavaScript type-checks against WeChat's own typings (miniprogram-api-typings) with TypeScript's checkJs:
// a misspelt wx API, a wrong option or a call to a method a page does not have fails here (tsconfig.json).
const { spawnSync } = require('child_process')
const path = require('path')

test('the app type-checks against miniprogram-api-typings', () => {
  const root = path.join(__dirname, '..')
  const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'],
    { cwd: root, encoding: 'utf8' })
  expect(`${tsc.stdout}${tsc.stderr}`.trim()).toBe('')
  expect(tsc.status).toBe(0)
})
