// Builders for the unit tests of this folder: terse pods and nodes as the cache holds them.
import type { ContainerShape, ContainerStatusShape, PodConditionShape, PodSpecShape, PodStatusShape } from './pod-shape';
import type { KubeObject } from './types';

type PodInit = {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  ownerReferences?: KubeObject['metadata']['ownerReferences'];
  deletionTimestamp?: string;
  spec?: PodSpecShape;
  status?: PodStatusShape;
};

let seq = 0;

export function makePod(init: PodInit = {}): KubeObject {
  seq++;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: init.name ?? `pod-${seq}`,
      namespace: init.namespace ?? 'default',
      uid: `uid-${seq}`,
      creationTimestamp: '2026-11-25T10:00:00Z',
      ...(init.labels ? { labels: init.labels } : {}),
      ...(init.ownerReferences ? { ownerReferences: init.ownerReferences } : {}),
      ...(init.deletionTimestamp ? { deletionTimestamp: init.deletionTimestamp } : {}),
    },
    spec: { containers: [{ name: 'app' }], ...init.spec },
    status: { phase: 'Running', ...init.status },
  };
}

export function makeNode(name: string, labels: Record<string, string> = {}, allocatable?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `node-${name}`, labels },
    status: { allocatable: allocatable ?? { cpu: '4', memory: '16Gi', pods: '110' } },
  };
}

export const container = (name: string, resources?: ContainerShape['resources'], restartPolicy?: string): ContainerShape => ({
  name,
  ...(resources ? { resources } : {}),
  ...(restartPolicy ? { restartPolicy } : {}),
});

export const running = (name: string, ready = true, restartCount = 0): ContainerStatusShape => ({
  name,
  ready,
  started: true,
  restartCount,
  state: { running: { startedAt: '2026-11-25T10:00:05Z' } },
});

export const waiting = (name: string, reason: string, restartCount = 0): ContainerStatusShape => ({
  name,
  ready: false,
  started: false,
  restartCount,
  state: { waiting: { reason } },
});

export const terminated = (name: string, exitCode: number, reason?: string, signal?: number): ContainerStatusShape => ({
  name,
  ready: false,
  started: false,
  restartCount: 0,
  state: { terminated: { exitCode, ...(reason ? { reason } : {}), ...(signal ? { signal } : {}) } },
});

export const condition = (type: string, status: 'True' | 'False', reason?: string): PodConditionShape => ({
  type,
  status,
  ...(reason ? { reason } : {}),
});

type PdbInit = {
  name?: string;
  namespace?: string;
  /** omitted: no selector at all (selects nothing in policy/v1) */
  selector?: unknown;
  minAvailable?: unknown;
  maxUnavailable?: unknown;
  generation?: number;
  status?: Record<string, unknown>;
};

export function makePdb(init: PdbInit = {}): KubeObject {
  seq++;
  const spec: Record<string, unknown> = {};
  for (const key of ['selector', 'minAvailable', 'maxUnavailable'] as const) if (Object.hasOwn(init, key)) spec[key] = init[key];
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: {
      name: init.name ?? `pdb-${seq}`,
      namespace: init.namespace ?? 'default',
      uid: `uid-${seq}`,
      ...(init.generation !== undefined ? { generation: init.generation } : {}),
    },
    spec,
    ...(init.status ? { status: init.status } : {}),
  };
}

/** A Karpenter node of the given capacity type, in `zone` when one is given. */
export function capacityNode(name: string, capacityType: 'spot' | 'on-demand', zone?: string): KubeObject {
  return makeNode(name, { 'karpenter.sh/capacity-type': capacityType, ...(zone ? { 'topology.kubernetes.io/zone': zone } : {}) });
}
