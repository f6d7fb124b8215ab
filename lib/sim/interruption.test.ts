// Spot interruption notices, over the control endpoint and as a fault: the handler's events, the
// node tainted (and cordoned by NTH), the reclaim when the notice runs out; planted events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimHandle, startSim } from './index';
import { openWatch } from './watch-client';

type Ev = { metadata: { name: string; namespace: string; annotations?: Record<string, string> }; reason: string; message: string; type: string;
  involvedObject: { kind: string; name: string; namespace?: string; uid?: string; apiVersion?: string }; source: { component?: string; host?: string } };
type Taint = { key: string; value?: string; effect: string };

const JSON_HEADERS = { 'Content-Type': 'application/json' };
let karpenter: SimHandle;
let eks: SimHandle;
beforeAll(async () => {
  karpenter = await startSim({ nodes: 24, pods: 300, seed: 8, profile: 'karpenter' });
  eks = await startSim({ nodes: 12, pods: 200, seed: 4, profile: 'eks', noticeMs: 300 });
});
afterAll(async () => { await karpenter.stop(); await eks.stop(); });

const post = (sim: SimHandle, path: string, body: unknown) => fetch(sim.url + path, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(body) });
const events = async (sim: SimHandle, query = '') =>
  ((await (await fetch(`${sim.url}/api/v1/events${query ? `?fieldSelector=${encodeURIComponent(query)}` : ''}`)).json()) as { items: Ev[] }).items;
const taints = (sim: SimHandle, node: string) => (sim.cluster.getNode(node)?.spec?.taints as Taint[] | undefined) ?? [];

