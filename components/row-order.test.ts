import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { WireRow } from '@/lib/rows/wire';
import { RowStore } from '@/components/row-store';
import { advanceSorted, groupEntries, quickFilter, sortEntries, type SortSpec } from '@/components/row-order';

const row = (uid: string, over: Partial<WireRow> = {}): WireRow => ({
  uid, namespace: 'default', podName: `pod-${uid}`, status: 'Running', ready: '1/1', restarts: 0, appName: 'web',
  ownerKind: null, ownerName: null, nodeName: 'node-a', nodeGroup: null, capacityType: 'spot', zone: null,
  instanceType: null, cpuRequest: 100, cpuLimit: 0, memoryRequest: 0, memoryLimit: 0, createdAt: '2026-01-01T00:00:00Z', warnings: 0, ...over,
});

const arbRow = fc.record({
  uid: fc.integer({ min: 0, max: 40 }).map((n) => `u${n}`),
  namespace: fc.constantFrom('a', 'b', 'c'),
  nodeName: fc.option(fc.constantFrom('n1', 'n2', 'n10'), { nil: null }),
  cpuRequest: fc.integer({ min: 0, max: 4 }).map((n) => n * 250),
  cells: fc.option(fc.record({ 'pod.x': fc.constantFrom<string | number | null>('x', 'y', '10', '9', '500m', 2, null) }), { nil: undefined }),
}).map(({ uid, ...rest }) => row(uid, rest));

const arbSort: fc.Arbitrary<SortSpec> = fc.array(
  fc.record({ id: fc.constantFrom('namespace', 'nodeName', 'cpuRequest', 'pod.x'), desc: fc.boolean() }),
  { maxLength: 2 },
);

describe('advanceSorted', () => {
  it('kept up to date by patches, it equals a full sort of the same rows', () => {
    fc.assert(
      fc.property(fc.array(arbRow), fc.array(fc.record({ upserts: fc.array(arbRow, { maxLength: 20 }), deletes: fc.array(fc.integer({ min: 0, max: 40 }).map((n) => `u${n}`), { maxLength: 8 }) })), arbSort, (initial, patches, sort) => {
        const store = new RowStore();
        store.replace(initial);
        let state = advanceSorted(null, store, sort);
        for (const p of patches) {
          const before = state.arr.slice();
          const prev = state;
          store.patch(p, false, 1);
          state = advanceSorted(prev, store, sort);
          expect(prev.arr).toEqual(before); // the previous state is never modified
          expect(state.arr.map((e) => e.row.uid)).toEqual(sortEntries(store.entries(), sort).map((e) => e.row.uid));
        }
      }),
    );
  });

  it('puts missing values last in both directions', () => {
    const store = new RowStore();
    store.replace([row('1', { nodeName: null }), row('2', { nodeName: 'b' }), row('3', { nodeName: 'a' })]);
    const ids = (desc: boolean) => advanceSorted(null, store, [{ id: 'nodeName', desc }]).arr.map((e) => e.row.uid);
    expect(ids(false)).toEqual(['3', '2', '1']);
    expect(ids(true)).toEqual(['2', '3', '1']);
  });
});

describe('RowStore', () => {
  it('queues changes while paused and applies them on flush', () => {
    const store = new RowStore();
    store.replace([row('1'), row('2')]);
    store.patch({ upserts: [row('1', { restarts: 3 }), row('9')], deletes: ['2'] }, true);
    expect(store.pending.size).toBe(3);
    expect(store.byUid.get('1')!.row.restarts).toBe(0);
    store.flushPending(5);
    expect(store.pending.size).toBe(0);
    expect([...store.byUid.keys()].sort()).toEqual(['1', '9']);
    expect(store.byUid.get('1')!.changedAt).toBe(5);
  });
});

describe('quickFilter', () => {
  it('matches every term anywhere in the row, case-insensitively', () => {
    const store = new RowStore();
    store.replace([row('1', { namespace: 'Checkout', nodeName: 'ip-10' }), row('2', { namespace: 'search', cells: { 'pod.x': 'Needle' } })]);
    const uids = (q: string) => quickFilter(store.entries(), q).map((e) => e.row.uid);
    expect(uids('checkout')).toEqual(['1']);
    expect(uids('CHECKOUT ip-10')).toEqual(['1']);
    expect(uids('needle')).toEqual(['2']);
    expect(uids('  ')).toEqual(['1', '2']);
  });
});

describe('groupEntries', () => {
  it('counts and sums per group, and hides the rows of collapsed groups', () => {
    const store = new RowStore();
    store.replace([row('1', { nodeGroup: 'b' }), row('2', { nodeGroup: 'a' }), row('3', { nodeGroup: 'b', cpuRequest: 400 })]);
    const items = groupEntries(store.entries(), 'nodeGroup', new Set(['a']));
    expect(items.map((i) => (i.kind === 'group' ? `${i.key}:${i.count}:${i.cpuRequest}` : i.row.uid))).toEqual(['a:1:100', 'b:2:500', '1', '3']);
  });
});
