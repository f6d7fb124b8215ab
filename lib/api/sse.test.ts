// The rows stream over a real cache on the simulator. Viewers of one query share one feed; whoever
// joins when, and whatever changes around it, each viewer's rows end equal to a fresh query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheFor, startTestSim, waitFor, simPodVersions, cachePodVersions, sameVersions } from '@/lib/kube/test-support';
import type { ClusterCache } from '@/lib/kube/cluster-cache';
import type { SimHandle } from '@/lib/sim';
import { parseQueryParams } from '@/lib/query';
import { RowIndex } from '@/lib/rows/row-index';
import { snapshotOf } from '@/lib/rows/snapshot';
import { snapshotFromWire } from '@/lib/rows/wire-pack';
import type { WireRow } from '@/lib/rows/wire';
import { streamPodNodes, openFeeds } from './sse';
import { readSse, type SseMessage } from './sse-test-support';
import { ByteBudget } from './snapshot-budget';

let sim: SimHandle;
let cache: ClusterCache;
let index: RowIndex;

beforeAll(async () => {
  sim = await startTestSim({ pods: 400, nodes: 15, profile: 'mixed' });
  // changes reach the index only when a test flushes them, so each step lands where the test says
  cache = cacheFor(sim, { batchWindowMs: 600_000 });
  await cache.whenSynced();
  index = new RowIndex(cache);
});
afterAll(async () => {
  await cache.stop();
  await sim.stop();
});

/** the cache holds what the simulator holds; then the index and the feeds are told */
async function deliver(): Promise<void> {
  await waitFor(() => sameVersions(simPodVersions(sim), cachePodVersions(cache)), 10_000, 'the cache to catch up');
  cache.flushChanges();
}

/** Synchronous from the call to the snapshot: nothing can flush between a test's steps. */
function open(search: string, replayMs?: number) {
  const stream = openUnread(search, replayMs);
  return { ...stream, messages: stream.read() };
}

/** A stream whose body nobody reads until `read()`: a client that has not taken its snapshot yet. */
function openUnread(search: string, replayMs?: number) {
  const params = new URLSearchParams(search);
  const abort = new AbortController();
  const res = streamPodNodes(new Request(`http://localhost:3000/api/podnodes/stream?${search}`, { signal: abort.signal }), {
    query: parseQueryParams(params),
    context: undefined,
    format: 'json',
    index,
    params,
  }, { replayMs });
  let messages: SseMessage[] = [];
  return {
    /** the messages so far, filled in as they come */
    read: () => (messages = readSse(res)),
    close: () => abort.abort(),
    /** the rows as a client holds them after every message so far, by uid */
    rows(): Map<string, string> {
      const held = new Map<string, string>();
      for (const { event, data } of messages) {
        if (event === 'snapshot') for (const row of snapshotFromWire(data).rows) held.set(row.uid, JSON.stringify(row));
        if (event === 'patch') {
          for (const uid of data.deletes as string[]) held.delete(uid);
          for (const row of data.upserts as WireRow[]) held.set(row.uid, JSON.stringify(row));
        }
      }
      return held;
    },
  };
}

function fresh(search: string): Map<string, string> {
  const rows = snapshotOf(index, parseQueryParams(new URLSearchParams(search))).event.rows;
  return new Map(rows.map((row) => [row.uid, JSON.stringify(row)]));
}

const same = (a: Map<string, string>, b: Map<string, string>) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

