// PodDisruptionBudgets over real HTTP: what the generator makes of them (checked against the pods,
// recounted here from a LIST), LIST paging and selectors, GET, Table, WATCH and the Status answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimHandle, startSim } from './index';
import { openWatch } from './watch-client';

type Obj = { kind?: string; apiVersion?: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; deletionTimestamp?: string; resourceVersion?: string };
  spec?: Record<string, unknown>; status?: Record<string, unknown> };
type List = { kind: string; apiVersion: string; metadata: { resourceVersion: string; continue?: string }; items: Obj[] };
type Selector = { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> };

const PDBS = '/apis/policy/v1/poddisruptionbudgets';
let sim: SimHandle;
beforeAll(async () => { sim = await startSim({ nodes: 20, pods: 600, seed: 3, namespaces: ['streamtech', 'content'], bookmarkIntervalMs: 100 }); });
afterAll(async () => { await sim.stop(); });

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(sim.url + path, { headers });
  return { status: res.status, body: await res.json() as Record<string, unknown> };
};
const list = async (path: string) => (await get(path)).body as unknown as List;
const keys = (items: Obj[]) => items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`).sort();

async function pagedKeys(path: string, limit: number): Promise<string[]> {
  const out: Obj[] = [];
  let cont = '';
  for (let i = 0; i < 1000; i++) {
    const page = await list(`${path}${path.includes('?') ? '&' : '?'}limit=${limit}${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    out.push(...page.items);
    if (!page.metadata.continue) return keys(out);
    cont = page.metadata.continue;
  }
  throw new Error('paging did not end');
}

/** metav1.LabelSelector as a labelSelector query */
const selectorQuery = (s: Selector) => [...Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
  ...(s.matchExpressions ?? []).map((e) => `${e.key} ${e.operator.toLowerCase()} (${(e.values ?? []).join(',')})`)].join(',');
