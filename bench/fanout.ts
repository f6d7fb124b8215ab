// SSE fan-out: what 1, 10 and 100 viewers of /api/podnodes/stream cost the dashboard and the API
// server, under 100 and 1,000 events/s of churn. Per cell: the dashboard's CPU (its own process,
// from /proc), event→client latency (the simulator stamps each pod it writes; the viewers, in this
// process, subtract that stamp from their receive time on the same clock), whether every viewer
// ends holding exactly what a fresh query of /api/podnodes answers, and the requests and bytes the
// dashboard asked of the simulator during the window.
import fs from 'node:fs';
import os from 'node:os';
import { percentiles, type Percentiles } from './run-support';
import { SimControl } from './chaos/sim-http';
import { diff, RV_PATH, STAMP_PATH, versionOf, Viewer, type Diff, type WireRowLike } from './fanout-viewer';

const VIEWERS = [1, 10, 100] as const;
const RATES = [100, 1000] as const;
/** viewers connect this many at a time: a 150k-pod snapshot is megabytes per viewer */
const CONNECT_BATCH = 10;
const CLK_TCK = 100; // Linux's USER_HZ, what /proc/<pid>/stat counts in
/** A spot notice's reclaim lands this long after churn gave it. At the simulator's default (AWS's two
 *  minutes) the nodes noticed in one cell were reclaimed — tens of thousands of pod writes at 150k —
 *  in the middle of a later cell, which then measured the earlier cell's churn, not its own. */
export const FANOUT_NOTICE_MS = 1000;

export type FanoutCell = {
  viewers: number;
  eventsPerS: number;
  windowS: number;
  /** simulator writes per second achieved (every resource), to show the churn asked for happened */
  simWritesPerS: number;
  dashboardCpuPct: number;
  /** the viewers' own process: if it saturates, latency is the client's too */
  viewerCpuPct: number;
  latencyMs: Percentiles & { samples: number };
  upserts: number;
  deletes: number;
  /** rows each viewer held at the end, as the fresh query answered */
  rows: number;
  lost: Diff & { viewers: number; errors: string[] };
  apiPerMin: { requests: number; bytes: number; counts: Record<string, number>; bytesBy: Record<string, number> };
  /** the machine's 1-minute load at the window's end: on shared cores, how much else was running */
  load1: number;
};
export type FanoutResult = { query: string; cells: FanoutCell[] };

type SimStats = { total: number; counts: Record<string, number>; bytesTotal: number; bytes: Record<string, number> };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // fields after "pid (comm) ": utime and stime are the 14th and 15th of the whole line
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(rest[11]) + Number(rest[12])) / CLK_TCK;
}

const getJson = async <T>(url: string): Promise<T> => (await (await fetch(url)).json()) as T;

async function truthOf(url: string): Promise<Map<string, string>> {
  const { rows } = await getJson<{ rows: WireRowLike[] }>(url);
  return new Map(rows.map((r) => [r.uid, versionOf(r)]));
}
const same = (a: Map<string, string>, b: Map<string, string>) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

/** After churn stops: wait until two fresh queries agree (the cache has caught up; a spot node's
 *  delayed reclaim may still land), give the stream a patch interval, then compare every viewer. */
export async function lossCheck(viewers: Viewer[], queryUrl: string): Promise<{ truth: Map<string, string>; lost: FanoutCell['lost'] }> {
  let truth = await truthOf(queryUrl);
  for (let i = 0; i < 30; i++) {
    await sleep(1000);
    const again = await truthOf(queryUrl);
    const stable = same(truth, again);
    truth = again;
    if (stable && viewers.every((v) => same(v.rows, truth))) break;
  }
  const lost = { viewers: 0, missing: 0, extra: 0, stale: 0, errors: viewers.flatMap((v) => (v.error ? [v.error] : [])) };
  for (const v of viewers) {
    const d = diff(v.rows, truth);
    if (d.missing + d.extra + d.stale > 0 || v.error) lost.viewers++;
    lost.missing += d.missing;
    lost.extra += d.extra;
    lost.stale += d.stale;
  }
  return { truth, lost };
}

async function cell(o: FanoutOptions, n: number, rate: number, streamUrl: string, queryUrl: string): Promise<FanoutCell> {
  const viewers = Array.from({ length: n }, () => new Viewer());
  try {
    for (let i = 0; i < n; i += CONNECT_BATCH) await Promise.all(viewers.slice(i, i + CONNECT_BATCH).map((v) => v.start(streamUrl)));
    await sleep(1000); // the snapshots' serialisation out of the CPU figure
    const sim = new SimControl(o.simBase);
    await sim.resetStats();
    const rv0 = (await getJson<{ resourceVersion: number }>(`${o.simBase}/sim/cluster`)).resourceVersion;
    const [cpu0, own0, t0] = [cpuSeconds(o.appPid), process.cpuUsage(), performance.now()];
    await sim.faults({ churnPerSecond: rate, stampPods: true });
    await sleep(o.windowS * 1000);
    await sim.faults({ churnPerSecond: 0 });
    const seconds = (performance.now() - t0) / 1000;
    const [cpu1, own] = [cpuSeconds(o.appPid), process.cpuUsage(own0)];
    const stats = await getJson<SimStats>(`${o.simBase}/sim/stats`);
    const rv1 = (await getJson<{ resourceVersion: number }>(`${o.simBase}/sim/cluster`)).resourceVersion;
    const { truth, lost } = await lossCheck(viewers, queryUrl);
    const latencies = viewers.flatMap((v) => v.latencies);
    const perMin = 60 / seconds;
    const scaled = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v * perMin)]));
    return {
      viewers: n, eventsPerS: rate, windowS: Math.round(seconds),
      simWritesPerS: Math.round((rv1 - rv0) / seconds),
      dashboardCpuPct: Math.round(((cpu1 - cpu0) / seconds) * 100),
      viewerCpuPct: Math.round(((own.user + own.system) / 1e6 / seconds) * 100),
      latencyMs: { ...percentiles(latencies), samples: latencies.length },
      upserts: viewers.reduce((s, v) => s + v.upserts, 0), deletes: viewers.reduce((s, v) => s + v.deletes, 0),
      rows: truth.size, lost,
      apiPerMin: {
        requests: Math.round(stats.total * perMin), bytes: Math.round(stats.bytesTotal * perMin),
        counts: scaled(stats.counts), bytesBy: scaled(stats.bytes),
      },
      load1: Number(os.loadavg()[0]!.toFixed(1)),
    };
  } finally {
    await Promise.all(viewers.map((v) => v.stop()));
  }
}

export type FanoutOptions = { simBase: string; appBase: string; appPid: number; windowS: number; query: string };

export async function measureFanout(o: FanoutOptions): Promise<FanoutResult> {
  const columns = `o=${encodeURIComponent(`${STAMP_PATH},${RV_PATH}`)}`;
  const params = o.query ? `${o.query}&${columns}` : columns;
  const cells: FanoutCell[] = [];
  try {
    for (const rate of RATES) {
      for (const n of VIEWERS) {
        const c = await cell(o, n, rate, `${o.appBase}/api/podnodes/stream?${params}`, `${o.appBase}/api/podnodes?${params}`);
        console.log(`    fan-out ${n} viewer(s) @ ${rate} ev/s: ${JSON.stringify({ ...c, apiPerMin: { ...c.apiPerMin, counts: undefined, bytesBy: undefined } })}`);
        cells.push(c);
      }
    }
  } finally {
    await new SimControl(o.simBase).faults({ reset: true }).catch(() => undefined);
  }
  return { query: o.query, cells };
}
