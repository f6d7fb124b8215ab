// A row index made before the sync (as the dashboard and the CLI make theirs) joins each pod of the
// first sync as it arrives and adds its node when the pod's batch comes. Through a first sync, churn, nodes that
// change under their pods and a relist, what it holds must be exactly what an index made from the
// cache afterwards holds, row for row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheFor, startTestSim, waitFor, simPodVersions, cachePodVersions, sameVersions } from '@/lib/kube/test-support';
import type { ClusterCache } from '@/lib/kube/cluster-cache';
import type { SimHandle } from '@/lib/sim';
import type { PodNodeRow } from '@/lib/podnode/types';
import { RowIndex } from './row-index';

let sim: SimHandle;
let cache: ClusterCache;
let index: RowIndex;
let ingested = 0;
/** every row the index handed to its listeners, with its fields as they were then */
const published: [PodNodeRow, string][] = [];
const fieldsOf = (r: PodNodeRow) => JSON.stringify({ ...r, pod: r.pod.metadata.resourceVersion, node: r.node?.metadata.resourceVersion ?? null });

beforeAll(async () => {
  // mixed: EKS (Fargate included), Karpenter, GKE and AKS pools, pending and evicted pods
  sim = await startTestSim({ pods: 600, nodes: 20, profile: 'mixed' });
  cache = cacheFor(sim, { pageLimit: 100 });
  cache.onPodIngested(() => ingested++);
  index = new RowIndex(cache);
  index.subscribe((b) => { for (const r of b.upserts) published.push([r, fieldsOf(r)]); });
});
afterAll(async () => {
  await cache.stop();
  await sim.stop();
});

const byUid = (rows: Iterable<PodNodeRow>) => new Map([...rows].map((r) => [r.uid, r]));

async function caughtUp(): Promise<void> {
  await waitFor(() => sameVersions(simPodVersions(sim), cachePodVersions(cache)), 15_000, 'the cache to catch up');
  cache.flushChanges();
}

function expectSameAsRebuilt(): void {
  const rebuilt = byUid(new RowIndex(cache).rows());
  const held = byUid(index.rows());
  expect(held.size).toBe(cache.podCount);
  expect([...held.keys()].sort()).toEqual([...rebuilt.keys()].sort());
  for (const [uid, row] of held) expect(row, uid).toEqual(rebuilt.get(uid));
  // and the buckets a query by node reads
  const fresh = new RowIndex(cache);
  const uidsOn = (i: RowIndex, node: string) => i.podsOnNode(node).map((r) => r.uid).sort();
  for (const node of [...cache.nodes().keys()]) expect(uidsOn(index, node), node).toEqual(uidsOn(fresh, node));
}

describe('rows joined as their pods arrive', () => {
  it('after the first sync: every row from the early join, and each as a join of the synced cache makes it', async () => {
    await cache.whenSynced(20_000);
    cache.flushChanges();
    expect(ingested).toBe(sim.cluster.pods());
    expect(index.joinedOnArrival).toBe(sim.cluster.pods());
    const rows = [...index.rows()];
    // what the node adds is there: capacity types, zones
    expect(new Set(rows.map((r) => r.capacityType))).toEqual(new Set(['spot', 'on-demand', 'reserved', 'fargate', 'unknown']));
    expect(rows.filter((r) => r.node).every((r) => r.node === cache.nodes().get(r.nodeName!))).toBe(true);
    expectSameAsRebuilt();
  });

  it('after churn, bindings and relabelled nodes', async () => {
    const before = index.joinedOnArrival;
    for (let i = 0; i < 150; i++) sim.cluster.churnOnce();
    const nodeNames = [...cache.nodes().keys()];
    for (const { namespace, name } of sim.cluster.listPodNames().slice(0, 30)) {
      sim.cluster.mutatePod(namespace, name, (pod) => { pod.spec = { ...pod.spec, nodeName: nodeNames[name.length % nodeNames.length] }; });
    }
    await caughtUp();
    // only a first sync is joined early: these went the usual way
    expect(index.joinedOnArrival).toBe(before);
    expectSameAsRebuilt();
  });

  it('after a relist that finds most pods unchanged (no row made for them)', async () => {
    const chains = cache.metrics().pods.listChains;
    const joined = index.joinedOnArrival;
    sim.faults.apply({ restart: { keepResourceVersion: false } });
    await waitFor(() => cache.metrics().pods.listChains > chains && cache.getStatus().state === 'live', 15_000, 'a relist');
    for (let i = 0; i < 20; i++) sim.cluster.churnOnce();
    await caughtUp();
    expect(index.joinedOnArrival).toBe(joined);
    expectSameAsRebuilt();
  });

  it('never changed a row after handing it out', () => {
    expect(published.length).toBeGreaterThan(sim.cluster.pods());
    for (const [row, then] of published) expect(fieldsOf(row), row.uid).toBe(then);
  });
});
