// What crosses HTTP between the server routes and the browser / CLI (`--server`).
// zod schemas, because the brief asks for validation at every boundary: the page validates
// SSE messages before they touch React state, and the CLI validates what a dashboard sends.
import { z } from 'zod';
import { CAPACITY_TYPES } from '@/lib/podnode/types';

export const clusterStatusSchema = z.object({
  state: z.enum(['syncing', 'live', 'stale']),
  /** ISO time of the last moment the cache was known to be in sync with the API server */
  lastSyncAt: z.string().nullable(),
  /** ISO time the cache went stale (only when state is 'stale') */
  staleSince: z.string().nullable().optional(),
  /** human-readable reason for syncing/stale, e.g. "connect ECONNREFUSED 127.0.0.1:6443" */
  message: z.string().optional(),
});
export type ClusterStatus = z.infer<typeof clusterStatusSchema>;

export const contextInfoSchema = z.object({
  name: z.string(),
  server: z.string(),
  /** true when the built-in simulated demo cluster is serving */
  simulated: z.boolean(),
});
export type ContextInfo = z.infer<typeof contextInfoSchema>;

/** A row without the pod/node objects, plus the text of each requested custom column (`o` paths). */
export const wireRowSchema = z.object({
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
  capacityType: z.enum(CAPACITY_TYPES as unknown as [string, ...string[]]),
  zone: z.string().nullable(),
  instanceType: z.string().nullable(),
  cpuRequest: z.number(),
  cpuLimit: z.number(),
  memoryRequest: z.number(),
  memoryLimit: z.number(),
  createdAt: z.string(),
  /** path → text (`NA` when missing), only for the custom columns the query asked for */
  cells: z.record(z.string(), z.string()).optional(),
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
