// How full a node is, as the detail drawer shows it: the scheduler's view (requests against
// status.allocatable), from the same sums as the node view's rows (node-row.ts). Succeeded and Failed pods hold nothing, so they are neither summed nor
// counted, as in the scheduler and `kubectl describe node`.
import { DEFAULT_CAPACITY_TABLE, type CapacityTable } from './capacity-types';
import { toPodNodeRow } from './join';
import { toNodeRow } from './node-row';
import type { CpuMemory } from './pod-resources';
import type { CapacityType, KubeObject } from './types';

export type NodeSummary = {
  name: string;
  nodeGroup: string | null;
  capacityType: CapacityType;
  zone: string | null;
  instanceType: string | null;
  /** cpu in millicores, memory in bytes, pods as a count */
  allocatable: { cpu: number; memory: number; pods: number };
  requests: CpuMemory;
  limits: CpuMemory;
  /** non-terminal pods on the node */
  podCount: number;
  /** percent of allocatable, one decimal; null when the node reports no allocatable of that kind */
  cpuRequestPct: number | null;
  memoryRequestPct: number | null;
};

export function summarizeNode(node: KubeObject, podsOnNode: Iterable<KubeObject>, table: CapacityTable = DEFAULT_CAPACITY_TABLE): NodeSummary {
  const rows = [...podsOnNode].map((pod) => toPodNodeRow(pod, node, table));
  const r = toNodeRow(node, rows, { notice: null, warnings: 0 }, table);
  return {
    name: r.name,
    nodeGroup: r.nodeGroup,
    capacityType: r.capacityType,
    zone: r.zone,
    instanceType: r.instanceType,
    allocatable: { cpu: r.cpuAllocatable, memory: r.memoryAllocatable, pods: r.maxPods },
    requests: { cpu: r.cpuRequest, memory: r.memoryRequest },
    limits: { cpu: r.cpuLimit, memory: r.memoryLimit },
    podCount: r.pods,
    cpuRequestPct: r.cpuRequestPct,
    memoryRequestPct: r.memoryRequestPct,
  };
}
