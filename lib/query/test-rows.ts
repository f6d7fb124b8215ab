// Hand-made rows for the query tests: a realistic pod/node pair with only what a test overrides.
import type { KubeObject, PodNodeRow } from '@/lib/podnode/types';

type RowInput = Partial<Omit<PodNodeRow, 'pod' | 'node'>> & {
  labels?: Record<string, string>;
  nodeLabels?: Record<string, string> | null;
  ownerKind?: string | null;
  phase?: string;
  containers?: Array<{ name: string; image: string; resources?: Record<string, unknown> }>;
};

let next = 0;

export function makeRow(input: RowInput = {}): PodNodeRow {
  const n = next++;
  const namespace = input.namespace ?? 'default';
  const podName = input.podName ?? `pod-${n}`;
  const nodeName = input.nodeLabels === null ? null : (input.nodeName ?? `node-${n % 3}`);
  const ownerKind = input.ownerKind === undefined ? 'ReplicaSet' : input.ownerKind;
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: podName,
      namespace,
      uid: `uid-${n}`,
      labels: input.labels ?? { app: 'web' },
      ownerReferences: ownerKind ? [{ kind: ownerKind, name: `${podName}-owner`, controller: true }] : [],
    },
    spec: {
      nodeName: nodeName ?? undefined,
      containers: input.containers ?? [
        { name: 'main', image: 'nginx:1.25', resources: { requests: { cpu: '100m', memory: '64Mi' } } },
      ],
    },
    status: { phase: input.phase ?? 'Running', podIP: '10.0.0.1' },
  };
  const node: KubeObject | null =
    nodeName === null
      ? null
      : {
          kind: 'Node',
          metadata: { name: nodeName, uid: `node-uid-${nodeName}`, labels: input.nodeLabels ?? { lifecycle: 'Ec2Spot' } },
          status: { allocatable: { cpu: '4' } },
        };
  const { labels: _l, nodeLabels: _n, phase: _p, containers: _c, ...fields } = input;
  void [_l, _n, _p, _c];
  return {
    uid: `uid-${n}`, namespace, podName, status: input.phase ?? 'Running', ready: '1/1', restarts: 0,
    appName: 'web', ownerKind, ownerName: ownerKind ? `${podName}-owner` : null, nodeName,
    nodeGroup: nodeName ? 'workers' : null, capacityType: nodeName ? 'spot' : 'unknown', zone: null,
    instanceType: null, cpuRequest: 100, cpuLimit: 0, memoryRequest: 64 * 1024 * 1024, memoryLimit: 0,
    createdAt: '2026-11-25T00:00:00Z',
    warnings: 0,
    ...fields,
    pod,
    node,
  };
}
