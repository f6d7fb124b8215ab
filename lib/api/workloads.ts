// /api/workloads and its stream: spot risk per workload, in json or csv.
import 'server-only';
import { compileRecordQuery, formatRecordsCsv, QueryError } from '@/lib/query';
import { selectWorkloads, selectWorkloadsLive } from '@/lib/rows/workload-view';
import { WORKLOAD_FIELDS, WORKLOAD_SCHEMA } from '@/lib/rows/view-schemas';
import { json } from '@/lib/api/http';
import { streamDerived } from '@/lib/api/derived-stream';
import { resolveView, type SearchParams, type View, type ViewFailure } from '@/lib/api/view';
import type { WorkloadSnapshot } from '@/lib/rows/wire';

/** How often a workload view stream recomputes after a change (grouping every pod is the cost). */
const WORKLOADS_EVERY_MS = 1_000;

function checkWorkloadView({ query }: View): Response | null {
  try {
    compileRecordQuery(query, WORKLOAD_SCHEMA);
    return null;
  } catch (err) {
    if (err instanceof QueryError) return json({ error: err.message, where: err.where }, { status: 400 });
    throw err;
  }
}

export function respondWorkloads(view: View): Response {
  const bad = checkWorkloadView(view);
  if (bad) return bad;
  const { index, query, format } = view;
  const rows = selectWorkloads(index, query);
  const status = index.cache.getStatus();
  const headers = { 'X-Podnode-Status': status.state, 'X-Podnode-Matched': String(rows.length) };
  if (format === 'csv') {
    return new Response(formatRecordsCsv(rows, WORKLOAD_FIELDS), {
      headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="workloads.csv"', 'Cache-Control': 'no-store' },
    });
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
  const resolved = await resolveView(searchParams, { headers, waitForSync: true });
  if (!resolved.ok) return resolved;
  const { index, query } = resolved.view;
  try {
    compileRecordQuery(query, WORKLOAD_SCHEMA);
  } catch (err) {
    if (err instanceof QueryError) return { ok: false, failure: { status: 400, kind: 'request', body: { error: err.message, where: err.where } } };
    throw err;
  }
  const rows = selectWorkloads(index, query);
  return { ok: true, snapshot: { rows, matched: rows.length, status: index.cache.getStatus(), context: index.cache.context() } };
}
