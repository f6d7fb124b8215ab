// `npm run bench`: how each figure grows with the cluster. For every size (default 1k, 10k, 50k and
// 150k pods, 30 pods a node) the simulator and the dashboard (the standalone build) run in their
// own processes, and this process measures: the dashboard's first sync, its RSS at steady state
// (never a forced GC) and bytes per pod, the full join + filter, query latency percentiles, and the
// question "which pods of namespaces X, Y run on spot" answered five ways on the same cluster, and
// the SSE fan-out (fanout.ts): 1, 10 and 100 viewers under 100 and 1,000 events/s of churn.
// Results go to bench/results/bench-<time>.json and a table. Asserts nothing: it measures.
//
//   npm run bench                      every size
//   npm run bench -- --sizes=1000,10000 --requests=50
//   npm run bench -- --sizes=150000 --settle-churn=50 --node-options=--max-old-space-size=448
//                                      steady RSS under churn, with a deployment's heap cap
//   npm run bench -- --fanout          the fan-out alone, at 10k pods unless --sizes says otherwise;
//                                      --window=60 per cell (default 20 s), --fanout-query='ns=a,b'
//   npm run bench -- --chaos           the chaos suite's long form alone (chaos.ts, docs/chaos.md)
//   npm run bench -- --soak            30 minutes of churn and 10 viewers: RSS, handles, timers, loss
//                                      (soak.ts); --minutes=4 for a short one, --pods=10000
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { rssOf, startDashboard, startSimProcess, stopAll, stopChildren, waitReady } from './processes';
import { kkWay, kubectlWay, percentiles, type Percentiles } from './run-support';
import { FANOUT_NOTICE_MS, measureFanout, type FanoutResult } from './fanout';
import { fanoutOnly, fanoutTable, type FanoutSize } from './fanout-report';
import { runChaos } from './chaos';
import { SimControl } from './chaos/sim-http';
import { runSoak } from './soak';
import { flag } from './args';

const exec = promisify(execFile);
const FANOUT_ONLY = process.argv.includes('--fanout');
const SIZES = (flag('sizes') ?? (FANOUT_ONLY ? '10000' : '1000,10000,50000,150000')).split(',').map(Number);
// a viewer looks at a slice of the cluster, as people do: one team's namespace (about a seventh of
// the pods); at 150k pods a whole-cluster snapshot would be ~90 MB to each of 100 viewers
const FANOUT = { windowS: Number(flag('window') ?? 20), query: flag('fanout-query') ?? 'ns=payments' };
const REQUESTS = Number(flag('requests') ?? 200);
// V8 hands the first sync's garbage pages back (its memory reducer) only after ~25 s of low
// allocation: at 150k pods RSS sits near 600 MB until then and near 430 MB after. A window of 90 s
// whose last third is the steady figure measures the process as it runs, not as it boots.
const SETTLE_S = Number(flag('settle') ?? 90);
// --settle-churn=50: the simulator churns at that rate through the settle window, so steady RSS is a
// running cluster's (garbage from replaced pods included); 0 = an idle cluster
const SETTLE_CHURN = Number(flag('settle-churn') ?? 0);
// --node-options='--max-old-space-size=448': the dashboard's NODE_OPTIONS, as a deployment sets them
const NODE_OPTIONS = flag('node-options');
// kubectl -o json holds the whole list in memory: at 150,000 pods it passed 13 GB and was killed
const KUBECTL_MAX = Number(flag('kubectl-max') ?? 50_000);
const SIM_PORT = 17471;
const APP_PORT = 3295;
const base = `http://127.0.0.1:${APP_PORT}`;

type SizeResult = {
  pods: number;
  nodes: number;
  firstSyncMs: number;
  rssMB: number;
  rssPeakMB: number;
  /** the highest RSS while the first sync ran */
  rssSyncPeakMB: number;
  bytesPerPod: number;
  /** the CLI's first sync, in a fresh process: the row index's join of the listed pods + the filter */
  joinFilterMs: number;
  /** of which the join (the rest of it ran as each pod arrived, inside the sync) */
  joinMs: number;
  /** joinPodNodes + filter over every held pod at once (median of 5), as --offline does */
  rejoinFilterMs: number;
  /** the dashboard's own join of every pod into indexed rows at its first sync (/api/healthz) */
  dashboardJoinMs: number | null;
  /** to the last byte; `parsed`: through fetch and JSON.parse in Node */
  selective: Percentiles & { matched: number; parsed?: Percentiles };
  unselective: Percentiles & { matched: number; parsed?: Percentiles };
  /** ms per way; null where the way was not run (kubectl above --kubectl-max) */
  failures: string[];
  question: Record<'kk' | 'cliCold' | 'cliServer' | 'dashboardApi', number> & { kubectl: number | null; answer: number };
  fanout: FanoutResult;
};

