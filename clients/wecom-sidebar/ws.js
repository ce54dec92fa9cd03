// A small graphql-transport-ws client (the protocol of the graphql-ws npm package) over the browser's WebSocket, same
// origin as the page (serve.mjs proxies the upgrade of /graphql). The token goes in connection_init's payload, never in
// the URL. When the socket drops it reconnects with backoff (1 s, 2 s, 4 s … 30 s) and subscribes again; onReconnect
// lets the page fetch what it may have missed meanwhile. A close 4403 (token refused or expired) stops it: signing in
// again is the page's business.

const PROTOCOL = 'graphql-transport-ws';

export function createSubscriptionClient({ getToken, onStatus = () => {}, onReconnect = () => {}, onAuthFailure = () => {} }) {
  const subscriptions = new Map(); // id -> { query, variables, sink }
  let socket = null;
  let acknowledged = false;
  let attempts = 0;
  let everConnected = false;
  let stopped = false;
  let retryTimer = null;
  let nextId = 1;

  function url() {
    const u = new URL('/graphql', location.href);
    u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
    return u.toString();
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  }

  function subscribeOnSocket(id, { query, variables }) {
    send({ id, type: 'subscribe', payload: { query, variables } });
  }

  function connect() {
    if (stopped) return;
    clearTimeout(retryTimer);
    acknowledged = false;
    onStatus(everConnected ? 'reconnecting' : 'connecting');
    const ws = new WebSocket(url(), PROTOCOL);
    socket = ws;
    ws.addEventListener('open', () => {
      ws.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${getToken()}` } }));
    });
    ws.addEventListener('message', event => {
      let message;
      try { message = JSON.parse(event.data); } catch { return; }
      switch (message.type) {
        case 'connection_ack': {
          acknowledged = true;
          attempts = 0;
          const again = everConnected;
          everConnected = true;
          onStatus('open');
          for (const [id, subscription] of subscriptions) subscribeOnSocket(id, subscription);
          if (again) onReconnect();
          break;
        }
        case 'ping':
          send({ type: 'pong' });
          break;
        case 'next':
          subscriptions.get(message.id)?.sink.next?.(message.payload);
          break;
        case 'error':
          subscriptions.get(message.id)?.sink.error?.(message.payload);
          break;
        case 'complete':
          subscriptions.get(message.id)?.sink.complete?.();
          break;
        default:
          break;
      }
    });
    ws.addEventListener('close', event => {
      if (socket !== ws) return;
      socket = null;
      acknowledged = false;
      if (stopped) return;
      if (event.code === 4403 || event.code === 4401) {
        onStatus('unauthenticated');
        onAuthFailure(event.code);
        return;
      }
      const delay = Math.min(30000, 1000 * 2 ** Math.min(attempts, 5));
      attempts += 1;
      onStatus('reconnecting');
      retryTimer = setTimeout(connect, delay);
    });
  }

  return {
    /** Subscribes; `sink.next(payload)` gets each result. Returns the function that unsubscribes. */
    subscribe(query, variables, sink) {
      const id = String(nextId++);
      subscriptions.set(id, { query, variables, sink });
      if (!socket) connect();
      else if (acknowledged) subscribeOnSocket(id, { query, variables });
      return () => {
        if (subscriptions.delete(id) && acknowledged) send({ id, type: 'complete' });
      };
    },
    /** Drops the current socket as a network failure would (it reconnects by itself). */
    drop() {
      socket?.close(4000, 'dropped');
    },
    /** Connects again at once (after a new sign-in, for instance). */
    reconnectNow() {
      attempts = 0;
      if (socket) socket.close(1000, 'reconnect');
      else connect();
    },
    close() {
      stopped = true;
      clearTimeout(retryTimer);
      socket?.close(1000, 'bye');
      socket = null;
    },
  };
}
