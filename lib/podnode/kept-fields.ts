// The fields the cache keeps of each pod and node: an allowlist, not a denylist, so a cluster's
// bulkiest parts (volumes, probes, env, container and image IDs, node image lists) never cost
// memory at 150,000 pods, and nothing unexpected reaches a browser. Every path kk's users write
// is here; a query path into anything else is refused with a 400 that points at the list in
// docs/architecture.md ("Fields the cache keeps"), never answered with an empty column.
//
// A tree: `true` keeps the value whole; an object keeps only its keys. An object tree applies to
// every element of a list (each container, each condition).

export type KeptTree = true | { readonly [field: string]: KeptTree };

/** where the kept fields are listed, as error messages say it */
export const KEPT_FIELDS_DOC = 'docs/architecture.md, "Fields the cache keeps"';

const ALL = true;

const CONTAINER: KeptTree = { name: ALL, image: ALL, resources: ALL, ports: ALL, restartPolicy: ALL };

const CONTAINER_STATE: KeptTree = {
  waiting: { reason: ALL, message: ALL },
  running: { startedAt: ALL },
  terminated: { reason: ALL, message: ALL, exitCode: ALL, signal: ALL, startedAt: ALL, finishedAt: ALL },
};

const CONTAINER_STATUS: KeptTree = {
  name: ALL, image: ALL, ready: ALL, started: ALL, restartCount: ALL,
  state: CONTAINER_STATE, lastState: CONTAINER_STATE,
  resources: ALL, allocatedResources: ALL,
};

const CONDITION: KeptTree = { type: ALL, status: ALL, reason: ALL, message: ALL };

export const POD_KEPT: KeptTree = {
  apiVersion: ALL,
  kind: ALL,
  // all of metadata but managedFields and the last-applied annotation, which ingest removes
  metadata: ALL,
  spec: {
    nodeName: ALL, containers: CONTAINER, initContainers: CONTAINER, ephemeralContainers: { name: ALL, image: ALL },
    tolerations: ALL, affinity: ALL, nodeSelector: ALL, topologySpreadConstraints: ALL,
    priorityClassName: ALL, priority: ALL, preemptionPolicy: ALL, schedulerName: ALL, runtimeClassName: ALL,
    serviceAccountName: ALL, serviceAccount: ALL, restartPolicy: ALL, hostNetwork: ALL,
    overhead: ALL, resources: ALL, schedulingGates: ALL,
  },
  status: {
    phase: ALL, reason: ALL, message: ALL, nominatedNodeName: ALL, qosClass: ALL, resize: ALL,
    podIP: ALL, hostIP: ALL, startTime: ALL,
    conditions: CONDITION,
    containerStatuses: CONTAINER_STATUS, initContainerStatuses: CONTAINER_STATUS, ephemeralContainerStatuses: CONTAINER_STATUS,
  },
};

export const NODE_KEPT: KeptTree = {
  apiVersion: ALL,
  kind: ALL,
  metadata: ALL,
  spec: { taints: ALL, unschedulable: ALL, providerID: ALL, podCIDR: ALL },
  status: {
    capacity: ALL, allocatable: ALL, nodeInfo: ALL, addresses: ALL,
    // lastHeartbeatTime changes every few seconds on a real node: keeping it would make every node
    // a "change" for nobody's benefit
    conditions: { type: ALL, status: ALL, reason: ALL, message: ALL, lastTransitionTime: ALL },
  },
};

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A copy of `value` with only the fields `tree` keeps (shared where whole). */
export function keepFields(value: unknown, tree: KeptTree): unknown {
  if (tree === true) return value;
  if (Array.isArray(value)) return value.map((item) => keepFields(item, tree));
  if (!isRecord(value)) return value; // a scalar where an object belongs: not ours to judge
  const out: Rec = {};
  for (const field of Object.keys(tree)) {
    if (Object.hasOwn(value, field) && value[field] !== undefined) out[field] = keepFields(value[field], tree[field]!);
  }
  return out;
}

/**
 * Where a path leaves the kept fields: null if everything it reads is kept, else the index of
 * the first segment that is not. `names(i)` gives the spellings segment i may match (snake_case
 * and camelCase alike), or null for an index or `[*]`, which stay on the same tree.
 */
export function firstDroppedSegment(tree: KeptTree, count: number, names: (i: number) => readonly string[] | null): number | null {
  let at: KeptTree = tree;
  for (let i = 0; i < count; i++) {
    if (at === true) return null;
    const spellings = names(i);
    if (spellings === null) continue;
    const field = spellings.find((n) => Object.hasOwn(at as object, n));
    if (field === undefined) return i;
    at = (at as Record<string, KeptTree>)[field]!;
  }
  return null;
}

/** The kept fields as dotted paths (`spec.containers[*].image`), for the docs and for messages. */
export function keptPaths(tree: KeptTree, prefix = ''): string[] {
  if (tree === true) return [prefix];
  return Object.entries(tree).flatMap(([field, sub]) => keptPaths(sub, prefix ? `${prefix}.${field}` : field));
}
