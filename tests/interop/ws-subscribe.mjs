// Subscribes to pointsChanged with the real `graphql-ws` client (graphql-transport-ws) and prints what it receives.
// usage: node ws-subscribe.mjs <ws url> <member token> [events=1] [timeoutMs=20000]
// Prints JSON lines: {"type":"ready","data":...} once the subscription listens (a `me` query sent after the
// subscribe on the same socket answered: the server handles a connection's messages in order), then
// {"type":"next","payload":...} per event, then {"type":"done"} after completing the subscription itself.
// Exit code: 0 after the events arrived and the client completed, 1 on an error or close, 2 on timeout or bad usage.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, token, eventsArg = '1', timeoutArg = '20000'] = process.argv.slice(2);
if (!url || !token) {
  console.error('usage: node ws-subscribe.mjs <ws url> <token> [events] [timeoutMs]');
  process.exit(2);
}

const wanted = Number(eventsArg);
const print = (line) => console.log(JSON.stringify(line));
const timer = setTimeout(() => {
  print({ type: 'timeout' });
  process.exit(2);
}, Number(timeoutArg));

const client = createClient({
  url,
  webSocketImpl: WebSocket,
  lazy: true,
  retryAttempts: 0,
  connectionParams: { Authorization: `Bearer ${token}` },
  on: { closed: (event) => print({ type: 'closed', code: event?.code, reason: event?.reason }) },
});

const fail = (error) => {
  print({ type: 'error', error: Array.isArray(error) ? error : String(error?.message ?? error) });
  process.exit(1);
};

let received = 0;
const unsubscribe = client.subscribe(
  { query: 'subscription { pointsChanged { balance pending occurredAt entry { kind amount pendingChange reason source { kind id } } } }' },
  {
    next: async (payload) => {
      print({ type: 'next', payload });
      if (++received === wanted) {
        unsubscribe(); // sends `complete` for the subscription
        await client.dispose();
        clearTimeout(timer);
        print({ type: 'done' });
        process.exit(0);
      }
    },
    error: fail,
    complete: () => {},
  },
);

client.subscribe(
  { query: '{ me { id } }' },
  { next: (payload) => print({ type: 'ready', data: payload.data }), error: fail, complete: () => {} },
);
