import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseQueryParams, selectRecords } from '@/lib/query';
import { NODE_SCHEMA, WORKLOAD_FIELDS, WORKLOAD_SCHEMA } from '@/lib/rows/view-schemas';
import { NODE_ROW_FIELDS } from '@/lib/podnode/node-row';
import { groupRecords, sortRecords } from './record-order';

// The page re-sorts live rows itself: it must put them in exactly the server's order.
const nodeRow = fc.record({
  name: fc.string({ maxLength: 6 }),
  pods: fc.integer({ min: 0, max: 5 }),
  cpuRequestPct: fc.option(fc.constantFrom(0, 12.5, 50, 99.9), { nil: null }),
  capacityType: fc.constantFrom('spot', 'on-demand', 'unknown'),
  zone: fc.option(fc.constantFrom('a', 'b', '10', '2Gi'), { nil: null }),
  noticeAt: fc.option(fc.constantFrom('2026-12-02T10:00:00Z', '2026-12-02T11:00:00Z'), { nil: null }),
});
const sorts = fc.array(fc.tuple(fc.constantFrom('name', 'pods', 'cpu_request_pct', 'capacityType', 'zone', 'noticeAt'), fc.boolean()), { maxLength: 3 });

describe('the derived views\' client order', () => {
  it('equals the server\'s for any rows and sort keys (nodes)', () => {
    fc.assert(
      fc.property(fc.array(nodeRow, { maxLength: 30 }), sorts, (rows, keys) => {
        const sort = keys.map(([p, d]) => `${d ? '-' : ''}${p}`).join(',');
        const q = parseQueryParams(new URLSearchParams(sort ? { sort } : {}));
        const records = rows.map((r) => ({ ...r, node: { metadata: { name: r.name, uid: r.name } } }));
        const server = (selectRecords(records as never[], q, NODE_SCHEMA) as unknown as typeof records).map((r) => records.indexOf(r));
        const client = sortRecords(records, q.sort, NODE_SCHEMA.tieBreak, NODE_ROW_FIELDS).map((r) => records.indexOf(r));
        expect(client).toEqual(server);
      }),
      { numRuns: 500 },
    );
  });

  it('equals the server\'s for workloads, riskiest first without a sort', () => {
    const w = (name: string, risk: number, namespace = 'a') => ({ id: `${namespace}/Deployment/${name}`, namespace, kind: 'Deployment', name, risk, replicas: 1 });
    const rows = [w('b', 10), w('a', 10), w('c', 70), w('a', 10, 'b')];
    const q = parseQueryParams(new URLSearchParams());
    const server = selectRecords(rows as never[], q, WORKLOAD_SCHEMA) as typeof rows;
    expect(server.map((r) => r.id)).toEqual(['a/Deployment/c', 'a/Deployment/a', 'a/Deployment/b', 'b/Deployment/a']);
    expect(sortRecords(rows, q.sort, WORKLOAD_SCHEMA.tieBreak, WORKLOAD_FIELDS).map((r) => r.id)).toEqual(server.map((r) => r.id));
  });

  it('groups in first-appearance order with the server\'s totals, and hides a collapsed group\'s rows', () => {
    const rows = [{ g: 'x', n: 1 }, { g: 'y', n: 2 }, { g: 'x', n: 3 }];
    const items = groupRecords(rows, (r) => r.g, [{ key: 'y', nodes: 1 }, { key: 'x', nodes: 2 }], new Set(['y']));
    expect(items.map((i) => (i.kind === 'group' ? `[${i.key}:${i.totals?.nodes}]` : i.row.n))).toEqual(['[x:2]', 1, 3, '[y:1]']);
  });
});
