// Read-only proof: after the whole e2e run — the page, every route, the stream, the CLI — the
// simulated API server has seen reads only. Any write (POST, PUT, PATCH, DELETE) fails the run.
import { simStats } from './sim-control';

export default async function globalTeardown(): Promise<void> {
  const stats = await simStats();
  const writes = Object.entries(stats.counts).filter(([key, n]) => key.startsWith('write ') && n > 0);
  const reads = Object.entries(stats.counts).filter(([key]) => /^(list|watch|get|table|discovery) /.test(key)).reduce((n, [, v]) => n + v, 0);
  console.log(`read-only check: ${stats.total} requests reached the API server, ${reads} of them reads, ${writes.length ? writes.map(([k, n]) => `${k}: ${n}`).join(', ') : 'no writes'}`);
  if (reads === 0) throw new Error('read-only check: the API server saw no reads at all; the check would prove nothing');
  if (writes.length > 0) throw new Error(`read-only check failed: the dashboard or the CLI wrote to the cluster: ${JSON.stringify(Object.fromEntries(writes))}`);
}
