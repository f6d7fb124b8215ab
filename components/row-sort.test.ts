// The fast full sort must give lib/query's order exactly: the reference is a plain comparison of
// every key in turn (compareKeys over fullSpec), whatever the values — text, numbers, quantities,
// missing, names that look like numbers, rows in any starting order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { WireRow } from '@/lib/rows/wire';
import { RowStore } from '@/components/row-store';
import { compareKeys, defaultOrder, fullSpec, sortByRanks, sortValue, type SortSpec } from '@/components/row-sort';

const row = (uid: string, over: Partial<WireRow>): WireRow => ({
  uid, namespace: 'default', podName: `pod-${uid}`, status: 'Running', ready: '1/1', restarts: 0, appName: 'web',
  ownerKind: null, ownerName: null, nodeName: 'node-a', nodeGroup: null, capacityType: 'spot', zone: null,
  instanceType: null, cpuRequest: 100, cpuLimit: 0, memoryRequest: 0, memoryLimit: 0, createdAt: '2026-01-01T00:00:00Z', warnings: 0, ...over,
});

const name = fc.constantFrom('a', 'ab', 'b', '10', '9', '1k', 'a-b', 'Z', '');
const arbRows = fc.uniqueArray(fc.record({
  uid: fc.constantFrom(...Array.from({ length: 30 }, (_, i) => `u${i}`), '5', '1e3'),
  namespace: name, podName: name,
  nodeName: fc.option(name, { nil: null }),
  cpuRequest: fc.integer({ min: 0, max: 3 }),
  cells: fc.option(fc.record({ 'pod.x': fc.constantFrom<string | number | null>('x', '10', '9', '500m', 2, null) }), { nil: undefined }),
}), { selector: (r) => r.uid, maxLength: 30 }).map((rs) => rs.map(({ uid, ...over }) => row(uid, over)));
const arbSort: fc.Arbitrary<SortSpec> = fc.array(fc.record({ id: fc.constantFrom('namespace', 'podName', 'nodeName', 'cpuRequest', 'pod.x', 'uid'), desc: fc.boolean() }), { maxLength: 3 });

function reference(rows: WireRow[], sort: SortSpec): string[] {
  const spec = fullSpec(sort);
  const key = (r: WireRow) => spec.map((s) => sortValue(r, s.id));
  return rows.slice().sort((a, b) => compareKeys(key(a), key(b), spec)).map((r) => r.uid);
}

describe('sortByRanks over defaultOrder', () => {
  it('is the reference order for any rows and sort, from any starting order', () => {
    fc.assert(fc.property(arbRows, arbSort, (rows, sort) => {
      const store = new RowStore();
      store.replace(rows);
      const entries = store.entries();
      expect(sortByRanks(defaultOrder(entries), sort).map((e) => e.row.uid)).toEqual(reference(rows, sort));
      // and when the ranks do not fold into one number
      expect(sortByRanks(defaultOrder(entries), sort, 0).map((e) => e.row.uid)).toEqual(reference(rows, sort));
      // text ranks by merging runs always, and never
      expect(sortByRanks(defaultOrder(entries), sort, undefined, Infinity).map((e) => e.row.uid)).toEqual(reference(rows, sort));
      expect(sortByRanks(defaultOrder(entries), sort, undefined, 0).map((e) => e.row.uid)).toEqual(reference(rows, sort));
    }), { numRuns: 500 });
  });

  it('keeps rows already in the default order as they are, and sorts text keys natively otherwise', () => {
    const rows = ['c', 'a', 'b'].map((n) => row(n, { namespace: 'ns', podName: n }));
    const store = new RowStore();
    store.replace(rows);
    const sorted = defaultOrder(store.entries());
    expect(sorted.map((e) => e.row.uid)).toEqual(['a', 'b', 'c']);
    expect(defaultOrder(sorted)).toBe(sorted);
  });
});
