// The first sync's early rows are handed out by walking them alongside the batch. Whatever the
// batch holds and in whatever order, a row may only ever go to the pod it was made from; when the
// batch lists the pods as they arrived (with pods missing from either side), each is found.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ArrivalOrder } from './arrival-order';

type Row = { pod: object; id: number };
const rowsOf = (n: number): Row[] => Array.from({ length: n }, (_, id) => ({ pod: { id }, id }));

describe('ArrivalOrder', () => {
  it('gives a row only to the pod it was made from, whatever the batch', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 300 }), fc.array(fc.integer({ min: -20, max: 320 }), { maxLength: 400 }), (n, picks) => {
      const rows = rowsOf(n);
      const order = new ArrivalOrder(rows);
      let given = 0;
      for (const p of picks) {
        // a pod of the list, or one it never held
        const pod = p >= 0 && p < n ? rows[p]!.pod : { stranger: p };
        const row = order.take(pod);
        if (row) {
          expect(row.pod).toBe(pod);
          given++;
        }
      }
      expect(order.taken).toBe(given);
      // never the same row twice
      expect(given).toBeLessThanOrEqual(new Set(picks).size);
    }), { numRuns: 300, seed: 7 });
  });

  it('finds every pod of a batch that lists them in arrival order, some left out and some not in the list', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 3000 }), fc.array(fc.boolean(), { minLength: 3000, maxLength: 3000 }), fc.array(fc.nat(2999), { maxLength: 10 }), (n, keep, strangersAt) => {
      const rows = rowsOf(n);
      const order = new ArrivalOrder(rows);
      const strangers = new Set(strangersAt);
      let expected = 0;
      for (let i = 0; i < n; i++) {
        if (strangers.has(i)) expect(order.take({ stranger: i })).toBeUndefined();
        if (!keep[i]) continue; // replaced or deleted before its batch
        expected++;
        expect(order.take(rows[i]!.pod)).toBe(rows[i]);
      }
      expect(order.taken).toBe(expected);
    }), { numRuns: 100, seed: 7 });
  });

  it('steps over another loop’s page of 500 between two of this batch’s', () => {
    const rows = rowsOf(1500); // pages: this loop's 0–499, another loop's 500–999, this loop's 1000–1499
    const order = new ArrivalOrder(rows);
    const ours = [...rows.slice(0, 500), ...rows.slice(1000)];
    for (const r of ours) expect(order.take(r.pod)).toBe(r);
    expect(order.taken).toBe(1000);
  });

  it('gives up on a batch in another order after a few misses, without a wrong row', () => {
    const rows = rowsOf(5000);
    const order = new ArrivalOrder(rows);
    const reversed = [...rows].reverse();
    const given = reversed.map((r) => order.take(r.pod));
    expect(given.filter(Boolean).length).toBeLessThan(20);
    given.forEach((row, i) => row && expect(row).toBe(reversed[i]));
  });
});
