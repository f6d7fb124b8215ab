// /api/nodes, its stream and the /nodes page's first view: the node rows filtered and sorted with
// the query language over node fields and node paths, grouped with totals, the capacity-type
// counts for the chips, and the interruption banner.
import 'server-only';
import { formatRecordsCsv, recordFieldOf, selectRecords, type Query } from '@/lib/query';
import { interruptionBanner, selectNodes, toWireNode, nodeRecords, nodeRecordsBehind } from '@/lib/rows/node-view';
import { NODE_GROUPINGS, NODE_SCHEMA, type NodeGrouping } from '@/lib/rows/view-schemas';
import { NODE_ROW_FIELDS } from '@/lib/podnode/node-row';
import type { ApiError, NodeSnapshot } from '@/lib/rows/wire';
import type { RowIndex } from '@/lib/rows/row-index';
import { csvResponse, json, recordQueryError } from '@/lib/api/http';
import { streamDerived } from '@/lib/api/derived-stream';
import { resolveView, type SearchParams, type View, type ViewFailure } from '@/lib/api/view';

/** How often a node view stream recomputes after a change. */
const NODES_EVERY_MS = 500;

/** The parts of a view the node routes read beyond the query, checked: a 400 names what is wrong. */
function checkNodeView({ query, params }: Pick<View, 'query' | 'params'>): { grouping: NodeGrouping } | { error: ApiError } {
  const error = recordQueryError(query, NODE_SCHEMA);
  if (error) return { error };
  const group = params.get('group') ?? 'nodeGroup';
  if (!(NODE_GROUPINGS as readonly string[]).includes(group)) {
    return { error: { error: `unknown group "${group.slice(0, 64)}": use one of ${NODE_GROUPINGS.join(', ')}`, where: { param: 'group' } } };
  }
  return { grouping: group as NodeGrouping };
}

/** Nodes per capacity type under the query minus its own capacity-type clauses, for the chips. */
function capacityCounts(index: RowIndex, query: Query, maxStaleMs: number): Record<string, number> {
  const own = (c: { path: string }) => recordFieldOf(NODE_ROW_FIELDS, c.path) === 'capacityType';
  const relaxed = { ...query, sort: [], include: query.include.filter((c) => !own(c)), exclude: query.exclude.filter((c) => !own(c)) };
  const counts: Record<string, number> = {};
  for (const r of selectRecords(nodeRecords(index, maxStaleMs), relaxed, NODE_SCHEMA)) counts[r.capacityType] = (counts[r.capacityType] ?? 0) + 1;
  return counts;
}

/** `maxStaleMs`: how old the node rows may be (a stream's period; 0 for a request). */
function viewOfNodes(index: RowIndex, query: Query, grouping: NodeGrouping, maxStaleMs = 0) {
  const { rows, groups } = selectNodes(index, query, grouping, maxStaleMs);
  return {
    rows: rows.map(toWireNode),
    extra: { groups, banner: interruptionBanner(index, Date.now(), maxStaleMs), capacityCounts: capacityCounts(index, query, maxStaleMs), total: index.cache.nodes().size, matched: rows.length },
  };
}

export function respondNodes(view: View): Response {
  const checked = checkNodeView(view);
  if ('error' in checked) return json(checked.error, { status: 400 });
  const { index, query, format } = view;
  const { rows, extra } = viewOfNodes(index, query, checked.grouping);
  const status = index.cache.getStatus();
  const headers = { 'X-Podnode-Status': status.state, 'X-Podnode-Matched': String(rows.length) };
  if (format === 'csv') {
    return csvResponse(formatRecordsCsv(rows, NODE_ROW_FIELDS), 'nodes', headers);
  }
  return json({ nodes: rows, ...extra, status, context: index.cache.context() }, { headers });
}

export function streamNodes(request: Request, view: View): Response {
  const checked = checkNodeView(view);
  if ('error' in checked) return json(checked.error, { status: 400 });
  const { index, query } = view;
  return streamDerived(request, index, (maxStaleMs) => {
    const { rows, extra } = viewOfNodes(index, query, checked.grouping, maxStaleMs);
    return { rows: rows.map((row) => ({ id: row.name, row })), extra, behind: nodeRecordsBehind(index) };
  }, NODES_EVERY_MS);
}

export type FirstNodeView = { ok: true; snapshot: NodeSnapshot } | { ok: false; failure: ViewFailure };

/** The /nodes page's first HTML: the whole view (5,000 nodes are a few hundred KB, no first page needed). */
export async function loadNodeView(searchParams: SearchParams, headers: Headers): Promise<FirstNodeView> {
  const resolved = await resolveView(searchParams, { headers, waitForSync: true, rows: 'records' });
  if (!resolved.ok) return resolved;
  const checked = checkNodeView(resolved.view);
  if ('error' in checked) return { ok: false, failure: { status: 400, kind: 'request', body: checked.error } };
  const { index, query } = resolved.view;
  const { rows, extra } = viewOfNodes(index, query, checked.grouping);
  return { ok: true, snapshot: { rows, ...extra, status: index.cache.getStatus(), context: index.cache.context() } };
}
