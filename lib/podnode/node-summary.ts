// How full a node is: the scheduler's view (requests against status.allocatable), for /api/nodes
// and the detail drawer. Succeeded and Failed pods hold nothing, so they are neither summed nor
// counted, as in the scheduler and `kubectl describe node`.
import { DEFAULT_CAPACITY_TABLE, type CapacityTable } from './capacity-types';
import { nodeFactsOf } from './join';
import { isTerminalPhase, podStatus, type ResourceListShape } from './pod-shape';
import { podResources, type CpuMemory } from './pod-resources';
import { bytesOf, cpuNanosOf, nanosToMillis } from './quantity-cache';
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

const pct = (used: number, of: number): number | null => (of > 0 ? Math.round((used / of) * 1000) / 10 : null);

export function summarizeNode(node: KubeObject, podsOnNode: Iterable<KubeObject>, table: CapacityTable = DEFAULT_CAPACITY_TABLE): NodeSummary {
  const alloc = ((node.status ?? {}) as { allocatable?: ResourceListShape }).allocatable ?? {};
  const allocatable = {
    cpu: nanosToMillis(cpuNanosOf(alloc.cpu)),
    memory: bytesOf(alloc.memory),
    // `pods` is a plain count; Value() semantics are the same as for bytes.
    pods: bytesOf(alloc.pods),
  };
  const requests = { cpu: 0, memory: 0 };
  const limits = { cpu: 0, memory: 0 };
  let podCount = 0;
  for (const pod of podsOnNode) {
    if (isTerminalPhase(podStatus(pod).phase)) continue;
    podCount++;
    // Summed per pod after rounding, like the scheduler's NodeInfo (MilliValue per pod).
    const r = podResources(pod);
    requests.cpu += r.cpuRequest;
    requests.memory += r.memoryRequest;
    limits.cpu += r.cpuLimit;
    limits.memory += r.memoryLimit;
  }
  const { nodeGroup, capacityType, zone, instanceType } = nodeFactsOf(node, table);
  return {
    name: node.metadata.name,
    nodeGroup,
    capacityType,
    zone,
    instanceType,
    allocatable,
    requests,
    limits,
    podCount,
    cpuRequestPct: pct(requests.cpu, allocatable.cpu),
    memoryRequestPct: pct(requests.memory, allocatable.memory),
  };
}
