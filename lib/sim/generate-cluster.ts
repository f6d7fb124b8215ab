// Generates a whole cluster deterministically from a seed: nodes from the profile's pools,
// namespaces, DaemonSet pods on every node, workloads with special-state pods sprinkled in.
// Pods go straight to `sink` so 150k of them never exist as object graphs at once.
import type { KubeObject } from '@/lib/podnode/types';
import type { SimProfile } from './types';
import { type NodePool, poolsFor } from './node-pools';
import { type NodeInfo, cpuMillis, leastLoaded, podCpuRequest } from './placement';
import { makeNode } from './make-node';
import { makePod } from './make-pod';
import { type Rng, createRng, nameSuffix, uid } from './prng';
import { SYSTEM_DAEMONSETS, makeWorkload, planWorkloads } from './workload-plan';
import type { PodState, Workload } from './workload';

export type { NodeInfo } from './placement';

export type GenerateOptions = { nodes: number; pods: number; profile: SimProfile; seed: number; namespaces: readonly string[]; now: number };

export type GeneratedCluster = {
  rng: Rng;
  nodes: NodeInfo[];
  nodeObjects: KubeObject[];
  namespaces: KubeObject[];
  workloads: Workload[];
  daemonSets: Workload[];
  podCount: number;
  /** generated pod names that were taken already and drawn again */
  nameRedraws: number;
  nextNodeIndex: number;
};

/** A node name no node has: a pod still bound to a node that was deleted. */
export const GONE_NODE = 'ip-10-255-255-254.us-west-2.compute.internal';

export function podName(w: Workload, rng: Rng, ordinal: number): string {
  if (w.kind === 'StatefulSet') return `${w.name}-${ordinal}`;
  if (w.kind === 'Deployment') return `${w.ownerName}-${nameSuffix(rng)}`;
  return `${w.ownerName}-${nameSuffix(rng)}`;
}

function namespaceObject(name: string, rng: Rng, created: Date): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, uid: uid(rng), creationTimestamp: created.toISOString().replace(/\.\d+Z$/, 'Z'),
    labels: { 'kubernetes.io/metadata.name': name } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
}

function validateGenerateOptions(o: GenerateOptions): void {
  const bad = (what: string) => { throw new Error(`podnode-sim: ${what}`); };
  if (!Number.isInteger(o.nodes) || o.nodes < 1 || o.nodes > 20_000) bad(`nodes must be an integer 1..20000, got ${o.nodes}`);
  if (!Number.isInteger(o.pods) || o.pods < 0 || o.pods > 500_000) bad(`pods must be an integer 0..500000, got ${o.pods}`);
  for (const ns of o.namespaces) if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(ns)) bad(`namespace "${ns}" is not a valid DNS label`);
}

