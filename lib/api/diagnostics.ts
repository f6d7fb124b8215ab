// What the process holds open, for finding a leak in a long-running dashboard: the event loop's
// active resources counted by type (Timeout, TCPSocketWrap, FSReqCallback, …) and the heap's size.
// Counts only — no addresses, paths, names or cluster data — and read from what Node already keeps,
// so asking every few seconds costs next to nothing.
import 'server-only';
import { checkRequest, type GuardEnv } from '@/lib/api/guard';
import { failureResponse } from '@/lib/api/view';
import { json } from '@/lib/api/http';
import { snapshotBudget } from '@/lib/api/snapshot-budget';

export type Diagnostics = {
  /** active resources by type, as process.getActiveResourcesInfo() names them */
  resources: Record<string, number>;
  /** all of them; `Timeout` is the timers (setTimeout and setInterval alike) */
  total: number;
  memory: { rssBytes: number; heapUsedBytes: number; heapTotalBytes: number; externalBytes: number; arrayBuffersBytes: number };
  uptimeS: number;
  /** stream snapshots built and not yet read, against their budget, and streams waiting for room */
  snapshots: { heldBytes: number; budgetBytes: number; waiting: number };
};

function diagnostics(): Diagnostics {
  const resources: Record<string, number> = {};
  const active = process.getActiveResourcesInfo();
  for (const type of active) resources[type] = (resources[type] ?? 0) + 1;
  const m = process.memoryUsage();
  const budget = snapshotBudget();
  return {
    resources,
    total: active.length,
    memory: { rssBytes: m.rss, heapUsedBytes: m.heapUsed, heapTotalBytes: m.heapTotal, externalBytes: m.external, arrayBuffersBytes: m.arrayBuffers },
    uptimeS: Math.round(process.uptime()),
    snapshots: { heldBytes: budget.state.held, budgetBytes: budget.limit, waiting: budget.state.waiting },
  };
}

/** The route's answer: the same guard as every other route (host, origin, token) before anything is read. */
export function respondDiagnostics(headers: Headers, env: GuardEnv = process.env): Response {
  const denied = checkRequest(headers, env);
  return denied ? failureResponse(denied) : json(diagnostics());
}
