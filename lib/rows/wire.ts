// What crosses HTTP between the server routes and the browser / CLI (`--server`), as zod schemas:
// the page validates every SSE message and fetched detail before it touches React state, and the
// CLI validates what a dashboard sends. Browser-safe: no server imports.
import { z } from 'zod';
import { CAPACITY_TYPES, type CapacityType, type KubeObject, type PodNodeRow } from '@/lib/podnode/types';
import type { NodeSummary } from '@/lib/podnode/node-summary';
import type { ClusterEvent } from '@/lib/podnode/cluster-events';
import type { NodeGroupTotals, NodeRow } from '@/lib/podnode/node-row';
import type { WorkloadRow } from '@/lib/podnode/workloads';
import type { ClusterStatus, ContextInfo } from '@/lib/kube/types';

export type { ClusterStatus, ContextInfo };

export const clusterStatusSchema = z.object({
  state: z.enum(['syncing', 'live', 'stale']),
  /** ISO time of the last moment the cache was known to be in sync with the API server */
  lastSyncAt: z.string().nullable(),
  /** ISO time the cache went stale (only when state is 'stale') */
  staleSince: z.string().nullable().optional(),
  /** human-readable reason for syncing/stale, e.g. "connect ECONNREFUSED 127.0.0.1:6443" */
  message: z.string().optional(),
  limits: z.array(z.string()).optional(),
}) satisfies z.ZodType<ClusterStatus>;

const contextInfoSchema = z.object({
  name: z.string(),
  server: z.string(),
  /** true when the built-in simulated demo cluster is serving */
  simulated: z.boolean(),
}) satisfies z.ZodType<ContextInfo>;

const capacityTypeSchema = z.enum(CAPACITY_TYPES as unknown as [CapacityType, ...CapacityType[]]);

/** A row without the pod/node objects, plus the text of each requested custom column (`o` paths). */
const wireRowSchema = z.object({
  uid: z.string(),
  namespace: z.string(),
  podName: z.string(),
  status: z.string(),
  ready: z.string(),
  restarts: z.number(),
  appName: z.string(),
  ownerKind: z.string().nullable(),
  ownerName: z.string().nullable(),
  nodeName: z.string().nullable(),
  nodeGroup: z.string().nullable(),
  capacityType: capacityTypeSchema,
  zone: z.string().nullable(),
  instanceType: z.string().nullable(),
  cpuRequest: z.number(),
  cpuLimit: z.number(),
  memoryRequest: z.number(),
  memoryLimit: z.number(),
  createdAt: z.string(),
  warnings: z.number(),
  /** path → value (numbers as numbers, null when missing, else text), only for the custom `o` and
   *  `sort` paths of the query: what the page shows and sorts by (lib/query/sort.ts) */
  cells: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
});
export type WireRow = z.infer<typeof wireRowSchema>;

/** counts per value, for the facet filters; each facet ignores its own clauses */
export const facetsSchema = z.object({
  capacityType: z.record(z.string(), z.number()),
  nodeGroup: z.record(z.string(), z.number()),
  status: z.record(z.string(), z.number()),
  zone: z.record(z.string(), z.number()),
  namespace: z.record(z.string(), z.number()),
});
export type Facets = z.infer<typeof facetsSchema>;

export const snapshotEventSchema = z.object({
  rows: z.array(wireRowSchema),
  /** pods in the cache */
  total: z.number(),
  /** rows matching the query (= rows.length) */
  matched: z.number(),
  /** nodes in the cache */
  nodes: z.number(),
  status: clusterStatusSchema,
  context: contextInfoSchema,
  facets: facetsSchema,
});
export type SnapshotEvent = z.infer<typeof snapshotEventSchema>;

export const patchEventSchema = z.object({
  upserts: z.array(wireRowSchema),
  /** uids of rows that left the result (deleted, or no longer matching) */
  deletes: z.array(z.string()),
  total: z.number(),
  matched: z.number(),
  nodes: z.number(),
});
export type PatchEvent = z.infer<typeof patchEventSchema>;

/** Body of every 4xx the API answers: what was wrong and where. */
export const apiErrorSchema = z.object({
  error: z.string(),
  where: z.object({ param: z.string(), index: z.number().optional(), position: z.number().optional() }).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** A stored (stripped) Kubernetes object: the fields the page reads are checked, the rest kept. */
const kubeObjectSchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  metadata: z.looseObject({
    name: z.string(),
    namespace: z.string().optional(),
    uid: z.string(),
    resourceVersion: z.string().optional(),
    creationTimestamp: z.string().optional(),
    deletionTimestamp: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
    ownerReferences: z
      .array(z.object({ apiVersion: z.string().optional(), kind: z.string(), name: z.string(), uid: z.string().optional(), controller: z.boolean().optional() }))
      .optional(),
  }),
  spec: z.record(z.string(), z.unknown()).optional(),
  status: z.record(z.string(), z.unknown()).optional(),
}) satisfies z.ZodType<KubeObject>;

const cpuMemorySchema = z.object({ cpu: z.number(), memory: z.number() });

const nodeSummarySchema = z.object({
  name: z.string(),
  nodeGroup: z.string().nullable(),
  capacityType: capacityTypeSchema,
  zone: z.string().nullable(),
  instanceType: z.string().nullable(),
  allocatable: z.object({ cpu: z.number(), memory: z.number(), pods: z.number() }),
  requests: cpuMemorySchema,
  limits: cpuMemorySchema,
  podCount: z.number(),
  cpuRequestPct: z.number().nullable(),
  memoryRequestPct: z.number().nullable(),
}) satisfies z.ZodType<NodeSummary>;

