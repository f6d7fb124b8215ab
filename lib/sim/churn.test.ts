// Churn and the /sim control endpoint: spot interruptions, rollouts, scale-ups, and mutations
// requested over HTTP, each observed through a real watch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimHandle, startSim } from './index';
import { openWatch } from './watch-client';

const JSON_HEADERS = { 'Content-Type': 'application/json' };

let sim: SimHandle;
beforeAll(async () => { sim = await startSim({ nodes: 12, pods: 200, seed: 8, profile: 'karpenter', namespaces: ['streamtech'] }); });
afterAll(async () => { await sim.stop(); });

const rvNow = () => String(sim.cluster.resourceVersion());
const post = (path: string, body: unknown) => fetch(sim.url + path, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(body) });
const podsOn = (node: string) => sim.cluster.listPodNames().map((p) => sim.cluster.getPod(p.namespace, p.name)!).filter((p) => p.spec?.nodeName === node);

describe('churn', () => {
  it('a spot interruption removes the node and its pods; replacements go Pending, then get scheduled', async () => {
    const spot = sim.cluster.listNodeNames().find((n) => sim.cluster.getNode(n)!.metadata.labels?.['karpenter.sh/capacity-type'] === 'spot'
      && podsOn(n).some((p) => p.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet'))!;
    expect(spot).toBeDefined();
    const victims = podsOn(spot);
    const nodesBefore = sim.cluster.nodes();
    const w = await openWatch(`${sim.url}/api/v1/pods?watch=1&resourceVersion=${rvNow()}`);
    try {
      expect((await post('/sim/mutate', { op: 'interrupt-node', name: spot })).status).toBe(200);
      expect(sim.cluster.getNode(spot)).toBeUndefined();
      expect(sim.cluster.nodes()).toBe(nodesBefore); // the autoscaler replaced it
      for (const v of victims) expect(sim.cluster.getPod(v.metadata.namespace!, v.metadata.name)).toBeUndefined();
      const pendingAdded = () => w.events.filter((e) => e.type === 'ADDED' && !(e.object.spec as { nodeName?: string }).nodeName);
      await w.waitFor((ev) => ev.filter((e) => e.type === 'DELETED').length >= victims.length && pendingAdded().length > 0);
      const replacement = pendingAdded()[0]!.object.metadata!;
      await w.waitFor((ev) => ev.some((e) => e.type === 'MODIFIED' && e.object.metadata?.name === replacement.name
        && !!(e.object.spec as { nodeName?: string }).nodeName && (e.object.status as { phase?: string }).phase === 'Running'));
    } finally { w.close(); }
  });

  it('churnOnce produces rollouts, scale-ups and status flips, each a watch event', async () => {
    const w = await openWatch(`${sim.url}/api/v1/pods?watch=1&resourceVersion=${rvNow()}`);
    try {
      // 200 draws: every kind (the rarest is 8%) shows up whatever state earlier tests left in the rng
      const res = await post('/sim/mutate', { op: 'churn', count: 200 });
      const { events } = await res.json() as { events: string[] };
      expect(events).toHaveLength(200);
      for (const kind of ['rollout', 'scale-up', 'scale-down', 'status flip']) expect(events.some((e) => e.startsWith(kind)), kind).toBe(true);
      await w.waitFor((ev) => ev.length >= 100);
      // a rollout's new pods carry the new pod-template-hash
      const rolled = events.find((e) => /^rollout .* \(\d+ replaced\)/.test(e) && !e.endsWith('(0 replaced)'));
      if (rolled) {
        const hash = /→ (\S+)/.exec(rolled)![1]!;
        expect(w.events.some((e) => e.type === 'ADDED' && (e.object.metadata as { labels?: Record<string, string> }).labels?.['pod-template-hash'] === hash)).toBe(true);
      }
    } finally { w.close(); }
  });

  it('label-pod and delete-pod over HTTP reach watchers; bad requests get 400/404', async () => {
    const [p] = sim.cluster.listPodNames();
    const w = await openWatch(`${sim.url}/api/v1/namespaces/${p!.namespace}/pods?watch=1&resourceVersion=${rvNow()}&fieldSelector=metadata.name%3D${p!.name}`);
    try {
      expect((await post('/sim/mutate', { op: 'label-pod', namespace: p!.namespace, name: p!.name, labels: { team: 'probe' } })).status).toBe(200);
      expect((await post('/sim/mutate', { op: 'delete-pod', namespace: p!.namespace, name: p!.name })).status).toBe(200);
      await w.waitFor((ev) => ev.length >= 2);
      expect(w.events.map((e) => e.type)).toEqual(['MODIFIED', 'DELETED']);
      expect((w.events[0]!.object.metadata as { labels: Record<string, string> }).labels.team).toBe('probe');
    } finally { w.close(); }
    expect((await post('/sim/mutate', { op: 'delete-pod', namespace: 'nope', name: 'nope' })).status).toBe(404);
    expect((await post('/sim/mutate', { op: 'label-pod', namespace: 'nope', name: 'nope', labels: {} })).status).toBe(404);
    expect((await post('/sim/mutate', { op: 'explode' })).status).toBe(400);
    // a cross-site form can only send text/plain or form data: refused before it is read
    const form = await fetch(`${sim.url}/sim/faults`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ outageMs: 60_000 }) });
    expect(form.status).toBe(415);
    expect(sim.faults.current().outageUntil).toBeNull();
    expect((await fetch(`${sim.url}/sim/nothing`)).status).toBe(404);
  });

  it('runs background churn at the requested rate', async () => {
    const busy = await startSim({ nodes: 8, pods: 100, seed: 2, churn: 40 });
    try {
      const w = await openWatch(`${busy.url}/api/v1/pods?watch=1&resourceVersion=${busy.cluster.resourceVersion()}`);
      const t0 = Date.now();
      await w.waitFor((ev) => ev.length >= 20, 5000);
      w.close();
      expect(Date.now() - t0).toBeLessThan(5000);
    } finally { await busy.stop(); }
  });
});
