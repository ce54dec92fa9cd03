// Where the gateway is. WeChat DevTools against a local gateway: http://localhost:5080 with "不校验合法域名"
// ticked (project.config.json sets urlCheck off; see README). A release build points at the HTTPS domain configured
// as the mini-program's request and socket domain. The WebSocket address is derived from it (http → ws, https → wss).
module.exports = {
  gatewayUrl: 'http://localhost:5080',

  // Development against the gateway's Tencent sandbox only: the codes WeChat DevTools' wx.login and getPhoneNumber
  // return are real ones the sandbox refuses (40029), so a demo may send the sandbox's own instead, e.g.
  // 'sandbox:oMG000000001' (a demo member's openid, see `demo-accounts`) and 'sandbox:13800138000'. Leave null in a
  // release: a real gateway refuses sandbox codes.
  devLoginCode: null,
  devPhoneCode: null,
}
