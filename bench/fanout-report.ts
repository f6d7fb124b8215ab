// The fan-out figures as `npm run bench -- --fanout` runs them alone (a simulator and a dashboard
// per size, nothing else measured) and as the table prints them, one column per size.
import path from 'node:path';
import { FANOUT_NOTICE_MS, measureFanout, type FanoutCell, type FanoutResult } from './fanout';
import { startDashboard, startSimProcess, stopChildren, waitReady } from './processes';

export type FanoutSize = { pods: number; nodes: number; fanout: FanoutResult };
type Ports = { sim: number; app: number };

export async function fanoutOnly(pods: number, dir: string, ports: Ports, o: { windowS: number; query: string }): Promise<FanoutSize> {
  const nodes = Math.max(10, Math.round(pods / 30));
  const kubeconfig = path.join(dir, `kubeconfig-${pods}`);
  const appBase = `http://127.0.0.1:${ports.app}`;
  try {
    await startSimProcess(ports.sim, kubeconfig, { nodes, pods, churn: 0, noticeMs: FANOUT_NOTICE_MS });
    const app = await startDashboard(ports.app, kubeconfig);
    await waitReady(appBase);
    const fanout = await measureFanout({ simBase: `http://127.0.0.1:${ports.sim}`, appBase, appPid: app.pid!, ...o });
    return { pods, nodes, fanout };
  } finally {
    await stopChildren();
  }
}

const kb = (b: number) => (b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1)} MB` : `${(b / 1024).toFixed(b < 10240 ? 1 : 0)} KB`);

function cellText(c: FanoutCell | undefined): string {
  if (!c) return '—';
  const lost = c.lost.viewers === 0 ? 'none lost' : `LOST in ${c.lost.viewers} viewers (${c.lost.missing} missing, ${c.lost.stale} stale, ${c.lost.extra} extra)`;
  return `${c.dashboardCpuPct}% CPU · ${c.latencyMs.p50}/${c.latencyMs.p95} ms · ${lost}`;
}

export function fanoutTable(sizes: FanoutSize[]): string {
  const cols = sizes.map((s) => `${s.pods / 1000}k`);
  const find = (s: FanoutSize, n: number, rate: number) => s.fanout.cells.find((c) => c.viewers === n && c.eventsPerS === rate);
  const row = (label: string, f: (s: FanoutSize) => string) => `| ${label} | ${sizes.map(f).join(' | ')} |`;
  const lines = [
    `| SSE fan-out: dashboard CPU (% of a core) · event→client p50/p95 · loss | ${cols.join(' | ')} |`,
    `|---|${cols.map(() => '---').join('|')}|`,
    row('viewer query', (s) => `\`${s.fanout.query || '(all pods)'}\`, ${find(s, 1, 100)?.rows ?? '?'} rows`),
  ];
  for (const rate of [100, 1000]) {
    for (const n of [1, 10, 100]) lines.push(row(`${n} viewer${n > 1 ? 's' : ''} @ ${rate} ev/s`, (s) => cellText(find(s, n, rate))));
    lines.push(row(`… simulator writes/s achieved, 1/10/100 viewers (1-min load)`, (s) => [1, 10, 100].map((n) => {
      const c = find(s, n, rate);
      return c ? `${c.simWritesPerS} (${c.load1})` : '—';
    }).join(' / ')));
  }
  for (const n of [1, 100]) {
    lines.push(row(`API server per minute, ${n} viewer${n > 1 ? 's' : ''} @ 100 ev/s`, (s) => {
      const c = find(s, n, 100);
      // bytes follow the writes the simulator made, which churn's dice vary from cell to cell: per
      // write is the figure comparable between 1 and 100 viewers
      return c ? `${c.apiPerMin.requests} requests, ${kb(c.apiPerMin.bytes)} (${kb(c.apiPerMin.bytes / 60 / Math.max(1, c.simWritesPerS))} a write)` : '—';
    }));
  }
  return lines.join('\n');
}
