// The workload view's rows: the pods the query's pod part selects (`l`, `ns`, `nl`, as in the
// table), grouped by top owner with their spot risk, then filtered and sorted on workload fields
// (`f`, `e`, `sort`). Grouping 150,000 rows is done once per index version and pod selection.
import { workloadsOf, type WorkloadRow } from '@/lib/podnode/workloads';
import type { PodNodeRow } from '@/lib/podnode/types';
import { compileQuery, emptyQuery, selectRecords, type Query } from '@/lib/query';
import { WORKLOAD_SCHEMA } from './view-schemas';
import type { RowIndex } from './row-index';

/** the pod half of a workload query */
function podPartOf(query: Query): Query {
  return { ...emptyQuery(), labelSelector: query.labelSelector, namespaces: query.namespaces, nodeSelector: query.nodeSelector };
}

type Memo = { version: number; at: number; costMs: number; key: string; rows: WorkloadRow[] };
const memo = new WeakMap<RowIndex, Memo[]>();
/** pod selections kept: a workload row set is ~1.1 KB a workload (19 MB for the 17,400 workloads of
 *  150,000 pods, bench/spot-cost.ts) */
const MEMO_SIZE = 2;

/** `maxStaleMs`: a live stream may take rows that old (or five times the last grouping's cost, if
 *  more), so viewers share one grouping per period; requests pass 0. */
function workloadRows(index: RowIndex, query: Query, maxStaleMs: number): Memo {
  const podPart = podPartOf(query);
  const key = JSON.stringify([podPart.labelSelector, podPart.namespaces, podPart.nodeSelector]);
  const now = Date.now();
  const usable = (m: Memo) => m.version === index.version || (maxStaleMs > 0 && now - m.at < Math.max(maxStaleMs, 5 * m.costMs));
  const list = memo.get(index) ?? [];
  const hit = list.find((m) => m.key === key && usable(m));
  if (hit) return hit;
  const t0 = performance.now();
  const { matches } = compileQuery(podPart);
  const pods: PodNodeRow[] = [];
  for (const row of index.rows()) if (matches(row)) pods.push(row);
  const rows = workloadsOf(pods, index.cache.pdbs());
  const made: Memo = { version: index.version, at: now, costMs: performance.now() - t0, key, rows };
  memo.set(index, [made, ...list.filter((m) => m.key !== key)].slice(0, MEMO_SIZE));
  return made;
}

/** Without a `sort`, the riskiest first (the schema's tie-break order). */
export function selectWorkloads(index: RowIndex, query: Query): WorkloadRow[] {
  return selectRecords(workloadRows(index, query, 0).rows, query, WORKLOAD_SCHEMA);
}

/** For a live stream: rows up to `maxStaleMs` old, and whether they are behind the index. */
export function selectWorkloadsLive(index: RowIndex, query: Query, maxStaleMs: number): { rows: WorkloadRow[]; behind: boolean } {
  const m = workloadRows(index, query, maxStaleMs);
  return { rows: selectRecords(m.rows, query, WORKLOAD_SCHEMA), behind: m.version !== index.version };
}
