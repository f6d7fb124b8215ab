// One row per node for the node view: how full it is as the scheduler counts (requests against
// status.allocatable; limits as a second mark), where it sits, whether it takes pods, and the
// weightiest spot event it got. Sums come from the pods' rows, so a node's bar is exactly the sum
// of its pods' requests as the table shows them.
import { DEFAULT_CAPACITY_TABLE, type CapacityTable } from './capacity-types';
import { nodeFactsOf } from './join';
import { isTerminalPhase, podStatus } from './pod-shape';
import { bytesOf, cpuNanosOf, nanosToMillis } from './quantity-cache';
import type { CapacityType, KubeObject, PodNodeRow } from './types';
import type { EventKind } from './cluster-events';

export type NodeNoticeFacts = { kind: EventKind; reason: string; component: string; at: string; message: string };

export type NodeRow = {
  name: string;
  nodeGroup: string | null;
  capacityType: CapacityType;
  zone: string | null;
  instanceType: string | null;
  createdAt: string;
  /** the Ready condition: Ready, NotReady or Unknown */
  ready: string;
  /** spec.unschedulable */
  cordoned: boolean;
  /** `key=value:Effect`, as kubectl describe prints them */
  taints: string[];
  /** pods holding resources (not Succeeded or Failed) */
  pods: number;
  /** allocatable pods */
  maxPods: number;
  /** millicores */
  cpuAllocatable: number;
  cpuRequest: number;
  cpuLimit: number;
  /** bytes */
  memoryAllocatable: number;
  memoryRequest: number;
  memoryLimit: number;
  /** percent of allocatable, one decimal; null without allocatable */
  cpuRequestPct: number | null;
  memoryRequestPct: number | null;
  /** the reason of its weightiest interruption-related event (SpotInterrupted, …), else null */
  notice: string | null;
  noticeKind: EventKind | null;
  noticeAt: string | null;
  noticeBy: string | null;
  /** Warning events on the node object */
  warnings: number;
};

export const NODE_ROW_FIELDS: readonly (keyof NodeRow)[] = [
  'name', 'nodeGroup', 'capacityType', 'zone', 'instanceType', 'createdAt', 'ready', 'cordoned', 'taints', 'pods', 'maxPods',
  'cpuAllocatable', 'cpuRequest', 'cpuLimit', 'memoryAllocatable', 'memoryRequest', 'memoryLimit', 'cpuRequestPct',
  'memoryRequestPct', 'notice', 'noticeKind', 'noticeAt', 'noticeBy', 'warnings',
];

const pct = (used: number, of: number): number | null => (of > 0 ? Math.round((used / of) * 1000) / 10 : null);

type Taint = { key?: unknown; value?: unknown; effect?: unknown };
type Condition = { type?: unknown; status?: unknown };

export function toNodeRow(
  node: KubeObject,
  podsOnNode: Iterable<PodNodeRow>,
  extra: { notice: NodeNoticeFacts | null; warnings: number },
  table: CapacityTable = DEFAULT_CAPACITY_TABLE,
): NodeRow {
  const status = (node.status ?? {}) as { allocatable?: Record<string, string>; conditions?: Condition[] };
  const alloc = status.allocatable ?? {};
  const spec = (node.spec ?? {}) as { unschedulable?: unknown; taints?: Taint[] };
  let pods = 0;
  let cpuRequest = 0;
  let cpuLimit = 0;
  let memoryRequest = 0;
  let memoryLimit = 0;
  for (const row of podsOnNode) {
    if (isTerminalPhase(podStatus(row.pod).phase)) continue;
    pods++;
    cpuRequest += row.cpuRequest;
    cpuLimit += row.cpuLimit;
    memoryRequest += row.memoryRequest;
    memoryLimit += row.memoryLimit;
  }
  const cpuAllocatable = nanosToMillis(cpuNanosOf(alloc.cpu));
  const memoryAllocatable = bytesOf(alloc.memory);
  const readyCondition = Array.isArray(status.conditions) ? status.conditions.find((c) => c?.type === 'Ready') : undefined;
  const ready = readyCondition?.status === 'True' ? 'Ready' : readyCondition?.status === 'False' ? 'NotReady' : 'Unknown';
  const taints = Array.isArray(spec.taints)
    ? spec.taints.map((t) => `${String(t?.key ?? '')}${typeof t?.value === 'string' && t.value !== '' ? `=${t.value}` : ''}:${String(t?.effect ?? '')}`)
    : [];
  const { nodeGroup, capacityType, zone, instanceType } = nodeFactsOf(node, table);
  const n = extra.notice;
  return {
    name: node.metadata.name,
    nodeGroup,
    capacityType,
    zone,
    instanceType,
    createdAt: typeof node.metadata.creationTimestamp === 'string' ? node.metadata.creationTimestamp : '',
    ready,
    cordoned: spec.unschedulable === true,
    taints,
    pods,
    maxPods: bytesOf(alloc.pods),
    cpuAllocatable,
    cpuRequest,
    cpuLimit,
    memoryAllocatable,
    memoryRequest,
    memoryLimit,
    cpuRequestPct: pct(cpuRequest, cpuAllocatable),
    memoryRequestPct: pct(memoryRequest, memoryAllocatable),
    notice: n?.reason ?? null,
    noticeKind: n?.kind ?? null,
    noticeAt: n?.at ?? null,
    noticeBy: n?.component ?? null,
    warnings: extra.warnings,
  };
}

export type NodeGroupTotals = {
  /** the group's value (a node group, a capacity type), `NA` when none */
  key: string;
  nodes: number;
  pods: number;
  maxPods: number;
  cpuRequest: number;
  cpuAllocatable: number;
  memoryRequest: number;
  memoryAllocatable: number;
  cpuRequestPct: number | null;
  memoryRequestPct: number | null;
};

/** Totals per group, in the order groups first appear in `rows` (the view's sort order). */
export function nodeGroupTotals(rows: readonly NodeRow[], by: 'nodeGroup' | 'capacityType'): NodeGroupTotals[] {
  const groups = new Map<string, NodeGroupTotals>();
  for (const r of rows) {
    const key = r[by] ?? 'NA';
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, nodes: 0, pods: 0, maxPods: 0, cpuRequest: 0, cpuAllocatable: 0, memoryRequest: 0, memoryAllocatable: 0, cpuRequestPct: null, memoryRequestPct: null }));
    g.nodes++;
    g.pods += r.pods;
    g.maxPods += r.maxPods;
    g.cpuRequest += r.cpuRequest;
    g.cpuAllocatable += r.cpuAllocatable;
    g.memoryRequest += r.memoryRequest;
    g.memoryAllocatable += r.memoryAllocatable;
  }
  for (const g of groups.values()) {
    g.cpuRequestPct = pct(g.cpuRequest, g.cpuAllocatable);
    g.memoryRequestPct = pct(g.memoryRequest, g.memoryAllocatable);
  }
  return [...groups.values()];
}
