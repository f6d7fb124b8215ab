import { afterEach, describe, expect, it } from 'vitest';
import type { SimHandle } from '@/lib/sim';
import type { ClusterStatus } from './types';
import type { BackoffInfo, ClusterCache } from './cluster-cache';
import { KubeApiError } from './kube-request';
import { BatchMirror, cacheFor, cachePodVersions, sameVersions, simPodVersions, startTestSim, waitFor } from './test-support';

let sim: SimHandle | undefined;
let caches: ClusterCache[] = [];
afterEach(async () => {
  await Promise.all(caches.map((c) => c.stop()));
  caches = [];
  await sim?.stop();
  sim = undefined;
});

async function synced(opts: Parameters<typeof cacheFor>[1] = {}): Promise<ClusterCache> {
  sim = await startTestSim();
  const cache = cacheFor(sim, opts);
  caches.push(cache);
  await cache.whenSynced(20_000);
  await waitFor(() => sim!.stats().counts['watch pods'] === 1 && sim!.stats().counts['watch nodes'] === 1, 5000, 'watches');
  return cache;
}

/** Changes the simulator while our watch cannot see them: 3 deletes, 4 modifications. */
function changeBehindTheWatch(s: SimHandle): { deleted: string[]; modified: string[] } {
  const names = s.cluster.listPodNames();
  const deleted: string[] = [];
  const modified: string[] = [];
  for (const { namespace, name } of names.slice(0, 3)) {
    deleted.push(s.cluster.getPod(namespace, name)!.metadata.uid);
    s.cluster.deletePod(namespace, name);
  }
  for (const { namespace, name } of names.slice(10, 14)) {
    modified.push(s.cluster.mutatePod(namespace, name, (p) => { p.metadata.labels = { ...p.metadata.labels, gap: 'yes' }; }).metadata.uid);
  }
  return { deleted, modified };
}

const converged = (cache: ClusterCache) => () => sameVersions(cachePodVersions(cache), simPodVersions(sim!));

