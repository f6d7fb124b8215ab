// One order everywhere: for random rows and random sorts (row fields, numeric and quantity paths,
// missing values, both directions), the page, the API and the CLI list the rows identically.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseQueryParams } from '@/lib/query';
import { makeRow } from '@/lib/query/test-rows';
import type { PodNodeRow } from '@/lib/podnode/types';
import { cellColumns, selectRows, toWireRow } from '@/lib/rows/select';
import { cliRows } from '@/lib/cli/main';
import { RowStore } from '@/components/row-store';
import { advanceSorted } from '@/components/row-order';
import { parseView, sortToState, streamParams } from '@/components/view';

const SORT_PATHS = [
  'namespace', 'pod_name', 'cpuRequest', 'memory_request', 'zone', 'restarts', 'node_lifecycle', 'metadata.namespace',
  'pod.metadata.labels.v', 'metadata.labels.v', 'spec.containers[0].resources.requests.cpu', 'spec.priority',
  'node.metadata.labels.lifecycle', 'spec.containers[*].name',
];

const arbRow = fc
  .record({
    namespace: fc.constantFrom('a', 'b', '10', '9'),
    podName: fc.constantFrom('web', 'api', '5', '10', '2Gi', 'x-1'),
    cpuRequest: fc.constantFrom(0, 100, 250, 1000),
    memoryRequest: fc.constantFrom(0, 1024, 1 << 20),
    restarts: fc.nat(3),
    zone: fc.option(fc.constantFrom('z1', 'z2'), { nil: null }),
    label: fc.option(fc.constantFrom('10', '9', '5', 'abc', '2Gi', '500Mi', '1e3', '-1', 'NA'), { nil: undefined }),
    cpu: fc.option(fc.constantFrom('100m', '2', '1.5', '500m', '0.25', '1'), { nil: undefined }),
    priority: fc.option(fc.integer({ min: -5, max: 1000 }), { nil: undefined }),
    containers: fc.integer({ min: 1, max: 2 }),
    scheduled: fc.boolean(),
  })
  .map((r): PodNodeRow => {
    const containers = Array.from({ length: r.containers }, (_, i) => ({
      name: i === 0 ? 'main' : 'side',
      image: 'x',
      resources: r.cpu ? { requests: { cpu: r.cpu } } : {},
    }));
    const row = makeRow({
      namespace: r.namespace, podName: r.podName, cpuRequest: r.cpuRequest, memoryRequest: r.memoryRequest,
      restarts: r.restarts, zone: r.zone, containers, labels: r.label === undefined ? {} : { v: r.label },
      ...(r.scheduled ? {} : { nodeLabels: null }),
    });
    if (r.priority !== undefined) row.pod.spec!.priority = r.priority;
    return row;
  });

const arbSort = fc.array(fc.record({ path: fc.constantFrom(...SORT_PATHS), desc: fc.boolean() }), { maxLength: 3 });
const arbColumns = fc.subarray(SORT_PATHS, { maxLength: 3 });

function urlOf(sort: { path: string; desc: boolean }[], columns: string[]): URLSearchParams {
  const p = new URLSearchParams();
  if (sort.length) p.set('sort', sort.map((k) => `${k.desc ? '-' : ''}${k.path}`).join(','));
  if (columns.length) p.set('o', columns.join(','));
  return p;
}

/** The API (and the page's first render): parse the URL, select, sort. */
function apiOrder(rows: PodNodeRow[], url: URLSearchParams): string[] {
  return selectRows(rows, parseQueryParams(url)).rows.map((r) => r.uid);
}

/** The page: the URL's view → the stream's query → wire rows (in any order) → sorted on the client. */
function pageOrder(rows: PodNodeRow[], url: URLSearchParams): string[] {
  const { view, error } = parseView(url);
  expect(error).toBeNull();
  const streamQuery = parseQueryParams(new URLSearchParams(streamParams(view)));
  const { rows: matched, compiled } = selectRows(rows, streamQuery);
  const cells = cellColumns(compiled, streamQuery);
  const store = new RowStore();
  store.replace(matched.map((r) => toWireRow(r, cells)).reverse());
  return advanceSorted(null, store, sortToState(view.query)).arr.map((e) => e.row.uid);
}

describe('sort order', () => {
  it('is the same in the page, the API and the CLI', () => {
    fc.assert(
      fc.property(fc.array(arbRow, { maxLength: 40 }), arbSort, arbColumns, (rows, sort, columns) => {
        const url = urlOf(sort, columns);
        const api = apiOrder(rows, url);
        expect(cliRows(rows, parseQueryParams(url)).map((r) => r.uid)).toEqual(api);
        expect(pageOrder(rows, url)).toEqual(api);
      }),
      { numRuns: 400 },
    );
  });

  it('orders a numeric and a quantity path by value, missing last both ways', () => {
    const rows = ['10', '5', '9', undefined, '2Gi', '500Mi'].map((v, i) => makeRow({ podName: `p${i}`, labels: v === undefined ? {} : { v } }));
    const names = (url: string) => apiOrder(rows, new URLSearchParams(url)).map((uid) => rows.find((r) => r.uid === uid)!.podName);
    expect(names('sort=pod.metadata.labels.v')).toEqual(['p1', 'p2', 'p0', 'p5', 'p4', 'p3']);
    expect(names('sort=-pod.metadata.labels.v')).toEqual(['p4', 'p5', 'p0', 'p2', 'p1', 'p3']);
    expect(pageOrder(rows, new URLSearchParams('sort=pod.metadata.labels.v')).map((uid) => rows.find((r) => r.uid === uid)!.podName)).toEqual(['p1', 'p2', 'p0', 'p5', 'p4', 'p3']);
  });
});
