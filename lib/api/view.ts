// The one view resolver: request parameters → a validated view (query, context, format) and the
// row index that serves it. The page and every route go through here, so a parameter means the
// same thing everywhere and every way a request can fail maps to one status: the request's fault
// is a 400 naming the parameter, the cluster's or the kubeconfig's a 503.
import 'server-only';
import { compileQuery, parseQueryParams, QueryError, type Query } from '@/lib/query';
import type { ApiError, ViewFailure } from '@/lib/rows/wire';
import type { RowIndex } from '@/lib/rows/row-index';
import { getRowIndex, whenFirstSynced } from '@/lib/rows/source';
import { TooManyContextsError, UnknownContextError } from '@/lib/kube/server';
import { checkRequest } from '@/lib/api/guard';

export const FORMATS = ['json', 'csv', 'ndjson', 'text'] as const;
type Format = (typeof FORMATS)[number];

export type View = {
  query: Query;
  /** the context asked for with `ctx`; undefined = the default one */
  context: string | undefined;
  format: Format;
  index: RowIndex;
  params: URLSearchParams;
};

export type { ViewFailure };
export type ResolvedView = { ok: true; view: View } | { ok: false; failure: ViewFailure };

export type SearchParams = Record<string, string | string[] | undefined>;

type Options = {
  /** the request's headers: who is asking (Host, Origin, the access token) is checked first */
  headers: Headers;
  /** formats this route serves; `format` must be one of them (default: json only) */
  formats?: readonly Format[];
  /** wait for the cache's first LIST before answering (a stream sends its status instead) */
  waitForSync?: boolean;
  /** the rows asked for: pods (default), or a derived view's records, whose route checks the query
   *  against its own schema */
  rows?: 'pods' | 'records';
};

const CONTEXT_PARAM = 'ctx';
const MAX_CONTEXT_LENGTH = 253;

export async function resolveView(input: URLSearchParams | SearchParams, opts: Options): Promise<ResolvedView> {
  const denied = checkRequest(opts.headers);
  if (denied) return { ok: false, failure: denied };
  const params = toParams(input);
  let query: Query;
  try {
    query = parseQueryParams(params);
    // what only compiling finds (a path into a field the cache does not keep) is the request's fault too
    if ((opts.rows ?? 'pods') === 'pods') compileQuery(query);
  } catch (err) {
    if (err instanceof QueryError) return requestFault({ error: err.message, where: err.where });
    throw err;
  }
  const formats = opts.formats ?? ['json'];
  const format = params.get('format') ?? formats[0]!;
  if (!(formats as readonly string[]).includes(format)) {
    return requestFault({ error: `unknown format "${format}": use one of ${formats.join(', ')}`, where: { param: 'format' } });
  }
  const contexts = params.getAll(CONTEXT_PARAM).filter((c) => c !== '');
  if (contexts.length > 1) return requestFault({ error: 'ctx is given more than once: name one context', where: { param: CONTEXT_PARAM } });
  const context = contexts[0];
  if (context !== undefined && context.length > MAX_CONTEXT_LENGTH) {
    return requestFault({ error: `ctx is longer than ${MAX_CONTEXT_LENGTH} characters`, where: { param: CONTEXT_PARAM } });
  }
  let index: RowIndex;
  try {
    index = getRowIndex(context);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // Only a context the request named is the request's fault; a kubeconfig the server cannot
    // read, or a wrong PODNODE_CONTEXT, is the server's.
    // The message names only the context asked for: the kubeconfig's other contexts are not listed.
    if (err instanceof UnknownContextError && context !== undefined) {
      return requestFault({ error: `context ${JSON.stringify(context)} is not one this dashboard serves`, where: { param: CONTEXT_PARAM } });
    }
    if (err instanceof TooManyContextsError) {
      return { ok: false, failure: { status: 503, kind: 'cluster', body: { error: message } } };
    }
    return { ok: false, failure: { status: 503, kind: 'cluster', body: { error: `the dashboard cannot reach a cluster: ${message}` } } };
  }
  if (opts.waitForSync) await whenFirstSynced(index);
  return { ok: true, view: { query, context, format: format as Format, index, params } };
}

/** The failure as the HTTP answer every route gives. */
export function failureResponse(failure: ViewFailure): Response {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (failure.status === 503) headers['Retry-After'] = '5';
  if (failure.status === 401) headers['WWW-Authenticate'] = 'Bearer realm="podnode"';
  return Response.json(failure.body, { status: failure.status, headers });
}

function requestFault(body: ApiError): ResolvedView {
  return { ok: false, failure: { status: 400, kind: 'request', body } };
}

function toParams(input: URLSearchParams | SearchParams): URLSearchParams {
  if (input instanceof URLSearchParams) return input;
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(input)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) out.append(key, v);
  }
  return out;
}