describe('interruption notices', () => {
  it('Karpenter: events on the NodeClaim, the Node and its pods, the disrupted taint, then the node is reclaimed', async () => {
    const rv = karpenter.cluster.resourceVersion();
    const nodes = await openWatch(`${karpenter.url}/api/v1/nodes?watch=1&resourceVersion=${rv}`);
    try {
      const res = await post(karpenter, '/sim/mutate', { op: 'interruption-notice', reclaimAfterMs: 300 });
      expect(res.status).toBe(200);
      const notice = await res.json() as { ok: boolean; node: string; pods: Array<{ namespace: string; name: string }>; reclaimAt: string };
      expect(notice).toMatchObject({ ok: true, node: expect.any(String), reclaimAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) });
      expect(notice.pods.length).toBeGreaterThan(0);
      const node = karpenter.cluster.getNode(notice.node)!;
      expect(node.metadata.labels?.['karpenter.sh/capacity-type']).toBe('spot');
      expect(taints(karpenter, notice.node)).toContainEqual({ key: 'karpenter.sh/disrupted', effect: 'NoSchedule' });
      expect(node.metadata.labels?.['node.kubernetes.io/exclude-from-external-load-balancers']).toBe('karpenter');
      expect(node.spec?.unschedulable).toBeUndefined(); // Karpenter taints; it does not cordon

      const onNode = await events(karpenter, `involvedObject.name=${notice.node}`);
      expect(onNode.map((e) => [e.reason, e.type, e.metadata.namespace, e.source.component])).toEqual(expect.arrayContaining([
        ['SpotInterrupted', 'Warning', 'default', 'karpenter'], ['TerminatingOnInterruption', 'Warning', 'default', 'karpenter']]));
      expect(onNode.find((e) => e.reason === 'SpotInterrupted')).toMatchObject({ message: 'Spot interruption warning was triggered',
        involvedObject: { kind: 'Node', name: notice.node, uid: node.metadata.uid, apiVersion: 'v1' } });
      const claims = (await events(karpenter, 'involvedObject.kind=NodeClaim')).filter((e) => e.reason === 'TerminatingOnInterruption');
      expect(claims[0]).toMatchObject({ involvedObject: { apiVersion: 'karpenter.sh/v1' }, message: 'Interruption triggered termination for the NodeClaim' });
      const podEvents = await events(karpenter, 'reason=SpotInterrupted,involvedObject.kind=Pod');
      // what Karpenter evicts: not DaemonSet pods, not finished or terminating ones
      const evictable = notice.pods.filter((p) => {
        const pod = karpenter.cluster.getPod(p.namespace, p.name)!;
        return pod.metadata.ownerReferences?.[0]?.kind !== 'DaemonSet' && !pod.metadata.deletionTimestamp && !['Succeeded', 'Failed'].includes(String(pod.status?.phase));
      });
      expect(podEvents.map((e) => `${e.involvedObject.namespace}/${e.involvedObject.name}`).sort()).toEqual(evictable.map((p) => `${p.namespace}/${p.name}`).sort());
      expect(podEvents[0]?.message).toBe('Pod will be evicted from the node due to a spot interruption warning');

      expect((await post(karpenter, '/sim/mutate', { op: 'interruption-notice', name: notice.node })).status).toBe(409);
      await nodes.waitFor((ev) => ev.some((e) => e.type === 'DELETED' && e.object.metadata?.name === notice.node));
      const mod = nodes.events.findIndex((e) => e.type === 'MODIFIED' && e.object.metadata?.name === notice.node);
      expect(mod).toBeGreaterThanOrEqual(0);
      for (const p of notice.pods) expect(karpenter.cluster.getPod(p.namespace, p.name), p.name).toBeUndefined();
      expect((await events(karpenter, `reason=RemovingNode,involvedObject.name=${notice.node}`))[0]).toMatchObject({ source: { component: 'node-controller' } });
    } finally { nodes.close(); }
  });

  it('answers 404 for an unknown node, 400 for a node that is not an AWS spot node, and never reclaims with reclaimAfterMs 0', async () => {
    expect((await post(karpenter, '/sim/mutate', { op: 'interruption-notice', name: 'no-such-node' })).status).toBe(404);
    const onDemand = karpenter.cluster.listNodeNames().find((n) => karpenter.cluster.getNode(n)!.metadata.labels?.['karpenter.sh/capacity-type'] === 'on-demand')!;
    const refused = await post(karpenter, '/sim/mutate', { op: 'interruption-notice', name: onDemand });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
    expect((await post(karpenter, '/sim/mutate', { op: 'interruption-notice', reclaimAfterMs: -1 })).status).toBe(400);
    const kept = karpenter.cluster.interruptionNotice(undefined, 0);
    expect(kept.reclaimAt).toBeNull();
    const w = await openWatch(`${karpenter.url}/api/v1/nodes?watch=1&resourceVersion=${karpenter.cluster.resourceVersion()}`);
    try {
      const other = karpenter.cluster.interruptionNotice(undefined, 50);
      await w.waitFor((ev) => ev.some((e) => e.type === 'DELETED' && e.object.metadata?.name === other.node));
      expect(w.events.some((e) => e.type === 'DELETED' && e.object.metadata?.name === kept.node)).toBe(false);
      expect(karpenter.cluster.getNode(kept.node)).toBeDefined();
    } finally { w.close(); }
  });

  it('aws-node-termination-handler (the spotInterruption fault): a Normal SpotInterruption on a stub Node, cordon and spot-itn taint, CordonAndDrain at the reclaim', async () => {
    const w = await openWatch(`${eks.url}/api/v1/nodes?watch=1&resourceVersion=${eks.cluster.resourceVersion()}`);
    try {
      const res = await post(eks, '/sim/faults', { spotInterruption: true });
      expect(res.status).toBe(200);
      const [itn] = await events(eks, 'reason=SpotInterruption');
      expect(itn).toBeDefined();
      const node = itn!.involvedObject.name;
      expect(itn).toMatchObject({ type: 'Normal', metadata: { namespace: 'default' }, source: { component: 'aws-node-termination-handler', host: node },
        involvedObject: { kind: 'Node', namespace: 'default', name: node, apiVersion: 'v1' } });
      expect(itn!.involvedObject.uid).toBeUndefined();
      expect(itn!.message).toMatch(/^Spot ITN received\. Instance will be interrupted at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \n$/);
      expect(itn!.metadata.annotations).toMatchObject({ 'instance-life-cycle': 'spot', 'local-hostname': node, 'instance-id': expect.stringMatching(/^i-0[0-9a-f]{16}$/) });
      const [modified] = (await w.waitFor((ev) => ev.some((e) => e.type === 'MODIFIED' && e.object.metadata?.name === node)))
        .filter((e) => e.type === 'MODIFIED' && e.object.metadata?.name === node);
      const spec = modified!.object.spec as { unschedulable?: boolean; taints?: Taint[] };
      expect(spec.unschedulable).toBe(true);
      const itnTaint = spec.taints?.find((t) => t.key === 'aws-node-termination-handler/spot-itn');
      expect(itnTaint).toMatchObject({ effect: 'NoSchedule', value: expect.stringMatching(/^spot-itn-[0-9a-f]+$/) });
      expect(itnTaint!.value!.length).toBeLessThanOrEqual(63);
      expect(spec.taints).toContainEqual(expect.objectContaining({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }));
      await w.waitFor((ev) => ev.some((e) => e.type === 'DELETED' && e.object.metadata?.name === node));
      expect((await events(eks, `reason=CordonAndDrain,involvedObject.name=${node}`))[0]).toMatchObject({ message: 'Node successfully cordoned and drained' });
    } finally { w.close(); }
  });

  it('churn sends notices (or rebalance recommendations) and reclaims noticed nodes later', async () => {
    const w = await openWatch(`${eks.url}/api/v1/nodes?watch=1&resourceVersion=${eks.cluster.resourceVersion()}`);
    try {
      const { events: did } = await (await post(eks, '/sim/mutate', { op: 'churn', count: 300 })).json() as { events: string[] };
      const noticed = did.filter((d) => d.startsWith('spot interruption notice ')).map((d) => d.split(' ')[3]!);
      expect(noticed.length + did.filter((d) => d.startsWith('rebalance recommendation ')).length).toBeGreaterThan(0);
      if (noticed.length) await w.waitFor((ev) => ev.some((e) => e.type === 'DELETED' && e.object.metadata?.name === noticed[0]));
    } finally { w.close(); }
  });
});

