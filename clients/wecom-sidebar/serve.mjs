// Serves the sidebar page and proxies /graphql (HTTP and the WebSocket upgrade) to the MemberGraph gateway, so the page,
// its GraphQL requests and its socket share one origin (no CORS). No dependencies: node:http and node:net only.
//
//   MEMBERGRAPH_URL  the gateway (default http://localhost:5080)
//   PORT             where to listen (default 5090; 0 picks a free port)
//   HOST             the interface (default 127.0.0.1; 0.0.0.0 to reach it from a phone or the WeCom desktop app)
//   FAKE_WW=1        serve fake-ww.js instead of @wecom/jssdk, for a plain desktop browser (see README)
//
// Prints "wecom-sidebar ready at http://HOST:PORT/" once it listens.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const upstream = new URL(process.env.MEMBERGRAPH_URL || 'http://localhost:5080');
const port = Number(process.env.PORT ?? 5090);
const host = process.env.HOST || '127.0.0.1';
const fakeWw = process.env.FAKE_WW === '1';

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.graphql': 'text/plain; charset=utf-8' };

// Only these files are served; nothing else of the folder (tests, node_modules, this file) is reachable.
const pages = new Map([
  ['/', 'index.html'],
  ['/index.html', 'index.html'],
  ['/app.js', 'app.js'],
  ['/graphql.js', 'graphql.js'],
  ['/ws.js', 'ws.js'],
  ['/format.js', 'format.js'],
  ['/styles.css', 'styles.css'],
  ['/vendor/wecom-jssdk.js', fakeWw ? 'fake-ww.js' : 'node_modules/@wecom/jssdk/dist/wecom.prod.js'],
]);

function fileFor(pathname) {
  if (pages.has(pathname)) return pages.get(pathname);
  const operation = /^\/operations\/([a-z0-9-]+\.graphql)$/.exec(pathname);
  return operation ? `operations/${operation[1]}` : null;
}

const securityHeaders = {
  // The OAuth code arrives in the address: it must not leave in a Referer header (the page also removes it at once).
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

function upstreamOptions(req) {
  const headers = { ...req.headers, host: upstream.host };
  return {
    protocol: upstream.protocol, hostname: upstream.hostname, port: upstream.port || (upstream.protocol === 'https:' ? 443 : 80),
    method: req.method, path: `${upstream.pathname.replace(/\/$/, '')}${req.url}`, headers,
  };
}

const client = upstream.protocol === 'https:' ? await import('node:https') : http;

const server = http.createServer(async (req, res) => {
  const { pathname } = new URL(req.url, 'http://local');
  if (pathname === '/graphql') {
    const proxied = client.request(upstreamOptions(req), answer => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    proxied.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: '会员中台暂时无法连接', extensions: { code: 'GATEWAY_UNAVAILABLE' } }] }));
    });
    req.pipe(proxied);
    return;
  }

  if (pathname === '/favicon.ico') {
    res.writeHead(204, securityHeaders);
    res.end();
    return;
  }

  const file = req.method === 'GET' || req.method === 'HEAD' ? fileFor(pathname) : null;
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders });
    res.end('not found');
    return;
  }
  try {
    const body = await readFile(path.join(root, file));
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', ...securityHeaders });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`${file} is missing (npm ci?)`);
  }
});

// The WebSocket of subscriptions: the upgrade goes to the gateway, then bytes flow both ways untouched.
server.on('upgrade', (req, socket, head) => {
  const { pathname } = new URL(req.url, 'http://local');
  if (pathname !== '/graphql') {
    socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
    return;
  }
  const proxied = client.request(upstreamOptions(req));
  proxied.on('upgrade', (answer, upstreamSocket, upstreamHead) => {
    const lines = [`HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}`];
    for (let i = 0; i < answer.rawHeaders.length; i += 2) lines.push(`${answer.rawHeaders[i]}: ${answer.rawHeaders[i + 1]}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (upstreamHead?.length) socket.write(upstreamHead);
    if (head?.length) upstreamSocket.write(head);
    upstreamSocket.pipe(socket).pipe(upstreamSocket);
    const close = () => { socket.destroy(); upstreamSocket.destroy(); };
    socket.on('error', close);
    upstreamSocket.on('error', close);
    socket.on('close', close);
    upstreamSocket.on('close', close);
  });
  proxied.on('response', answer => {
    // The gateway refused the upgrade (e.g. no subprotocol): pass its answer on.
    socket.end(`HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}\r\n\r\n`);
  });
  proxied.on('error', () => socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
  proxied.end();
});

server.listen(port, host, () => {
  const address = server.address();
  const shown = address.address.includes(':') ? `[${address.address}]` : address.address;
  console.log(`wecom-sidebar ready at http://${shown}:${address.port}/ (MemberGraph: ${upstream.href}${fakeWw ? ', fake ww' : ''})`);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
