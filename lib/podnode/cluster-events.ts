// What an event says about spot capacity, by the reasons the tools that handle interruptions
// really emit (looked up in their sources, not guessed):
//   Karpenter (AWS provider, component `karpenter`, on the Node, its NodeClaim and, for a spot
//   interruption, each pod on it): SpotInterrupted, SpotRebalanceRecommendation,
//   TerminatingOnInterruption, InstanceTerminating, InstanceStopping, InstanceUnhealthy; Karpenter
//   core's DisruptionTerminating when it disrupts a node itself.
//   AWS Node Termination Handler (component `aws-node-termination-handler`, on the Node, in the
//   `default` namespace): SpotInterruption, RebalanceRecommendation, ScheduledEvent,
//   SQSTermination, UnknownInterruption, then CordonAndDrain as it acts.
// OOMKilled is not an event reason: the kubelet reports it in the container's lastState.
import type { KubeObject } from './types';

export type EventKind = 'interruption' | 'rebalance' | 'disruption';

const KINDS = new Map<string, EventKind>([
  ['SpotInterrupted', 'interruption'],
  ['SpotInterruption', 'interruption'],
  ['SpotRebalanceRecommendation', 'rebalance'],
  ['RebalanceRecommendation', 'rebalance'],
  ['TerminatingOnInterruption', 'disruption'],
  ['InstanceTerminating', 'disruption'],
  ['InstanceStopping', 'disruption'],
  ['InstanceUnhealthy', 'disruption'],
  ['DisruptionTerminating', 'disruption'],
  ['ScheduledEvent', 'disruption'],
  ['SQSTermination', 'disruption'],
  ['UnknownInterruption', 'disruption'],
  ['CordonAndDrain', 'disruption'],
]);

/** How an event reads on the node view: a notice outranks a rebalance hint, which outranks the rest. */
export const KIND_RANK: Record<EventKind, number> = { interruption: 3, disruption: 2, rebalance: 1 };

export function eventKindOf(reason: string): EventKind | null {
  return KINDS.get(reason) ?? null;
}

/** An event as the views show it: what happened, to what, who said so, and when. */
export type ClusterEvent = {
  uid: string;
  type: string;
  reason: string;
  message: string;
  /** the reporting controller: `kubelet`, `default-scheduler`, `karpenter`, … */
  component: string;
  count: number;
  /** ISO time of the last occurrence */
  lastAt: string;
  object: { kind: string; name: string; namespace: string | null; uid: string | null };
};

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function toClusterEvent(ev: KubeObject): ClusterEvent {
  const e = ev as Record<string, unknown>;
  const involved = (e.involvedObject ?? {}) as Record<string, unknown>;
  const source = (e.source ?? {}) as Record<string, unknown>;
  const series = (e.series ?? {}) as Record<string, unknown>;
  return {
    uid: ev.metadata.uid,
    type: str(e.type) ?? 'Normal',
    reason: str(e.reason) ?? '',
    message: str(e.message) ?? '',
    component: str(e.reportingComponent) ?? str(source.component) ?? '',
    count: typeof e.count === 'number' && e.count > 0 ? e.count : typeof series.count === 'number' ? series.count : 1,
    lastAt: str(series.lastObservedTime) ?? str(e.lastTimestamp) ?? str(e.eventTime) ?? str(e.firstTimestamp) ?? ev.metadata.creationTimestamp ?? new Date(0).toISOString(),
    object: { kind: str(involved.kind) ?? '', name: str(involved.name) ?? '', namespace: str(involved.namespace), uid: str(involved.uid) },
  };
}