const mb = (b: number) => Math.round(b / 1024 / 1024);
const pct = (p: Percentiles) => `${p.p50.toFixed(0)}/${p.p95.toFixed(0)}/${p.p99.toFixed(0)}`;

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** Request sent → last byte of the answer received, asking for gzip as curl --compressed and
 *  browsers do: the server's latency, as HTTP load tools (wrk, hey, k6) report it. */
function toLastByte(url: string): Promise<{ ms: number; matched: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    http.get(url, { agent: keepAlive, headers: { 'accept-encoding': 'gzip' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`${url} answered ${res.statusCode}`));
        return;
      }
      res.on('data', () => {});
      res.on('end', () => resolve({ ms: performance.now() - t0, matched: Number(res.headers['x-podnode-matched']) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** Request sent → last byte, n times; then, as a second series, through Node's fetch with the body
 *  decompressed and parsed (what a script in Node waits for: the client's own cost on top). Two
 *  series, not alternating requests: the parses' garbage would be collected during the next timed
 *  request and counted as the server's latency. */
async function timeRequests(url: string, n: number): Promise<Percentiles & { matched: number; parsed: Percentiles }> {
  const times: number[] = [];
  const parsed: number[] = [];
  let matched = 0;
  for (let i = 0; i < n; i++) {
    const r = await toLastByte(url);
    times.push(r.ms);
    matched = r.matched;
  }
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await (await fetch(url)).json();
    parsed.push(performance.now() - t0);
  }
  return { ...percentiles(times), matched, parsed: percentiles(parsed) };
}

/** The full join and filter over every pod at a first sync, and over every held pod again, in a
 *  process of its own (join-filter.ts). */
async function joinFilter(kubeconfig: string): Promise<{ ms: number; joinMs: number; rejoinMs: number }> {
  const { stdout } = await exec(process.execPath, ['--import', 'tsx', 'bench/join-filter.ts', `--kubeconfig=${kubeconfig}`, `--server=http://127.0.0.1:${SIM_PORT}`], { maxBuffer: 1024 ** 2 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { ms: number; joinMs: number; rejoinMs: number };
}

async function oneSize(pods: number, dir: string, rss1k: { pods: number; rss: number } | null): Promise<SizeResult> {
  const nodes = Math.max(10, Math.round(pods / 30));
  const kubeconfig = path.join(dir, `kubeconfig-${pods}`);
  const failures: string[] = [];
  // churn 0 until the fan-out, whose spot notices are reclaimed within the cell that gave them
  await startSimProcess(SIM_PORT, kubeconfig, { nodes, pods, churn: 0, noticeMs: FANOUT_NOTICE_MS });
  try {
    const joined = await joinFilter(kubeconfig);

    const stray = await fetch(`${base}/api/readyz`).then(() => true, () => false);
    if (stray) throw new Error(`something already answers on ${base}: stop it first (a dashboard left from an interrupted run?)`);
    const t0 = performance.now();
    const app = await startDashboard(APP_PORT, kubeconfig, NODE_OPTIONS ? { NODE_OPTIONS } : {});
    // the first sync's own peak: a memory limit must hold it too
    let syncPeak = 0;
    const sampler = setInterval(() => { try { syncPeak = Math.max(syncPeak, rssOf(app.pid!)); } catch { /* exited */ } }, 250);
    await waitReady(base).finally(() => clearInterval(sampler));
    const firstSyncMs = performance.now() - t0;
    const health = (await (await fetch(`${base}/api/healthz`)).json()) as { lastFullJoin: { ms: number } | null };
    const dashboardJoinMs = health.lastFullJoin?.ms ?? null;
    // every shipped feature on: the node and workload views computed once, as an open page would
    await (await fetch(`${base}/api/nodes`)).arrayBuffer();
    await (await fetch(`${base}/api/workloads`)).arrayBuffer();
    await new Promise((r) => setTimeout(r, 1000));
    let peak = 0;
    const samples: number[] = [];
    const churn = (perSecond: number) => new SimControl(`http://127.0.0.1:${SIM_PORT}`).faults({ churnPerSecond: perSecond });
    if (SETTLE_CHURN > 0) await churn(SETTLE_CHURN);
    const settled = Date.now() + SETTLE_S * 1000;
    while (Date.now() < settled) {
      const r = rssOf(app.pid!);
      peak = Math.max(peak, r);
      samples.push(r);
      await new Promise((r) => setTimeout(r, 1000));
    }
    if (SETTLE_CHURN > 0) await churn(0);
    // steady state: the median of the last third of the window, no forced GC
    const steady = percentiles(samples.slice(-Math.max(1, Math.floor(samples.length / 3)))).p50;

    const nodeList = ((await (await fetch(`${base}/api/nodes?sort=-pods`)).json()) as { nodes: { name: string; pods: number }[] }).nodes;
    const picked: string[] = [];
    let sum = 0;
    for (const n of nodeList) {
      if (sum >= Math.min(1000, pods / 10)) break;
      picked.push(n.name);
      sum += n.pods;
    }
    const selective = await timeRequests(`${base}/api/podnodes?f=${encodeURIComponent(`node_name=${picked.join('/')}`)}`, REQUESTS);
    const unselective = await timeRequests(`${base}/api/podnodes?f=capacityType=spot`, Math.max(5, Math.round(REQUESTS / 20)));
    keepAlive.destroy(); // this dashboard stops after the size; the next gets a fresh connection

    // "which pods of namespaces X, Y run on spot", five ways, the same cluster
    // the two namespaces with the most spot replicas: a question with an answer
    const workloads = ((await (await fetch(`${base}/api/workloads?sort=-spotReplicas`)).json()) as { workloads: { namespace: string }[] }).workloads;
    const [nsA = 'default', nsB = 'kube-system'] = [...new Set(workloads.map((w) => w.namespace).filter((n) => n !== 'kube-system'))];
    const filterArgs = ['-n', `${nsA},${nsB}`, '-f', 'capacityType=spot', '--json'];
    const cli = path.resolve('bin/kubectl-podnode');
    const home = path.join(dir, `home-${pods}`);
    fs.mkdirSync(home, { recursive: true });
    const env = { ...process.env, KUBECONFIG: kubeconfig, HOME: home, KUBERNETES_SERVICE_HOST: '' };
    let t = performance.now();
    // a way that fails is a figure too: said, not hidden (and the others still measured)
    const cold = await exec(cli, ['get', 'pn', ...filterArgs], { env, maxBuffer: 1024 ** 3 }).catch((err: { stderr?: string }) => {
      failures.push(`CLI cold: ${(err.stderr ?? String(err)).trim()}`);
      return null;
    });
    const cliCold = cold ? performance.now() - t : NaN;
    t = performance.now();
    await exec(cli, ['get', 'pn', '--server', base, ...filterArgs], { env, maxBuffer: 1024 ** 3 });
    const cliServer = performance.now() - t;
    t = performance.now();
    const api = (await (await fetch(`${base}/api/podnodes?ns=${nsA},${nsB}&f=capacityType=spot`)).json()) as { matched: number };
    const dashboardApi = performance.now() - t;
    const kk = await kkWay(kubeconfig, [nsA, nsB]);
    const kubectl = pods <= KUBECTL_MAX ? await kubectlWay(kubeconfig, dir, [nsA, nsB]) : null;
    const answer = cold ? (JSON.parse(cold.stdout) as unknown[]).length : api.matched;
    if (kk.answer !== answer || (kubectl && kubectl.answer !== answer) || api.matched !== answer) {
      failures.push(`the ways disagree: CLI ${answer}, kk ${kk.answer}, kubectl ${kubectl?.answer ?? '—'}, API ${api.matched}`);
    }
    const fanout = await measureFanout({ simBase: `http://127.0.0.1:${SIM_PORT}`, appBase: base, appPid: app.pid!, ...FANOUT });
    const bytesPerPod = rss1k && pods > rss1k.pods ? (steady - rss1k.rss) / (pods - rss1k.pods) : steady / pods;
    return {
      pods, nodes, dashboardJoinMs, firstSyncMs: Math.round(firstSyncMs), rssMB: mb(steady), rssPeakMB: mb(peak), rssSyncPeakMB: mb(syncPeak), bytesPerPod: Math.round(bytesPerPod),
      joinFilterMs: joined.ms, joinMs: joined.joinMs, rejoinFilterMs: joined.rejoinMs,
      selective, unselective, failures, fanout,
      question: { kubectl: kubectl && Math.round(kubectl.ms), kk: Math.round(kk.ms), cliCold: Math.round(cliCold), cliServer: Math.round(cliServer), dashboardApi: Math.round(dashboardApi), answer },
    };
  } finally {
    // both processes, whatever failed
    await stopChildren();
  }
}

function table(results: SizeResult[]): string {
  const cols = results.map((r) => `${r.pods / 1000}k`);
  const row = (label: string, f: (r: SizeResult) => string) => `| ${label} | ${results.map(f).join(' | ')} |`;
  const q = (r: SizeResult, k: keyof SizeResult['question']) => {
    const v = r.question[k];
    if (v === null) return `not run (over ${KUBECTL_MAX / 1000}k)`;
    return Number.isNaN(v) ? 'failed (see failures)' : `${(v / 1000).toFixed(2)} s`;
  };
  return [
    `| figure | ${cols.join(' | ')} |`,
    `|---|${cols.map(() => '---').join('|')}|`,
    row('first sync (process start → ready)', (r) => `${(r.firstSyncMs / 1000).toFixed(1)} s`),
    row(`dashboard RSS, steady (peak after sync; during sync)${SETTLE_CHURN ? `, churn ${SETTLE_CHURN}/s` : ''}`, (r) => `${r.rssMB} MB (${r.rssPeakMB}; ${r.rssSyncPeakMB ?? '—'})`),
    row('bytes per pod (marginal RSS)', (r) => `${r.bytesPerPod}`),
    row('full join + filter at first sync (the CLI, a fresh process)', (r) => `${r.joinFilterMs} ms (join ${r.joinMs})`),
    row('… joinPodNodes + filter over every held pod again', (r) => `${r.rejoinFilterMs} ms`),
    row('join into the row index (dashboard, first sync)', (r) => (r.dashboardJoinMs === null ? '—' : `${r.dashboardJoinMs} ms`)),
    row('selective query p50/p95/p99 (to last byte)', (r) => `${pct(r.selective)} ms (${r.selective.matched} rows)`),
    row('… through fetch + JSON.parse in Node', (r) => (r.selective.parsed ? `${pct(r.selective.parsed)} ms` : '—')),
    row('unselective query p50/p95/p99 (to last byte)', (r) => `${pct(r.unselective)} ms (${r.unselective.matched} rows)`),
    row('… through fetch + JSON.parse in Node', (r) => (r.unselective.parsed ? `${pct(r.unselective.parsed)} ms` : '—')),
    row('spot pods of 2 namespaces: kubectl ×2 + join', (r) => q(r, 'kubectl')),
    row('… kk\'s way (two full LISTs)', (r) => q(r, 'kk')),
    row('… the CLI, cold', (r) => q(r, 'cliCold')),
    row('… the CLI --server (warm dashboard)', (r) => q(r, 'cliServer')),
    row('… the dashboard API', (r) => q(r, 'dashboardApi')),
    row('… kubectl way ÷ dashboard API', (r) => (r.question.kubectl === null ? '—' : `${Math.round(r.question.kubectl / Math.max(1, r.question.dashboardApi))}×`)),
    row('… kk\'s way ÷ dashboard API', (r) => `${Math.round(r.question.kk / Math.max(1, r.question.dashboardApi))}×`),
    row('… answer (pods)', (r) => String(r.question.answer)),
  ].join('\n');
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podnode-bench-'));
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '?', memGB: Math.round(os.totalmem() / 1024 ** 3), node: process.version, load: os.loadavg() };
  console.log(`podnode bench: sizes ${SIZES.join(', ')}; ${machine.cpus} × ${machine.cpu}, ${machine.memGB} GB, Node ${machine.node}`);
  const results: SizeResult[] = [];
  const fanouts: FanoutSize[] = [];
  try {
    for (const pods of SIZES) {
      const t0 = Date.now();
      const first = results[0] ? { pods: results[0].pods, rss: results[0].rssMB * 1024 * 1024 } : null;
      const r = FANOUT_ONLY ? null : await oneSize(pods, dir, first);
      if (r) results.push(r);
      fanouts.push(r ?? (await fanoutOnly(pods, dir, { sim: SIM_PORT, app: APP_PORT }, FANOUT)));
      console.log(`  ${pods} pods measured in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${JSON.stringify(r ?? fanouts.at(-1))}`);
    }
  } finally {
    stopAll();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const out = path.join('bench', 'results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
  fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), command, machine, results: FANOUT_ONLY ? fanouts : results }, null, 2));
  const failed = results.flatMap((r) => r.failures.map((f) => `  ${r.pods / 1000}k: ${f}`));
  const tables = [...(FANOUT_ONLY ? [] : [table(results)]), fanoutTable(fanouts)].join('\n\n');
  console.log(`\n${tables}\n${failed.length ? `\nfailures:\n${failed.join('\n')}\n` : ''}\nwritten to ${out}`);
}

// --chaos runs the chaos suite's long form instead (chaos.ts), --soak the soak (soak.ts); each fails
// the command when it finds a problem
const judged = process.argv.includes('--chaos') ? runChaos : process.argv.includes('--soak') ? runSoak : null;
const run = judged
  ? judged().then((ok) => { if (!ok) process.exitCode = 1; })
  : main();
run.catch((err) => {
  console.error(err);
  stopAll();
  process.exit(1);
});
