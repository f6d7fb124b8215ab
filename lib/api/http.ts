// Request → query, and every way a request can be wrong → a 400 that says what and where.
import 'server-only';
import { parseQueryParams, QueryError, type Query } from '@/lib/query';
import type { ApiError } from '@/lib/api/wire';
import { getRowIndex } from '@/lib/api/source';
import { KubeConfigError } from '@/lib/kube/server';
import type { RowIndex } from '@/lib/api/row-index';

export type ParsedRequest = { query: Query; index: RowIndex; params: URLSearchParams };

/** Params the API reads besides the query itself; the page's UI-only params are ignored here. */
const CONTEXT_PARAM = 'ctx';

export function parseRequest(request: Request): ParsedRequest | Response {
  const params = new URL(request.url).searchParams;
  let query: Query;
  try {
    query = parseQueryParams(params);
  } catch (err) {
    if (err instanceof QueryError) return badRequest({ error: err.message, where: err.where });
    throw err;
  }
  const index = indexFor(params.get(CONTEXT_PARAM) ?? undefined);
  if (index instanceof Response) return index;
  return { query, index, params };
}

export function indexFor(context: string | undefined): RowIndex | Response {
  try {
    return getRowIndex(context || undefined);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // An unknown context name is the caller's mistake; anything else (an unreadable kubeconfig)
    // is the server's, and says so rather than blaming the request.
    if (err instanceof KubeConfigError && context) return badRequest({ error: message, where: { param: CONTEXT_PARAM } });
    return json({ error: `the dashboard cannot reach a cluster: ${message}` }, { status: 503 });
  }
}

export function badRequest(body: ApiError): Response {
  return Response.json(body, { status: 400, headers: { 'Cache-Control': 'no-store' } });
}

export function json(body: unknown, init?: ResponseInit): Response {
  return Response.json(body, { ...init, headers: { 'Cache-Control': 'no-store', ...init?.headers } });
}