export function generateCluster(o: GenerateOptions, sink: (pod: KubeObject) => void): GeneratedCluster {
  validateGenerateOptions(o);
  const rng = createRng(o.seed);
  const ago = (maxDays: number) => new Date(o.now - 60_000 - rng.int(maxDays * 86_400_000));
  const pools = poolsFor(o.profile);
  const nodes: NodeInfo[] = [];
  const nodeObjects: KubeObject[] = [];
  for (let i = 0; i < o.nodes; i++) {
    // the first pass guarantees one node per pool; then weight towards the big general pools
    const pool = i < pools.length ? pools[i] as NodePool : pools[rng.chance(0.5) ? rng.int(Math.min(3, pools.length)) : rng.int(pools.length)] as NodePool;
    const node = makeNode(pool, i + 1, rng, ago(90));
    const ip = ((node.status?.addresses as Array<{ address: string }>)[0] as { address: string }).address;
    const cpuMilli = cpuMillis((node.status?.allocatable as { cpu: string }).cpu);
    nodes.push({ name: node.metadata.name, ip, spot: pool.spot, fargate: !!pool.fargate, pool, index: i + 1, cpuMilli, requestedMilli: 0 });
    nodeObjects.push(node);
  }
  const regular = nodes.filter((n) => !n.fargate);
  const place = (n: NodeInfo | undefined) => (n ? { nodeName: n.name, hostIP: n.ip } : { nodeName: null, hostIP: null });
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const placeFor = (w: Workload) => place(leastLoaded(rng, regular.length ? regular : nodes, w.tolerateSpot));
  let podCount = 0;
  // A generated name can repeat (five random characters: ~1 in 14 million a pair, so a few times
  // among 5,000 pods of one DaemonSet). The API server refuses such a create (409) and the
  // controller draws again; so do we, or the later pod would silently replace the earlier one.
  const taken = new Set<string>();
  let nameRedraws = 0;
  const emit = (w: Workload, drawn: string, state: PodState, p: ReturnType<typeof place>) => {
    let name = drawn;
    while (taken.has(`${w.namespace}/${name}`)) {
      if (w.kind === 'StatefulSet') throw new Error(`podnode-sim: StatefulSet pod ${w.namespace}/${name} generated twice`);
      name = podName(w, rng, 0);
      nameRedraws++;
    }
    taken.add(`${w.namespace}/${name}`);
    const pod = makePod(w, name, state, p, rng, ago(30));
    const node = p.nodeName ? byName.get(p.nodeName) : undefined;
    if (node) node.requestedMilli += podCpuRequest(pod);
    sink(pod);
    podCount++;
  };

  const dsCount = Math.min(SYSTEM_DAEMONSETS.length, Math.floor((o.pods * 0.3) / Math.max(1, regular.length)));
  const daemonSets = SYSTEM_DAEMONSETS.slice(0, Math.max(o.pods >= regular.length ? 1 : 0, dsCount))
    .map((name) => makeWorkload(rng, 'DaemonSet', name, name === 'kube-proxy' ? 'kube-system' : 'monitoring', regular.length, { appLabel: 'k8s-app', tolerateSpot: true }));
  for (const ds of daemonSets) for (const n of regular) emit(ds, podName(ds, rng, 0), 'Running', place(n));

  const workloads = planWorkloads(rng, Math.max(0, o.pods - podCount - nodes.length + regular.length - 6), o.namespaces);
  // Fargate runs one pod per node: a dedicated workload fills them
  const fargate = nodes.filter((n) => n.fargate);
  if (fargate.length) {
    const w = makeWorkload(rng, 'Deployment', 'serverless-batch', workloads[3]?.namespace ?? 'default', fargate.length, { appLabel: 'app' });
    workloads.push(w);
    for (const n of fargate) emit(w, podName(w, rng, 0), 'Running', place(n));
  }
  for (const w of workloads) {
    if (w.name === 'serverless-batch') continue;
    for (let i = 0; i < w.replicas; i++) {
      const roll = rng.next();
      const state: PodState = w.kind === 'Job' ? 'Completed' : roll < 0.004 ? 'Unschedulable' : roll < 0.006 ? 'Evicted'
        : roll < 0.008 ? 'Terminating' : roll < 0.011 ? 'CrashLoopBackOff' : roll < 0.012 ? 'Resizing' : 'Running';
      emit(w, podName(w, rng, i), state, state === 'Unschedulable' ? place(undefined) : placeFor(w));
    }
  }
  // the special cases, guaranteed at any size (workloads[3..7] are the feature workloads of planWorkloads)
  const feature = (i: number): Workload => {
    const w = workloads[i];
    if (!w) throw new Error(`podnode-sim: feature workload ${i} missing`);
    return w;
  };
  const [api, web, worker, db] = [feature(3), feature(4), feature(5), feature(6)];
  emit(api, podName(api, rng, 0), 'Evicted', placeFor(api));
  emit(web, podName(web, rng, 0), 'Unschedulable', place(undefined));
  emit(worker, podName(worker, rng, 0), 'CrashLoopBackOff', placeFor(worker));
  emit(worker, podName(worker, rng, 0), 'Terminating', placeFor(worker));
  emit(web, podName(web, rng, 0), 'Resizing', placeFor(web));
  emit(db, podName(db, rng, db.replicas), 'Running', { nodeName: GONE_NODE, hostIP: '10.255.255.254' });

  const nsNames = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease', 'monitoring', ...o.namespaces, ...workloads.map((w) => w.namespace)]);
  const namespaces = [...nsNames].sort().map((n) => namespaceObject(n, rng, ago(400)));
  return { rng, nodes, nodeObjects, namespaces, workloads, daemonSets, podCount, nameRedraws, nextNodeIndex: nodes.length + 1 };
}
