// The node view's rows, from the same index the table reads: one NodeRow per node, summed from
// its pods' rows, with the node's weightiest spot event. Computed once per index version and
// shared by every request and stream that asks while nothing changed.
import { toNodeRow, nodeGroupTotals, type NodeGroupTotals, type NodeRow } from '@/lib/podnode/node-row';
import { queryToParams, selectRecords, emptyQuery, type Query } from '@/lib/query';
import { NODE_SCHEMA, type NodeGrouping, type NodeRecord } from './view-schemas';
import type { RowIndex } from './row-index';

const memo = new WeakMap<RowIndex, { version: number; rows: NodeRecord[] }>();

export function nodeRecords(index: RowIndex): NodeRecord[] {
  const hit = memo.get(index);
  if (hit && hit.version === index.version) return hit.rows;
  const rows: NodeRecord[] = [];
  for (const node of index.cache.nodes().values()) {
    const name = node.metadata.name;
    let warnings = 0;
    for (const ev of index.events.forNode(name)) if (ev.type === 'Warning') warnings++;
    rows.push({ ...toNodeRow(node, index.podsOnNode(name), { notice: index.events.noticeFor(name), warnings }), node });
  }
  memo.set(index, { version: index.version, rows });
  return rows;
}

export type NodeSelection = { rows: NodeRecord[]; groups: NodeGroupTotals[] };

export function selectNodes(index: RowIndex, query: Query, grouping: NodeGrouping): NodeSelection {
  const rows = selectRecords(nodeRecords(index), query, NODE_SCHEMA);
  return { rows, groups: grouping === 'none' ? [] : nodeGroupTotals(rows, grouping) };
}

/** The row as it travels: everything but the node object. */
export function toWireNode(r: NodeRecord): NodeRow {
  const row: Partial<NodeRecord> = { ...r };
  delete row.node;
  return row as NodeRow;
}

const NOTICE_WINDOW_MS = 10 * 60_000;

export type InterruptionBanner = { nodes: number; pods: number; names: string[]; href: string } | null;

/** Spot nodes with an interruption notice in the last ten minutes, whatever the view's filter: a
 *  reclaim is news to everyone looking. The link opens the table on exactly their pods. */
export function interruptionBanner(index: RowIndex, now = Date.now()): InterruptionBanner {
  const hit = nodeRecords(index).filter((r) => r.noticeKind === 'interruption' && r.noticeAt !== null && now - Date.parse(r.noticeAt) <= NOTICE_WINDOW_MS);
  if (hit.length === 0) return null;
  const names = hit.map((r) => r.name).sort();
  const q = emptyQuery();
  q.include.push({ path: 'node_name', op: '=', values: names });
  return { nodes: hit.length, pods: hit.reduce((n, r) => n + r.pods, 0), names, href: `/?${queryToParams(q).toString()}` };
}
