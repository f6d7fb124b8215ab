// `npm run bench -- --soak`: does the dashboard hold steady for half an hour? The simulator (10,000
// pods, 100 events/s of churn) and the production dashboard each in their own process, 10 viewers
// on /api/podnodes/stream the whole time (fanout-viewer.ts: snapshot, then patches applied), and
// every 10 s the dashboard's RSS (/proc) and its open handles and timers (/api/diagnostics). The
// first 5 minutes (a sixth of a shorter run) are warm-up and not judged. Goals: RSS at the end
// within 10% of RSS after warm-up, handles and timers flat, every viewer ending equal to a fresh
// query by uid, no unhandled rejection in the dashboard's output. Exits non-zero when one is missed.
//   npm run bench -- --soak [--minutes=30] [--pods=10000]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Diagnostics } from '@/lib/api/diagnostics';
import { unhandledRejections } from './chaos/dashboard-subject';
import { SimControl } from './chaos/sim-http';
import { lossCheck } from './fanout';
import { RV_PATH, STAMP_PATH, Viewer } from './fanout-viewer';
import { outputOf, rssOf, startDashboard, startSimProcess, stopChildren, waitReady } from './processes';
import { percentiles } from './run-support';
import { fit, judge, soakTable, type Sample, type SoakResult } from './soak-report';
import { flag } from './args';

const SIM_PORT = 17521;
const APP_PORT = 3311;
const VIEWERS = 10;
const CHURN = 100;
const SAMPLE_S = 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** the simulator's pod count and resourceVersion (a string on the wire) */
async function simCluster(simBase: string): Promise<{ pods: number; rv: number }> {
  const c = (await (await fetch(`${simBase}/sim/cluster`)).json()) as { pods: number; resourceVersion: string };
  return { pods: c.pods, rv: Number(c.resourceVersion) };
}

async function diagnosticsOf(base: string): Promise<Diagnostics> {
  // one retry on a network error: a keep-alive socket the server closed as it was reused (seen once
  // when a heap snapshot paused the dashboard) must not end a half-hour run
  const url = `${base}/api/diagnostics`;
  const res = await fetch(url).catch(() => fetch(url));
  // an older build has no such route: say how to get one rather than judge on zeros
  if (res.status === 404) throw new Error('the build has no /api/diagnostics: run `npx next build` first');
  if (!res.ok) throw new Error(`/api/diagnostics answered ${res.status}`);
  return (await res.json()) as Diagnostics;
}

/** Timers and sockets that live for a moment (a viewer's pending 250 ms patch, a request in
 *  flight) would read as noise around the ones that stay: a sample takes the lowest of five reads a
 *  third of a second apart. */
async function readHeld(base: string): Promise<{ handles: number; timers: number; last: Diagnostics }> {
  let [handles, timers] = [Infinity, Infinity];
  let last: Diagnostics | undefined;
  for (let i = 0; i < 5; i++) {
    if (i > 0) await sleep(330);
    last = await diagnosticsOf(base);
    const t = last.resources.Timeout ?? 0;
    [handles, timers] = [Math.min(handles, last.total - t), Math.min(timers, t)];
  }
  return { handles, timers, last: last! };
}

