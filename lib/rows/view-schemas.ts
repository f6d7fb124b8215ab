// What the query language means on the node and workload views: their fields, the objects a path
// may walk into, and their tie-break order. Browser-safe, so the page checks a query exactly as
// the routes do before it asks for it.
import type { KubeObject } from '@/lib/podnode/types';
import { NODE_ROW_FIELDS, type NodeRow } from '@/lib/podnode/node-row';
import { NODE_KEPT } from '@/lib/podnode/kept-fields';
import type { WorkloadRow } from '@/lib/podnode/workloads';
import type { RecordSchema } from '@/lib/query';

/** a node row with the node object, so any path into the node works in filters */
export type NodeRecord = NodeRow & { node: KubeObject };

export const NODE_SCHEMA: RecordSchema<NodeRecord> = {
  noun: 'node',
  fields: NODE_ROW_FIELDS,
  roots: { node: (r) => r.node },
  fallback: (r) => r.node,
  kept: NODE_KEPT,
  nodeLabels: (r) => r.node.metadata.labels,
  tieBreak: [{ path: 'name', desc: false }],
};

export const NODE_GROUPINGS = ['nodeGroup', 'capacityType', 'none'] as const;
export type NodeGrouping = (typeof NODE_GROUPINGS)[number];

export const WORKLOAD_FIELDS = [
  'id', 'namespace', 'kind', 'name', 'replicas', 'ready', 'scheduled', 'spotReplicas', 'spotShare', 'zones', 'nodes',
  'capacityTypes', 'cpuRequest', 'memoryRequest', 'pdbs', 'disruptionsAllowed', 'allOnSpot', 'oneZone', 'oneNode',
  'spotWithoutPdb', 'pdbBlocks', 'risk',
] as const satisfies readonly (keyof WorkloadRow)[];

export const WORKLOAD_SCHEMA: RecordSchema<WorkloadRow> = {
  noun: 'workload',
  fields: WORKLOAD_FIELDS,
  roots: {},
  tieBreak: [{ path: 'risk', desc: true }, { path: 'namespace', desc: false }, { path: 'kind', desc: false }, { path: 'name', desc: false }],
  // `l`, `ns` and `nl` choose the pods the workloads are made of, as they do in the table
  handledElsewhere: ['l', 'ns', 'nl'],
};
