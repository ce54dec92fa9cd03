#!/usr/bin/env node
// Sends one GraphQL document from a file to a running gateway and prints the answer: the tour's copy-paste helper.
//   node scripts/gql.mjs tour/member/02-home.graphql [--token T] [--var name=value ...] [--pick data.path] [--url URL]
// The file's "# variables: {...}" line gives default variables; --var replaces a top-level one (a string, or JSON).
// --pick prints one value of the answer (e.g. a token, to keep in a shell variable).
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.shift();
if (!file) {
  console.error('usage: node scripts/gql.mjs <file.graphql> [--token T] [--var name=value] [--pick path] [--url URL]');
  process.exit(2);
}

let token = process.env.TOKEN ?? '';
let pick = null;
let url = process.env.MEMBERGRAPH_URL ?? 'http://localhost:5080/graphql';
const overrides = {};
for (let i = 0; i < args.length; i++) {
  const value = args[i + 1];
  switch (args[i]) {
    case '--token': token = value; i++; break;
    case '--pick': pick = value; i++; break;
    case '--url': url = value; i++; break;
    case '--var': {
      const at = value.indexOf('=');
      const text = value.slice(at + 1);
      try { overrides[value.slice(0, at)] = JSON.parse(text); } catch { overrides[value.slice(0, at)] = text; }
      i++;
      break;
    }
    default:
      console.error(`unknown option ${args[i]}`);
      process.exit(2);
  }
}

const query = readFileSync(file, 'utf8');
const defaults = query.split('\n').find((line) => line.startsWith('# variables:'));
const variables = { ...(defaults ? JSON.parse(defaults.slice('# variables:'.length)) : {}), ...overrides };
const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
if (token) headers.authorization = `Bearer ${token}`;

const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
const answer = await response.json();
if (pick) {
  const value = pick.split('.').reduce((node, key) => (node == null ? undefined : node[key]), answer);
  if (value === undefined || value === null) {
    console.error(JSON.stringify(answer, null, 2));
    process.exit(1);
  }
  console.log(typeof value === 'string' ? value : JSON.stringify(value));
} else {
  console.log(JSON.stringify(answer, null, 2));
}
process.exit(answer.errors?.length ? 1 : 0);