describe('emit-event', () => {
  it('plants an event with a hostile message as given, filling in what a recorder would', async () => {
    const message = '<img src=x onerror=alert(1)>';
    const res = await post(karpenter, '/sim/mutate', { op: 'emit-event', event: {
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'victim' }, reason: 'Hostile', message, type: 'Warning', source: { component: 'test' } } });
    expect(res.status).toBe(200);
    const out = await res.json() as { ok: boolean; namespace: string; name: string; resourceVersion: string };
    expect(out).toMatchObject({ ok: true, namespace: 'default', name: expect.stringMatching(/^victim\.[0-9a-f]{16}$/) });
    const got = await (await fetch(`${karpenter.url}/api/v1/namespaces/default/events/${out.name}`)).json() as Ev & Record<string, unknown>;
    expect(got).toMatchObject({ kind: 'Event', message, reason: 'Hostile', type: 'Warning', count: 1, eventTime: null, reportingComponent: 'test' });
    expect((await events(karpenter, 'reason=Hostile')).map((e) => e.metadata.name)).toEqual([out.name]);
    expect((await post(karpenter, '/sim/mutate', { op: 'emit-event', event: { involvedObject: { kind: 'Pod', name: 'x' }, message: 'no reason' } })).status).toBe(400);
    expect((await post(karpenter, '/sim/mutate', { op: 'emit-event', event: { involvedObject: { kind: 'Pod' }, reason: 'R', message: 'm' } })).status).toBe(400);
  });
});
