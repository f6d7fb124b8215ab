// A pod's CPU and memory requests and limits as the scheduler counts them: component-helpers
// resource.PodRequests / PodLimits with the options the scheduler uses (status resources on, since
// in-place resize is GA; overhead included).
//
//   request = max(Σ app + Σ sidecars, max_i(init_i + Σ sidecars started before i)) + overhead
//
// Pod-level spec.resources replace the container sum for the resources they name. During an
// in-place resize the container aggregate is max(spec, actuated, allocated), where actuated comes
// from status.containerStatuses[].resources and allocated from .allocatedResources; a resize
// marked Infeasible drops spec from that max. Limits follow the same shape with only spec and
// actuated limits, and get overhead only where a non-zero limit exists.
// Not covered: pod-level in-place resize (alpha), DRA node-allocatable claims, hugepages.
import { bytesOf, cpuNanosOf, nanosToMillis } from './quantity-cache';
import { listOf, podSpec, podStatus, type PodSpecShape, type PodStatusShape, type ResourceListShape } from './pod-shape';
import {
  ACTUATED_LIMITS,
  ACTUATED_REQUESTS,
  aggregate,
  ALLOCATED_REQUESTS,
  laneA,
  laneB,
  SPEC_LIMITS,
  SPEC_REQUESTS,
} from './resource-aggregate';
import type { KubeObject } from './types';

/** millicores and bytes */
export type CpuMemory = { cpu: number; memory: number };

/** The pod status when some container reports resources (a resize may be under way), else null. */
function resizeStatus(pod: KubeObject): PodStatusShape | null {
  const status = podStatus(pod);
  for (const cs of listOf(status.containerStatuses)) if (cs.resources !== undefined || cs.allocatedResources !== undefined) return status;
  for (const cs of listOf(status.initContainerStatuses)) if (cs.resources !== undefined || cs.allocatedResources !== undefined) return status;
  return null; // then actuated = allocated = spec
}

function resizeInfeasible(status: PodStatusShape): boolean {
  for (const c of listOf(status.conditions)) if (c.type === 'PodResizePending') return c.reason === 'Infeasible';
  return false;
}

// Pod-level resources win for each resource they name.
const podLevelCpu = (list: ResourceListShape | undefined, cpu: number) => (list && Object.hasOwn(list, 'cpu') ? cpuNanosOf(list.cpu) : cpu);
const podLevelMem = (list: ResourceListShape | undefined, mem: number) => (list && Object.hasOwn(list, 'memory') ? bytesOf(list.memory) : mem);

/** Requests and limits at once, named as PodNodeRow fields: the join's one call per pod. */
export type PodResourceFields = { cpuRequest: number; memoryRequest: number; cpuLimit: number; memoryLimit: number };

/** Totals by container list for the length of one join (held by nobody after it): replicas share
 *  their frozen container lists, pod-level resources and overhead (the cache's interner), so
 *  without a resize under way their totals are one computation per pod template. */
export type ResourcesMemo = Map<object, { init: unknown; resources: unknown; overhead: unknown; totals: PodResourceFields }>;
const frozenOrAbsent = (v: unknown) => v === undefined || Object.isFrozen(v);

export function podResources(pod: KubeObject, memo?: ResourcesMemo): PodResourceFields {
  const spec: PodSpecShape = podSpec(pod);
  const status = resizeStatus(pod);
  const containers = spec.containers;
  if (!memo || status || !containers || !Object.isFrozen(containers) || !frozenOrAbsent(spec.initContainers) || !frozenOrAbsent(spec.resources) || !frozenOrAbsent(spec.overhead)) {
    return computeResources(spec, status);
  }
  const hit = memo.get(containers);
  if (hit && hit.init === spec.initContainers && hit.resources === spec.resources && hit.overhead === spec.overhead) return hit.totals;
  const totals = Object.freeze(computeResources(spec, null));
  memo.set(containers, { init: spec.initContainers, resources: spec.resources, overhead: spec.overhead, totals });
  return totals;
}

/** `status`: the pod's status when a container reports resources (resizeStatus), else null. */
function computeResources(spec: PodSpecShape, status: PodStatusShape | null): PodResourceFields {
  aggregate(spec, null, false, SPEC_REQUESTS, SPEC_LIMITS);
  let reqCpu = laneA.totalCpu;
  let reqMem = laneA.totalMem;
  let limCpu = laneB.totalCpu;
  let limMem = laneB.totalMem;

  if (status) {
    // In-place resize: max(spec, actuated, allocated) for requests, max(spec, actuated) for
    // limits; a resize marked Infeasible leaves spec out.
    const infeasible = resizeInfeasible(status);
    const keepSpec = infeasible ? 0 : 1;
    aggregate(spec, status, infeasible, ALLOCATED_REQUESTS, ACTUATED_REQUESTS);
    reqCpu = Math.max(laneA.totalCpu, laneB.totalCpu, reqCpu * keepSpec);
    reqMem = Math.max(laneA.totalMem, laneB.totalMem, reqMem * keepSpec);
    aggregate(spec, status, infeasible, ACTUATED_LIMITS);
    limCpu = Math.max(laneA.totalCpu, limCpu * keepSpec);
    limMem = Math.max(laneA.totalMem, limMem * keepSpec);
  }

  const podLevel = spec.resources;
  if (podLevel) {
    reqCpu = podLevelCpu(podLevel.requests, reqCpu);
    reqMem = podLevelMem(podLevel.requests, reqMem);
    // Kubernetes switches to pod-level limits when pod-level requests OR limits are set; only the
    // resources named in spec.resources.limits change, so applying the limits list is equivalent.
    limCpu = podLevelCpu(podLevel.limits, limCpu);
    limMem = podLevelMem(podLevel.limits, limMem);
  }

  const overhead = spec.overhead;
  if (overhead) {
    const cpu = cpuNanosOf(overhead.cpu);
    const mem = bytesOf(overhead.memory);
    reqCpu += cpu;
    reqMem += mem;
    // Limits get overhead only where a non-zero limit exists.
    if (limCpu > 0) limCpu += cpu;
    if (limMem > 0) limMem += mem;
  }
  return { cpuRequest: nanosToMillis(reqCpu), memoryRequest: reqMem, cpuLimit: nanosToMillis(limCpu), memoryLimit: limMem };
}

export function podRequests(pod: KubeObject): CpuMemory {
  const r = podResources(pod);
  return { cpu: r.cpuRequest, memory: r.memoryRequest };
}

export function podLimits(pod: KubeObject): CpuMemory {
  const r = podResources(pod);
  return { cpu: r.cpuLimit, memory: r.memoryLimit };
}
