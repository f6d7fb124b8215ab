// The events a spot interruption leaves, as each handler writes them. Karpenter (component
// `karpenter`, the AWS provider's interruption controller) reports on the NodeClaim, the Node and
// the pods it will evict; aws-node-termination-handler in IMDS mode (a DaemonSet pod on the node
// itself: host = the node) reports on a stub Node in namespace `default` that carries no uid,
// with the instance metadata as annotations; the node lifecycle controller reports the removal.
import type { EventSpec, InvolvedObject } from './event-recorder';
import { type PodRef, podRef } from './pod-events';

export type NodeRef = { name: string; uid: string; resourceVersion?: string };

export function nodeRef(n: NodeRef): InvolvedObject {
  return { kind: 'Node', name: n.name, uid: n.uid, apiVersion: 'v1', ...(n.resourceVersion ? { resourceVersion: n.resourceVersion } : {}) };
}

const nodeClaimRef = (c: NodeRef): InvolvedObject => ({ kind: 'NodeClaim', name: c.name, uid: c.uid, apiVersion: 'karpenter.sh/v1' });

const KARPENTER = { component: 'karpenter' };
const karpenter = (involved: InvolvedObject, type: EventSpec['type'], reason: string, message: string): EventSpec =>
  ({ involved, type, reason, message, source: KARPENTER });

export function karpenterSpotInterrupted(node: NodeRef, claim: NodeRef, pods: PodRef[]): EventSpec[] {
  return [
    karpenter(nodeClaimRef(claim), 'Warning', 'SpotInterrupted', 'Spot interruption warning was triggered'),
    karpenter(nodeRef(node), 'Warning', 'SpotInterrupted', 'Spot interruption warning was triggered'),
    ...pods.map((p) => karpenter(podRef(p), 'Warning', 'SpotInterrupted', 'Pod will be evicted from the node due to a spot interruption warning')),
  ];
}

export function karpenterRebalance(node: NodeRef, claim: NodeRef): EventSpec[] {
  return [
    karpenter(nodeClaimRef(claim), 'Normal', 'SpotRebalanceRecommendation', 'Spot rebalance recommendation was triggered'),
    karpenter(nodeRef(node), 'Normal', 'SpotRebalanceRecommendation', 'Spot rebalance recommendation was triggered'),
  ];
}

export function karpenterTerminating(node: NodeRef, claim: NodeRef): EventSpec[] {
  return [
    karpenter(nodeClaimRef(claim), 'Warning', 'TerminatingOnInterruption', 'Interruption triggered termination for the NodeClaim'),
    karpenter(nodeRef(node), 'Warning', 'TerminatingOnInterruption', 'Interruption triggered termination for the Node'),
  ];
}

/** K8sEventRecorder.Emit in IMDS mode: every interruption event is type Normal */
function nth(node: string, annotations: Record<string, string>, reason: string, message: string): EventSpec {
  return { involved: { kind: 'Node', namespace: 'default', name: node, apiVersion: 'v1' }, reason, message, type: 'Normal',
    source: { component: 'aws-node-termination-handler', host: node }, namespace: 'default', annotations };
}

/** the interruption event's Description, trailing " \n" included */
export const nthSpotInterruption = (node: string, annotations: Record<string, string>, at: string): EventSpec =>
  nth(node, annotations, 'SpotInterruption', `Spot ITN received. Instance will be interrupted at ${at} \n`);

export const nthRebalance = (node: string, annotations: Record<string, string>, at: string): EventSpec =>
  nth(node, annotations, 'RebalanceRecommendation', `Rebalance recommendation received. Instance will be cordoned at ${at} \n`);

export const nthCordon = (node: string, annotations: Record<string, string>): EventSpec =>
  nth(node, annotations, 'Cordon', 'Node successfully cordoned');

export const nthCordonAndDrain = (node: string, annotations: Record<string, string>): EventSpec =>
  nth(node, annotations, 'CordonAndDrain', 'Node successfully cordoned and drained');

/** nodeutil.RecordNodeEvent from the node lifecycle controller when a node object goes away */
export function removingNode(node: NodeRef): EventSpec {
  return { involved: { kind: 'Node', name: node.name, uid: node.uid, apiVersion: 'v1' }, reason: 'RemovingNode', type: 'Normal',
    message: `Node ${node.name} event: Removing Node ${node.name} from Controller`, source: { component: 'node-controller' } };
}
