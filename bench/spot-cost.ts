// What the spot views cost at scale: the dashboard's cache with and without the PodDisruptionBudget
// and event watches, and the node and workload views computed on top, against 5,000 nodes /
// 150,000 pods with the simulator churning (rollouts, restarts, spot interruptions, their events).
// Run: `node --expose-gc --import tsx bench/spot-cost.ts [--nodes=5000 --pods=150000 --churn=50 --window=60]`
// Each configuration runs in a fresh child process (so memory is not carried over), the simulator
// in its own. Prints a table; asserts nothing.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterCache } from '@/lib/kube/cluster-cache';
import { RowIndex } from '@/lib/rows/row-index';
import { nodeRecords } from '@/lib/rows/node-view';
import { selectWorkloads } from '@/lib/rows/workload-view';
import { emptyQuery } from '@/lib/query';
import { rssOf, startSimProcess, stopAll } from './processes';
import { flag, numberFlag } from './args';

const NODES = numberFlag('nodes', 5000);
const PODS = numberFlag('pods', 150_000);
const CHURN = numberFlag('churn', 50);
const WINDOW_S = numberFlag('window', 60);
const SIM_PORT = 17453;
const CONFIGS = ['none', 'pdbs', 'events', 'all'] as const;
type Config = (typeof CONFIGS)[number];
const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
const gc = () => {
  const g = (globalThis as { gc?: () => void }).gc;
  if (!g) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 3; i++) g();
};

type SimStats = { counts: Record<string, number> };
const simStats = async (): Promise<SimStats> => (await (await fetch(`http://127.0.0.1:${SIM_PORT}/sim/stats`)).json()) as SimStats;

/** One configuration, in this (child) process: sync, memory, a churn window's requests, the views. */
async function child(config: Config, kubeconfig: string): Promise<void> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  gc();
  const base = process.memoryUsage();
  const extras = { pdbs: config === 'pdbs' || config === 'all', events: config === 'events' || config === 'all' };
  let t = performance.now();
  const cache = new ClusterCache({ kc, context: { name: 'bench', server: '', simulated: true }, extras }).start();
  await cache.whenSynced(900_000);
  const syncMs = performance.now() - t;
  const index = new RowIndex(cache);
  // the events are not waited for by the first sync: wait until they are held
  if (extras.events) while (cache.metrics().events.listChains === 0 || cache.getStatus().state !== 'live') await new Promise((r) => setTimeout(r, 100));
  gc();
  const synced = process.memoryUsage();
  const before = await simStats();
  const metricsBefore = cache.metrics();
  await new Promise((r) => setTimeout(r, WINDOW_S * 1000));
  const after = await simStats();
  const metricsAfter = cache.metrics();
  gc();
  const steady = process.memoryUsage();
  const requests: Record<string, number> = {};
  for (const [k, v] of Object.entries(after.counts)) {
    const d = v - (before.counts[k] ?? 0);
    if (d > 0 && /^(list|watch|get) /.test(k)) requests[k] = Math.round((d * 60) / WINDOW_S);
  }
  const eventsPerMin: Record<string, number> = {};
  for (const r of ['pods', 'nodes', 'pdbs', 'events'] as const) eventsPerMin[r] = Math.round(((metricsAfter[r].events - metricsBefore[r].events) * 60) / WINDOW_S);
  const out: Record<string, unknown> = {
    config, syncMs, heapMB: { synced: mb(synced.heapUsed - base.heapUsed), steady: mb(steady.heapUsed - base.heapUsed) },
    rssMB: { synced: mb(synced.rss), steady: mb(steady.rss) },
    held: { pods: cache.podCount, nodes: cache.nodes().size, pdbs: [...cache.pdbs()].length, events: [...cache.events()].length },
    requestsPerMin: requests, watchEventsPerMin: eventsPerMin,
  };
  if (config === 'all') {
    gc();
    const h0 = process.memoryUsage().heapUsed;
    t = performance.now();
    const nodes = nodeRecords(index);
    const nodeMs = performance.now() - t;
    gc();
    const h1 = process.memoryUsage().heapUsed;
    // under churn: a second later only the nodes whose pods or events changed are re-summed
    const v0 = index.version;
    await new Promise((r) => setTimeout(r, 1000));
    t = performance.now();
    nodeRecords(index);
    const nodeIncrementalMs = performance.now() - t;
    const changesInWindow = index.version - v0;
    t = performance.now();
    const workloads = selectWorkloads(index, emptyQuery());
    const workloadMs = performance.now() - t;
    gc();
    const h2 = process.memoryUsage().heapUsed;
    // what the PodDisruptionBudgets and events held weigh: a deep copy of each, measured
    const weigh = (make: () => unknown) => {
      gc();
      const a = process.memoryUsage().heapUsed;
      const copy = make();
      gc();
      const b = process.memoryUsage().heapUsed;
      void copy;
      return mb(b - a);
    };
    out.heldMB = {
      pdbs: weigh(() => structuredClone([...cache.pdbs()])),
      events: weigh(() => structuredClone([...cache.events()])),
      eventIndex: weigh(() => structuredClone(index.events)),
    };
    out.views = {
      nodeView: { rows: nodes.length, ms: Math.round(nodeMs), incrementalMs: Math.round(nodeIncrementalMs), indexBatchesBetween: changesInWindow, heapMB: mb(h1 - h0) },
      workloadView: { rows: workloads.length, ms: Math.round(workloadMs), heapMB: mb(h2 - h1) },
      eventIndex: index.events.size,
    };
    void nodes;
    void workloads;
  }
  console.log(`RESULT ${JSON.stringify(out)}`);
  await cache.stop();
  process.exit(0);
}

