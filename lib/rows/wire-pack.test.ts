// The packed snapshot decodes to exactly the rows that were packed, and anything out of shape is
// refused (naming the row and field) rather than half-applied.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CAPACITY_TYPES } from '@/lib/podnode/types';
import type { WireRow } from './wire';
import { packRows, snapshotFromWire, unpackRows } from './wire-pack';

const text = fc.string({ maxLength: 12 });
const maybe = fc.option(text, { nil: null });
const num = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
const wireRow: fc.Arbitrary<WireRow> = fc.record({
  uid: fc.uuid(), namespace: fc.constantFrom('default', 'kube-system', 'team-a'), podName: text, status: fc.constantFrom('Running', 'Pending', 'Init:0/1'),
  ready: fc.constantFrom('1/1', '0/2'), restarts: fc.nat(), appName: text, ownerKind: maybe, ownerName: maybe, nodeName: maybe,
  nodeGroup: maybe, capacityType: fc.constantFrom(...CAPACITY_TYPES), zone: maybe, instanceType: maybe, cpuRequest: num, cpuLimit: num,
  memoryRequest: num, memoryLimit: num, createdAt: text, warnings: fc.nat(),
});

describe('packed rows', () => {
  it('unpack(pack(rows)) is the rows, cells included, through JSON', () => {
    fc.assert(fc.property(fc.array(wireRow, { maxLength: 40 }), fc.boolean(), (rows, withCells) => {
      const cells = withCells ? [{ path: 'pod.spec.priority', cellOf: (i: number) => (i % 3 === 0 ? null : i % 3 === 1 ? i : `v${i}`) }] : [];
      const expected = rows.map((r, i) => (withCells ? { ...r, cells: { 'pod.spec.priority': cells[0]!.cellOf(i) } } : r));
      // what JSON does to numbers (-0 → 0) it does to both sides
      expect(unpackRows(JSON.parse(JSON.stringify(packRows(rows, cells))))).toEqual(JSON.parse(JSON.stringify(expected)));
    }), { numRuns: 200 });
  });

  it('shares one string per distinct value, and a snapshot decodes in either form', () => {
    const base = { uid: 'u1', namespace: 'default', podName: 'p', status: 'Running', ready: '1/1', restarts: 0, appName: 'web', ownerKind: null, ownerName: null, nodeName: 'n1', nodeGroup: null, capacityType: 'spot' as const, zone: null, instanceType: null, cpuRequest: 1, cpuLimit: 2, memoryRequest: 3, memoryLimit: 4, createdAt: 't', warnings: 0 };
    const packed = packRows([base, { ...base, uid: 'u2', podName: 'q' }]);
    expect(packed.strings.filter((s) => s === 'default')).toHaveLength(1);
    const meta = { total: 2, matched: 2, nodes: 1, status: { state: 'live' as const, lastSyncAt: null }, context: { name: 'c', server: 's', simulated: true }, facets: { capacityType: {}, nodeGroup: {}, status: {}, zone: {}, namespace: {} } };
    const fromPacked = snapshotFromWire(JSON.parse(JSON.stringify({ ...meta, packed })));
    expect(fromPacked.rows.map((r) => r.uid)).toEqual(['u1', 'u2']);
    expect(snapshotFromWire({ ...meta, rows: fromPacked.rows })).toEqual(fromPacked);
  });

  it('refuses what is out of shape, saying where', () => {
    const good = packRows([{ uid: 'u1', namespace: 'default', podName: 'p', status: 'Running', ready: '1/1', restarts: 0, appName: 'web', ownerKind: null, ownerName: null, nodeName: null, nodeGroup: null, capacityType: 'spot', zone: null, instanceType: null, cpuRequest: 1, cpuLimit: 2, memoryRequest: 3, memoryLimit: 4, createdAt: 't', warnings: 0 }]);
    const withData = (patch: (d: unknown[]) => void) => { const d: unknown[] = [...good.data]; patch(d); return { ...good, data: d }; };
    expect(() => unpackRows(withData((d) => (d[0] = 99)))).toThrow(/row 0 uid points at no string/);
    expect(() => unpackRows(withData((d) => (d[0] = -1)))).toThrow(/row 0 uid points at no string/);
    expect(() => unpackRows(withData((d) => (d[0] = '0')))).toThrow(/row 0 uid/);
    expect(() => unpackRows(withData((d) => (d[5] = 'x')))).toThrow(/row 0 restarts is not a number/);
    expect(() => unpackRows(withData((d) => (d[11] = 0)))).toThrow(/capacityType "u1" is not a capacity type/);
    expect(() => unpackRows(withData((d) => d.pop()))).toThrow(/not a whole number of rows/);
    expect(() => unpackRows({ ...good, fields: [...good.fields].reverse() })).toThrow(/fields/);
    expect(() => unpackRows({ ...good, cells: { x: [] } })).toThrow(/cells for x have 0 values for 1 rows/);
    expect(() => unpackRows({ ...good, data: 'all of them' })).toThrow();
    expect(() => snapshotFromWire({ packed: good })).toThrow();
  });
});
