// Pod status for each simulated state, shaped as the kubelet/scheduler write it, so kubectl's
// STATUS and READY columns (and our own) come out as on a real cluster.
import type { PodState, Workload } from './workload';
import type { Rng } from './prng';
import type { PodPlacement } from './make-pod';

type Container = { name: string; image: string; restartPolicy?: string; resources?: unknown };

const iso = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, 'Z');

export function makePodStatus(w: Workload, spec: Record<string, unknown>, state: PodState, place: PodPlacement,
  rng: Rng, createdAt: Date): Record<string, unknown> {
  const ts = iso(createdAt);
  const started = iso(new Date(createdAt.getTime() + 5000));
  const qosClass = qosClassOf(spec);
  const cond = (type: string, status: string, extra: Record<string, string> = {}) =>
    ({ type, status, lastProbeTime: null, lastTransitionTime: ts, ...extra });
  if (state === 'Unschedulable') {
    return { phase: 'Pending', qosClass, conditions: [cond('PodScheduled', 'False', { reason: 'Unschedulable',
      message: '0/12 nodes are available: 3 Insufficient cpu, 9 node(s) had untolerated taint {nvidia.com/gpu: true}. preemption: 0/12 nodes are available.' })] };
  }
  if (state === 'Pending' || !place.nodeName) {
    return { phase: 'Pending', qosClass, conditions: [cond('PodScheduled', 'False', { reason: 'Unschedulable', message: 'waiting for a node' })] };
  }
  const podIP = `100.64.${rng.int(256)}.${rng.int(256)}`;
  const base = { hostIP: place.hostIP, hostIPs: [{ ip: place.hostIP }], podIP, podIPs: [{ ip: podIP }], startTime: ts, qosClass };
  if (state === 'Evicted') {
    return { ...base, phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 91264Ki.' };
  }
  const containers = spec.containers as Container[];
  const inits = (spec.initContainers as Container[] | undefined) ?? [];
  const running = (c: Container, ready: boolean, restartCount = 0) => ({
    name: c.name, image: c.image, imageID: `docker.io/${c.image}@sha256:${rng.hex(64)}`, containerID: `containerd://${rng.hex(64)}`,
    ready, started: ready, restartCount, state: { running: { startedAt: started } },
  });
  const terminated = (c: Container, reason: string) => ({
    name: c.name, image: c.image, imageID: `docker.io/${c.image}@sha256:${rng.hex(64)}`, containerID: `containerd://${rng.hex(64)}`,
    ready: false, started: false, restartCount: 0, state: { terminated: { exitCode: 0, reason, startedAt: started, finishedAt: started } },
  });
  const initContainerStatuses = inits.map((c) => (c.restartPolicy === 'Always' && state !== 'Completed' ? running(c, true) : terminated(c, 'Completed')));
  const withInit = inits.length ? { initContainerStatuses } : {};
  if (state === 'Completed') {
    return { ...base, ...withInit, phase: 'Succeeded', conditions: [cond('PodScheduled', 'True'), cond('Initialized', 'True'), cond('Ready', 'False', { reason: 'PodCompleted' })],
      containerStatuses: containers.map((c) => terminated(c, 'Completed')) };
  }
  if (state === 'ContainerCreating') {
    return { ...base, ...withInit, phase: 'Pending', conditions: [cond('PodScheduled', 'True'), cond('Ready', 'False', { reason: 'ContainersNotReady' })],
      containerStatuses: containers.map((c) => ({ name: c.name, image: c.image, imageID: '', ready: false, started: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } })) };
  }
  const statuses: Array<Record<string, unknown>> = containers.map((c) => running(c, true, rng.chance(0.1) ? rng.int(4) + 1 : 0));
  if (state === 'CrashLoopBackOff' && statuses[0]) {
    statuses[0] = { ...statuses[0], ready: false, started: false, restartCount: 17 + rng.int(40),
      state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 5m0s restarting failed container=${containers[0]?.name}` } },
      lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: started, finishedAt: started } } };
  }
  if (state === 'Resizing' && statuses[0]) {
    // in-place resize in flight: the kubelet reports what is actually allocated
    statuses[0] = { ...statuses[0], allocatedResources: { cpu: '2', memory: '3Gi' }, resources: { requests: { cpu: '2', memory: '3Gi' }, limits: { cpu: '3', memory: '4Gi' } } };
  }
  const ready = state !== 'CrashLoopBackOff';
  return { ...base, ...withInit, phase: 'Running',
    conditions: [cond('PodReadyToStartContainers', 'True'), cond('Initialized', 'True'), cond('Ready', ready ? 'True' : 'False'),
      cond('ContainersReady', ready ? 'True' : 'False'), cond('PodScheduled', 'True')],
    containerStatuses: statuses };
}

type ResourceList = Record<string, string>;
type Resources = { requests?: ResourceList; limits?: ResourceList };

/** The API server's QoS rule (GetPodQOS): BestEffort with no cpu/memory requests or limits
 *  anywhere; Guaranteed when every container, init containers included, has cpu and memory limits
 *  and requests equal to them (unset requests default to the limits); else Burstable. */
export function qosClassOf(spec: Record<string, unknown>): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const all = [...((spec.initContainers as Container[] | undefined) ?? []), ...((spec.containers as Container[] | undefined) ?? [])];
  let any = false;
  let guaranteed = all.length > 0;
  for (const c of all) {
    const r = (c.resources ?? {}) as Resources;
    for (const name of ['cpu', 'memory']) {
      const limit = r.limits?.[name];
      const request = r.requests?.[name] ?? limit;
      if (limit !== undefined || request !== undefined) any = true;
      if (limit === undefined || request !== limit) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