async function parent(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podnode-spot-cost-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  console.log(`spot views cost: ${NODES} nodes, ${PODS} pods, churn ${CHURN}/s, ${WINDOW_S} s windows (${os.cpus().length} cores, node ${process.version})`);
  // 150,000 pods churning make ~500 pod watch events a second: keep 200 s of them, so a paged LIST
  // (15–20 s) is never out of reach of its watch, as a real server's 5-minute compaction allows
  const sim = await startSimProcess(SIM_PORT, kubeconfig, { nodes: NODES, pods: PODS, churn: CHURN, history: 100_000 });
  const simInfo = (await (await fetch(`http://127.0.0.1:${SIM_PORT}/sim/cluster`)).json()) as Record<string, unknown>;
  console.log(`simulator: ${JSON.stringify(simInfo)}, RSS ${mb(rssOf(sim.pid!))} MB (own process)`);
  const results: Record<string, unknown>[] = [];
  const only = flag('only');
  for (const config of CONFIGS.filter((c) => !only || c === only)) {
    const out = await new Promise<string>((resolve, reject) => {
      const c = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/spot-cost.ts', '--child', `--config=${config}`, `--kubeconfig=${kubeconfig}`, `--window=${WINDOW_S}`], { stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      c.stdout.on('data', (d) => (text += d));
      c.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`child ${config} exited ${code}: ${text}`))));
    });
    const line = out.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) throw new Error(`no result from ${config}: ${out}`);
    const r = JSON.parse(line.slice(7)) as Record<string, unknown>;
    results.push(r);
    console.log(JSON.stringify(r));
  }
  fs.mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/spot-cost-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '')}.json`;
  fs.writeFileSync(file, JSON.stringify({ nodes: NODES, pods: PODS, churn: CHURN, windowS: WINDOW_S, machine: { cpus: os.cpus().length, memGB: Math.round(os.totalmem() / 2 ** 30) }, git: execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim(), results }, null, 2));
  console.log(`\nwritten to ${file}`);
  stopAll();
  process.exit(0);
}

if (process.argv.includes('--child')) {
  const config = flag('config') as Config;
  const kubeconfig = flag('kubeconfig')!;
  void child(config, kubeconfig);
} else {
  void parent().catch((err) => {
    console.error(err);
    stopAll();
    process.exit(1);
  });
}
