// Runs the GraphQL-over-HTTP server audits of the `graphql-http` package against a running gateway.
// usage: node http-audit.mjs http://127.0.0.1:5080/graphql
// Prints one JSON line per audit: { id, name, status: "ok" | "notice" | "warn" | "error", reason?, httpStatus?, body? }.
// Exit code: 0 when every audit passed, 1 when some did not, 2 when the audits could not run.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node http-audit.mjs <graphql endpoint url>');
  process.exit(2);
}

let failed = 0;
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  const result = await audit.fn();
  const line = { id: result.id, name: result.name, status: result.status };
  if (result.status !== 'ok') {
    failed++;
    line.reason = result.reason;
    line.httpStatus = result.response?.status;
    try {
      line.body = (await result.response.text()).slice(0, 500);
    } catch {
      // The audit already read the body.
    }
  }

  console.log(JSON.stringify(line));
}

process.exit(failed === 0 ? 0 : 1);
