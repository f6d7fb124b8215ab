import { packRows } from '@/lib/rows/wire-pack';
import { describe, expect, it } from 'vitest';
import type { SnapshotEvent, WireRow } from '@/lib/rows/wire';
import { RowStore } from '@/components/row-store';
import { metaOf, retryDelayMs, StreamSession, type EventSourceLike, type StreamMeta } from '@/components/stream-session';

const row = (uid: string, over: Partial<WireRow> = {}): WireRow => ({
  uid, namespace: 'default', podName: `pod-${uid}`, status: 'Running', ready: '1/1', restarts: 0, appName: 'web',
  ownerKind: null, ownerName: null, nodeName: 'node-a', nodeGroup: null, capacityType: 'spot', zone: null,
  instanceType: null, cpuRequest: 100, cpuLimit: 0, memoryRequest: 0, memoryLimit: 0, createdAt: '2026-01-01T00:00:00Z', warnings: 0, ...over,
});
const facets = { capacityType: {}, nodeGroup: {}, status: {}, zone: {}, namespace: {} };
const context = { name: 'ctx', server: 'https://k', simulated: false };
const live = { state: 'live' as const, lastSyncAt: '2026-12-01T00:00:00Z' };
const snapshot = (rows: WireRow[], status: SnapshotEvent['status'] = live): SnapshotEvent => ({
  rows, total: rows.length, matched: rows.length, nodes: 1, status, context, facets,
});

