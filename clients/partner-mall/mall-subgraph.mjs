// The mall's own subgraph: its parking lots and stores, and what the mall knows of a brand member — parking hours, mall
// coupons, mall points — joined on MemberGraph's pairwise id (PartnerMember @key(fields: "id")). The data is a demo,
// computed from the id, so the same member always gets the same answer. `node mall-subgraph.mjs` serves it alone.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

export const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  # A brand member as the mall knows them, by MemberGraph's pairwise id for this mall; MemberGraph adds the brand's
  # benefits. (A comment, not a description: MemberGraph's description of the type is the one the supergraph keeps.)
  type PartnerMember @key(fields: "id") {
    id: ID!
    "Free parking hours left this month."
    parkingHoursLeft: Int!
    "The mall's own coupons the member holds."
    mallCoupons: [MallCoupon!]!
    "The member's points at the mall (not the brand's)."
    mallPoints: Int!
  }

  type MallCoupon {
    code: String!
    title: String!
    "Where it can be used: a store of the mall, or the car park."
    usableAt: String!
    "The last day it can be used (YYYY-MM-DD)."
    validUntil: String!
  }

  type MallParkingLot {
    name: String!
    totalSpaces: Int!
    freeSpaces: Int!
  }

  type MallStore {
    name: String!
    floor: String!
    category: String!
  }

  type Query {
    mallParkingLots: [MallParkingLot!]!
    mallStores: [MallStore!]!
    "A member the mall already knows by their pairwise id (from its own records); the brand's fields come from MemberGraph."
    mallMember(id: ID!): PartnerMember
  }
`);

const stores = [
  { name: '鲜果时光', floor: 'B1', category: '生鲜水果' },
  { name: '星光影城', floor: '5F', category: '影院' },
  { name: '悦读书店', floor: '3F', category: '书店' },
  { name: '晨光咖啡', floor: '1F', category: '餐饮' },
];

const couponKinds = [
  { title: '停车 2 小时券', usableAt: '停车场' },
  { title: '满 200 减 30', usableAt: '全场' },
  { title: '咖啡买一送一', usableAt: '晨光咖啡' },
  { title: '观影 9 折', usableAt: '星光影城' },
];

/** Bytes derived from the pairwise id: the demo's member data is a function of it. */
const digest = (id) => createHash('sha256').update(String(id)).digest();

/** The mall's data about a member, from their pairwise id. */
export function mallMember(id) {
  const d = digest(id);
  const count = 1 + (d[2] % 3);
  return {
    id,
    parkingHoursLeft: d[0] % 6,
    mallPoints: d.readUInt16BE(4) % 20000,
    mallCoupons: Array.from({ length: count }, (_, i) => ({
      code: `MALL-${d.subarray(8 + 2 * i, 10 + 2 * i).toString('hex').toUpperCase()}`,
      ...couponKinds[(d[1] + i) % couponKinds.length],
      validUntil: `2026-12-${String(1 + (d[6 + i] % 28)).padStart(2, '0')}`,
    })),
  };
}

const resolvers = {
  Query: {
    mallParkingLots: () => [
      { name: 'P1 北区', totalSpaces: 420, freeSpaces: 137 },
      { name: 'P2 南区', totalSpaces: 380, freeSpaces: 52 },
    ],
    mallStores: () => stores,
    mallMember: (_, { id }) => mallMember(id),
  },
  PartnerMember: {
    // The gateway sends { __typename, id } for a member MemberGraph returned.
    __resolveReference: ({ id }) => mallMember(id),
  },
};

/** Starts the subgraph; resolves to its URL (port 0 picks a free one). */
export async function startMallSubgraph({ port = 4001, host = '127.0.0.1' } = {}) {
  const server = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs, resolvers }),
    plugins: [ApolloServerPluginInlineTraceDisabled()], // no usage reporting here: no traces for the gateway
  });
  const { url } = await startStandaloneServer(server, { listen: { port: Number(port), host } });
  return url;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const url = await startMallSubgraph({ port: process.env.MALL_PORT ?? 4001, host: process.env.HOST });
  console.log(`mall subgraph ready at ${url}`);
}
