// Held memory per pod of the cache + row index + node view, in this process; the simulator in its own.
// Run: node --expose-gc --import tsx bench/memory-probe.ts --pods=30000 --nodes=1000 [--index-after-sync]
// The row index is made before the sync starts, as the dashboard and the CLI make it (its rows are
// then joined as the pods arrive). --index-after-sync makes it once the cache is synced instead,
// which also splits the figure into the cache's part and the index's.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterCache } from '@/lib/kube/cluster-cache';
import { RowIndex } from '@/lib/rows/row-index';
import { nodeRecords } from '@/lib/rows/node-view';
import { startSimProcess, stopAll } from './processes';
import { numberFlag } from './args';

const PODS = numberFlag('pods', 30_000);
const NODES = numberFlag('nodes', 1000);
const INDEX_AFTER_SYNC = process.argv.includes('--index-after-sync');
const gc = () => { for (let i = 0; i < 3; i++) (globalThis as { gc?: () => void }).gc!(); };
const mb = (b: number) => (b / 1024 / 1024).toFixed(1);

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podnode-mem-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  await startSimProcess(17463, kubeconfig, { nodes: NODES, pods: PODS, churn: 0 });
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  gc();
  const base = process.memoryUsage();
  const t0 = performance.now();
  const cache = new ClusterCache({ kc, context: { name: 'mem', server: 'http://127.0.0.1:17463', simulated: true } }).start();
  let index = INDEX_AFTER_SYNC ? null : new RowIndex(cache);
  await cache.whenSynced(600_000);
  const syncMs = performance.now() - t0;
  cache.flushChanges();
  gc();
  const afterCache = process.memoryUsage();
  index ??= new RowIndex(cache);
  if (index.size !== cache.podCount) throw new Error(`the row index holds ${index.size} rows for ${cache.podCount} pods`);
  nodeRecords(index);
  gc();
  const after = process.memoryUsage();
  const perPod = (x: number) => (x / PODS).toFixed(0);
  console.log(JSON.stringify({ pods: PODS, nodes: NODES, syncMs: Math.round(syncMs), allHeapMB: mb(after.heapUsed - base.heapUsed), index: INDEX_AFTER_SYNC ? 'after sync' : 'from the start', ...(INDEX_AFTER_SYNC ? { cacheHeapMB: mb(afterCache.heapUsed - base.heapUsed), bytesPerPodCache: perPod(afterCache.heapUsed - base.heapUsed) } : {}), bytesPerPodAll: perPod(after.heapUsed - base.heapUsed), rssMB: mb(after.rss) }));
  await cache.stop();
  stopAll();
}
main().catch((e) => { console.error(e); process.exit(1); });