describe('the rows stream', () => {
  it('serves viewers of one query from one feed, and every viewer ends equal to a fresh query', async () => {
    const spot = 'f=capacityType=spot';
    const feeds = openFeeds(index);
    const listeners = index.viewers;
    // a snapshot kept for a minute: on a slow machine too, C and D join by replay
    const a = open(spot, 60_000);
    expect(openFeeds(index)).toBe(feeds + 1);
    expect(index.viewers).toBe(listeners + 1);

    for (let i = 0; i < 40; i++) sim.cluster.churnOnce();
    await deliver();
    const b = open(`${spot}&pack=1`); // the page's form is a feed of its own
    const c = open(spot); // joins A's feed: its snapshot, then the patch pending now
    expect(openFeeds(index)).toBe(feeds + 2);
    expect(index.viewers).toBe(listeners + 2);
    await waitFor(() => a.messages.some((m) => m.event === 'patch'), 5_000, 'a patch to A');

    for (let i = 0; i < 40; i++) sim.cluster.churnOnce();
    await deliver();
    const d = open(spot); // A's snapshot and the patch sent since, then the pending one
    await waitFor(() => d.messages.some((m) => m.event === 'patch'), 5_000, 'the replayed patch');
    expect(d.messages[0]!.event).toBe('snapshot');
    expect(d.messages[0]!.data).toEqual(a.messages[0]!.data);
    for (let i = 0; i < 40; i++) sim.cluster.churnOnce();
    await deliver();

    const want = fresh(spot);
    expect(want.size).toBeGreaterThan(0);
    for (const [name, v] of Object.entries({ a, b, c, d })) await waitFor(() => same(v.rows(), want), 5_000, `viewer ${name} equal to a fresh query`);
    // A saw the churn as patches; C and D joined later and were given where A already was
    expect(a.messages.filter((m) => m.event === 'patch').length).toBeGreaterThan(0);

    for (const v of [a, b, c, d]) v.close();
    await waitFor(() => openFeeds(index) === feeds && index.viewers === listeners, 5_000, 'every feed closed');
  });

  it('rows added and removed around a joiner\'s snapshot end the same for every viewer', async () => {
    const [first, second] = sim.cluster.listPodNames().filter((p) => p.namespace === sim.cluster.listPodNames()[0]!.namespace);
    const ns = first!.namespace;
    const template = sim.cluster.getPod(ns, first!.name)!;
    const search = `ns=${ns}`;
    // no snapshot reuse: B's is taken while changes are pending on the feed
    const a = open(search, 0);
    await waitFor(() => a.messages.some((m) => m.event === 'snapshot'), 5_000, 'the first snapshot');
    const gone = sim.cluster.getPod(ns, second!.name)!.metadata.uid;
    expect(a.rows().has(gone)).toBe(true);

    const name = 'straddle-0';
    const uid = 'straddle-uid-0';
    sim.cluster.upsertPod({ ...template, metadata: { ...template.metadata, name, uid, resourceVersion: undefined } });
    sim.cluster.deletePod(ns, second!.name);
    await deliver();
    // both changes are pending on the feed when B joins: A must still be told of them
    const b = open(search);
    await waitFor(() => b.messages.some((m) => m.event === 'snapshot'), 5_000, 'B\'s snapshot');
    expect(b.rows().has(uid)).toBe(true);
    expect(b.rows().has(gone)).toBe(false);

    sim.cluster.deletePod(ns, name);
    await deliver();
    const want = fresh(search);
    expect(want.has(uid) || want.has(gone)).toBe(false);
    await waitFor(() => same(a.rows(), want), 5_000, 'A equal to a fresh query');
    await waitFor(() => same(b.rows(), want), 5_000, 'B equal to a fresh query');
    a.close();
    b.close();
  });

  it('builds the snapshots of different views one budget at a time: the next waits until the last is read', async () => {
    const g = globalThis as { __podnodeSnapshotBudget?: ByteBudget };
    const budget = (g.__podnodeSnapshotBudget = new ByteBudget(1));
    try {
      const [x, y] = [...new Set(sim.cluster.listPodNames().map((p) => p.namespace))];
      const a = openUnread(`ns=${x}`, 0);
      expect(budget.state).toEqual({ held: expect.any(Number), waiting: 0 }); // one always goes
      expect(budget.state.held).toBeGreaterThan(1);
      const b = openUnread(`ns=${y}`, 0);
      const gone = openUnread(`ns=${y}&f=capacityType=spot`, 0);
      expect(budget.state.waiting).toBe(2);
      const feedsWaiting = openFeeds(index);
      gone.close(); // a viewer who leaves while waiting gives up its place
      await waitFor(() => budget.state.waiting === 1, 5_000, 'the place to be given up');
      const bMessages = b.read();
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
      expect(bMessages.filter((m) => m.event === 'snapshot')).toEqual([]); // B reads, but A has not
      expect(budget.state.waiting).toBe(1);
      const aMessages = a.read(); // A takes its snapshot: B's is built, and taken in turn
      await waitFor(() => bMessages.some((m) => m.event === 'snapshot'), 5_000, 'B\'s snapshot once A read its own');
      await waitFor(() => budget.state.held === 0, 5_000, 'both snapshots read');
      expect(aMessages[0]!.event).toBe('snapshot');
      expect(same(a.rows(), fresh(`ns=${x}`))).toBe(true);
      expect(same(b.rows(), fresh(`ns=${y}`))).toBe(true);
      expect(openFeeds(index)).toBe(feedsWaiting + 1); // B's; the viewer who left never opened one
      a.close();
      b.close();
      await waitFor(() => openFeeds(index) === feedsWaiting - 1, 5_000, 'the feeds closed');
    } finally {
      delete g.__podnodeSnapshotBudget;
    }
  });
});
