// Which path names read the row itself: every scalar field of PodNodeRow, its snake_case spelling,
// and kk's two aliases whose names differ (`pod_state`, `node_lifecycle`).
import type { PodNodeRowLite } from '@/lib/podnode/types';

export const ROW_FIELDS = [
  'uid', 'namespace', 'podName', 'status', 'ready', 'restarts', 'appName', 'ownerKind', 'ownerName',
  'nodeName', 'nodeGroup', 'capacityType', 'zone', 'instanceType', 'cpuRequest', 'cpuLimit',
  'memoryRequest', 'memoryLimit', 'createdAt',
] as const satisfies readonly (keyof PodNodeRowLite)[];

export type RowField = (typeof ROW_FIELDS)[number];

// Fails to compile when PodNodeRow gains a field this list does not name.
type AssertNever<T extends never> = T;
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
