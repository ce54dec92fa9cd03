// Where the gateway is. WeChat DevTools against a local gateway: http://localhost:5080 with "不校验合法域名"
// ticked (see README). A release build points at the HTTPS domain configured as the mini-program's request and
// socket domain. The WebSocket address is derived from it (http → ws, https → wss).
module.exports = {
  gatewayUrl: 'http://localhost:5080',
}
