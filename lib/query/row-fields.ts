// Which path names read the row itself: every scalar field of PodNodeRow, its snake_case spelling,
// and kk's two aliases whose names differ (`pod_state`, `node_lifecycle`).
import type { PodNodeRowLite } from '@/lib/podnode/types';

export const ROW_FIELDS = [
  'uid', 'namespace', 'podName', 'status', 'ready', 'restarts', 'appName', 'ownerKind', 'ownerName',
  'nodeName', 'nodeGroup', 'capacityType', 'zone', 'instanceType', 'cpuRequest', 'cpuLimit',
  'memoryRequest', 'memoryLimit', 'createdAt', 'warnings',
] as const satisfies readonly (keyof PodNodeRowLite)[];

export type RowField = (typeof ROW_FIELDS)[number];

// Fails to compile when PodNodeRow gains a field this list does not name.
type AssertNever<T extends never> = T;
/** @public a compile-time check, never imported */
export type RowFieldsAreComplete = AssertNever<Exclude<keyof PodNodeRowLite, RowField>>;

const KK_ALIASES: ReadonlyArray<[string, RowField]> = [
  ['pod_state', 'status'],
  ['node_lifecycle', 'capacityType'],
];

const BY_NAME = new Map<string, RowField>([
  ...ROW_FIELDS.map((f): [string, RowField] => [f, f]),
  ...ROW_FIELDS.map((f): [string, RowField] => [f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), f]),
  ...KK_ALIASES,
]);

export function rowFieldOf(name: string): RowField | undefined {
  return BY_NAME.get(name);
}

/** Whole paths that read the same value as a row field: kk users wrote the namespace as a pod path. */
const SAME_AS_FIELD: ReadonlyMap<string, RowField> = new Map([
  ['metadata.namespace', 'namespace'],
  ['pod.metadata.namespace', 'namespace'],
]);

/** The row field a whole query path reads, by any name (`pod_name`, `pod_state`,
 *  `metadata.namespace`); undefined when the path reads into the pod or node objects. */
export function rowFieldOfPath(path: string): RowField | undefined {
  return BY_NAME.get(path) ?? SAME_AS_FIELD.get(path);
}

/** A view's column id: the row field when the path names one, else the path itself. */
export function columnIdOf(path: string): string {
  return rowFieldOfPath(path) ?? path;
}

const FIELD_SET: ReadonlySet<string> = new Set(ROW_FIELDS);

/** True for a column id that is a path into the objects, whose values travel as cells. */
export function isCustomColumn(id: string): boolean {
  return !FIELD_SET.has(id);
}
