// The join: one PodNodeRow per pod, with the node it runs on.
// Hot path: at 150k pods this runs on every full snapshot, so facts about a node are computed
// once per node, quantities are memoised, and nothing is cloned: rows reference
// the cached pod and node objects.
import { capacityTypeOf, DEFAULT_CAPACITY_TABLE, type CapacityTable } from './capacity-types';
import { instanceTypeOf, nodeGroupOf, zoneOf } from './node-info';
import { appNameOf, topOwnerOf, type OwnerMemo } from './owner';
import { podSpec } from './pod-shape';
import { kubectlColumnsOf } from './pod-status';
import { podResources, type ResourcesMemo } from './pod-resources';
import type { CapacityType, KubeObject, PodNodeRow } from './types';

export type NodeFacts = { nodeGroup: string | null; capacityType: CapacityType; zone: string | null; instanceType: string | null };

// Keyed by node object: the cache replaces a node object on every watch event, so a changed label
// means a new object and a fresh entry (an in-place mutation would go unnoticed).
const factsByNode = new WeakMap<KubeObject, { table: CapacityTable; facts: NodeFacts }>();

/** Group, capacity type, zone and instance type of a node, cached per node object and table. */
export function nodeFactsOf(node: KubeObject, table: CapacityTable = DEFAULT_CAPACITY_TABLE): NodeFacts {
  const cached = factsByNode.get(node);
  if (cached && cached.table === table) return cached.facts;
  const labels = node.metadata.labels;
  const facts: NodeFacts = {
    nodeGroup: nodeGroupOf(labels),
    capacityType: capacityTypeOf(labels, table),
    zone: zoneOf(labels),
    instanceType: instanceTypeOf(labels),
  };
  factsByNode.set(node, { table, facts });
  return facts;
}

const NO_NODE = { nodeGroup: null, capacityType: 'unknown', zone: null, instanceType: null } as const;

function isoOf(ts: unknown): string {
  if (typeof ts === 'string') return ts;
  // client-node hands LIST results over with Date objects; keep rows plain strings either way.
  if (ts instanceof Date) return ts.toISOString();
  return '';
}

/** What one join of many pods computes once per pod template rather than once per pod: keep one
 *  for a batch of rows, then let it go (it holds the templates' answers, nothing of the rows). */
export class JoinMemo {
  readonly owners: OwnerMemo = new Map();
  readonly resources: ResourcesMemo = new Map();
}

/** One row. `node` is the object named by spec.nodeName, or undefined when unscheduled or gone;
 *  `facts` its nodeFactsOf, when the caller keeps them at hand; `memo` shared by a batch of rows. */
export function toPodNodeRow(pod: KubeObject, node: KubeObject | undefined, table: CapacityTable = DEFAULT_CAPACITY_TABLE, facts?: NodeFacts, memo?: JoinMemo): PodNodeRow {
  return buildRow(pod, node, node ? (facts ?? nodeFactsOf(node, table)) : NO_NODE, memo);
}

function buildRow(pod: KubeObject, node: KubeObject | undefined, facts: NodeFacts, memo: JoinMemo | undefined): PodNodeRow {
  const meta = pod.metadata;
  const nodeName = podSpec(pod).nodeName;
  const columns = kubectlColumnsOf(pod);
  const owner = topOwnerOf(pod, memo?.owners);
  const resources = podResources(pod, memo?.resources);
  return {
    uid: meta.uid,
    namespace: meta.namespace ?? '',
    podName: meta.name,
    status: columns.status,
    ready: columns.ready,
    restarts: columns.restarts,
    appName: appNameOf(pod, owner),
    ownerKind: owner?.kind ?? null,
    ownerName: owner?.name ?? null,
    nodeName: typeof nodeName === 'string' && nodeName !== '' ? nodeName : null,
    nodeGroup: nodeGroupFor(pod, facts),
    capacityType: facts.capacityType,
    zone: facts.zone,
    instanceType: facts.instanceType,
    cpuRequest: inline(resources.cpuRequest),
    cpuLimit: inline(resources.cpuLimit),
    memoryRequest: inline(resources.memoryRequest),
    memoryLimit: inline(resources.memoryLimit),
    createdAt: isoOf(meta.creationTimestamp),
    warnings: 0,
    pod,
    node: node ?? null,
  };
}

/** The row toPodNodeRow(pod, node) makes, from the one toPodNodeRow(pod, undefined) made: its node
 *  fields set in place. Only for a row nobody holds yet (rows handed out are never changed). */
export function placeOnNode(row: PodNodeRow, node: KubeObject, facts: NodeFacts): PodNodeRow {
  row.nodeGroup = nodeGroupFor(row.pod, facts);
  row.capacityType = facts.capacityType;
  row.zone = facts.zone;
  row.instanceType = facts.instanceType;
  row.node = node;
  return row;
}

// Fargate runs each pod on a node of its own; the group is the pod's Fargate profile.
function nodeGroupFor(pod: KubeObject, facts: NodeFacts): string | null {
  return facts.nodeGroup ?? (facts.capacityType === 'fargate' ? (fargateProfileOf(pod) ?? null) : null);
}

/** Rows for all pods; a pod whose node is not in `nodesByName` keeps its nodeName with node: null. */
export function joinPodNodes(
  pods: Iterable<KubeObject>,
  nodesByName: ReadonlyMap<string, KubeObject>,
  table: CapacityTable = DEFAULT_CAPACITY_TABLE,
): PodNodeRow[] {
  const rows: PodNodeRow[] = [];
  // Per call, a plain Map by name is cheaper than the WeakMap lookup for each of ~30 pods a node.
  const factsByName = new Map<string, NodeFacts>();
  const memo = new JoinMemo();
  for (const pod of pods) {
    const nodeName = podSpec(pod).nodeName;
    const node = nodeName ? nodesByName.get(nodeName) : undefined;
    let facts: NodeFacts = NO_NODE;
    if (node && nodeName) {
      const known = factsByName.get(nodeName);
      if (known) facts = known;
      else factsByName.set(nodeName, (facts = nodeFactsOf(node, table)));
    }
    rows.push(buildRow(pod, node, facts, memo));
  }
  return rows;
}

/** A whole number in small-integer range as an integer. The resource sums come out of float
 *  arithmetic, and V8 keeps a field that has held such numbers as a separate 16-byte box in every
 *  row, small values too; small integers it keeps in the row itself. At 150,000 rows the two CPU
 *  fields cost 32 bytes a row as boxes. One value that is no small integer boxes its field in
 *  every row again: memory over 2 GiB (so the memory fields stay boxed), or a fraction of a
 *  millicore. Values are never changed, only how they are held (-0 becomes 0). */
function inline(n: number): number {
  const i = n | 0;
  return i === n ? i : n;
}

function fargateProfileOf(pod: KubeObject): string | undefined {
  const labels = pod.metadata.labels;
  const profile = labels && Object.hasOwn(labels, 'eks.amazonaws.com/fargate-profile') ? labels['eks.amazonaws.com/fargate-profile'] : undefined;
  return profile || undefined;
}
