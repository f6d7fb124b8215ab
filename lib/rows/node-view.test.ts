// The node view re-sums only the nodes a change touched. Whatever the changes (churn, spot
// interruptions, deleted pods, reads in between, stale reads by streams), its rows must equal the
// rows summed from scratch over the same index.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheFor, startTestSim, waitFor, simPodVersions, cachePodVersions, sameVersions } from '@/lib/kube/test-support';
import type { ClusterCache } from '@/lib/kube/cluster-cache';
import type { SimHandle } from '@/lib/sim';
import { RowIndex } from './row-index';
import { nodeRecords, toWireNode } from './node-view';

let sim: SimHandle;
let cache: ClusterCache;

beforeAll(async () => {
  sim = await startTestSim({ pods: 300, nodes: 12, profile: 'karpenter', noticeMs: 200 });
  cache = cacheFor(sim);
  await cache.whenSynced();
});
afterAll(async () => {
  await cache.stop();
  await sim.stop();
});

/** the cache holds what the simulator holds, and its subscribers have heard of it */
async function settled(): Promise<void> {
  await waitFor(() => sameVersions(simPodVersions(sim), cachePodVersions(cache)), 15_000, 'the cache to catch up');
  await waitFor(() => cache.nodes().size === sim.cluster.nodes(), 15_000, 'the nodes to catch up');
  cache.flushChanges(); // the batch window: the index hears of the last changes now
}

const byName = (rows: ReturnType<typeof nodeRecords>) => new Map(rows.map((r) => [r.name, toWireNode(r)]));

describe('the node view under change', () => {
  it('equals a from-scratch sum after churn, interruptions and deletes, with reads in between', async () => {
    const index = new RowIndex(cache);
    nodeRecords(index);
    for (let round = 0; round < 40; round++) {
      const seen = index.version;
      for (let i = 0; i < 5; i++) sim.cluster.churnOnce();
      // a 409 when no spot node with pods is left is fine: churn goes on
      if (round % 7 === 0) try { sim.cluster.interruptionNotice(undefined, 100); } catch { /* none left */ }
      if (round % 5 === 0) {
        const [p] = sim.cluster.listPodNames();
        if (p) sim.cluster.deletePod(p.namespace, p.name);
      }
      // a stream's stale read and a request's fresh one, interleaved with the batches
      nodeRecords(index, round % 2 === 0 ? 10_000 : 0);
      // every round its own batch, so the view re-sums incrementally forty times
      await waitFor(() => index.version > seen, 5_000, 'the round to reach the index');
    }
    await settled();
    const incremental = byName(nodeRecords(index));
    const scratch = byName(nodeRecords(new RowIndex(cache)));
    expect(incremental.size).toBe(scratch.size);
    for (const [name, row] of scratch) expect(incremental.get(name), name).toEqual(row);
  });

  it('stays current when the bundler loads the view twice and each copy computes in turn', async () => {
    // Turbopack gives route handlers and pages their own copy of a module; a second import with a
    // query string is a second copy here too
    const second = './node-view?second-copy';
    const other = (await import(/* @vite-ignore */ second)) as typeof import('./node-view');
    expect(other.nodeRecords).not.toBe(nodeRecords);
    const index = new RowIndex(cache);
    nodeRecords(index);
    for (let round = 0; round < 6; round++) {
      const seen = index.version;
      for (let i = 0; i < 5; i++) sim.cluster.churnOnce();
      await waitFor(() => index.version > seen, 5_000, 'the round to reach the index');
      (round % 2 === 0 ? other.nodeRecords : nodeRecords)(index);
    }
    await settled();
    const fresh = byName(nodeRecords(new RowIndex(cache)));
    for (const view of [nodeRecords, other.nodeRecords]) {
      const rows = new Map(view(index).map((r) => [r.name, { ...r, node: undefined }]));
      for (const [name, row] of fresh) expect(rows.get(name), name).toEqual({ ...row, node: undefined });
    }
  });
});
