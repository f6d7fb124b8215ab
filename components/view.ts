// The whole view as the URL holds it (the URL is the view state). The server-side part
// is a lib/query `Query`; the rest (quick filter, widths, grouping, hidden columns, context, open
// drawer) only shapes what the page shows. Pure, so it runs on the server and in the browser.
import { parseQueryParams, queryToParams, QueryError, type Query, type Clause } from '@/lib/query';
import { columnIdOf, rowFieldOfPath, type RowField } from '@/lib/query';

export const GROUPS = { node: 'nodeName', nodeGroup: 'nodeGroup', appName: 'appName', namespace: 'namespace', capacityType: 'capacityType' } as const;
export type GroupBy = keyof typeof GROUPS;

export type View = {
  query: Query;
  /** client-side quick filter */
  q: string;
  /** column id → px, only for columns the user resized */
  widths: Record<string, number>;
  group: GroupBy | null;
  /** default columns the user hid */
  hide: string[];
  ctx: string | null;
  sel: string | null;
};

export type ParsedView = { view: View; error: { message: string; param?: string } | null };

const EMPTY_QUERY: Query = parseQueryParams(new URLSearchParams());

export function parseView(params: URLSearchParams): ParsedView {
  let query = EMPTY_QUERY;
  let error: ParsedView['error'] = null;
  try {
    query = parseQueryParams(params);
  } catch (e) {
    if (!(e instanceof QueryError)) throw e;
    error = { message: e.message, param: e.where?.param };
  }
  const group = params.get('group');
  return {
    view: {
      query,
      q: params.get('q') ?? '',
      widths: parseWidths(params.get('w')),
      group: group && group in GROUPS ? (group as GroupBy) : null,
      hide: (params.get('hide') ?? '').split(',').filter(Boolean),
      ctx: params.get('ctx') || null,
      sel: params.get('sel') || null,
    },
    error,
  };
}

export function viewToParams(view: View): URLSearchParams {
  const p = queryToParams(view.query);
  if (view.q) p.set('q', view.q);
  const w = Object.entries(view.widths).map(([id, px]) => `${id}:${Math.round(px)}`).join(',');
  if (w) p.set('w', w);
  if (view.group) p.set('group', view.group);
  if (view.hide.length) p.set('hide', view.hide.join(','));
  if (view.ctx) p.set('ctx', view.ctx);
  if (view.sel) p.set('sel', view.sel);
  return p;
}

/** What the server needs to produce the rows: the query and context. The page sorts by itself, so
 *  only sort keys on paths into the objects go along: the server sends their values as cells. */
export function streamParams(view: View): string {
  const p = queryToParams({ ...view.query, sort: view.query.sort.filter((k) => rowFieldOfPath(k.path) === undefined) });
  if (view.ctx) p.set('ctx', view.ctx);
  return p.toString();
}

/** The query as the API reads it, for export links (sort included: the file comes sorted). */
export function apiParams(view: View, format: string): string {
  const p = queryToParams(view.query);
  if (view.ctx) p.set('ctx', view.ctx);
  p.set('format', format);
  return p.toString();
}

function parseWidths(raw: string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (raw ?? '').split(',')) {
    const at = part.lastIndexOf(':');
    const px = Number(part.slice(at + 1));
    if (at > 0 && Number.isFinite(px) && px >= 30 && px <= 2000) out[part.slice(0, at)] = px;
  }
  return out;
}

/** Which field a path names, by any spelling a view knows (the table's row fields, a node's, …). */
type FieldOf = (path: string) => string | undefined;

/** Values of the include clause `field<op>a/b` a control owns (any spelling of the field). */
export function clauseValues(query: Query, fieldOf: FieldOf, field: string, op: Clause['op'] = '='): string[] {
  const clause = query.include.find((c) => c.op === op && fieldOf(c.path) === field);
  return clause ? clause.values : [];
}

/** The query with that control's clause replaced by `values` (none: removed). */
export function withClauseValues(query: Query, fieldOf: FieldOf, field: string, values: string[], op: Clause['op'] = '='): Query {
  const others = query.include.filter((c) => !(c.op === op && fieldOf(c.path) === field));
  const include: Clause[] = values.length ? [...others, { path: field, op, values }] : others;
  return { ...query, include };
}

/** Values of the include clause `field=a/b` the facet controls own (any alias of the field). */
export function facetValues(query: Query, field: RowField): string[] {
  return clauseValues(query, rowFieldOfPath, field);
}

export function withFacetValues(query: Query, field: RowField, values: string[]): Query {
  return withClauseValues(query, rowFieldOfPath, field, values);
}

/** Custom columns: `o` paths that are not row fields. */
export function customColumnPaths(query: Query): string[] {
  return query.columns.map((c) => c.path).filter((p) => rowFieldOfPath(p) === undefined);
}

export function sortToState(query: Query): { id: string; desc: boolean }[] {
  return query.sort.map((s) => ({ id: columnIdOf(s.path), desc: s.desc }));
}
