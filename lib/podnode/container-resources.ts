// Per-container requests and limits for the detail drawer: what each container asks for, and,
// during an in-place resize, what the kubelet reports it actually has.
import { bytesOf, cpuNanosOf, nanosToMillis } from './quantity-cache';
import { isSidecar, listOf, podSpec, podStatus, type ContainerShape, type ResourceListShape } from './pod-shape';
import type { KubeObject } from './types';

/** millicores / bytes; null when the container does not set that resource (shown as "—", not 0) */
type ResourcePair = { cpu: number | null; memory: number | null };

export type ContainerResources = {
  name: string;
  kind: 'app' | 'init' | 'sidecar';
  requests: ResourcePair;
  limits: ResourcePair;
  /** status.containerStatuses[].resources when the kubelet reports them (in-place resize), else null */
  actual: { requests: ResourcePair; limits: ResourcePair } | null;
};

function pairOf(list: ResourceListShape | undefined): ResourcePair {
  return {
    cpu: list && Object.hasOwn(list, 'cpu') ? nanosToMillis(cpuNanosOf(list.cpu)) : null,
    memory: list && Object.hasOwn(list, 'memory') ? bytesOf(list.memory) : null,
  };
}

/** Init containers and sidecars first, in start order, then the app containers. */
export function containerResources(pod: KubeObject): ContainerResources[] {
  const spec = podSpec(pod);
  const status = podStatus(pod);
  const reported = new Map<string, NonNullable<ContainerShape['resources']>>();
  for (const cs of [...listOf(status.initContainerStatuses), ...listOf(status.containerStatuses)]) {
    if (cs.resources) reported.set(cs.name, cs.resources);
  }
  const describe = (c: ContainerShape, kind: ContainerResources['kind']): ContainerResources => {
    const actual = reported.get(c.name);
    return {
      name: c.name,
      kind,
      requests: pairOf(c.resources?.requests),
      limits: pairOf(c.resources?.limits),
      actual: actual ? { requests: pairOf(actual.requests), limits: pairOf(actual.limits) } : null,
    };
  };
  return [
    ...listOf(spec.initContainers).map((c) => describe(c, isSidecar(c) ? 'sidecar' : 'init')),
    ...listOf(spec.containers).map((c) => describe(c, 'app')),
  ];
}
