// A spot interruption as it unfolds on AWS: the two-minute notice reaches the node's handler,
// which reports it (events), taints the node so nothing new lands there, and the instance is
// reclaimed when the notice runs out. Karpenter taints karpenter.sh/disrupted and does not cordon;
// aws-node-termination-handler cordons and taints aws-node-termination-handler/spot-itn.
import type { KubeObject } from '@/lib/podnode/types';
import type { ClusterModel } from './cluster';
import { interruptNode } from './cluster';
import type { NodeInfo } from './placement';
import { ApiError } from './status';
import type { SimInterruptionNotice } from './types';
import { nameSuffix, uid } from './prng';
import type { PodRef } from './pod-events';
import { type NodeRef, karpenterRebalance, karpenterSpotInterrupted, karpenterTerminating, nthCordon, nthCordonAndDrain,
  nthRebalance, nthSpotInterruption, removingNode } from './spot-events';

export type Notice = { handler: Handler; reclaimAt: number | null; timer: NodeJS.Timeout | null };
type Handler = 'karpenter' | 'nth';

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
type Taint = { key: string; value?: string; effect: string; timeAdded?: string };

/** who hears an AWS spot notice for this node: Karpenter for its NodePools, else NTH; none off AWS */
export function handlerOf(n: NodeInfo): Handler | null {
  if (!n.spot || n.fargate || n.pool.cloud !== 'aws') return null;
  return 'karpenter.sh/nodepool' in n.pool.labels ? 'karpenter' : 'nth';
}

/** The AWS spot node (not already under notice) running the most pods; ties go to name order. */
function pickNode(m: ClusterModel): NodeInfo | undefined {
  const perNode = new Map<string, number>();
  for (const e of m.state.tables.pods.byKey.values()) {
    const node = e.fields['spec.nodeName'];
    if (node) perNode.set(node, (perNode.get(node) ?? 0) + 1);
  }
  const eligible = m.gen.nodes.filter((n) => handlerOf(n) && !m.notices.has(n.name) && (perNode.get(n.name) ?? 0) > 0);
  eligible.sort((a, b) => (perNode.get(b.name) ?? 0) - (perNode.get(a.name) ?? 0) || (a.name < b.name ? -1 : 1));
  return eligible[0];
}

function nodeClaimOf(m: ClusterModel, n: NodeInfo): NodeRef {
  let claim = m.nodeClaims.get(n.name);
  if (!claim) {
    claim = { name: `${n.pool.labels['karpenter.sh/nodepool'] ?? 'default'}-${nameSuffix(m.eventRng)}`, uid: uid(m.eventRng) };
    m.nodeClaims.set(n.name, claim);
  }
  return claim;
}

/** the instance metadata NTH attaches to its events in IMDS mode */
function imdsAnnotations(node: KubeObject): Record<string, string> {
  const labels = node.metadata.labels ?? {};
  const providerID = typeof node.spec?.providerID === 'string' ? node.spec.providerID : '';
  const ip = (node.status?.addresses as Array<{ type: string; address: string }> | undefined)?.find((a) => a.type === 'InternalIP')?.address ?? '';
  return { 'account-id': '111122223333', 'availability-zone': labels['topology.kubernetes.io/zone'] ?? '',
    'instance-id': providerID.slice(providerID.lastIndexOf('/') + 1), 'instance-life-cycle': 'spot',
    'instance-type': labels['node.kubernetes.io/instance-type'] ?? '', 'local-hostname': node.metadata.name, 'local-ipv4': ip,
    'public-hostname': '', 'public-ipv4': '', region: labels['topology.kubernetes.io/region'] ?? '' };
}

const refOf = (o: KubeObject): PodRef & NodeRef =>
  ({ namespace: o.metadata.namespace ?? '', name: o.metadata.name, uid: o.metadata.uid, resourceVersion: o.metadata.resourceVersion });

function podsOn(m: ClusterModel, node: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const e of m.state.tables.pods.byKey.values()) if (e.fields['spec.nodeName'] === node) out.push(JSON.parse(e.json) as KubeObject);
  return out;
}

function taint(node: KubeObject, t: Taint): void {
  const spec = (node.spec ??= {});
  const taints = ((spec.taints as Taint[] | undefined) ?? []).filter((x) => x.key !== t.key);
  spec.taints = [...taints, t];
}

/** NTH cordons: spec.unschedulable, and the node lifecycle controller adds its unschedulable taint */
function cordon(node: KubeObject, now: number): void {
  (node.spec ??= {}).unschedulable = true;
  taint(node, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: iso(now) });
}

