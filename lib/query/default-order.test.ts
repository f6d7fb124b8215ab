// The default order's fast path (one native sort of joined keys) against the general comparator:
// the same rows in the same order for any mix of names, including ones that read as quantities,
// prefixes of each other, and duplicates differing only in uid.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inDefaultOrder, sortByKeys, sortRows } from './evaluate';
import { makeRow } from './test-rows';
import type { PodNodeRow } from '@/lib/podnode/types';

const pieces = ['a', 'ab', 'a-b', 'b', 'z', '1', '10', '1e3', '2Gi', '-5', '.5', '+1', 'web', 'web-1', 'Web', '', 'é', '\u0000x'];
const name = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 3 }).map((p) => p.join(''));

describe('the default order', () => {
  it('is the same by the fast path as by the general sort', () => {
    fc.assert(fc.property(fc.array(fc.record({ namespace: name, podName: name, uid: fc.option(name, { nil: undefined }) }), { maxLength: 60 }), (specs) => {
      const rows = specs.map((s) => {
        const row = makeRow({ namespace: s.namespace, podName: s.podName });
        if (s.uid !== undefined) row.uid = `${s.uid}-${row.uid}`;
        return row;
      });
      const fast = sortRows(rows, { sort: [] }).map((r) => r.uid);
      expect(fast).toEqual(sortByKeys(rows, { sort: [] }).map((r) => r.uid));
    }), { numRuns: 400 });
  });

  it('takes the fast path for names that sort as text, rows equal in every key keeping their order', () => {
    const text = fc.constantFrom('a', 'ab', 'a-b', 'b', 'web', 'web-1', 'Web', '', 'é', '\u{1F600}', 'z\u0001');
    fc.assert(fc.property(fc.array(fc.record({ namespace: text, podName: text, uid: fc.constantFrom('u1', 'u2', 'u10') }), { minLength: 12, maxLength: 60 }), (specs) => {
      const rows: PodNodeRow[] = specs.map((s) => ({ ...makeRow({ namespace: s.namespace, podName: s.podName }), uid: s.uid }));
      const fast = inDefaultOrder(rows);
      expect(fast).not.toBeNull();
      expect(fast).toEqual(sortByKeys(rows, { sort: [] }));
      expect(fast!.map((r) => rows.indexOf(r))).toEqual(sortByKeys(rows, { sort: [] }).map((r) => rows.indexOf(r)));
    }), { numRuns: 300 });
  });

  it('orders plain names by namespace, then pod name, then uid', () => {
    const rows = [makeRow({ namespace: 'b', podName: 'x' }), makeRow({ namespace: 'a', podName: 'y' }), makeRow({ namespace: 'a', podName: 'x-1' }), makeRow({ namespace: 'a', podName: 'x' })];
    expect(sortRows(rows, { sort: [] }).map((r) => `${r.namespace}/${r.podName}`)).toEqual(['a/x', 'a/x-1', 'a/y', 'b/x']);
  });
});
