// The till's one way to MemberGraph: POST /graphql (same origin: serve.mjs proxies it to the gateway) with the staff
// token in the Authorization header — never in a URL. Documents are the files of operations/, fetched once.

const TOKEN_KEY = 'membergraph.storeTool.staffToken';
const TIMEOUT_MS = 15000;

/**
 * Why a request did not give the answer asked for. kind:
 * - 'request': the gateway refused the request (errors[], e.g. AUTH_NOT_AUTHORIZED, MEMBER_CODE_EXPIRED);
 * - 'payload': the mutation ran and said no (the payload's UserError, e.g. THRESHOLD_NOT_MET);
 * - 'network': no answer (timeout, connection lost): a mutation may or may not have happened — retry it unchanged.
 */
export class GraphQLError extends Error {
  constructor(code, message, { kind, field = null, path = null } = {}) {
    super(message);
    this.name = 'GraphQLError';
    this.code = code;
    this.kind = kind;
    this.field = field;
    this.path = path;
  }

  get outcomeUnknown() {
    return this.kind === 'network';
  }
}

export const session = {
  get token() {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set token(value) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  },
};

const documents = new Map();

/** The text of operations/<name>.graphql (the documents a dotnet test validates against the schema). */
export function documentOf(name) {
  if (!documents.has(name)) {
    const loading = fetch(`operations/${encodeURIComponent(name)}.graphql`, { cache: 'no-cache' }).then(async (response) => {
      if (!response.ok) throw new GraphQLError('DOCUMENT_MISSING', `找不到查询文档 ${name}（HTTP ${response.status}）`, { kind: 'request' });
      return response.text();
    });
    loading.catch(() => documents.delete(name));
    documents.set(name, loading);
  }
  return documents.get(name);
}

/** Runs operation <name> (its file's operation has the same name) and resolves to data; rejects with GraphQLError. */
export async function request(name, variables = {}, { timeoutMs = TIMEOUT_MS } = {}) {
  const query = await documentOf(name);
  const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
  const token = session.token;
  if (token) headers.authorization = `Bearer ${token}`;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response;
  let body;
  try {
    response = await fetch('graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables, operationName: name }),
      signal: controller.signal,
      cache: 'no-store',
      credentials: 'omit',
    });
    body = await response.json();
  } catch (error) {
    if (controller.signal.aborted) {
      throw new GraphQLError('TIMEOUT', `${Math.round(timeoutMs / 1000)} 秒内没有收到网关的回应`, { kind: 'network' });
    }
    throw new GraphQLError('NETWORK_ERROR', response
      ? `网关的回应无法读取（HTTP ${response.status}）`
      : `连接中断，没有收到网关的回应（${error.message}）`, { kind: 'network' });
  } finally {
    clearTimeout(timer);
  }

  if (Array.isArray(body?.errors) && body.errors.length > 0) {
    const [first] = body.errors;
    throw new GraphQLError(first.extensions?.code ?? 'ERROR', first.message ?? '请求被拒绝', { kind: 'request', path: first.path ?? null });
  }
  if (!body || typeof body.data !== 'object' || body.data === null) {
    throw new GraphQLError(`HTTP_${response.status}`, `网关的回应没有数据（HTTP ${response.status}）`, { kind: 'network' });
  }
  return body.data;
}

/** A mutation payload, or its first UserError thrown as a GraphQLError of kind 'payload'. */
export function accepted(payload) {
  const [first] = payload?.errors ?? [];
  if (first) throw new GraphQLError(first.code, first.message, { kind: 'payload', field: first.field });
  return payload;
}
