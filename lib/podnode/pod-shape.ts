// The parts of a core/v1 Pod this layer reads, as plain JSON from the cache.
// KubeObject keeps spec/status as open records; these views name the fields we rely on. They are
// casts, not validation: the API server validated the object, and every reader tolerates absence.
import type { KubeObject } from './types';

/** A ResourceList: resource name → quantity string (numbers tolerated for hand-written fixtures). */
export type ResourceListShape = Readonly<Record<string, string | number | undefined>>;

type ResourcesShape = { requests?: ResourceListShape; limits?: ResourceListShape };

export type ContainerShape = {
  name: string;
  restartPolicy?: string;
  resources?: ResourcesShape;
};

type ContainerStateShape = {
  waiting?: { reason?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; exitCode?: number; signal?: number };
};

export type ContainerStatusShape = {
  name: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerStateShape;
  resources?: ResourcesShape;
  allocatedResources?: ResourceListShape;
};

export type PodConditionShape = { type?: string; status?: string; reason?: string };

export type PodSpecShape = {
  nodeName?: string;
  containers?: ContainerShape[];
  initContainers?: ContainerShape[];
  overhead?: ResourceListShape;
  resources?: ResourcesShape;
};

export type PodStatusShape = {
  phase?: string;
  reason?: string;
  conditions?: PodConditionShape[];
  containerStatuses?: ContainerStatusShape[];
  initContainerStatuses?: ContainerStatusShape[];
};

const NO_ITEMS: readonly never[] = [];

export function podSpec(pod: KubeObject): PodSpecShape {
  return (pod.spec ?? {}) as PodSpecShape;
}

export function podStatus(pod: KubeObject): PodStatusShape {
  return (pod.status ?? {}) as PodStatusShape;
}

/** An array field, or an empty one when absent or malformed. */
export function listOf<T>(value: readonly T[] | undefined): readonly T[] {
  return Array.isArray(value) ? value : (NO_ITEMS as readonly T[]);
}

/** Sidecars are init containers that keep running: restartPolicy Always (KEP-753). */
export function isSidecar(container: ContainerShape | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

/** The phases after which a pod holds no resources and is not counted on its node. */
export function isTerminalPhase(phase: string | undefined): boolean {
  return phase === 'Succeeded' || phase === 'Failed';
}

/** apimachinery's IsPodReady: the first Ready condition decides (kubectl accepts any; the
 *  disruption controller and the endpoints controller use this one). */
export function isPodReady(pod: KubeObject): boolean {
  for (const c of listOf(podStatus(pod).conditions)) if (c.type === 'Ready') return c.status === 'True';
  return false;
}
