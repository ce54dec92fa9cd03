// Composes MemberGraph's subgraph SDL (its `_service { sdl }`, in the file given as the first argument) with a tiny partner mall
// subgraph that extends PartnerMember, using Apollo's own composition (@apollo/composition, what rover and the gateway use).
// Prints one JSON line: { type: "result", errors: [...], hints: [...], partnerMember: "<its definition in the supergraph>" | null };
// exits 0 when it composes. (Not the whole supergraph: a large write may be cut short when node exits.)
import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

const memberGraphSdl = readFileSync(process.argv[2], 'utf8');

const mallSdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  # A brand member as the mall knows them (its own data, joined on MemberGraph's pairwise id). A comment, not a description:
  # the entity's description is MemberGraph's, and a second one would be an INCONSISTENT_DESCRIPTION hint.
  type PartnerMember @key(fields: "id") {
    id: ID!
    mallPoints: Int!
    parkingCouponCount: Int!
  }

  type Query {
    mallMember(id: ID!): PartnerMember
  }
`;

const result = composeServices([
  { name: 'membergraph', url: 'http://membergraph.invalid/graphql', typeDefs: parse(memberGraphSdl) },
  { name: 'mall', url: 'http://mall.invalid/graphql', typeDefs: parse(mallSdl) },
]);

const errors = (result.errors ?? []).map((e) => ({ message: e.message, code: e.extensions?.code ?? null }));
console.log(JSON.stringify({
  type: 'result',
  errors,
  hints: (result.hints ?? []).map((h) => h.toString()),
  partnerMember: errors.length === 0 ? (result.supergraphSdl.match(/type PartnerMember[^{]*\{[^}]*\}/)?.[0] ?? null) : null,
}));
process.exitCode = errors.length === 0 ? 0 : 1;
