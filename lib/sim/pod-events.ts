// The pod and budget events a cluster keeps producing, with the reasons and messages of the
// components that write them: the scheduler (FailedScheduling, Preempted), the kubelet (BackOff,
// Evicted) and the disruption controller (NoPods).
import type { EventSpec, InvolvedObject } from './event-recorder';

export type PodRef = { namespace: string; name: string; uid: string; resourceVersion?: string };

/** ObjectReference field order: kind, namespace, name, uid, apiVersion, resourceVersion, fieldPath */
export function podRef(p: PodRef, fieldPath?: string): InvolvedObject {
  return { kind: 'Pod', namespace: p.namespace, name: p.name, uid: p.uid, apiVersion: 'v1',
    ...(p.resourceVersion ? { resourceVersion: p.resourceVersion } : {}), ...(fieldPath ? { fieldPath } : {}) };
}

const SCHEDULER = { component: 'default-scheduler' };

/** the scheduler writes the same message to the event and to the PodScheduled condition */
export function failedScheduling(pod: PodRef, message: string, history?: { firstSeen: number; count: number }): EventSpec {
  return { involved: podRef(pod), reason: 'FailedScheduling', message, type: 'Warning', source: SCHEDULER, ...history };
}

/** preemption deletes the victim; its event outlives it (the preemptor is named by UID) */
export function preempted(victim: PodRef, preemptorUid: string, node: string): EventSpec {
  return { involved: podRef(victim), reason: 'Preempted', message: `Preempted by pod ${preemptorUid} on node ${node}`, type: 'Normal', source: SCHEDULER };
}

export function backOff(pod: PodRef, container: string, node: string, history?: { firstSeen: number; count: number }): EventSpec {
  return {
    involved: podRef(pod, `spec.containers{${container}}`), reason: 'BackOff', type: 'Warning', source: { component: 'kubelet', host: node },
    message: `Back-off restarting failed container ${container} in pod ${pod.name}_${pod.namespace}(${pod.uid})`, ...history,
  };
}

/** the eviction manager's message, the same text it writes to the pod's status */
export function evicted(pod: PodRef, node: string, message: string): EventSpec {
  return { involved: podRef(pod), reason: 'Evicted', message, type: 'Warning', source: { component: 'kubelet', host: node } };
}

export function noPods(pdb: PodRef): EventSpec {
  return {
    involved: { kind: 'PodDisruptionBudget', namespace: pdb.namespace, name: pdb.name, uid: pdb.uid, apiVersion: 'policy/v1',
      ...(pdb.resourceVersion ? { resourceVersion: pdb.resourceVersion } : {}) },
    reason: 'NoPods', message: 'No matching pods found', type: 'Normal', source: { component: 'controllermanager' },
  };
}
