// Writes a simulator-generated cluster into a real API server: namespaces, nodes (with their status
// through the status subresource: capacity, allocatable, conditions), pods bound to their nodes
// (status written the same way, so they read Running, Pending, CrashLoopBackOff, Evicted, …), the
// PodDisruptionBudgets and the events.
import type { KubeObject } from '@/lib/podnode/types';
import type { SimHandle } from '@/lib/sim';
import type { Kube } from './kube-client';

const SERVER_FIELDS = ['uid', 'resourceVersion', 'creationTimestamp', 'managedFields', 'generation', 'selfLink'] as const;

function forCreate(obj: KubeObject): KubeObject {
  const copy = structuredClone(obj);
  for (const f of SERVER_FIELDS) delete copy.metadata[f];
  delete copy.status;
  // set by the Priority and RuntimeClass admission plugins from priorityClassName and
  // runtimeClassName; a client may not send them
  if (copy.spec) {
    delete copy.spec.priority;
    delete copy.spec.overhead;
  }
  return copy;
}

async function must(what: string, p: Promise<{ status: number; text: string; body: unknown }>): Promise<KubeObject> {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
  return r.body as KubeObject;
}

async function inBatches<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(fn));
}

export type Loaded = {
  namespaces: string[]; nodes: number; pods: number; pdbs: number; events: number;
  /** the simulator's uid of each created node, pod and PDB → the uid the real server gave it */
  uids: Map<string, string>;
};

export async function loadCluster(kube: Kube, sim: SimHandle): Promise<Loaded> {
  const pods = sim.cluster.listPodNames().map(({ namespace, name }) => sim.cluster.getPod(namespace, name)!);
  const nodes = sim.cluster.listNodeNames().map((n) => sim.cluster.getNode(n)!);
  const pdbs = sim.cluster.listPdbNames().map(({ namespace, name }) => sim.cluster.getPdb(namespace, name)!);
  const events = sim.cluster.listEvents();
  const namespaces = [...new Set([...pods, ...pdbs, ...events].map((o) => o.metadata.namespace!))].sort();
  for (const ns of namespaces) {
    const r = await kube.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    if (r.status >= 300 && r.status !== 409) throw new Error(`namespace ${ns}: HTTP ${r.status} ${r.text.slice(0, 300)}`); // kube-system and default exist
  }
  // RuntimeClasses the pods name, with the overhead the pods carry (RuntimeClass admission puts it back)
  const runtimeClasses = new Map<string, unknown>();
  for (const p of pods) if (typeof p.spec?.runtimeClassName === 'string') runtimeClasses.set(p.spec.runtimeClassName, p.spec.overhead);
  for (const [name, overhead] of runtimeClasses) {
    await must(`runtimeclass ${name}`, kube.request('POST', '/apis/node.k8s.io/v1/runtimeclasses', { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name }, handler: name.replace(/[^a-z0-9-]/g, '-'), ...(overhead ? { overhead: { podFixed: overhead } } : {}) }));
  }
  const uids = new Map<string, string>();
  await inBatches(nodes, 8, async (node) => {
    const created = await must(`node ${node.metadata.name}`, kube.request('POST', '/api/v1/nodes', forCreate(node)));
    uids.set(node.metadata.uid, created.metadata.uid);
    await must(`node ${node.metadata.name} status`, kube.request('PUT', `/api/v1/nodes/${node.metadata.name}/status`, { ...created, status: node.status }));
  });
  await inBatches(pods, 8, async (pod) => {
    const base = `/api/v1/namespaces/${pod.metadata.namespace}/pods`;
    const created = await must(`pod ${pod.metadata.name}`, kube.request('POST', base, forCreate(pod)));
    uids.set(pod.metadata.uid, created.metadata.uid);
    if (pod.status) await must(`pod ${pod.metadata.name} status`, kube.request('PUT', `${base}/${pod.metadata.name}/status`, { ...created, status: pod.status }));
    // A create drops deletionTimestamp. A graceful delete of a bound pod sets it, and with no
    // kubelet here to confirm the pod stopped, it stays Terminating, as it does in the simulator.
    if (pod.metadata.deletionTimestamp) {
      const grace = Number(pod.metadata.deletionGracePeriodSeconds ?? 30) || 30;
      await must(`pod ${pod.metadata.name} delete`, kube.request('DELETE', `${base}/${pod.metadata.name}?gracePeriodSeconds=${grace}`));
    }
  });
  await inBatches(pdbs, 8, async (pdb) => {
    const base = `/apis/policy/v1/namespaces/${pdb.metadata.namespace}/poddisruptionbudgets`;
    const created = await must(`pdb ${pdb.metadata.name}`, kube.request('POST', base, forCreate(pdb)));
    uids.set(pdb.metadata.uid, created.metadata.uid);
    // No kube-controller-manager runs here, so nothing else writes a budget's status. Written
    // without the top-level observedGeneration: the status then reads as not yet matched to the
    // spec, and the dashboard works the budget out from the pods itself, which is what lets the
    // workloads test compare our arithmetic with the simulator's.
    const status = { ...(pdb.status as Record<string, unknown>) };
    delete status.observedGeneration;
    await must(`pdb ${pdb.metadata.name} status`, kube.request('PUT', `${base}/${pdb.metadata.name}/status`, { ...created, status }));
  });
  // Events last: each names its object by the uid the real server gave it. Objects never created
  // here (Karpenter's NodeClaims, pods already gone, such as preemption victims) keep the
  // simulator's uid; the termination handler's Node stubs have none.
  await inBatches(events, 8, async (ev) => {
    const copy = forCreate(ev);
    const involved = copy.involvedObject as { uid?: string };
    if (involved.uid) involved.uid = uids.get(involved.uid) ?? involved.uid;
    await must(`event ${ev.metadata.name}`, kube.request('POST', `/api/v1/namespaces/${ev.metadata.namespace}/events`, copy));
  });
  return { namespaces, nodes: nodes.length, pods: pods.length, pdbs: pdbs.length, events: events.length, uids };
}
