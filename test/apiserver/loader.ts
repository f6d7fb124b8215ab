// Writes a simulator-generated cluster into a real API server: namespaces, nodes (with their status
// through the status subresource: capacity, allocatable, conditions), and pods bound to their nodes
// (status written the same way, so they read Running, Pending, CrashLoopBackOff, Evicted, …).
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

export type Loaded = { namespaces: string[]; nodes: number; pods: number };

export async function loadCluster(kube: Kube, sim: SimHandle): Promise<Loaded> {
  const pods = sim.cluster.listPodNames().map(({ namespace, name }) => sim.cluster.getPod(namespace, name)!);
  const nodes = sim.cluster.listNodeNames().map((n) => sim.cluster.getNode(n)!);
  const namespaces = [...new Set(pods.map((p) => p.metadata.namespace!))].sort();
  for (const ns of namespaces) {
    const r = await kube.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    if (r.status >= 300 && r.status !== 409) throw new Error(`namespace ${ns}: HTTP ${r.status} ${r.text.slice(0, 300)}`); // kube-system exists
  }
  // RuntimeClasses the pods name, with the overhead the pods carry (RuntimeClass admission puts it back)
  const runtimeClasses = new Map<string, unknown>();
  for (const p of pods) if (typeof p.spec?.runtimeClassName === 'string') runtimeClasses.set(p.spec.runtimeClassName, p.spec.overhead);
  for (const [name, overhead] of runtimeClasses) {
    await must(`runtimeclass ${name}`, kube.request('POST', '/apis/node.k8s.io/v1/runtimeclasses', { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name }, handler: name.replace(/[^a-z0-9-]/g, '-'), ...(overhead ? { overhead: { podFixed: overhead } } : {}) }));
  }
  await inBatches(nodes, 8, async (node) => {
    const created = await must(`node ${node.metadata.name}`, kube.request('POST', '/api/v1/nodes', forCreate(node)));
    await must(`node ${node.metadata.name} status`, kube.request('PUT', `/api/v1/nodes/${node.metadata.name}/status`, { ...created, status: node.status }));
  });
  await inBatches(pods, 8, async (pod) => {
    const base = `/api/v1/namespaces/${pod.metadata.namespace}/pods`;
    const created = await must(`pod ${pod.metadata.name}`, kube.request('POST', base, forCreate(pod)));
    if (pod.status) await must(`pod ${pod.metadata.name} status`, kube.request('PUT', `${base}/${pod.metadata.name}/status`, { ...created, status: pod.status }));
  });
  return { namespaces, nodes: nodes.length, pods: pods.length };
}
