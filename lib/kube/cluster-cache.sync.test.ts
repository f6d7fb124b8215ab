import type { KubeObject } from '@/lib/podnode/types';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimHandle } from '@/lib/sim';
import type { ClusterCache } from './cluster-cache';
import { BatchMirror, cacheFor, cachePodVersions, sameVersions, simPodVersions, startTestSim, waitFor } from './test-support';

let sim: SimHandle | undefined;
let caches: ClusterCache[] = [];
afterEach(async () => {
  await Promise.all(caches.map((c) => c.stop()));
  caches = [];
  await sim?.stop();
  sim = undefined;
});

describe('ClusterCache sync', () => {
  it('lists in pages of 500, then one watch per resource; status syncing → live', async () => {
    sim = await startTestSim({ nodes: 25, pods: 1200 });
    const cache = cacheFor(sim);
    caches.push(cache);
    expect(cache.getStatus().state).toBe('syncing');
    await cache.whenSynced(20_000);
    expect(cache.getStatus().state).toBe('live');
    expect(cache.podCount).toBe(sim.cluster.pods());
    expect(cache.nodes().size).toBe(sim.cluster.nodes());
    expect(sameVersions(cachePodVersions(cache), simPodVersions(sim))).toBe(true);
    const watching = (r: string) => (sim!.stats().counts[`watch ${r}`] ?? 0) >= 1;
    await waitFor(() => ['pods', 'nodes', 'poddisruptionbudgets', 'events'].every(watching));
    const s = sim.stats();
    const pages = Math.ceil(sim.cluster.pods() / 500);
    expect(s.counts['list pods']).toBe(pages);
    expect(s.counts['list nodes']).toBe(1);
    // one paged LIST and one WATCH per resource: the rows, and what the workload and event views read
    expect(s.listChains).toEqual({ pods: 1, nodes: 1, poddisruptionbudgets: 1, events: 1 });
    for (const r of ['pods', 'nodes', 'poddisruptionbudgets', 'events']) expect(s.counts[`watch ${r}`], r).toBe(1);
    expect(cache.metrics().pdbs.listChains).toBe(1);
    expect([...cache.pdbs()].length).toBeGreaterThan(0);
    expect([...cache.events()].length).toBeGreaterThan(0);
    expect(cache.metrics().pods.listPages).toBe(pages);
  });

  it('holds plain, stripped JSON: no managedFields, no last-applied, no env value', async () => {
    sim = await startTestSim();
    // every env value the simulator generated, before any stripping
    const values = new Set<string>();
    for (const { namespace, name } of sim.cluster.listPodNames()) {
      const pod = sim.cluster.getPod(namespace, name) as { spec?: { containers?: Array<{ env?: Array<{ value?: string }> }>; initContainers?: Array<{ env?: Array<{ value?: string }> }> } };
      for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
        for (const e of c.env ?? []) if (e.value && e.value.length >= 4) values.add(e.value);
      }
    }
    // the test means something only if the raw objects carry what must be stripped
    expect(values.size).toBeGreaterThan(0);
    const [first] = sim.cluster.listPodNames();
    const raw = JSON.stringify(sim.cluster.getPod(first!.namespace, first!.name));
    expect(raw).toContain('managedFields');
    expect(raw).toContain('kubectl.kubernetes.io/last-applied-configuration');
    const cache = cacheFor(sim);
    caches.push(cache);
    await cache.whenSynced(20_000);
    const json = JSON.stringify({ pods: [...cache.pods()], nodes: [...cache.nodes().values()] });
    expect(json).not.toContain('managedFields');
    expect(json).not.toContain('kubectl.kubernetes.io/last-applied-configuration');
    expect(json).not.toContain('"env"'); // not kept at all (kept-fields.ts)
    const leaked = [...values].filter((v) => json.includes(JSON.stringify(v)));
    expect(leaked).toEqual([]);
    for (const p of cache.pods()) {
      expect(typeof p.metadata.creationTimestamp).toBe('string');
      expect(p.kind).toBe('Pod');
    }
  });

  it('delivers watch changes as coalesced batches; N subscribers add no requests', async () => {
    sim = await startTestSim({ churn: 0 });
    const cache = cacheFor(sim, { batchWindowMs: 200 });
    caches.push(cache);
    await cache.whenSynced(20_000);
    // both watches open before counting, so only what subscribers might add is measured
    await waitFor(() => sim!.stats().counts['watch pods'] === 1 && sim!.stats().counts['watch nodes'] === 1);
    const mirrors = Array.from({ length: 20 }, () => new BatchMirror(cache));
    const before = sim.stats();

    const names = sim.cluster.listPodNames().slice(0, 30);
    const v0 = cache.version;
    for (const { namespace, name } of names) {
      sim.cluster.mutatePod(namespace, name, (p) => { p.metadata.labels = { ...p.metadata.labels, touched: '1' }; });
      sim.cluster.mutatePod(namespace, name, (p) => { p.metadata.labels = { ...p.metadata.labels, touched: '2' }; });
    }
    const [gone] = names;
    sim.cluster.deletePod(gone!.namespace, gone!.name);

    const want = simPodVersions(sim);
    await waitFor(() => mirrors.every((m) => sameVersions(m.versions(), want)), 10_000, 'mirrors to converge');
    expect(cache.version - v0).toBe(61);
    const m = mirrors[0]!;
    // 61 events in one burst reach a subscriber as a few batches, each pod at most once
    expect(m.batches.length).toBeLessThanOrEqual(3);
    const ups = m.batches.flatMap((b) => b.pods.upserts);
    expect(ups.length).toBe(29);
    expect(ups.every((p) => p.metadata.labels?.touched === '2')).toBe(true);
    expect(m.batches.flatMap((b) => b.pods.deletes).map((p) => p.metadata.name)).toEqual([gone!.name]);

    const after = sim.stats();
    expect(after.counts).toEqual(before.counts);
  });

  it('holds at most eventCap events, the most recently written, and drops the oldest as new ones come', async () => {
    sim = await startTestSim();
    const cache = cacheFor(sim, { eventCap: 3 });
    await cache.whenSynced(20_000);
    await waitFor(() => [...cache.events()].length === 3, 5_000, 'the capped events listed');
    const at = (e: KubeObject) => String((e as { lastTimestamp?: string }).lastTimestamp ?? '');
    const held = [...cache.events()];
    const listed = [...held].sort((a, b) => at(a).localeCompare(at(b)));
    expect(held.map((e) => e.metadata.uid)).toEqual(listed.map((e) => e.metadata.uid)); // oldest first
    const notice = sim.cluster.interruptionNotice(undefined, 0);
    await waitFor(() => [...cache.events()].some((e) => (e as { reason?: string }).reason === 'SpotInterrupted' || (e as { reason?: string }).reason === 'SpotInterruption'), 5_000, 'the notice held');
    expect([...cache.events()]).toHaveLength(3);
    expect(notice.node).toBeTruthy();
    await cache.stop();
  });

  it('stop() ends every request and leaves no loop running', async () => {
    sim = await startTestSim();
    const cache = cacheFor(sim);
    await cache.whenSynced(20_000);
    expect(cache.runningLoops).toBe(4);
    await waitFor(() => sim!.openWatches() === 4, 5_000, 'the four watches open');
    await cache.stop();
    // Every loop has returned (so nothing of theirs can issue another request), and the server
    // has seen every watch connection close.
    expect(cache.runningLoops).toBe(0);
    await waitFor(() => sim!.openWatches() === 0, 5_000, 'the watches to close at the server');
  });
});