const clusterEventSchema = z.object({
  uid: z.string(),
  type: z.string(),
  reason: z.string(),
  message: z.string(),
  component: z.string(),
  count: z.number(),
  lastAt: z.string(),
  object: z.object({ kind: z.string(), name: z.string(), namespace: z.string().nullable(), uid: z.string().nullable() }),
}) satisfies z.ZodType<ClusterEvent>;

/** `/api/podnode/<uid>`: one row with its kept objects, the whole pod, how full its node is, and its events (newest first). */
export const podDetailSchema = z.object({
  row: wireRowSchema.omit({ cells: true }).extend({ pod: kubeObjectSchema, node: kubeObjectSchema.nullable() }),
  nodeSummary: nodeSummarySchema.nullable(),
  events: z.array(clusterEventSchema),
  whole: z.union([z.object({ pod: kubeObjectSchema }), z.object({ error: z.string() })]).nullable(),
}) satisfies z.ZodType<PodDetail>;
/** `whole`: the pod as the API server has it now (one GET, redacted), or why it could not be had */
export type PodDetail = { row: PodNodeRow; nodeSummary: NodeSummary | null; events: ClusterEvent[]; whole: { pod: KubeObject } | { error: string } | null };

const eventKindSchema = z.enum(['interruption', 'rebalance', 'disruption']);

const nodeRowSchema = z.object({
  name: z.string(),
  nodeGroup: z.string().nullable(),
  capacityType: capacityTypeSchema,
  zone: z.string().nullable(),
  instanceType: z.string().nullable(),
  createdAt: z.string(),
  ready: z.string(),
  cordoned: z.boolean(),
  taints: z.array(z.string()),
  pods: z.number(),
  maxPods: z.number(),
  cpuAllocatable: z.number(),
  cpuRequest: z.number(),
  cpuLimit: z.number(),
  memoryAllocatable: z.number(),
  memoryRequest: z.number(),
  memoryLimit: z.number(),
  cpuRequestPct: z.number().nullable(),
  memoryRequestPct: z.number().nullable(),
  notice: z.string().nullable(),
  noticeKind: eventKindSchema.nullable(),
  noticeAt: z.string().nullable(),
  noticeBy: z.string().nullable(),
  warnings: z.number(),
}) satisfies z.ZodType<NodeRow>;

const nodeGroupTotalsSchema = z.object({
  key: z.string(),
  nodes: z.number(),
  pods: z.number(),
  maxPods: z.number(),
  cpuRequest: z.number(),
  cpuAllocatable: z.number(),
  memoryRequest: z.number(),
  memoryAllocatable: z.number(),
  cpuRequestPct: z.number().nullable(),
  memoryRequestPct: z.number().nullable(),
}) satisfies z.ZodType<NodeGroupTotals>;

const bannerSchema = z.object({ nodes: z.number(), pods: z.number(), names: z.array(z.string()), href: z.string() }).nullable();

const nodeViewExtra = { groups: z.array(nodeGroupTotalsSchema), banner: bannerSchema, capacityCounts: z.record(z.string(), z.number()), total: z.number(), matched: z.number() };
export const nodeSnapshotSchema = z.object({ rows: z.array(nodeRowSchema), ...nodeViewExtra, status: clusterStatusSchema, context: contextInfoSchema });
export const nodePatchSchema = z.object({ upserts: z.array(nodeRowSchema), deletes: z.array(z.string()), ...nodeViewExtra });
export type NodeSnapshot = z.infer<typeof nodeSnapshotSchema>;
export type NodeBanner = z.infer<typeof bannerSchema>;
export type { NodeRow, NodeGroupTotals, ClusterEvent };

export const workloadRowSchema = z.object({
  id: z.string(),
  namespace: z.string(),
  kind: z.string(),
  name: z.string(),
  replicas: z.number(),
  ready: z.number(),
  scheduled: z.number(),
  spotReplicas: z.number(),
  spotShare: z.number(),
  zones: z.array(z.string()),
  nodes: z.number(),
  capacityTypes: z.array(capacityTypeSchema),
  cpuRequest: z.number(),
  memoryRequest: z.number(),
  pdbs: z.array(z.string()),
  disruptionsAllowed: z.number().nullable(),
  allOnSpot: z.boolean(),
  oneZone: z.boolean(),
  oneNode: z.boolean(),
  spotWithoutPdb: z.boolean(),
  pdbBlocks: z.boolean(),
  risk: z.number(),
}) satisfies z.ZodType<Omit<WorkloadRow, 'podNames'>>;
export type WireWorkload = z.infer<typeof workloadRowSchema>;

export const workloadSnapshotSchema = z.object({ rows: z.array(workloadRowSchema), matched: z.number(), status: clusterStatusSchema, context: contextInfoSchema });
export const workloadPatchSchema = z.object({ upserts: z.array(workloadRowSchema), deletes: z.array(z.string()), matched: z.number() });
export type WorkloadSnapshot = z.infer<typeof workloadSnapshotSchema>;

/** Why a view has no rows: `request`, the caller sent something wrong (400, names the parameter);
 *  `cluster`, the server cannot reach a cluster (503); `unauthorized`, no valid access token (401);
 *  `forbidden`, a host or origin this dashboard does not serve (403). */
export type ViewFailure =
  | { status: 400; kind: 'request'; body: ApiError }
  | { status: 503; kind: 'cluster'; body: ApiError }
  | { status: 401; kind: 'unauthorized'; body: ApiError }
  | { status: 403; kind: 'forbidden'; body: ApiError };
