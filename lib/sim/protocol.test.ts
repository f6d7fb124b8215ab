// LIST, GET, discovery, Table and Status answers over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimHandle, startSim } from './index';

type List = { kind: string; metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number }; items: Array<{ metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: { nodeName?: string }; status?: { phase?: string } }> };

let sim: SimHandle;
beforeAll(async () => { sim = await startSim({ nodes: 20, pods: 400, seed: 3, namespaces: ['streamtech', 'content', 'commerce'] }); });
afterAll(async () => { await sim.stop(); });

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(sim.url + path, { headers });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() as Record<string, unknown> };
};
const list = async (path: string) => (await get(path)).body as unknown as List;
const keys = (l: List['items']) => l.map((p) => `${p.metadata.namespace ?? ''}/${p.metadata.name}`).sort();

async function pagedKeys(path: string, limit: number, between?: () => void): Promise<string[]> {
  const out: List['items'] = [];
  let cont = '';
  for (let i = 0; i < 10_000; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const page = await list(`${path}${sep}limit=${limit}${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`);
    out.push(...page.items);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    between?.();
    if (!page.metadata.continue) return keys(out);
    cont = page.metadata.continue;
  }
  throw new Error('paging did not end');
}

describe('discovery', () => {
  it('serves /version, /api, /api/v1 and /apis', async () => {
    expect((await get('/version')).body.gitVersion).toMatch(/^v1\.32/);
    expect((await get('/api')).body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const policy = { groupVersion: 'policy/v1', version: 'v1' };
    expect((await get('/apis')).body).toEqual({ kind: 'APIGroupList', apiVersion: 'v1', groups: [{ name: 'policy', versions: [policy], preferredVersion: policy }] });
    expect((await get('/apis/policy')).body).toEqual({ kind: 'APIGroup', apiVersion: 'v1', name: 'policy', versions: [policy], preferredVersion: policy });
    const pv1 = (await get('/apis/policy/v1')).body as { kind: string; groupVersion: string; resources: Array<Record<string, unknown>> };
    expect(pv1).toMatchObject({ kind: 'APIResourceList', groupVersion: 'policy/v1' });
    expect(pv1.resources).toEqual([expect.objectContaining({ name: 'poddisruptionbudgets', singularName: 'poddisruptionbudget', namespaced: true,
      kind: 'PodDisruptionBudget', verbs: ['get', 'list', 'watch'], shortNames: ['pdb'] })]);
    const v1 = (await get('/api/v1')).body as { resources: Array<{ name: string; shortNames: string[]; namespaced: boolean; verbs: string[] }> };
    const byName = Object.fromEntries(v1.resources.map((r) => [r.name, r]));
    expect(byName.pods).toMatchObject({ shortNames: ['po'], namespaced: true, verbs: ['get', 'list', 'watch'] });
    expect(byName.nodes?.shortNames).toEqual(['no']);
    expect(byName.namespaces?.shortNames).toEqual(['ns']);
    expect(byName.events?.shortNames).toEqual(['ev']);
    expect(byName.poddisruptionbudgets).toBeUndefined();
    const openapi = await get('/openapi/v3');
    expect(openapi.status).toBe(404);
    expect(openapi.body).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404 });
  });
});

