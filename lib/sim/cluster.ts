// The cluster model behind SimCluster and churn: pods created, scheduled and lost with their
// nodes. Every change goes through SimState, so it bumps the resourceVersion and reaches every watch.
import type { KubeObject } from '@/lib/podnode/types';
import type { SimState } from './sim-state';
import type { GeneratedCluster, NodeInfo } from './generate-cluster';
import { podName } from './generate-cluster';
import { makePod } from './make-pod';
import { makeNode } from './make-node';
import type { PodState, Workload } from './workload';
import { cpuMillis, leastLoaded, podCpuRequest } from './placement';
import type { Rng } from './prng';
import type { EventRecorder, EventSpec } from './event-recorder';
import type { PdbTracker } from './pdb-tracker';
import type { Notice } from './interruption';
import type { NodeRef } from './spot-events';

export type ClusterModel = {
  state: SimState;
  gen: GeneratedCluster;
  workloadByOwner: Map<string, Workload>;
  /** pods waiting for the simulated scheduler: bound after a short delay, as a real one would */
  pending: Array<{ namespace: string; name: string }>;
  timers: Set<NodeJS.Timeout>;
  /** ms before a Pending replacement is scheduled */
  scheduleDelayMs: number;
  events: EventRecorder;
  /** draws for events and notices, apart from gen.rng so pods and churn stay as they were */
  eventRng: Rng;
  pdbs: PdbTracker;
  /** nodes under an interruption notice */
  notices: Map<string, Notice>;
  /** ms from a spot interruption notice to the instance's reclaim (AWS gives two minutes) */
  noticeMs: number;
  /** Karpenter's NodeClaim for a node, named once events first mention it */
  nodeClaims: Map<string, NodeRef>;
  /** warnings their components repeat while the pod stays as it is (BackOff, FailedScheduling) */
  recurring: EventSpec[];
};

export const key = (ns: string, name: string) => `${ns}/${name}`;

export function createPodFor(m: ClusterModel, w: Workload, state: PodState, node: NodeInfo | null): KubeObject {
  // A name still in use is never taken over: a real API server refuses the create (409), and a
  // put over a live pod would reach watchers as a MODIFIED that changes the pod's uid.
  let name = podName(w, m.gen.rng, m.gen.rng.int(1000));
  for (let tries = 0; m.state.get('pods', key(w.namespace, name)) && tries < 100; tries++) name = podName(w, m.gen.rng, m.gen.rng.int(100_000));
  const pod = makePod(w, name, state, node ? { nodeName: node.name, hostIP: node.ip } : { nodeName: null, hostIP: null }, m.gen.rng, new Date());
  m.state.put('pods', pod);
  if (!node) queueForScheduling(m, w.namespace, name);
  return pod;
}

export function pickNode(m: ClusterModel, w?: Workload): NodeInfo | undefined {
  return leastLoaded(m.gen.rng, m.gen.nodes, w?.tolerateSpot ?? false);
}

function workloadOf(m: ClusterModel, pod: KubeObject): Workload | undefined {
  const owner = pod.metadata.ownerReferences?.[0];
  return owner ? m.workloadByOwner.get(`${pod.metadata.namespace}/${owner.name}`) : undefined;
}

function queueForScheduling(m: ClusterModel, namespace: string, name: string): void {
  m.pending.push({ namespace, name });
  const t = setTimeout(() => { m.timers.delete(t); schedulePending(m); }, m.scheduleDelayMs);
  m.timers.add(t);
}

/** Binds every pending pod to a node and starts it (Pending → Running). */
function schedulePending(m: ClusterModel): number {
  let bound = 0;
  for (const { namespace, name } of m.pending.splice(0, m.pending.length)) {
    const pod = m.state.parse('pods', key(namespace, name));
    const w = pod && workloadOf(m, pod);
    const node = w && pickNode(m, w);
    if (!pod || !w || !node || pod.spec?.nodeName) continue;
    const fresh = makePod(w, name, w.kind === 'Job' ? 'Completed' : 'Running', { nodeName: node.name, hostIP: node.ip }, m.gen.rng, new Date(pod.metadata.creationTimestamp ?? Date.now()));
    fresh.metadata.uid = pod.metadata.uid;
    fresh.metadata.creationTimestamp = pod.metadata.creationTimestamp;
    node.requestedMilli += podCpuRequest(fresh);
    m.state.put('pods', fresh);
    bound++;
  }
  return bound;
}

/** Spot interruption: the node and its pods go; controllers recreate their pods Pending. */
export function interruptNode(m: ClusterModel, name: string): boolean {
  const info = m.gen.nodes.find((n) => n.name === name);
  const notice = m.notices.get(name);
  if (notice?.timer) { clearTimeout(notice.timer); m.timers.delete(notice.timer); }
  m.notices.delete(name);
  m.nodeClaims.delete(name);
  if (!m.state.remove('nodes', name)) return false;
  m.gen.nodes = m.gen.nodes.filter((n) => n.name !== name);
  const table = m.state.tables.pods;
  const doomed = table.keys.filter((k) => table.byKey.get(k)?.fields['spec.nodeName'] === name);
  for (const k of doomed) {
    const pod = m.state.parse('pods', k);
    m.state.remove('pods', k);
    const w = pod && workloadOf(m, pod);
    if (w && w.kind !== 'DaemonSet' && w.kind !== 'Job') createPodFor(m, w, 'Pending', null);
  }
  // the autoscaler brings a replacement from the same pool; DaemonSets follow it
  if (info) {
    const node = makeNode(info.pool, m.gen.nextNodeIndex++, m.gen.rng, new Date());
    const ip = ((node.status?.addresses as Array<{ address: string }>)[0] as { address: string }).address;
    const fresh: NodeInfo = { ...info, name: node.metadata.name, ip, index: m.gen.nextNodeIndex - 1,
      cpuMilli: cpuMillis((node.status?.allocatable as { cpu: string }).cpu), requestedMilli: 0, cordoned: false };
    m.state.put('nodes', node);
    m.gen.nodes.push(fresh);
    if (!fresh.fargate) for (const ds of m.gen.daemonSets) createPodFor(m, ds, 'ContainerCreating', fresh);
  }
  return true;
}
