// A pod's CPU and memory requests and limits as the scheduler counts them: component-helpers
// resource.PodRequests / PodLimits with the options the scheduler uses (status resources on, since
// in-place resize is GA; overhead included). See brief §2.
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
import {
  isSidecar,
  listOf,
  podSpec,
  podStatus,
  type ContainerShape,
  type ContainerStatusShape,
  type PodSpecShape,
  type PodStatusShape,
  type ResourceListShape,
} from './pod-shape';
import type { KubeObject } from './types';

/** millicores and bytes */
export type CpuMemory = { cpu: number; memory: number };

// Which resource list of a container an aggregation reads (see component-helpers' getResourceList
// functions). Plain numbers and a switch instead of callbacks: this runs for every pod of a join.
const SPEC_REQUESTS = 0;
const SPEC_LIMITS = 1;
const ALLOCATED_REQUESTS = 2;
const ACTUATED_REQUESTS = 3;
const ACTUATED_LIMITS = 4;
type Source = 0 | 1 | 2 | 3 | 4;

function listFor(c: ContainerShape, cs: ContainerStatusShape | undefined, source: Source, infeasible: boolean): ResourceListShape | undefined {
  switch (source) {
    case SPEC_REQUESTS:
      return c.resources?.requests;
    case SPEC_LIMITS:
      return c.resources?.limits;
    case ALLOCATED_REQUESTS:
      return cs?.allocatedResources ?? (infeasible ? undefined : c.resources?.requests);
    case ACTUATED_REQUESTS:
      return cs?.resources?.requests ?? cs?.allocatedResources ?? (infeasible ? undefined : c.resources?.requests);
    case ACTUATED_LIMITS:
      return cs?.resources?.limits ?? (infeasible ? undefined : c.resources?.limits);
  }
}

/** The status reporting on container `name`: app statuses first, like findContainerStatus. */
function statusOf(status: PodStatusShape, name: string): ContainerStatusShape | undefined {
  for (const cs of listOf(status.containerStatuses)) if (cs.name === name) return cs;
  for (const cs of listOf(status.initContainerStatuses)) if (cs.name === name) return cs;
  return undefined;
}

// aggregate() leaves its result in these two instead of returning an object: it runs up to five
// times per pod in a 150k-pod join, and these numbers are all it produces. cpu is in nanocores
// while summing (exact) and becomes millicores once per pod.
let sumCpu = 0;
let sumMem = 0;

function aggregate(spec: PodSpecShape, status: PodStatusShape | null, source: Source, infeasible: boolean): void {
  let cpu = 0;
  let mem = 0;
  for (const c of listOf(spec.containers)) {
    const list = listFor(c, status ? statusOf(status, c.name) : undefined, source, infeasible);
    if (!list) continue;
    cpu += cpuNanosOf(list.cpu);
    mem += bytesOf(list.memory);
  }
  let sidecarCpu = 0;
  let sidecarMem = 0;
  let initCpu = 0;
  let initMem = 0;
  for (const c of listOf(spec.initContainers)) {
    const list = listFor(c, status ? statusOf(status, c.name) : undefined, source, infeasible);
    const ownCpu = list ? cpuNanosOf(list.cpu) : 0;
    const ownMem = list ? bytesOf(list.memory) : 0;
    if (isSidecar(c)) {
      // A sidecar runs for the pod's whole life: it adds to the total and to every later init step.
      cpu += ownCpu;
      mem += ownMem;
      sidecarCpu += ownCpu;
      sidecarMem += ownMem;
      initCpu = Math.max(initCpu, sidecarCpu);
      initMem = Math.max(initMem, sidecarMem);
    } else {
      initCpu = Math.max(initCpu, ownCpu + sidecarCpu);
      initMem = Math.max(initMem, ownMem + sidecarMem);
    }
  }
  sumCpu = Math.max(cpu, initCpu);
  sumMem = Math.max(mem, initMem);
}

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

/** Pod-level resources win for each resource they name. */
function applyPodLevel(list: ResourceListShape | undefined): void {
  if (!list) return;
  if (Object.hasOwn(list, 'cpu')) sumCpu = cpuNanosOf(list.cpu);
  if (Object.hasOwn(list, 'memory')) sumMem = bytesOf(list.memory);
}

/** Leaves the pod's requests in sumCpu (nanocores) / sumMem. */
function requestsOf(spec: PodSpecShape, status: PodStatusShape | null): void {
  aggregate(spec, null, SPEC_REQUESTS, false);
  if (status) {
    const specCpu = sumCpu;
    const specMem = sumMem;
    const infeasible = resizeInfeasible(status);
    aggregate(spec, status, ALLOCATED_REQUESTS, infeasible);
    const allocatedCpu = sumCpu;
    const allocatedMem = sumMem;
    aggregate(spec, status, ACTUATED_REQUESTS, infeasible);
    // max(spec, actuated, allocated); an Infeasible resize leaves spec out.
    sumCpu = Math.max(sumCpu, allocatedCpu, infeasible ? 0 : specCpu);
    sumMem = Math.max(sumMem, allocatedMem, infeasible ? 0 : specMem);
  }
  applyPodLevel(spec.resources?.requests);
  const overhead = spec.overhead;
  if (overhead) {
    sumCpu += cpuNanosOf(overhead.cpu);
    sumMem += bytesOf(overhead.memory);
  }
}

/** Leaves the pod's limits in sumCpu (nanocores) / sumMem. */
function limitsOf(spec: PodSpecShape, status: PodStatusShape | null): void {
  aggregate(spec, null, SPEC_LIMITS, false);
  if (status) {
    const specCpu = sumCpu;
    const specMem = sumMem;
    const infeasible = resizeInfeasible(status);
    aggregate(spec, status, ACTUATED_LIMITS, infeasible);
    sumCpu = Math.max(sumCpu, infeasible ? 0 : specCpu);
    sumMem = Math.max(sumMem, infeasible ? 0 : specMem);
  }
  // Kubernetes switches to pod-level limits when pod-level requests OR limits are set; only the
  // resources named in spec.resources.limits change, so applying the limits list is equivalent.
  applyPodLevel(spec.resources?.limits);
  const overhead = spec.overhead;
  if (overhead) {
    if (sumCpu > 0) sumCpu += cpuNanosOf(overhead.cpu);
    if (sumMem > 0) sumMem += bytesOf(overhead.memory);
  }
}

export function podRequests(pod: KubeObject): CpuMemory {
  requestsOf(podSpec(pod), resizeStatus(pod));
  return { cpu: nanosToMillis(sumCpu), memory: sumMem };
}

export function podLimits(pod: KubeObject): CpuMemory {
  limitsOf(podSpec(pod), resizeStatus(pod));
  return { cpu: nanosToMillis(sumCpu), memory: sumMem };
}

/** Requests and limits at once, named as PodNodeRow fields: the join's one call per pod. */
export type PodResourceFields = { cpuRequest: number; memoryRequest: number; cpuLimit: number; memoryLimit: number };

export function podResources(pod: KubeObject): PodResourceFields {
  const spec = podSpec(pod);
  const status = resizeStatus(pod);
  requestsOf(spec, status);
  const cpuRequest = nanosToMillis(sumCpu);
  const memoryRequest = sumMem;
  limitsOf(spec, status);
  return { cpuRequest, memoryRequest, cpuLimit: nanosToMillis(sumCpu), memoryLimit: sumMem };
}
