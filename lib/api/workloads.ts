// /api/workloads and its stream: spot risk per workload, in json or csv.
import 'server-only';
import { formatRecordsCsv } from '@/lib/query';
import { selectWorkloads, selectWorkloadsLive } from '@/lib/rows/workload-view';
import { WORKLOAD_FIELDS, WORKLOAD_SCHEMA } from '@/lib/rows/view-schemas';
import { csvResponse, json, recordQueryError } from '@/lib/api/http';
import { streamDerived } from '@/lib/api/derived-stream';
import { resolveView, type SearchParams, type View, type ViewFailure } from '@/lib/api/view';
import type { WorkloadSnapshot } from '@/lib/rows/wire';

/** How often a workload view stream recomputes after a change (grouping every pod is the cost). */
const WORKLOADS_EVERY_MS = 1_000;

function checkWorkloadView({ query }: View): Response | null {
  const error = recordQueryError(query, WORKLOAD_SCHEMA);
  return error && json(error, { status: 400 });
}

export function respondWorkloads(view: View): Response {
  const bad = checkWorkloadView(view);
  if (bad) return bad;
  const { index, query, format } = view;
  const rows = selectWorkloads(index, query);
  const status = index.cache.getStatus();
  const headers = { 'X-Podnode-Status': status.state, 'X-Podnode-Matched': String(rows.length) };
  if (format === 'csv') {
    return csvResponse(formatRecordsCsv(rows, WORKLOAD_FIELDS), 'workloads', headers);
  }
  return json({ workloads: rows, matched: rows.length, pdbs: [...index.cache.pdbs()].length, status, context: index.cache.context() }, { headers });
}

export function streamWorkloads(request: Request, view: View): Response {
  const bad = checkWorkloadView(view);
  if (bad) return bad;
  const { index, query } = view;
  return streamDerived(request, index, (maxStaleMs) => {
    const { rows, behind } = selectWorkloadsLive(index, query, maxStaleMs);
    return { rows: rows.map((r) => ({ id: r.id, row: r })), extra: { matched: rows.length }, behind };
  }, WORKLOADS_EVERY_MS);
}

export type FirstWorkloadView = { ok: true; snapshot: WorkloadSnapshot } | { ok: false; failure: ViewFailure };

export async function loadWorkloadView(searchParams: SearchParams, headers: Headers): Promise<FirstWorkloadView> {
  const resolved = await resolveView(searchParams, { headers, waitForSync: true, rows: 'records' });
  if (!resolved.ok) return resolved;
  const { index, query } = resolved.view;
  const error = recordQueryError(query, WORKLOAD_SCHEMA);
  if (error) return { ok: false, failure: { status: 400, kind: 'request', body: error } };
  const rows = selectWorkloads(index, query);
  return { ok: true, snapshot: { rows, matched: rows.length, status: index.cache.getStatus(), context: index.cache.context() } };
}