class FakeEventSource implements EventSourceLike {
  onerror: ((ev: unknown) => void) | null = null;
  closed = false;
  private listeners = new Map<string, ((ev: { data: string }) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (ev: { data: string }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
  }
  emit(type: string, data: unknown): void {
    for (const l of this.listeners.get(type) ?? []) l({ data: typeof data === 'string' ? data : JSON.stringify(data) });
  }
}

function harness(opts: { paused?: boolean } = {}) {
  const sources: FakeEventSource[] = [];
  const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const warnings: string[] = [];
  const store = new RowStore();
  let meta: StreamMeta = metaOf(null, false, null);
  let renders = 0;
  let paused = opts.paused ?? false;
  const session = new StreamSession(
    'ns=a',
    { store, paused: () => paused, setMeta: (u) => (meta = u(meta)), rowsChanged: () => renders++ },
    {
      open: (url) => {
        const es = new FakeEventSource(url);
        sources.push(es);
        return es;
      },
      setTimeout: (fn, ms) => {
        const t = { fn, ms, cleared: false };
        timers.push(t);
        return t;
      },
      clearTimeout: (t) => ((t as { cleared: boolean }).cleared = true),
      random: () => 1,
      now: () => new Date('2026-12-02T10:00:00Z'),
      warn: (m) => warnings.push(m),
    },
  );
  session.start();
  return {
    session, store, sources, timers, warnings,
    get es() { return sources.at(-1)!; },
    get meta() { return meta; },
    get renders() { return renders; },
    setPaused: (p: boolean) => (paused = p),
    uids: () => [...store.byUid.keys()].sort(),
  };
}

describe('StreamSession', () => {
  it('opens the stream for its params; a snapshot replaces the rows and the meta', () => {
    const h = harness();
    // asking for the packed snapshot form
    expect(h.es.url).toBe('/api/podnodes/stream?ns=a&pack=1');
    expect(h.meta.connection).toBe('connecting');
    const { rows, ...meta } = snapshot([row('1'), row('2')]);
    h.es.emit('snapshot', { ...meta, packed: packRows(rows) });
    expect(h.uids()).toEqual(['1', '2']);
    expect(h.meta).toMatchObject({ connection: 'open', total: 2, matched: 2, params: 'ns=a', status: live, context });
    expect(h.renders).toBe(1);
  });

  it('applies patches by uid, and queues them while paused', () => {
    const h = harness();
    h.es.emit('snapshot', snapshot([row('1'), row('2')]));
    h.es.emit('patch', { upserts: [row('3'), row('1', { restarts: 4 })], deletes: ['2'], total: 9, matched: 2, nodes: 1 });
    expect(h.uids()).toEqual(['1', '3']);
    expect(h.store.byUid.get('1')!.row.restarts).toBe(4);
    expect(h.meta).toMatchObject({ total: 9, matched: 2 });
    h.setPaused(true);
    h.es.emit('patch', { upserts: [row('4')], deletes: ['1'], total: 9, matched: 2, nodes: 1 });
    expect(h.uids()).toEqual(['1', '3']);
    expect(h.store.pending.size).toBe(2);
  });

  it('drops a malformed message with a warning and keeps the rows it holds', () => {
    const h = harness();
    h.es.emit('snapshot', snapshot([row('1')]));
    h.es.emit('patch', '{not json');
    h.es.emit('patch', { upserts: [{ uid: 5 }], deletes: [], total: 1, matched: 1, nodes: 1 });
    h.es.emit('snapshot', { rows: 'all of them' });
    expect(h.warnings).toEqual(['podnode stream: bad patch message', 'podnode stream: bad patch message', 'podnode stream: bad snapshot message']);
    expect(h.uids()).toEqual(['1']);
  });

  it("keeps the held rows while a restarted server's cache syncs, then swaps to its rows when live", () => {
    const h = harness();
    h.es.emit('snapshot', snapshot([row('1'), row('2')]));
    h.es.emit('snapshot', snapshot([], { state: 'syncing', lastSyncAt: null }));
    expect(h.uids()).toEqual(['1', '2']);
    expect(h.meta.status?.state).toBe('syncing');
    h.es.emit('patch', { upserts: [row('2'), row('7')], deletes: [], total: 2, matched: 2, nodes: 1 });
    expect(h.uids()).toEqual(['1', '2']); // still the held rows
    h.es.emit('status', live);
    expect(h.uids()).toEqual(['2', '7']);
    expect(h.meta).toMatchObject({ status: live, connection: 'open', matched: 2 });
  });

  it('on error closes, says since when it is retrying, and reconnects with growing backoff', () => {
    const h = harness();
    h.es.emit('snapshot', snapshot([row('1')]));
    const first = h.es;
    first.onerror!({});
    expect(first.closed).toBe(true);
    expect(h.meta).toMatchObject({ connection: 'retrying', disconnectedSince: '2026-12-02T10:00:00.000Z' });
    expect(h.uids()).toEqual(['1']); // nothing already shown is thrown away
    expect(h.timers.map((t) => t.ms)).toEqual([retryDelayMs(0, 1)]);
    h.timers[0]!.fn();
    expect(h.sources).toHaveLength(2);
    h.es.onerror!({});
    expect(h.timers.map((t) => t.ms)).toEqual([500, 1000]);
    h.timers[1]!.fn();
    h.es.emit('snapshot', snapshot([row('1'), row('5')]));
    expect(h.meta).toMatchObject({ connection: 'open', disconnectedSince: null });
    h.es.onerror!({});
    expect(h.timers.at(-1)!.ms).toBe(500); // a delivered snapshot resets the backoff
  });

  it('stop closes the stream and cancels a pending retry', () => {
    const h = harness();
    h.es.onerror!({});
    h.session.stop();
    expect(h.timers[0]!.cleared).toBe(true);
    expect(h.es.closed).toBe(true);
    h.timers[0]!.fn(); // even if the timer fired anyway, nothing reopens
    expect(h.sources).toHaveLength(1);
  });

  it('backs off from 0.5 s to at most 15 s, with jitter', () => {
    expect([0, 1, 2, 5, 10].map((n) => retryDelayMs(n, 1))).toEqual([500, 1000, 2000, 15_000, 15_000]);
    expect(retryDelayMs(0, 0)).toBe(250);
  });
});
