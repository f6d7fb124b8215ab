// The events a cluster already holds when the simulator starts: warnings for the pods generated
// in trouble (FailedScheduling, BackOff, Evicted), a few preemptions whose victims are gone, and
// the disruption controller's NoPods for a budget that selects nothing. Only events younger than
// the event TTL (an hour) would still exist, so last-seen times fall within it; repeating ones
// keep the first time they were seen and their count, as the recorder aggregates them.
import type { KubeObject } from '@/lib/podnode/types';
import type { EventRecorder, EventSpec } from './event-recorder';
import { type Rng, nameSuffix, uid } from './prng';
import { type PodRef, backOff, evicted, failedScheduling, noPods, preempted } from './pod-events';
import type { Workload } from './workload';

export type NotablePod = {
  state: 'unschedulable' | 'crashloop' | 'evicted';
  ref: PodRef; node: string; created: number; message: string; container: string; restarts: number;
};

type Condition = { type?: string; reason?: string; message?: string };
type ContainerStatus = { name?: string; restartCount?: number; state?: { waiting?: { reason?: string } } };

/** What the generator made of a pod, if its components would be reporting on it (cheap: read once, as it is made). */
export function notableOf(pod: KubeObject): NotablePod | null {
  const status = pod.status ?? {};
  const node = typeof pod.spec?.nodeName === 'string' ? pod.spec.nodeName : '';
  const base = { ref: { namespace: pod.metadata.namespace ?? '', name: pod.metadata.name, uid: pod.metadata.uid, resourceVersion: pod.metadata.resourceVersion },
    node, created: Date.parse(pod.metadata.creationTimestamp ?? '') || 0, message: '', container: '', restarts: 0 };
  if (status.phase === 'Pending' && !node) {
    const c = ((status.conditions as Condition[] | undefined) ?? []).find((x) => x.type === 'PodScheduled' && x.reason === 'Unschedulable');
    return c?.message ? { ...base, state: 'unschedulable', message: c.message } : null;
  }
  if (status.phase === 'Failed' && status.reason === 'Evicted' && node) {
    return { ...base, state: 'evicted', message: typeof status.message === 'string' ? status.message : '' };
  }
  const crash = ((status.containerStatuses as ContainerStatus[] | undefined) ?? []).find((c) => c.state?.waiting?.reason === 'CrashLoopBackOff');
  return crash && node ? { ...base, state: 'crashloop', container: crash.name ?? '', restarts: crash.restartCount ?? 0 } : null;
}

export type InitialEventInput = {
  notable: readonly NotablePod[];
  /** running pods that could have preempted others: [pod uid, node] */
  preemptors: ReadonlyArray<{ uid: string; node: string }>;
  workloads: readonly Workload[];
  emptyPdbs: readonly PodRef[];
  now: number;
};

/** Loads the initial events; returns the repeating ones, which churn re-records now and then. */
export function loadInitialEvents(rec: EventRecorder, rng: Rng, input: InitialEventInput): EventSpec[] {
  const { now } = input;
  const recent = (maxMs: number) => now - rng.int(maxMs);
  const recurring: EventSpec[] = [];
  for (const p of input.notable) {
    if (p.state === 'unschedulable') {
      const spec = failedScheduling(p.ref, p.message);
      rec.load({ ...spec, firstSeen: Math.min(p.created + 1000, now), count: 1 + rng.int(300) }, recent(300_000));
      recurring.push(spec);
    } else if (p.state === 'crashloop') {
      const spec = backOff(p.ref, p.container, p.node);
      rec.load({ ...spec, firstSeen: Math.min(p.created + 60_000, now), count: p.restarts * 4 + rng.int(4) }, recent(60_000));
      recurring.push(spec);
    } else {
      const at = now - 300_000 - rng.int(3_000_000);
      rec.load({ ...evicted(p.ref, p.node, p.message), firstSeen: at }, at);
    }
  }
  const victims = input.workloads.filter((w) => w.kind === 'Deployment' && w.namespace !== 'kube-system');
  for (let i = 0; i < Math.min(2, input.preemptors.length) && victims.length; i++) {
    const by = input.preemptors[i] as { uid: string; node: string };
    const w = rng.pick(victims);
    const victim: PodRef = { namespace: w.namespace, name: `${w.ownerName}-${nameSuffix(rng)}`, uid: uid(rng) };
    const at = now - 600_000 - rng.int(2_400_000);
    rec.load({ ...preempted(victim, by.uid, by.node), firstSeen: at }, at);
  }
  for (const pdb of input.emptyPdbs) rec.load({ ...noPods(pdb), firstSeen: now - 3_600_000 * (24 + rng.int(240)), count: 40 + rng.int(400) }, recent(600_000));
  return recurring;
}
