// The store tool's server: the static page (public/ and the GraphQL documents of operations/) and a proxy of
// POST /graphql to MemberGraph, so the page and the API are one origin (no CORS, the token stays in a header).
// No dependencies: Node's http only.
//
//   MEMBERGRAPH_URL  the gateway (default http://localhost:5080); /graphql is appended unless the URL ends with it
//   PORT             where the page is served (default 5091; 0 = any free port)
//   HOST             the address to listen on (default 127.0.0.1; 0.0.0.0 for a till on the store's network)
//
// Prints "store-tool ready at http://HOST:PORT/" once it listens (the last line it prints at start).
import http from 'node:http';
import https from 'node:https';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const gateway = new URL(process.env.MEMBERGRAPH_URL || 'http://localhost:5080');
if (!gateway.pathname.endsWith('/graphql')) gateway.pathname = `${gateway.pathname.replace(/\/$/, '')}/graphql`;
const port = Number(process.env.PORT ?? 5091);
const host = process.env.HOST || '127.0.0.1';
const maxBody = 256 * 1024; // the gateway's own limit (GraphQL:MaxRequestBodyBytes)

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.graphql': 'text/plain; charset=utf-8',
};

// The only files served: the page's own and the operation documents, by exact name (nothing else of the folder).
const files = new Map([
  ['/', join(here, 'public', 'index.html')],
  ['/index.html', join(here, 'public', 'index.html')],
  ['/app.js', join(here, 'public', 'app.js')],
  ['/graphql.js', join(here, 'public', 'graphql.js')],
  ['/format.js', join(here, 'public', 'format.js')],
  ['/style.css', join(here, 'public', 'style.css')],
]);
const operation = /^\/operations\/([A-Za-z][A-Za-z0-9]{0,63})\.graphql$/;

const security = {
  'content-security-policy': "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

async function serveFile(req, res, path) {
  const name = path.match(operation) ? join(here, 'operations', `${path.match(operation)[1]}.graphql`) : files.get(path);
  if (!name) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...security }).end('not found');
    return;
  }
  try {
    const body = await readFile(name);
    const type = types[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, ...security });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...security }).end('not found');
  }
}

/** Forwards the request to the gateway with only the headers GraphQL over HTTP needs, and streams the answer back. */
function proxy(req, res) {
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain; charset=utf-8', ...security }).end('POST only');
    return;
  }
  const headers = { host: gateway.host };
  for (const name of ['content-type', 'accept', 'authorization', 'content-length']) {
    if (req.headers[name]) headers[name] = req.headers[name];
  }
  if (Number(headers['content-length'] ?? 0) > maxBody) {
    res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', ...security }).end('request too large');
    req.resume();
    return;
  }
  const client = gateway.protocol === 'https:' ? https : http;
  const upstream = client.request(gateway, { method: 'POST', headers }, (answer) => {
    const back = { ...security };
    for (const name of ['content-type', 'content-length', 'www-authenticate', 'allow']) {
      if (answer.headers[name]) back[name] = answer.headers[name];
    }
    res.writeHead(answer.statusCode ?? 502, back);
    answer.pipe(res);
  });
  upstream.setTimeout(60_000, () => upstream.destroy(new Error('gateway timeout')));
  upstream.on('error', (error) => {
    if (res.headersSent) {
      res.destroy(error);
      return;
    }
    res.writeHead(502, { 'content-type': 'application/json; charset=utf-8', ...security });
    res.end(JSON.stringify({ errors: [{ message: `The store tool could not reach MemberGraph at ${gateway.origin}: ${error.message}`, extensions: { code: 'GATEWAY_UNREACHABLE' } }] }));
  });
  req.on('aborted', () => upstream.destroy());
  req.pipe(upstream);
}

const server = http.createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/graphql') {
    proxy(req, res);
  } else if (req.method === 'GET' || req.method === 'HEAD') {
    serveFile(req, res, path);
  } else {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8', ...security }).end('method not allowed');
  }
});

server.listen(port, host, () => {
  const { address, port: bound } = server.address();
  const shown = address.includes(':') ? `[${address}]` : address;
  console.log(`store-tool proxies /graphql to ${gateway.href}`);
  console.log(`store-tool ready at http://${shown}:${bound}/`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
