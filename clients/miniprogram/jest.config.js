// jest + miniprogram-simulate (WeChat's component test tool renders the pages in jsdom). test/bridge.js puts the
// wx APIs the app uses in front of a real gateway: wx.request → HTTP, wx.connectSocket → a real WebSocket (ws).
module.exports = {
  testEnvironment: 'jsdom',
  // ws (the bridge's WebSocket) and other Node packages must load their Node builds, not their browser stubs
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
  testMatch: ['<rootDir>/test/**/*.test.js'],
  setupFilesAfterEnv: ['<rootDir>/test/bridge.js'],
  snapshotSerializers: ['miniprogram-simulate/jest-snapshot-plugin'],
  maxWorkers: 1,
  testTimeout: 60000,
}