describe('ClusterCache recovery', () => {
  it('relists on an expired watch (410 ERROR event) and sends only the difference', async () => {
    const cache = await synced();
    const mirror = new BatchMirror(cache);
    sim!.faults.apply({ hangWatches: true }); // the open watches stop delivering
    const { deleted, modified } = changeBehindTheWatch(sim!);
    // the history that could replay the gap is gone: every resume must get 410
    sim!.faults.apply({ hangWatches: false, restart: { keepResourceVersion: false } });
    await waitFor(converged(cache), 10_000, 'cache to match the sim');
    await waitFor(() => sameVersions(mirror.versions(), simPodVersions(sim!)), 5000, 'subscriber to match');
    const deletes = mirror.batches.flatMap((b) => b.pods.deletes.map((p) => p.metadata.uid));
    const upserts = mirror.batches.flatMap((b) => b.pods.upserts.map((p) => p.metadata.uid));
    expect(deletes.sort()).toEqual([...deleted].sort());
    // only what changed, not the whole cluster again — and each once
    expect(new Set(upserts)).toEqual(new Set(modified));
    expect(upserts.length).toBe(modified.length);
    // every resource relisted once (one may still be in its short backoff: wait for live)
    await waitFor(() => cache.getStatus().state === 'live', 10_000, 'live again');
    expect(sim!.stats().listChains).toEqual({ pods: 2, nodes: 2, poddisruptionbudgets: 2, events: 2 });
    expect(cache.metrics().pods.gones).toBe(1);
  });

  it('relists once when one watch resume is expired (expireNextWatch)', async () => {
    const cache = await synced();
    sim!.faults.apply({ expireNextWatch: true, dropWatches: true });
    // four watches resume; the first to ask gets the 410 and relists, the others resume
    const chains = () => Object.values(sim!.stats().listChains).reduce((a, b) => a + b, 0);
    await waitFor(() => chains() === 5, 10_000, 'a relist');
    const m = cache.metrics();
    expect(m.pods.gones + m.nodes.gones + m.pdbs.gones + m.events.gones).toBe(1);
    sim!.cluster.churnOnce();
    await waitFor(converged(cache), 10_000, 'convergence');
  });

  it('re-watches from the last resourceVersion when watches are dropped, without a relist', async () => {
    const cache = await synced();
    const statuses: ClusterStatus[] = [];
    cache.subscribe((b) => b.status && statuses.push(b.status));
    sim!.faults.apply({ dropWatches: true });
    for (let i = 0; i < 5; i++) sim!.cluster.churnOnce();
    await waitFor(converged(cache), 10_000, 'convergence');
    await waitFor(() => sim!.stats().counts['watch pods'] === 2, 5000, 'a second pods watch');
    expect(sim!.stats().listChains).toEqual({ pods: 1, nodes: 1, poddisruptionbudgets: 1, events: 1 });
    expect(statuses.filter((s) => s.state !== 'live')).toEqual([]);
  });

  it('re-watches when the server ends a watch at its timeoutSeconds', async () => {
    const cache = await synced({ watchTimeoutSeconds: [1, 1] });
    await waitFor(() => (sim!.stats().counts['watch pods'] ?? 0) >= 3, 10_000, 'three pods watches');
    expect(sim!.stats().listChains).toEqual({ pods: 1, nodes: 1, poddisruptionbudgets: 1, events: 1 });
    expect(cache.metrics().pods.errors).toBe(0);
  });

  it('backs off on 500s, goes stale, and comes back live', async () => {
    const delays: BackoffInfo[] = [];
    const cache = await synced({ onBackoff: (i) => delays.push(i) });
    sim!.faults.apply({ failRate: 1, failStatus: 500, dropWatches: true });
    await waitFor(() => cache.getStatus().state === 'stale', 5000, 'stale');
    expect(cache.getStatus().message).toMatch(/HTTP 500/);
    await waitFor(() => delays.filter((d) => d.resource === 'pods').length >= 4, 10_000, 'four retries');
    const pods = delays.filter((d) => d.resource === 'pods').map((d) => d.delayMs);
    // doubling with equal jitter: attempt k lies in [c·2ᵏ/2, c·2ᵏ], so three steps later the
    // delay is at least 4× the ceiling of the first — and never above the 1 s cap
    expect(pods[3]!).toBeGreaterThanOrEqual(4 * pods[0]!);
    expect(Math.max(...pods)).toBeLessThanOrEqual(1000);
    sim!.faults.apply({ reset: true });
    await waitFor(() => cache.getStatus().state === 'live', 10_000, 'live again');
    expect(cache.podCount).toBe(sim!.cluster.pods());
  });

  it('waits at least Retry-After on 429', async () => {
    const delays: BackoffInfo[] = [];
    const cache = await synced({ onBackoff: (i) => delays.push(i) });
    sim!.faults.apply({ failRate: 1, failStatus: 429, retryAfterSeconds: 1, dropWatches: true });
    const is429 = (d: BackoffInfo) => d.error instanceof KubeApiError && d.error.status === 429;
    const first = await waitFor(() => delays.find(is429), 5000, 'a backoff after a 429');
    expect(first.delayMs).toBeGreaterThanOrEqual(1000);
    sim!.faults.apply({ reset: true });
    await waitFor(() => cache.getStatus().state === 'live', 10_000, 'live again');
  });

  it('the watchdog restarts a watch that sends nothing, not even bookmarks', async () => {
    const cache = await synced({ watchdogMs: 800 });
    sim!.faults.apply({ hangWatches: true });
    await waitFor(() => cache.metrics().pods.watchdogRestarts >= 1, 5000, 'a watchdog restart');
    expect(cache.getStatus().state).toBe('stale');
    expect(cache.getStatus().message).toMatch(/sent nothing/);
    const { namespace, name } = sim!.cluster.listPodNames()[0]!;
    sim!.cluster.mutatePod(namespace, name, (p) => { p.metadata.labels = { ...p.metadata.labels, hung: 'x' }; });
    sim!.faults.apply({ hangWatches: false });
    await waitFor(() => cache.getStatus().state === 'live', 10_000, 'live again');
    await waitFor(converged(cache), 10_000, 'convergence');
    expect(sim!.stats().listChains).toEqual({ pods: 1, nodes: 1, poddisruptionbudgets: 1, events: 1 });
  });

  it('keeps rows through an outage, reports stale since when, then goes live and catches up', async () => {
    const cache = await synced();
    const held = cache.podCount;
    const lastLive = Date.now();
    sim!.faults.apply({ outageMs: 1500 });
    await waitFor(() => cache.getStatus().state === 'stale', 5000, 'stale');
    const stale = cache.getStatus();
    expect(stale.staleSince).toBeTruthy();
    expect(Date.parse(stale.lastSyncAt!)).toBeLessThanOrEqual(Date.parse(stale.staleSince!));
    expect(Date.parse(stale.lastSyncAt!)).toBeGreaterThanOrEqual(lastLive - 5000);
    expect(cache.podCount).toBe(held);
    for (let i = 0; i < 5; i++) sim!.cluster.churnOnce();
    await waitFor(() => cache.getStatus().state === 'live', 15_000, 'live again');
    expect(cache.getStatus().staleSince).toBeUndefined();
    await waitFor(converged(cache), 10_000, 'convergence');
  });

  it('reports an unreachable server as stale and whenSynced rejects with why', async () => {
    sim = await startTestSim();
    const cache = cacheFor(sim);
    caches.push(cache);
    await sim.stop();
    sim = undefined;
    await expect(cache.whenSynced(1500)).rejects.toThrow(/ECONNREFUSED/);
    expect(cache.getStatus()).toMatchObject({ state: 'stale', lastSyncAt: null });
  });

  it('a quiet cluster whose server lost its history (restart without continuity) relists at once, without the expiry backoff', async () => {
    const delays: number[] = [];
    const cache = await synced({ quietGoneMs: 300, onBackoff: (info) => info.resource === 'pods' && info.error instanceof KubeApiError && info.error.gone && delays.push(info.delayMs) });
    const listedAt = Date.now();
    // quiet: no event since the LIST, for longer than quietGoneMs (the precondition, not the check)
    await waitFor(() => Date.now() - listedAt > 400, 2_000, 'a quiet spell');
    const chains = sim!.stats().listChains.pods ?? 0;
    sim!.faults.apply({ restart: { keepResourceVersion: false } });
    await waitFor(() => (sim!.stats().listChains.pods ?? 0) > chains && cache.getStatus().state === 'live', 5_000, 'a relist');
    expect(cache.metrics().pods.gones).toBeGreaterThanOrEqual(1);
    expect(delays).toEqual([]);
  });

  it('a watch that keeps answering 410 after a fresh LIST: relists back off, the status says syncing, then recovers', async () => {
    const delays: number[] = [];
    const cache = await synced({ onBackoff: (info) => info.resource === 'pods' && info.error instanceof KubeApiError && info.error.gone && delays.push(info.delayMs) });
    const statuses: ClusterStatus[] = [];
    cache.subscribe((b) => b.status && statuses.push(b.status));
    sim!.faults.apply({ expireEveryWatch: true, dropWatches: true });
    await waitFor(() => cache.metrics().pods.gones >= 6, 15_000, 'six expired watches');
    // never a tight loop: the n-th wait after an expiry right after a LIST is at least half of
    // 50 ms × 2^n (equal jitter), capped at 1 s
    expect(delays.length).toBeGreaterThanOrEqual(5);
    delays.slice(0, 5).forEach((d, n) => expect(d).toBeGreaterThanOrEqual(Math.min(1000, 50 * 2 ** n) / 2));
    expect(statuses.some((s) => s.state === 'syncing' && /relisting/.test(s.message ?? ''))).toBe(true);
    sim!.faults.apply({ expireEveryWatch: false });
    sim!.cluster.churnOnce();
    await waitFor(converged(cache), 15_000, 'convergence after the fault');
    await waitFor(() => cache.getStatus().state === 'live', 15_000, 'live again');
  });
});