export async function runSoak(): Promise<boolean> {
  const minutes = Number(flag('minutes') ?? 30);
  const pods = Number(flag('pods') ?? 10_000);
  const nodes = Math.max(10, Math.round(pods / 30));
  const totalS = minutes * 60;
  const warmupS = Math.min(300, totalS / 6);
  if (!fs.existsSync('.next/standalone/server.js')) execFileSync('npx', ['next', 'build'], { stdio: 'inherit' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podnode-soak-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  const simBase = `http://127.0.0.1:${SIM_PORT}`;
  const base = `http://127.0.0.1:${APP_PORT}`;
  const columns = `o=${encodeURIComponent(`${STAMP_PATH},${RV_PATH}`)}`;
  const viewers = Array.from({ length: VIEWERS }, () => new Viewer());
  const samples: Sample[] = [];
  let logs = () => '';
  let exited: number | string | null = null;
  let lost: SoakResult['lost'];
  let rows = 0;
  let writesPerS = 0;
  console.log(`podnode soak: ${pods} pods / ${nodes} nodes, ${CHURN} events/s, ${VIEWERS} viewers, ${minutes} min (warm-up ${Math.round(warmupS)} s)`);
  try {
    await startSimProcess(SIM_PORT, kubeconfig, { nodes, pods, churn: 0 });
    const app = await startDashboard(APP_PORT, kubeconfig);
    logs = outputOf.get(app) ?? logs;
    await waitReady(base);
    await diagnosticsOf(base);
    await Promise.all(viewers.map((v) => v.start(`${base}/api/podnodes/stream?${columns}`)));
    // churn starts with the clock: the viewers hold their snapshots; stamps time each write's way
    await new SimControl(simBase).faults({ churnPerSecond: CHURN, stampPods: true });
    const [rv0, t0] = [(await simCluster(simBase)).rv, Date.now()];
    for (let next = t0; next - t0 < totalS * 1000; next += SAMPLE_S * 1000) {
      await sleep(Math.max(0, next - Date.now()));
      if (app.exitCode !== null || app.signalCode !== null) break;
      const [tS, rss] = [Math.round((Date.now() - t0) / 1000), rssOf(app.pid!)];
      const [{ handles, timers, last: d }, cluster] = await Promise.all([readHeld(base), simCluster(simBase)]);
      const mb = (b: number) => b / 2 ** 20;
      const { heapUsedBytes, heapTotalBytes, externalBytes } = d.memory;
      const s = { tS, rssMB: mb(rss), heapUsedMB: mb(heapUsedBytes), heapTotalMB: mb(heapTotalBytes), externalMB: mb(externalBytes), handles, timers, pods: cluster.pods, resources: d.resources };
      samples.push(s);
      if (samples.length % 6 === 1) console.log(`  ${(s.tS / 60).toFixed(1)} min: ${s.pods} pods, RSS ${s.rssMB.toFixed(0)} MB, heap ${s.heapUsedMB.toFixed(0)}/${s.heapTotalMB.toFixed(0)} MB, external ${s.externalMB.toFixed(0)} MB, ${s.handles} handles, ${s.timers} timers ${JSON.stringify(d.resources)}`);
    }
    exited = app.exitCode ?? app.signalCode;
    writesPerS = ((await simCluster(simBase)).rv - rv0) / ((Date.now() - t0) / 1000);
    // churn stops so "equal to a fresh query" has one answer; the check waits for the cache to settle
    await new SimControl(simBase).faults({ churnPerSecond: 0 });
    if (exited === null) {
      const check = await lossCheck(viewers, `${base}/api/podnodes?format=json&${columns}`);
      [lost, rows] = [check.lost, check.truth.size];
    } else lost = { viewers: VIEWERS, missing: 0, extra: 0, stale: 0, errors: [`the dashboard exited (${exited}): nothing to compare with`] };
  } finally {
    await Promise.all(viewers.map((v) => v.stop()));
    await stopChildren();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const after = samples.filter((s) => s.tS >= warmupS);
  const rejections = unhandledRejections(logs());
  const latencies = viewers.flatMap((v) => v.latencies);
  const result: SoakResult = {
    pods, nodes, minutes, warmupS: Math.round(warmupS), viewers: VIEWERS, churnPerS: CHURN, simWritesPerS: Math.round(writesPerS),
    clusterPods: fit(after, (s) => s.pods), rss: fit(after, (s) => s.rssMB), heapUsed: fit(after, (s) => s.heapUsedMB), heapTotal: fit(after, (s) => s.heapTotalMB), external: fit(after, (s) => s.externalMB),
     handles: fit(after, (s) => s.handles), timers: fit(after, (s) => s.timers),
    rows, lost, rejections, exited, latencyMs: { ...percentiles(latencies), samples: latencies.length },
  };
  const goals = judge(result);
  const out = path.join('bench', 'results', `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '?', memGB: Math.round(os.totalmem() / 1024 ** 3), node: process.version, load: os.loadavg() };
  fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), command, machine, result, goals, samples }, null, 2));
  console.log(`\n${soakTable(result, goals)}\n\nwritten to ${out}`);
  return goals.every((g) => g.ok);
}
