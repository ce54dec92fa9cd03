// Runs one query over the WebSocket with the real `graphql-ws` client and prints the result as one JSON line.
// usage: node ws-query.mjs <ws url> <token|-> <query>
// Exit code: 0 when the query completed, 1 on an error, 2 on timeout or bad usage.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, token, query] = process.argv.slice(2);
if (!url || !token || !query) {
  console.error('usage: node ws-query.mjs <ws url> <token|-> <query>');
  process.exit(2);
}

const timer = setTimeout(() => process.exit(2), 20000);
const client = createClient({
  url,
  webSocketImpl: WebSocket,
  retryAttempts: 0,
  connectionParams: token === '-' ? {} : { Authorization: `Bearer ${token}` },
});

try {
  const result = await client.iterate({ query }).next();
  console.log(JSON.stringify({ type: 'result', result: result.value }));
  await client.dispose();
  clearTimeout(timer);
  process.exit(0);
} catch (error) {
  console.log(JSON.stringify({ type: 'error', error: Array.isArray(error) ? error : String(error?.message ?? error) }));
  process.exit(1);
}
