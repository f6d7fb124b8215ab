// The query as URL params (the URL is the view state). Unknown params are ignored:
// the page and the API keep their own (`format`, `ctx`, `group`, …) beside the query.
import { QueryError } from './errors';
import { QueryBuilder } from './query-builder';
import { formatClause } from './clause';
import { formatColumnList, formatSortList } from './column-list';
import type { Query } from './query';

export type QueryParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

export function parseQueryParams(params: QueryParamsInput): Query {
  const b = new QueryBuilder();
  // Repeated single-valued params combine rather than silently dropping one: `l` and `nl`
  // requirements all hold, `o` and `sort` lists concatenate.
  for (const v of all(params, 'l')) b.labelSelector('l', v);
  for (const v of all(params, 'ns')) b.namespace('ns', v);
  for (const v of all(params, 'nl')) b.nodeSelector('nl', v);
  all(params, 'f').forEach((v, i) => b.clause('include', 'f', v, i));
  all(params, 'e').forEach((v, i) => b.clause('exclude', 'e', v, i));
  for (const v of all(params, 'o')) b.columns('o', v);
  for (const v of all(params, 'sort')) b.sort('sort', v);
  return b.build();
}

/** Canonical params in a fixed order with defaults omitted, so equal queries give equal URLs. */
export function queryToParams(q: Query): URLSearchParams {
  const p = new URLSearchParams();
  if (q.labelSelector) p.set('l', q.labelSelector);
  if (q.namespaces.length > 0) p.set('ns', q.namespaces.join(','));
  if (q.nodeSelector) p.set('nl', q.nodeSelector);
  for (const c of q.include) p.append('f', formatClause(c));
  for (const c of q.exclude) p.append('e', formatClause(c));
  if (q.columns.length > 0) p.set('o', formatColumnList(q.columns));
  if (q.sort.length > 0) p.set('sort', formatSortList(q.sort));
  return p;
}

function all(params: QueryParamsInput, name: string): string[] {
  if (isSearchParams(params)) return params.getAll(name);
  if (!Object.hasOwn(params, name)) return [];
  const v: unknown = params[name];
  if (v === undefined) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
  throw new QueryError(`parameter ${name} must be text`, { param: name });
}

// Duck-typed: Next's ReadonlyURLSearchParams and other realms' URLSearchParams are not `instanceof`.
function isSearchParams(p: QueryParamsInput): p is URLSearchParams {
  return typeof (p as URLSearchParams).getAll === 'function' && typeof (p as URLSearchParams).get === 'function';
}
