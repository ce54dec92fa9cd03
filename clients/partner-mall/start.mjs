// `npm start`: the mall subgraph, then the gateway composing it with MemberGraph (same environment as gateway.mjs, plus
// MALL_PORT, 4001). MemberGraph must be running (`dotnet run --project src/MemberGraph.Api` at the repository root).
import { startMallSubgraph } from './mall-subgraph.mjs';
import { startGateway } from './gateway.mjs';

const env = process.env;
const mallUrl = await startMallSubgraph({ port: env.MALL_PORT ?? 4001, host: env.HOST });
console.log(`mall subgraph ready at ${mallUrl}`);
const url = await startGateway({
  memberGraphUrl: env.MEMBERGRAPH_URL,
  clientId: env.PARTNER_CLIENT_ID,
  clientSecret: env.PARTNER_CLIENT_SECRET,
  mallUrl,
  port: env.GATEWAY_PORT,
  host: env.HOST,
});
console.log(`partner-mall gateway (${env.PARTNER_CLIENT_ID ?? 'demo-mixc'}) ready at ${url}`);