const healthy = (p: Obj) => !p.metadata.deletionTimestamp
  && ((p.status?.conditions as Array<{ type: string; status: string }> | undefined) ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

describe('PodDisruptionBudgets (policy/v1)', () => {
  it('generates every budget shape, with the status the disruption controller computes from the pods', async () => {
    const all = await list(PDBS);
    expect(all).toMatchObject({ kind: 'PodDisruptionBudgetList', apiVersion: 'policy/v1' });
    const specs = all.items.map((p) => p.spec as { minAvailable?: unknown; maxUnavailable?: unknown; selector: Selector });
    expect(all.items.every((p) => p.kind === 'PodDisruptionBudget' && p.apiVersion === 'policy/v1')).toBe(true);
    expect(specs.some((s) => typeof s.minAvailable === 'number')).toBe(true);
    expect(specs.some((s) => typeof s.minAvailable === 'string' && s.minAvailable.endsWith('%'))).toBe(true);
    expect(specs.some((s) => typeof s.maxUnavailable === 'number')).toBe(true);
    expect(specs.some((s) => typeof s.maxUnavailable === 'string' && s.maxUnavailable.endsWith('%'))).toBe(true);
    expect(specs.some((s) => s.selector.matchExpressions?.length)).toBe(true);
    const statuses = all.items.map((p) => p.status as { disruptionsAllowed: number; currentHealthy: number; desiredHealthy: number; expectedPods: number; observedGeneration: number; conditions: Array<{ type: string; status: string; reason: string }> });
    expect(statuses.some((s) => s.disruptionsAllowed === 0 && s.expectedPods > 0)).toBe(true);
    expect(statuses.some((s) => s.expectedPods === 0)).toBe(true);
    const at = `&resourceVersion=${all.metadata.resourceVersion}&resourceVersionMatch=Exact`;
    for (const [i, pdb] of all.items.entries()) {
      const spec = specs[i]!;
      const status = statuses[i]!;
      const pods = (await list(`/api/v1/namespaces/${pdb.metadata.namespace}/pods?labelSelector=${encodeURIComponent(selectorQuery(spec.selector))}${at}`)).items;
      const name = pdb.metadata.name;
      expect(status.currentHealthy, name).toBe(pods.filter(healthy).length);
      if (typeof spec.minAvailable === 'number') expect(status.expectedPods, name).toBe(pods.length);
      if (pods.length === 0) expect(status.expectedPods, name).toBe(0);
      expect(status.disruptionsAllowed, name).toBe(status.expectedPods > 0 ? Math.max(0, status.currentHealthy - status.desiredHealthy) : 0);
      expect(status.observedGeneration).toBe(1);
      expect(status.conditions).toEqual([expect.objectContaining({ type: 'DisruptionAllowed', status: status.disruptionsAllowed > 0 ? 'True' : 'False',
        reason: status.disruptionsAllowed > 0 ? 'SufficientPods' : 'InsufficientPods' })]);
    }
  });

  it('LIST pages with continue to the unpaged set, cluster-wide and in a namespace', async () => {
    const all = await list(PDBS);
    expect(all.items.length).toBeGreaterThan(4);
    expect(await pagedKeys(PDBS, 2)).toEqual(keys(all.items));
    const ns = all.items[0]!.metadata.namespace!;
    const inNs = await list(`/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets`);
    expect(keys(inNs.items)).toEqual(keys(all.items.filter((p) => p.metadata.namespace === ns)));
    expect(await pagedKeys(`/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets`, 1)).toEqual(keys(inNs.items));
  });

  it('filters by label selector and by metadata.name / metadata.namespace; other fields are a 400', async () => {
    const all = (await list(PDBS)).items;
    const helm = (await list(`${PDBS}?labelSelector=${encodeURIComponent('app.kubernetes.io/managed-by=Helm')}`)).items;
    expect(helm.length).toBeGreaterThan(0);
    expect(keys(helm)).toEqual(keys(all.filter((p) => p.metadata.labels?.['app.kubernetes.io/managed-by'] === 'Helm')));
    expect(keys((await list(`${PDBS}?fieldSelector=metadata.name%3Dcoredns`)).items)).toEqual(['kube-system/coredns']);
    expect(keys((await list(`${PDBS}?fieldSelector=metadata.namespace%3Dkube-system`)).items)).toEqual(keys(all.filter((p) => p.metadata.namespace === 'kube-system')));
    const bad = await get(`${PDBS}?fieldSelector=spec.minAvailable%3D1`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
  });

  it('GETs one budget, answers 404 for a missing one or a wrong group, and 405 for writes', async () => {
    expect((await get('/apis/policy/v1/namespaces/kube-system/poddisruptionbudgets/coredns')).body)
      .toMatchObject({ kind: 'PodDisruptionBudget', apiVersion: 'policy/v1', metadata: { name: 'coredns', namespace: 'kube-system' } });
    const missing = await get('/apis/policy/v1/namespaces/kube-system/poddisruptionbudgets/nope');
    expect(missing).toMatchObject({ status: 404, body: { kind: 'Status', reason: 'NotFound', message: 'poddisruptionbudgets "nope" not found' } });
    expect((await get('/api/v1/poddisruptionbudgets')).status).toBe(404);
    expect((await get('/apis/policy/v1/pods')).status).toBe(404);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await fetch(`${sim.url}/apis/policy/v1/namespaces/kube-system/poddisruptionbudgets/coredns`, { method, body: method === 'DELETE' ? undefined : '{}' });
      expect(res.status, method).toBe(405);
    }
  });

  it('answers the Table form with kubectl\'s PDB columns', async () => {
    const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
    const t = (await get(`${PDBS}?includeObject=Object`, { accept })).body as { kind: string; columnDefinitions: Array<{ name: string; type: string }>; rows: Array<{ cells: unknown[]; object: Obj }> };
    expect(t.kind).toBe('Table');
    expect(t.columnDefinitions.map((c) => [c.name, c.type])).toEqual([['Name', 'string'], ['Min Available', 'string'], ['Max Unavailable', 'string'], ['Allowed Disruptions', 'integer'], ['Age', 'string']]);
    for (const row of t.rows) {
      const spec = row.object.spec as { minAvailable?: number | string; maxUnavailable?: number | string };
      expect(row.cells.slice(0, 4)).toEqual([row.object.metadata.name, String(spec.minAvailable ?? 'N/A'), String(spec.maxUnavailable ?? 'N/A'),
        (row.object.status as { disruptionsAllowed: number }).disruptionsAllowed]);
    }
  });

  it('WATCH: initial ADDED, a MODIFIED when the budget\'s pods change, policy/v1 bookmarks, 410 for an old version', async () => {
    const w = await openWatch(`${sim.url}${PDBS}?watch=1&allowWatchBookmarks=true`);
    try {
      const count = sim.cluster.listPdbNames().length;
      await w.waitFor((ev) => ev.filter((e) => e.type === 'ADDED').length >= count);
      const before = sim.cluster.getPdb('kube-system', 'coredns')!.status as { currentHealthy: number };
      const victim = sim.cluster.listPodNames().find((p) => p.namespace === 'kube-system' && sim.cluster.getPod(p.namespace, p.name)!.metadata.labels?.['k8s-app'] === 'coredns'
        && healthy(sim.cluster.getPod(p.namespace, p.name)! as Obj))!;
      sim.cluster.deletePod(victim.namespace, victim.name);
      const [mod] = (await w.waitFor((ev) => ev.some((e) => e.type === 'MODIFIED' && e.object.metadata?.name === 'coredns')))
        .filter((e) => e.type === 'MODIFIED' && e.object.metadata?.name === 'coredns');
      expect((mod!.object.status as { currentHealthy: number }).currentHealthy).toBe(before.currentHealthy - 1);
      const [bm] = (await w.waitFor((ev) => ev.some((e) => e.type === 'BOOKMARK'))).filter((e) => e.type === 'BOOKMARK');
      expect(bm!.object).toEqual({ kind: 'PodDisruptionBudget', apiVersion: 'policy/v1', metadata: { resourceVersion: expect.any(String) } });
    } finally { w.close(); }
    const old = await openWatch(`${sim.url}${PDBS}?watch=1&resourceVersion=1`);
    await old.ended;
    expect(old.events[0]).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
  });
});
