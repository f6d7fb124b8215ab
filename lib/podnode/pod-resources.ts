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
  type ResourceListShape,
} from './pod-shape';
import type { KubeObject } from './types';

/** millicores and bytes */
export type CpuMemory = { cpu: number; memory: number };

// cpu in nanocores while summing (exact); converted to millicores once per pod.
type Sum = { cpu: number; mem: number };
type Pick = (c: ContainerShape, cs: ContainerStatusShape | undefined) => ResourceListShape | undefined;

const max = (a: Sum, b: Sum): Sum => ({ cpu: Math.max(a.cpu, b.cpu), mem: Math.max(a.mem, b.mem) });

function aggregate(spec: PodSpecShape, statuses: Map<string, ContainerStatusShape> | null, pick: Pick): Sum {
  let cpu = 0;
  let mem = 0;
  for (const c of listOf(spec.containers)) {
    const list = pick(c, statuses?.get(c.name));
    if (!list) continue;
    cpu += cpuNanosOf(list.cpu);
    mem += bytesOf(list.memory);
  }
  let sidecarCpu = 0;
  let sidecarMem = 0;
  let initCpu = 0;
  let initMem = 0;
  for (const c of listOf(spec.initContainers)) {
    const list = pick(c, statuses?.get(c.name));
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
  return { cpu: Math.max(cpu, initCpu), mem: Math.max(mem, initMem) };
}

/** Container statuses by name (app first, like findContainerStatus), or null when none report resources. */
function resizeStatuses(pod: KubeObject): Map<string, ContainerStatusShape> | null {
  const status = podStatus(pod);
  const app = listOf(status.containerStatuses);
  const init = listOf(status.initContainerStatuses);
  const reports = (cs: ContainerStatusShape) => cs.resources !== undefined || cs.allocatedResources !== undefined;
  if (!app.some(reports) && !init.some(reports)) return null; // then actuated = allocated = spec
  const byName = new Map<string, ContainerStatusShape>();
  for (const cs of init) byName.set(cs.name, cs);
  for (const cs of app) byName.set(cs.name, cs);
  return byName;
}

function resizeInfeasible(pod: KubeObject): boolean {
  for (const c of listOf(podStatus(pod).conditions)) if (c.type === 'PodResizePending') return c.reason === 'Infeasible';
  return false;
}

/** Pod-level resources win for each resource they name. */
function applyPodLevel(sum: Sum, list: ResourceListShape | undefined): Sum {
  if (!list) return sum;
  return {
    cpu: Object.hasOwn(list, 'cpu') ? cpuNanosOf(list.cpu) : sum.cpu,
    mem: Object.hasOwn(list, 'memory') ? bytesOf(list.memory) : sum.mem,
  };
}

const specRequests: Pick = (c) => c.resources?.requests;
const specLimits: Pick = (c) => c.resources?.limits;

export function podRequests(pod: KubeObject): CpuMemory {
  const spec = podSpec(pod);
  const statuses = resizeStatuses(pod);
  let sum = aggregate(spec, statuses, specRequests);
  if (statuses) {
    const infeasible = resizeInfeasible(pod);
    const fallback = (c: ContainerShape) => (infeasible ? undefined : c.resources?.requests);
    const allocated = aggregate(spec, statuses, (c, cs) => cs?.allocatedResources ?? fallback(c));
    const actuated = aggregate(spec, statuses, (c, cs) => cs?.resources?.requests ?? cs?.allocatedResources ?? fallback(c));
    sum = infeasible ? max(actuated, allocated) : max(max(sum, actuated), allocated);
  }
  sum = applyPodLevel(sum, spec.resources?.requests);
  const overhead = spec.overhead;
  if (overhead) sum = { cpu: sum.cpu + cpuNanosOf(overhead.cpu), mem: sum.mem + bytesOf(overhead.memory) };
  return { cpu: nanosToMillis(sum.cpu), memory: sum.mem };
}

export function podLimits(pod: KubeObject): CpuMemory {
  const spec = podSpec(pod);
  const statuses = resizeStatuses(pod);
  let sum = aggregate(spec, statuses, specLimits);
  if (statuses) {
    const infeasible = resizeInfeasible(pod);
    const actuated = aggregate(spec, statuses, (c, cs) => cs?.resources?.limits ?? (infeasible ? undefined : c.resources?.limits));
    sum = infeasible ? actuated : max(sum, actuated);
  }
  // Kubernetes switches to pod-level limits when pod-level requests OR limits are set; only the
  // resources named in spec.resources.limits change, so applying the limits list is equivalent.
  sum = applyPodLevel(sum, spec.resources?.limits);
  const overhead = spec.overhead;
  if (overhead) {
    sum = {
      cpu: sum.cpu > 0 ? sum.cpu + cpuNanosOf(overhead.cpu) : sum.cpu,
      mem: sum.mem > 0 ? sum.mem + bytesOf(overhead.memory) : sum.mem,
    };
  }
  return { cpu: nanosToMillis(sum.cpu), memory: sum.mem };
}