describe('LIST', () => {
  it('pages with continue to exactly the unpaged set, also for one namespace and for nodes', async () => {
    const all = await list('/api/v1/pods');
    expect(all.kind).toBe('PodList');
    expect(all.items).toHaveLength(sim.cluster.pods());
    expect(await pagedKeys('/api/v1/pods', 7)).toEqual(keys(all.items));
    const ns = await list('/api/v1/namespaces/streamtech/pods');
    expect(ns.items.length).toBeGreaterThan(0);
    expect(ns.items.every((p) => p.metadata.namespace === 'streamtech')).toBe(true);
    expect(await pagedKeys('/api/v1/namespaces/streamtech/pods', 3)).toEqual(keys(ns.items));
    expect(await pagedKeys('/api/v1/nodes', 4)).toEqual(keys((await list('/api/v1/nodes')).items));
    expect((await list('/api/v1/namespaces')).items.map((n) => n.metadata.name)).toEqual(expect.arrayContaining(['streamtech', 'content', 'commerce']));
    const events = await list('/api/v1/events');
    expect(events.kind).toBe('EventList');
    expect(events.items.length).toBeGreaterThan(0);
    expect(await pagedKeys('/api/v1/events', 2)).toEqual(keys(events.items));
  });

  it('serves later pages from the first page\'s snapshot even while the cluster changes', async () => {
    const before = keys((await list('/api/v1/pods')).items);
    const paged = await pagedKeys('/api/v1/pods', 50, () => { for (let i = 0; i < 3; i++) sim.cluster.churnOnce(); });
    expect(paged).toEqual(before);
    // the churn really changed which pods exist, so the equality above is not vacuous
    expect(keys((await list('/api/v1/pods')).items)).not.toEqual(before);
  });

  it('reports remainingItemCount and an opaque continue token', async () => {
    const page = await list('/api/v1/pods?limit=10');
    expect(page.metadata.continue).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(page.metadata.remainingItemCount).toBe(sim.cluster.pods() - 10);
  });

  it('filters by label selector (equality and set-based)', async () => {
    // selector LISTs read the same snapshot as `all`, so scheduler events in between cannot interfere
    const whole = await list('/api/v1/pods');
    const all = whole.items;
    const at = `&resourceVersion=${whole.metadata.resourceVersion}&resourceVersionMatch=Exact`;
    const cases: Array<[string, (l: Record<string, string>) => boolean]> = [
      ['app=web', (l) => l.app === 'web'],
      ['app!=web', (l) => l.app !== 'web'],
      ['k8s-app in (kube-proxy,coredns)', (l) => l['k8s-app'] === 'kube-proxy' || l['k8s-app'] === 'coredns'],
      ['k8s-app notin (kube-proxy)', (l) => l['k8s-app'] !== 'kube-proxy'],
      ['pod-template-hash', (l) => 'pod-template-hash' in l],
      ['!pod-template-hash', (l) => !('pod-template-hash' in l)],
    ];
    for (const [sel, pred] of cases) {
      const got = (await list(`/api/v1/pods?labelSelector=${encodeURIComponent(sel)}${at}`)).items;
      const want = all.filter((p) => pred(p.metadata.labels ?? {}));
      expect(want.length, sel).toBeGreaterThan(0);
      expect(keys(got), sel).toEqual(keys(want));
    }
  });

  it('filters by field selector, including an empty spec.nodeName for unscheduled pods', async () => {
    const whole = await list('/api/v1/pods');
    const all = whole.items;
    const at = `&resourceVersion=${whole.metadata.resourceVersion}&resourceVersionMatch=Exact`;
    const node = all.find((p) => p.spec?.nodeName)?.spec?.nodeName as string;
    const cases: Array<[string, (p: List['items'][number]) => boolean]> = [
      [`spec.nodeName=${node}`, (p) => p.spec?.nodeName === node],
      ['spec.nodeName=', (p) => !p.spec?.nodeName],
      ['status.phase!=Running', (p) => p.status?.phase !== 'Running'],
      ['status.phase==Succeeded', (p) => p.status?.phase === 'Succeeded'],
      ['metadata.namespace=content', (p) => p.metadata.namespace === 'content'],
    ];
    for (const [sel, pred] of cases) {
      const got = (await list(`/api/v1/pods?fieldSelector=${encodeURIComponent(sel)}${at}`)).items;
      expect(got.length, sel).toBeGreaterThan(0);
      expect(keys(got), sel).toEqual(keys(all.filter(pred)));
    }
    const one = all[0]!;
    expect((await list(`/api/v1/pods?fieldSelector=metadata.name=${one.metadata.name}${at}`)).items).toHaveLength(1);
  });

  it('answers 400 with a message for bad selectors and parameters', async () => {
    const bad = await get(`/api/v1/pods?labelSelector=${encodeURIComponent('app in (web')}`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ kind: 'Status', reason: 'BadRequest', code: 400 });
    expect(bad.body.message).toMatch(/missing "\)"/);
    const field = await get('/api/v1/pods?fieldSelector=spec.schedulerName%3Dx');
    expect(field.status).toBe(400);
    expect(field.body.message).toMatch(/field label not supported/);
    expect((await get('/api/v1/pods?limit=-1')).status).toBe(400);
    // the event fields `kubectl describe` selects on are supported, as on a real server
    expect((await get('/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dx%2CinvolvedObject.uid%3Dy')).status).toBe(200);
    expect((await get('/api/v1/pods?limit=1&continue=garbage')).status).toBe(400);
  });

  it('expires continue tokens older than the history window with 410', async () => {
    const small = await startSim({ nodes: 5, pods: 60, seed: 9, historyWindow: 20 });
    try {
      const first = (await (await fetch(`${small.url}/api/v1/pods?limit=5`)).json()) as List;
      const next = () => fetch(`${small.url}/api/v1/pods?limit=5&continue=${encodeURIComponent(first.metadata.continue!)}`);
      expect((await next()).status).toBe(200);
      const [p] = small.cluster.listPodNames();
      for (let i = 0; i < 25; i++) small.cluster.mutatePod(p!.namespace, p!.name, (pod) => { pod.metadata.labels = { ...pod.metadata.labels, n: String(i) }; });
      const res = await next();
      expect(res.status).toBe(410);
      expect(await res.json()).toMatchObject({ kind: 'Status', reason: 'Expired', code: 410 });
    } finally {
      await small.stop();
    }
  });

  it('keeps a window per resource: a flood of events does not expire a pods LIST continue token', async () => {
    const small = await startSim({ nodes: 5, pods: 60, seed: 9, historyWindow: 20 });
    try {
      const first = (await (await fetch(`${small.url}/api/v1/pods?limit=5`)).json()) as List;
      const [p] = small.cluster.listPodNames();
      for (let i = 0; i < 40; i++) small.cluster.emitEvent({ involvedObject: { kind: 'Pod', name: p!.name, namespace: p!.namespace }, reason: `Flood${i}`, message: 'x', type: 'Normal' });
      const res = await fetch(`${small.url}/api/v1/pods?limit=5&continue=${encodeURIComponent(first.metadata.continue!)}`);
      expect(res.status).toBe(200);
      // while the events' own window has moved on: a watch of events from then is a 410
      const watch = await (await fetch(`${small.url}/api/v1/events?watch=1&resourceVersion=${first.metadata.resourceVersion}`)).text();
      expect(JSON.parse(watch.split('\n')[0]!)).toMatchObject({ type: 'ERROR', object: { code: 410 } });
    } finally {
      await small.stop();
    }
  });
});

