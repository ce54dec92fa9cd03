// The partner mall's Apollo Gateway: composes MemberGraph's subgraph with the mall's own (mall-subgraph.mjs) and serves the
// supergraph. It signs in to MemberGraph as the partner (OAuth client credentials at POST /oauth/token) and sends that
// token with every request to MemberGraph, the schema request included (MemberGraph's _service is for partners and admins).
//
// Environment: MEMBERGRAPH_URL (http://localhost:5080), PARTNER_CLIENT_ID / PARTNER_CLIENT_SECRET (the 万象城 demo
// partner, demo-mixc / sandbox-mixc-secret), MALL_SUBGRAPH_URL (http://127.0.0.1:4001/), GATEWAY_PORT (4000), HOST (127.0.0.1).
import { pathToFileURL } from 'node:url';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

// @apollo/gateway otherwise probes cloud metadata addresses at start and sends hourly usage data to Apollo: this demo
// talks to MemberGraph and the mall subgraph only.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

/** The partner's access token, fetched by the client-credentials grant and fetched again when 90% of its lifetime has passed. */
export class PartnerToken {
  #current = null; // { token, refreshAt }
  #pending = null;

  constructor({ memberGraphUrl, clientId, clientSecret }) {
    this.tokenUrl = new URL('/oauth/token', memberGraphUrl);
    this.basic = 'Basic ' + Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
  }

  async get() {
    if (this.#current && Date.now() < this.#current.refreshAt) return this.#current.token;
    this.#pending ??= this.#fetch().finally(() => { this.#pending = null; });
    return this.#pending;
  }

  async #fetch() {
    const response = await fetch(this.tokenUrl, {
      method: 'POST',
      headers: { authorization: this.basic, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const body = await response.json();
    if (!response.ok) throw new Error(`${this.tokenUrl} refused the partner's credentials: ${body.error} (${body.error_description})`);
    this.#current = { token: body.access_token, refreshAt: Date.now() + body.expires_in * 900 };
    return this.#current.token;
  }
}

// Node's own fetch for the subgraph requests. The gateway's default (make-fetch-happen) keeps idle sockets forever, while a Node
// server (the mall subgraph) closes them after 5 s: a request sent on a socket as it closed failed with ECONNRESET, now and
// then, on a loaded machine. Node's fetch takes the server's Keep-Alive timeout into account and drops such sockets first.
const fetcher = (url, init) => fetch(url, init);

/** Sends the partner's bearer token with each request to MemberGraph. */
class MemberGraphDataSource extends RemoteGraphQLDataSource {
  constructor({ url, partnerToken }) {
    super({ url, fetcher });
    this.partnerToken = partnerToken;
  }

  async willSendRequest({ request }) {
    request.http.headers.set('authorization', `Bearer ${await this.partnerToken.get()}`);
  }
}

/** Retries `attempt` while its server refuses connections (still starting), for up to a minute; other failures throw. */
async function whenListening(attempt, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (error.cause?.code !== 'ECONNREFUSED' || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** Starts the gateway; resolves to its URL (port 0 picks a free one). */
export async function startGateway({
  memberGraphUrl = 'http://localhost:5080',
  clientId = 'demo-mixc',
  clientSecret = 'sandbox-mixc-secret',
  mallUrl = 'http://127.0.0.1:4001/',
  port = 4000,
  host = '127.0.0.1',
} = {}) {
  const partnerToken = new PartnerToken({ memberGraphUrl, clientId, clientSecret });
  await whenListening(() => partnerToken.get()); // MemberGraph is up and the credentials are good
  await whenListening(() => fetch(mallUrl)); // the mall subgraph is up (any answer will do)
  const gateway = new ApolloGateway({
    supergraphSdl: new IntrospectAndCompose({
      subgraphs: [
        { name: 'membergraph', url: new URL('/graphql', memberGraphUrl).href },
        { name: 'mall', url: mallUrl },
      ],
    }),
    buildService: ({ name, url }) =>
      name === 'membergraph' ? new MemberGraphDataSource({ url, partnerToken }) : new RemoteGraphQLDataSource({ url, fetcher }),
  });
  const server = new ApolloServer({ gateway, includeStacktraceInErrorResponses: false });
  const { url } = await startStandaloneServer(server, { listen: { port: Number(port), host } });
  return url;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const env = process.env;
  const url = await startGateway({
    memberGraphUrl: env.MEMBERGRAPH_URL,
    clientId: env.PARTNER_CLIENT_ID,
    clientSecret: env.PARTNER_CLIENT_SECRET,
    mallUrl: env.MALL_SUBGRAPH_URL,
    port: env.GATEWAY_PORT,
    host: env.HOST,
  });
  console.log(`partner-mall gateway (${env.PARTNER_CLIENT_ID ?? 'demo-mixc'}) ready at ${url}`);
}
