// The container half of component-helpers' PodRequests/PodLimits (aggregateContainerResourcesByFn):
//   max(Σ app + Σ sidecars, max_i(init_i + Σ sidecars started before i))
// for up to two resource lists at once, so the join walks each pod's containers once for both
// requests and limits. Results land in two reusable lanes instead of fresh objects: this runs
// for every pod of a 150k-pod join.
import { bytesOf, cpuNanosOf } from './quantity-cache';
import { isSidecar, listOf, type ContainerShape, type ContainerStatusShape, type PodSpecShape, type PodStatusShape, type ResourceListShape } from './pod-shape';

// Which resource list of a container is read (component-helpers' container*Requests/Limits).
export const SPEC_REQUESTS = 0;
export const SPEC_LIMITS = 1;
export const ALLOCATED_REQUESTS = 2;
export const ACTUATED_REQUESTS = 3;
export const ACTUATED_LIMITS = 4;
export type Source = 0 | 1 | 2 | 3 | 4;

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

/** One running aggregate; cpu in nanocores (exact sums), memory in bytes. */
class Lane {
  private cpu = 0;
  private mem = 0;
  private sidecarCpu = 0;
  private sidecarMem = 0;
  private initCpu = 0;
  private initMem = 0;

  reset(): void {
    this.cpu = this.mem = this.sidecarCpu = this.sidecarMem = this.initCpu = this.initMem = 0;
  }

  app(list: ResourceListShape | undefined): void {
    if (!list) return;
    this.cpu += cpuNanosOf(list.cpu);
    this.mem += bytesOf(list.memory);
  }

  init(list: ResourceListShape | undefined, sidecar: boolean): void {
    const cpu = list ? cpuNanosOf(list.cpu) : 0;
    const mem = list ? bytesOf(list.memory) : 0;
    if (sidecar) {
      // A sidecar runs for the pod's whole life: it adds to the total and to every later init step.
      this.cpu += cpu;
      this.mem += mem;
      this.sidecarCpu += cpu;
      this.sidecarMem += mem;
      this.initCpu = Math.max(this.initCpu, this.sidecarCpu);
      this.initMem = Math.max(this.initMem, this.sidecarMem);
    } else {
      this.initCpu = Math.max(this.initCpu, cpu + this.sidecarCpu);
      this.initMem = Math.max(this.initMem, mem + this.sidecarMem);
    }
  }

  get totalCpu(): number {
    return Math.max(this.cpu, this.initCpu);
  }

  get totalMem(): number {
    return Math.max(this.mem, this.initMem);
  }
}

export const laneA = new Lane();
export const laneB = new Lane();

/** Aggregates `a` into laneA and, when given, `b` into laneB. `status` only for the status sources. */
export function aggregate(spec: PodSpecShape, status: PodStatusShape | null, infeasible: boolean, a: Source, b?: Source): void {
  laneA.reset();
  laneB.reset();
  for (const c of listOf(spec.containers)) {
    const cs = status ? statusOf(status, c.name) : undefined;
    laneA.app(listFor(c, cs, a, infeasible));
    if (b !== undefined) laneB.app(listFor(c, cs, b, infeasible));
  }
  for (const c of listOf(spec.initContainers)) {
    const cs = status ? statusOf(status, c.name) : undefined;
    const sidecar = isSidecar(c);
    laneA.init(listFor(c, cs, a, infeasible), sidecar);
    if (b !== undefined) laneB.init(listFor(c, cs, b, infeasible), sidecar);
  }
}
