// The node view's rows, from the same index the table reads: one NodeRow per node, summed from
// its pods' rows, with the node's weightiest spot event. Computed once per index version and
// shared by every request and stream that asks while nothing changed.
import type { KubeObject } from '@/lib/podnode/types';
import { toNodeRow, nodeGroupTotals, type NodeGroupTotals, type NodeRow } from '@/lib/podnode/node-row';
import { queryToParams, selectRecords, emptyQuery, type Query } from '@/lib/query';
import { NODE_SCHEMA, type NodeGrouping, type NodeRecord } from './view-schemas';
import type { RowIndex } from './row-index';

type Memo = { version: number; at: number; costMs: number; byName: Map<string, NodeRecord>; rows: NodeRecord[] };
const MEMO = 'node-view';
const memoOf = (index: RowIndex) => index.derived.get(MEMO) as Memo | undefined;

function recordOf(index: RowIndex, node: KubeObject): NodeRecord {
  const name = node.metadata.name;
  let warnings = 0;
  for (const ev of index.events.forNode(name)) if (ev.type === 'Warning') warnings++;
  return { ...toNodeRow(node, index.podsOnNode(name), { notice: index.events.noticeFor(name), warnings }), node };
}

/**
 * Every node's row. Re-sums only the nodes the index says changed since the last call, so a busy
 * cluster costs per change, not per node. `maxStaleMs`: a live stream may take rows computed that
 * long ago (or five times the last computation's cost, if more), so any number of viewers share one
 * recomputation per period; requests pass 0 and always get the current rows.
 */
export function nodeRecords(index: RowIndex, maxStaleMs = 0): NodeRecord[] {
  const hit = memoOf(index);
  if (hit && (hit.version === index.version || (maxStaleMs > 0 && Date.now() - hit.at < Math.max(maxStaleMs, 5 * hit.costMs)))) return hit.rows;
  const t0 = performance.now();
  const changed = index.drainChangedNodes();
  const nodes = index.cache.nodes();
  const incremental = hit !== undefined && changed !== null;
  const byName = incremental ? hit.byName : new Map<string, NodeRecord>();
  for (const name of incremental ? changed : nodes.keys()) {
    const node = nodes.get(name);
    if (node) byName.set(name, recordOf(index, node));
    else byName.delete(name);
  }
  const rows = [...byName.values()];
  index.derived.set(MEMO, { version: index.version, at: Date.now(), costMs: performance.now() - t0, byName, rows });
  return rows;
}

/** the rows last returned are behind the index (a stream took stale ones): ask again soon */
export function nodeRecordsBehind(index: RowIndex): boolean {
  return memoOf(index)?.version !== index.version;
}

export type NodeSelection = { rows: NodeRecord[]; groups: NodeGroupTotals[] };

export function selectNodes(index: RowIndex, query: Query, grouping: NodeGrouping, maxStaleMs = 0): NodeSelection {
  const rows = selectRecords(nodeRecords(index, maxStaleMs), query, NODE_SCHEMA);
  return { rows, groups: grouping === 'none' ? [] : nodeGroupTotals(rows, grouping) };
}

const wire = new WeakMap<NodeRecord, NodeRow>();
/** The row as it travels: everything but the node object. The same object while the node's row is
 *  unchanged, so a stream can tell "unchanged" by identity. */
export function toWireNode(r: NodeRecord): NodeRow {
  let row = wire.get(r);
  if (!row) {
    const copy: Partial<NodeRecord> = { ...r };
    delete copy.node;
    wire.set(r, (row = copy as NodeRow));
  }
  return row;
}

const NOTICE_WINDOW_MS = 10 * 60_000;

export type InterruptionBanner = { nodes: number; pods: number; names: string[]; href: string } | null;

/** Spot nodes with an interruption notice in the last ten minutes, whatever the view's filter: a
 *  reclaim is news to everyone looking. The link opens the table on exactly their pods. */
export function interruptionBanner(index: RowIndex, now = Date.now(), maxStaleMs = 0): InterruptionBanner {
  const hit = nodeRecords(index, maxStaleMs).filter((r) => r.noticeKind === 'interruption' && r.noticeAt !== null && now - Date.parse(r.noticeAt) <= NOTICE_WINDOW_MS);
  if (hit.length === 0) return null;
  const names = hit.map((r) => r.name).sort();
  const q = emptyQuery();
  q.include.push({ path: 'node_name', op: '=', values: names });
  return { nodes: hit.length, pods: hit.reduce((n, r) => n + r.pods, 0), names, href: `/?${queryToParams(q).toString()}` };
}
