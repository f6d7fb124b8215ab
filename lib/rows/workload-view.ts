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

type Memo = { version: number; key: string; rows: WorkloadRow[] };
const memo = new WeakMap<RowIndex, Memo[]>();
const MEMO_SIZE = 8;

function workloadRows(index: RowIndex, query: Query): WorkloadRow[] {
  const podPart = podPartOf(query);
  const key = JSON.stringify([podPart.labelSelector, podPart.namespaces, podPart.nodeSelector]);
  const list = (memo.get(index) ?? []).filter((m) => m.version === index.version);
  const hit = list.find((m) => m.key === key);
  if (hit) return hit.rows;
  const { matches } = compileQuery(podPart);
  const pods: PodNodeRow[] = [];
  for (const row of index.rows()) if (matches(row)) pods.push(row);
  const rows = workloadsOf(pods, index.cache.pdbs());
  list.unshift({ version: index.version, key, rows });
  memo.set(index, list.slice(0, MEMO_SIZE));
  return rows;
}

/** Without a `sort`, the riskiest first (the schema's tie-break order). */
export function selectWorkloads(index: RowIndex, query: Query): WorkloadRow[] {
  return selectRecords(workloadRows(index, query), query, WORKLOAD_SCHEMA);
}
