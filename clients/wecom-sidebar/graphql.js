// GraphQL over HTTP to the gateway, same origin (serve.mjs proxies /graphql). The documents are the files of
// operations/ (the ones a dotnet test validates against the schema), fetched once and kept. The token travels in the
// Authorization header only, never in a URL.

/** A request the gateway refused (a GraphQL error) or could not answer: `code` is extensions.code, `message` its text. */
export class GraphQLRequestError extends Error {
  constructor(code, message, path) {
    super(message);
    this.name = 'GraphQLRequestError';
    this.code = code;
    this.path = path;
  }
}

const documents = new Map();

/** The text of operations/<name>.graphql. */
export function loadDocument(name) {
  if (!documents.has(name)) {
    documents.set(name, fetch(new URL(`./operations/${name}.graphql`, import.meta.url), { cache: 'no-cache' }).then(async response => {
      if (!response.ok) throw new GraphQLRequestError('CLIENT_ERROR', `操作文件 ${name}.graphql 无法加载（HTTP ${response.status}）`);
      return response.text();
    }));
    documents.get(name).catch(() => documents.delete(name));
  }
  return documents.get(name);
}

/**
 * Runs operations/<name>.graphql. Resolves to `{ data, errors }`; throws a GraphQLRequestError when there is no data
 * at all (the whole request was refused) or, unless `partial` is set, when any error came with the data.
 */
export async function execute(name, variables = {}, { token, partial = false, signal } = {}) {
  const query = await loadDocument(name);
  let response;
  try {
    response = await fetch(new URL('/graphql', location.href), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new GraphQLRequestError('NETWORK_ERROR', '网络连接失败，请稍后重试');
  }

  let body;
  try {
    body = await response.json();
  } catch {
    throw new GraphQLRequestError('BAD_RESPONSE', `服务暂时不可用（HTTP ${response.status}）`);
  }

  const errors = Array.isArray(body.errors) ? body.errors : [];
  const first = errors[0];
  const refused = first && new GraphQLRequestError(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR', first.message, first.path);
  if (body.data === undefined || body.data === null) {
    throw refused ?? new GraphQLRequestError('BAD_RESPONSE', `服务暂时不可用（HTTP ${response.status}）`);
  }
  if (refused && !partial) throw refused;
  return { data: body.data, errors };
}
