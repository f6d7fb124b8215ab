// The scale figures at 5,000 nodes / 150,000 pods. Run: `npm run bench:scale` (needs `npm run build`).
// The simulator and the dashboard each run in their own process, so neither's memory is counted as
// the other's. Prints a table; nothing here asserts — it measures.
import { execFile } from 'node:child_process';
import { rssOf, startDashboard, startSimProcess, runBench, stopProcess, waitReady } from './processes';
import { percentiles } from './run-support';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterCache } from '@/lib/kube/cluster-cache';
import { RowIndex } from '@/lib/rows/row-index';
import { joinPodNodes } from '@/lib/podnode';
import { parseQueryParams, filterRows } from '@/lib/query';
import { numberFlag } from './args';

const NODES = numberFlag('nodes', 5000);
const PODS = numberFlag('pods', 150_000);
const REQUESTS = numberFlag('requests', 200);
const SIM_PORT = 17443;
const APP_PORT = 3290;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podnode-bench-'));
const kubeconfig = path.join(dir, 'kubeconfig');
const results: [string, string][] = [];
const report = (k: string, v: string) => {
  results.push([k, v]);
  console.log(`  ${k}: ${v}`);
};
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (t: number) => `${t.toFixed(0)} ms`;

const median = (xs: number[]) => percentiles(xs).p50;

async function main() {
  console.log(`podnode scale bench: ${NODES} nodes, ${PODS} pods (${os.cpus().length} cores)`);
  let t = performance.now();
  const sim = await startSimProcess(SIM_PORT, kubeconfig, { nodes: NODES, pods: PODS, churn: 0 });
  report('simulator ready (own process)', `${ms(performance.now() - t)}, RSS ${mb(rssOf(sim.pid!))}`);

  // 1. The cache alone, in this process: sync time, memory after GC, join and filter.
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baseRss = process.memoryUsage().rss;
  t = performance.now();
  const cache = new ClusterCache({ kc, context: { name: 'bench', server: `http://127.0.0.1:${SIM_PORT}`, simulated: true } }).start();
  await cache.whenSynced(600_000);
  report('cache: time to first sync (paged LIST, limit 500)', ms(performance.now() - t));
  const index = new RowIndex(cache);
  gc?.();
  await new Promise((r) => setTimeout(r, 200));
  gc?.();
  const mem = process.memoryUsage();
  report(`cache + joined rows: RSS after GC${gc ? '' : ' (no --expose-gc!)'}`, `${mb(mem.rss)} (heap ${mb(mem.heapUsed)}; process baseline ${mb(baseRss)})`);
  const nodes = cache.nodes();
  const pods = [...cache.pods()];
  const q = parseQueryParams({ f: ['capacityType=spot', 'namespace~=a'], e: ['ownerKind=DaemonSet'] });
  const joinTimes: number[] = [];
  const allTimes: number[] = [];
  let matched = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const rows = joinPodNodes(pods, nodes);
    const t1 = performance.now();
    matched = filterRows(rows, q).length;
    joinTimes.push(t1 - t0);
    allTimes.push(performance.now() - t0);
  }
  report(`join all ${pods.length} rows (median of 5)`, ms(median(joinTimes)));
  report(`join + filter all rows (median of 5; ${matched} matched)`, ms(median(allTimes)));
  await cache.stop();
  void index;

  // 2. The real dashboard server (standalone build) in its own process.
  t = performance.now();
  const app = await startDashboard(APP_PORT, kubeconfig);
  const base = `http://127.0.0.1:${APP_PORT}`;
  await waitReady(base);
  report('dashboard: process start → /api/readyz 200', ms(performance.now() - t));
  await new Promise((r) => setTimeout(r, 3000));
  report('dashboard: server RSS after sync (idle 3 s)', mb(rssOf(app.pid!)));

  const nodeList = ((await (await fetch(`${base}/api/nodes`)).json()) as { nodes: { name: string; podCount: number }[] }).nodes;
  const picked: string[] = [];
  let sum = 0;
  for (const n of nodeList) {
    if (sum >= 1000) break;
    if (n.podCount === 0) continue;
    picked.push(n.name);
    sum += n.podCount;
  }
  const url = `${base}/api/podnodes?f=${encodeURIComponent(`node_name=${picked.join('/')}`)}`;
  const first = (await (await fetch(url)).json()) as { matched: number };
  for (const [label, extra] of [['rows', ''], ['rows with pod+node objects', '&objects=1']] as const) {
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t0 = performance.now();
      const res = await fetch(url + extra);
      await res.arrayBuffer();
      times.push(performance.now() - t0);
    }
    report(`/api/podnodes, ${first.matched} matching rows, ${label}: p50 / p95 (${REQUESTS} requests)`, `${ms(percentiles(times).p50)} / ${ms(percentiles(times).p95)}`);
  }
  stopProcess(app);

  // 3. Today's way: kubectl -o json twice into files (150k pods is over 1 GB of JSON, more than a
  // JavaScript string can hold), then the join in Python, as kk and most hand-written scripts do.
  const exec = promisify(execFile);
  const podsFile = path.join(dir, 'pods.json');
  const nodesFile = path.join(dir, 'nodes.json');
  t = performance.now();
  await Promise.all([
    exec('sh', ['-c', `kubectl --kubeconfig ${kubeconfig} get pods -A -o json > ${podsFile}`]),
    exec('sh', ['-c', `kubectl --kubeconfig ${kubeconfig} get nodes -o json > ${nodesFile}`]),
  ]);
  const tk = performance.now();
  const joinPy = [
    'import json,sys',
    'nodes={n["metadata"]["name"]:n for n in json.load(open(sys.argv[2]))["items"]}',
    'rows=[(p["metadata"]["namespace"],p["metadata"]["name"],nodes.get(p["spec"].get("nodeName"),{}).get("metadata",{}).get("labels",{}).get("karpenter.sh/capacity-type")) for p in json.load(open(sys.argv[1]))["items"]]',
    'print(len(rows))',
  ].join('\n');
  const joined = await exec('python3', ['-c', joinPy, podsFile, nodesFile], { maxBuffer: 1024 ** 2 });
  report(`kubectl get pods -A -o json + get nodes -o json (${mb(fs.statSync(podsFile).size)} of JSON)`, ms(tk - t));
  report(`… + a Python join of ${joined.stdout.trim()} rows: the question answered the old way`, ms(performance.now() - t));

  console.log('\nsummary');
  for (const [k, v] of results) console.log(`| ${k} | ${v} |`);
}

runBench(main, dir);