export function interruptionNotice(m: ClusterModel, name?: string, reclaimAfterMs?: number): SimInterruptionNotice {
  const info = name === undefined ? pickNode(m) : m.gen.nodes.find((n) => n.name === name);
  if (!info) {
    if (name !== undefined) throw new ApiError(404, 'NotFound', `nodes "${name}" not found`, { name, kind: 'nodes' });
    throw new ApiError(409, 'Conflict', 'no AWS spot node with pods is left to interrupt');
  }
  const handler = handlerOf(info);
  if (!handler) throw new ApiError(400, 'BadRequest', `node "${info.name}" is not an AWS spot node: interruption notices come from Karpenter or aws-node-termination-handler`);
  if (m.notices.has(info.name)) throw new ApiError(409, 'Conflict', `node "${info.name}" already has an interruption notice`);
  const node = m.state.parse('nodes', info.name);
  if (!node) throw new ApiError(404, 'NotFound', `nodes "${info.name}" not found`, { name: info.name, kind: 'nodes' });
  const now = Date.now();
  const delay = reclaimAfterMs ?? m.noticeMs;
  const pods = podsOn(m, info.name);
  if (handler === 'karpenter') {
    // what Karpenter will evict: not DaemonSet pods, not finished ones
    const evictable = pods.filter((p) => p.metadata.ownerReferences?.[0]?.kind !== 'DaemonSet' && !p.metadata.deletionTimestamp
      && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    const claim = nodeClaimOf(m, info);
    for (const s of karpenterSpotInterrupted(refOf(node), claim, evictable.map(refOf))) m.events.record(s, now);
    for (const s of karpenterTerminating(refOf(node), claim)) m.events.record(s, now);
    taint(node, { key: 'karpenter.sh/disrupted', effect: 'NoSchedule' });
    // Karpenter takes a draining node out of load balancers
    node.metadata.labels = { ...node.metadata.labels, 'node.kubernetes.io/exclude-from-external-load-balancers': 'karpenter' };
  } else {
    m.events.record(nthSpotInterruption(info.name, imdsAnnotations(node), iso(now + (delay || m.noticeMs))), now);
    // the taint value is the interruption's event id, cut to the 63 characters a label value allows
    taint(node, { key: 'aws-node-termination-handler/spot-itn', value: `spot-itn-${m.eventRng.hex(54)}`, effect: 'NoSchedule' });
    cordon(node, now);
  }
  m.state.put('nodes', node);
  info.cordoned = true;
  const reclaimAt = delay > 0 ? now + delay : null;
  const timer = reclaimAt === null ? null : setTimeout(() => { if (timer) m.timers.delete(timer); reclaim(m, info.name); }, delay);
  if (timer) { timer.unref(); m.timers.add(timer); }
  m.notices.set(info.name, { handler, reclaimAt, timer });
  return { node: info.name, pods: pods.map((p) => ({ namespace: p.metadata.namespace ?? '', name: p.metadata.name })), reclaimAt: reclaimAt === null ? null : iso(reclaimAt) };
}

/** The notice ran out: the instance is gone, and with it the node and its pods. */
function reclaim(m: ClusterModel, name: string): boolean {
  const notice = m.notices.get(name);
  const node = m.state.parse('nodes', name);
  if (!node) return false;
  if (notice?.handler === 'nth') m.events.record(nthCordonAndDrain(name, imdsAnnotations(node)));
  interruptNode(m, name);
  m.events.record(removingNode(refOf(node)));
  return true;
}

/** A rebalance recommendation: the instance is at elevated risk. Karpenter only reports it; NTH
 *  (with rebalance monitoring on) also taints and cordons. */
export function rebalanceRecommendation(m: ClusterModel, info: NodeInfo): boolean {
  const handler = handlerOf(info);
  const node = m.state.parse('nodes', info.name);
  if (!handler || !node) return false;
  const now = Date.now();
  if (handler === 'karpenter') {
    for (const s of karpenterRebalance(refOf(node), nodeClaimOf(m, info))) m.events.record(s, now);
    return true;
  }
  const annotations = imdsAnnotations(node);
  m.events.record(nthRebalance(info.name, annotations, iso(now)), now);
  taint(node, { key: 'aws-node-termination-handler/rebalance-recommendation', value: `rebalance-recommendation-${m.eventRng.hex(38)}`, effect: 'NoSchedule' });
  cordon(node, now);
  m.state.put('nodes', node);
  info.cordoned = true;
  m.events.record(nthCordon(info.name, annotations), now);
  return true;
}
