// Soak check for lib/kube's watch path (watches must hold for minutes, not seconds): one
// ClusterCache against a churning simulator for SOAK_SECONDS (default 120), then churn stops
// and the cache must converge to exactly the simulator's set (uid → resourceVersion).
// Run: npx tsx bench/watch-soak.ts
//   SOAK_SECONDS=120 PODS=3000 NODES=60 CHURN=20 (events/s)
//   SOAK_FAULTS=1 also drops all watches every 30 s and expires one resume (410 → relist)
// Prints events, reconnects, relists, watchdog restarts, batches, status changes, RSS.
import { performance } from 'node:perf_hooks';
import { KubeConfig } from '@kubernetes/client-node';
import { startSim } from '@/lib/sim';
import { ClusterCache } from '@/lib/kube/cluster-cache';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 120);
const PODS = Number(process.env.PODS ?? 3000);
const NODES = Number(process.env.NODES ?? 60);
const CHURN = Number(process.env.CHURN ?? 20);
const FAULTS = process.env.SOAK_FAULTS === '1';

async function main(): Promise<void> {
  // churn 0 in the sim: we drive it ourselves so we can stop it and check convergence
  const sim = await startSim({ nodes: NODES, pods: PODS, profile: 'mixed', seed: 11, churn: 0, bookmarkIntervalMs: 5_000 });
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig);
  const cache = new ClusterCache({ kc, context: { name: 'podnode-sim', server: sim.url, simulated: true } }).start();

  const t0 = performance.now();
  await cache.whenSynced(60_000);
  const syncMs = performance.now() - t0;
  console.log(`synced ${cache.podCount} pods / ${cache.nodes().size} nodes in ${syncMs.toFixed(0)} ms`);

  let batches = 0;
  let batchedChanges = 0;
  const statuses: string[] = [];
  cache.subscribe((b) => {
    batches++;
    batchedChanges += b.pods.upserts.length + b.pods.deletes.length + b.nodes.upserts.length + b.nodes.deletes.length;
    if (b.status) statuses.push(`${((performance.now() - t0) / 1000).toFixed(1)}s ${b.status.state}`);
  });

  let churned = 0;
  const churn = setInterval(() => {
    for (let i = 0; i < CHURN / 10; i++, churned++) sim.cluster.churnOnce();
  }, 100);
  const faults = FAULTS
    ? setInterval(() => sim.faults.apply({ dropWatches: true, expireNextWatch: true }), 30_000)
    : undefined;
  const progress = setInterval(() => {
    const m = cache.metrics();
    console.log(
      `  t=${((performance.now() - t0) / 1000).toFixed(0)}s ${cache.getStatus().state} pods=${cache.podCount} ` +
        `events=${m.pods.events + m.nodes.events} watches=${m.pods.watches}+${m.nodes.watches}`,
    );
  }, 15_000);

  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  clearInterval(churn);
  clearInterval(faults);
  clearInterval(progress);

  // converge: the sim's pending schedules settle, then the cache must hold exactly its set
  const deadline = Date.now() + 30_000;
  let diff = difference(sim, cache);
  while (diff.total > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    diff = difference(sim, cache);
  }
  const m = cache.metrics();
  const s = sim.stats();
  global.gc?.();
  console.log(
    JSON.stringify(
      {
        seconds: SECONDS,
        faults: FAULTS,
        churnEvents: churned,
        cache: { pods: cache.podCount, nodes: cache.nodes().size, status: cache.getStatus().state },
        eventsReceived: { pods: m.pods.events, nodes: m.nodes.events, bookmarks: m.pods.bookmarks + m.nodes.bookmarks },
        reconnects: { pods: m.pods.watches - 1, nodes: m.nodes.watches - 1 },
        relists: { pods: m.pods.listChains - 1, nodes: m.nodes.listChains - 1 },
        watchdogRestarts: m.pods.watchdogRestarts + m.nodes.watchdogRestarts,
        errors: m.pods.errors + m.nodes.errors,
        batches,
        batchedChanges,
        statusChanges: statuses,
        simRequests: s.counts,
        simListChains: s.listChains,
        consistent: diff.total === 0,
        mismatch: diff,
        rssMB: Math.round(process.memoryUsage().rss / 1e6),
      },
      null,
      2,
    ),
  );
  await cache.stop();
  await sim.stop();
  process.exit(diff.total === 0 ? 0 : 1);
}

function difference(sim: Awaited<ReturnType<typeof startSim>>, cache: ClusterCache) {
  const want = new Map<string, string>();
  for (const { namespace, name } of sim.cluster.listPodNames()) {
    const p = sim.cluster.getPod(namespace, name);
    if (p) want.set(p.metadata.uid, p.metadata.resourceVersion ?? '');
  }
  let missing = 0;
  let stale = 0;
  let extra = 0;
  const held = new Set<string>();
  for (const p of cache.pods()) {
    held.add(p.metadata.uid);
    const rv = want.get(p.metadata.uid);
    if (rv === undefined) extra++;
    else if (rv !== p.metadata.resourceVersion) stale++;
  }
  for (const uid of want.keys()) if (!held.has(uid)) missing++;
  const nodesWant = new Set(sim.cluster.listNodeNames());
  const nodesHeld = new Set(cache.nodes().keys());
  const nodeDiff = [...nodesWant].filter((n) => !nodesHeld.has(n)).length + [...nodesHeld].filter((n) => !nodesWant.has(n)).length;
  return { missing, stale, extra, nodeDiff, total: missing + stale + extra + nodeDiff };
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
