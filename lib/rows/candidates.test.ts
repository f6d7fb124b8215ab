// A query that pins nodes or namespaces looks only at their buckets. Whatever the query and
// whatever churn came before, the rows it selects must be exactly those a scan of every row selects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cacheFor, startTestSim, waitFor, simPodVersions, cachePodVersions, sameVersions } from '@/lib/kube/test-support';
import type { ClusterCache } from '@/lib/kube/cluster-cache';
import type { SimHandle } from '@/lib/sim';
import { parseQueryParams } from '@/lib/query';
import { RowIndex } from './row-index';
import { selectRows } from './select';
import { Buckets, pinnedValues } from './candidates';

let sim: SimHandle;
let cache: ClusterCache;
let index: RowIndex;

beforeAll(async () => {
  sim = await startTestSim({ pods: 400, nodes: 15, profile: 'mixed' });
  cache = cacheFor(sim);
  await cache.whenSynced();
  index = new RowIndex(cache);
  for (let i = 0; i < 200; i++) sim.cluster.churnOnce();
  // bindings: pods whose node changes after the index first saw them (as a Pending pod's does)
  const nodeNames = [...cache.nodes().keys()];
  for (const { namespace, name } of sim.cluster.listPodNames().slice(0, 40)) {
    sim.cluster.mutatePod(namespace, name, (pod) => { pod.spec = { ...pod.spec, nodeName: nodeNames[name.length % nodeNames.length] }; });
  }
  await waitFor(() => sameVersions(simPodVersions(sim), cachePodVersions(cache)), 15_000, 'the cache to catch up');
  cache.flushChanges();
});
afterAll(async () => {
  await cache.stop();
  await sim.stop();
});

const uids = (rows: { uid: string }[]) => rows.map((r) => r.uid);

describe('the row index', () => {
  it('says how long joining every pod at once took (what /api/healthz reports)', () => {
    const fresh = new RowIndex(cache);
    expect(fresh.lastFullJoin).toMatchObject({ pods: fresh.size });
    expect(fresh.lastFullJoin!.ms).toBeGreaterThanOrEqual(0);
  });
});

describe('candidate rows', () => {
  it('pins the intersection of the ns param and every = clause; NA and other ops pin nothing', () => {
    const q = (p: Record<string, string | string[]>) => parseQueryParams(p);
    expect(pinnedValues(q({ ns: 'a,b', f: 'namespace=b/c' }), 'namespace')).toEqual(new Set(['b']));
    expect(pinnedValues(q({ f: ['node_name=n1/n2', 'nodeName=n2/n3'] }), 'nodeName')).toEqual(new Set(['n2']));
    expect(pinnedValues(q({ f: 'node_name=n1/NA' }), 'nodeName')).toBeNull();
    expect(pinnedValues(q({ f: 'node_name!=n1' }), 'nodeName')).toBeNull();
    expect(pinnedValues(q({ e: 'node_name=n1' }), 'nodeName')).toBeNull();
    expect(pinnedValues(q({ f: 'capacityType=spot' }), 'namespace')).toBeNull();
  });

  it('select the same rows in the same order as a scan of every row, for any pinning query', () => {
    const rows = [...index.rows()];
    const nodes = [...new Set(rows.map((r) => r.nodeName ?? 'NA')), 'no-such-node'];
    const namespaces = [...new Set(rows.map((r) => r.namespace)), 'no-such-ns'];
    const someOf = (xs: string[]) => fc.uniqueArray(fc.constantFrom(...xs), { minLength: 1, maxLength: 4 });
    const query = fc.record({
      ns: fc.option(someOf(namespaces), { nil: undefined }),
      nodes: fc.option(someOf(nodes), { nil: undefined }),
      nsClause: fc.option(someOf(namespaces), { nil: undefined }),
      extra: fc.constantFrom([], ['capacityType=spot'], ['status=Running']),
      sort: fc.constantFrom(undefined, '-cpuRequest', 'podName'),
    });
    let narrowed = 0;
    fc.assert(fc.property(query, (p) => {
      const f: string[] = [...p.extra];
      if (p.nodes) f.push(`node_name=${p.nodes.join('/')}`);
      if (p.nsClause) f.push(`namespace=${p.nsClause.join('/')}`);
      const q = parseQueryParams({ ...(p.ns ? { ns: p.ns.join(',') } : {}), f, ...(p.sort ? { sort: p.sort } : {}) });
      const scanned = selectRows(index.rows(), q).rows;
      const candidates = [...index.candidates(q)];
      if (candidates.length < index.size) narrowed++;
      expect(uids(selectRows(candidates, q).rows)).toEqual(uids(scanned));
    }), { numRuns: 300, seed: 7 });
    // the property is about narrowed queries: most runs must have been
    expect(narrowed).toBeGreaterThan(150);
  });
});

describe('buckets', () => {
  it('hold each uid once, under its last key, through any adds, moves and deletes (long buckets too)', () => {
    const keys = ['a', 'b', 'c'];
    const op = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), uid: fc.nat(400), key: fc.constantFrom(...keys) }),
      fc.record({ kind: fc.constant('move' as const), uid: fc.nat(400), key: fc.constantFrom(...keys) }),
      fc.record({ kind: fc.constant('delete' as const), uid: fc.nat(400) }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 1500 }), (ops) => {
      const buckets = new Buckets();
      const model = new Map<string, string>(); // uid → key, as a row index keeps it
      for (const o of ops) {
        const uid = `u${o.uid}`;
        const was = model.get(uid);
        // the caller's rule: add when new, delete and add when moved, nothing for an update
        if (o.kind === 'delete') {
          if (was !== undefined) buckets.delete(was, uid);
          model.delete(uid);
        } else if (was === undefined) {
          buckets.add(o.key, uid);
          model.set(uid, o.key);
        } else if (o.kind === 'move' && was !== o.key) {
          buckets.delete(was, uid);
          buckets.add(o.key, uid);
          model.set(uid, o.key);
        }
      }
      for (const key of keys) {
        const want = [...model].filter(([, k]) => k === key).map(([u]) => u).sort();
        expect([...(buckets.get(key) ?? [])].sort()).toEqual(want);
      }
    }), { numRuns: 200, seed: 11 });
  });

  it('a delete of a uid the bucket does not hold changes nothing', () => {
    const buckets = new Buckets();
    buckets.add('a', 'u1');
    buckets.delete('a', 'u2');
    buckets.delete('b', 'u1');
    expect([...buckets.get('a')!]).toEqual(['u1']);
    for (let i = 0; i < 300; i++) buckets.add('big', `v${i}`);
    buckets.delete('big', 'nope');
    buckets.delete('big', 'v7');
    expect([...buckets.get('big')!].length).toBe(299);
  });
});