describe('GET, Table and Status', () => {
  it('gets one object, and answers 404/403 with Status', async () => {
    const [p] = sim.cluster.listPodNames();
    const one = await get(`/api/v1/namespaces/${p!.namespace}/pods/${p!.name}`);
    expect(one.body).toMatchObject({ kind: 'Pod', metadata: { name: p!.name } });
    const node = sim.cluster.listNodeNames()[0]!;
    expect((await get(`/api/v1/nodes/${node}`)).body).toMatchObject({ kind: 'Node', metadata: { name: node } });
    expect((await get('/api/v1/namespaces/streamtech')).body).toMatchObject({ kind: 'Namespace' });
    const missing = await get('/api/v1/namespaces/default/pods/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'pods "nope" not found' });
    const forbidden = await get('/api/v1/secrets');
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ reason: 'Forbidden', code: 403 });
  });

  it('refuses every write verb with 405 and counts it', async () => {
    sim.resetStats();
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await fetch(`${sim.url}/api/v1/namespaces/default/pods/x`, { method, body: method === 'DELETE' ? undefined : '{}' });
      expect(res.status, method).toBe(405);
      expect(await res.json()).toMatchObject({ kind: 'Status', reason: 'MethodNotAllowed', code: 405 });
    }
    expect(sim.stats().counts['write pods']).toBe(4);
  });

  it('answers the Table form kubectl asks for, with metadata objects per row', async () => {
    const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
    const t = (await get('/api/v1/pods?limit=3', { accept })).body as { kind: string; columnDefinitions: Array<{ name: string }>; rows: Array<{ cells: unknown[]; object: { kind: string; metadata: { name: string; managedFields?: unknown } } }> };
    expect(t.kind).toBe('Table');
    expect(t.columnDefinitions.map((c) => c.name).slice(0, 5)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
    expect(t.rows).toHaveLength(3);
    expect(t.rows[0]!.object.kind).toBe('PartialObjectMetadata');
    expect(t.rows[0]!.object.metadata.managedFields).toBeUndefined();
    expect(t.rows[0]!.cells[0]).toBe(t.rows[0]!.object.metadata.name);
    const full = (await get('/api/v1/nodes?limit=1&includeObject=Object', { accept })).body as { columnDefinitions: Array<{ name: string }>; rows: Array<{ object: { kind: string } }> };
    expect(full.columnDefinitions.map((c) => c.name).slice(0, 5)).toEqual(['Name', 'Status', 'Roles', 'Age', 'Version']);
    expect(full.rows[0]!.object.kind).toBe('Node');
  });

  it('counts requests per verb and resource, and LIST chains separately from pages', async () => {
    sim.resetStats();
    await pagedKeys('/api/v1/pods', 100);
    await list('/api/v1/nodes');
    const res = await fetch(`${sim.url}/sim/stats`);
    const stats = await res.json() as ReturnType<SimHandle['stats']>;
    expect(stats.counts['list pods']).toBe(Math.ceil(sim.cluster.pods() / 100));
    expect(stats.listChains).toEqual({ pods: 1, nodes: 1 });
    expect(stats.total).toBe(stats.counts['list pods']! + 1);
  });
});
