// Which query paths name a row field the wire row already carries, so the page can sort, group
// and facet on them without asking the server for a text cell.
import type { WireRow } from '@/lib/api/wire';

export type RowField = Exclude<keyof WireRow, 'cells'>;

const FIELDS = new Set<string>([
  'uid', 'namespace', 'podName', 'status', 'ready', 'restarts', 'appName', 'ownerKind', 'ownerName',
  'nodeName', 'nodeGroup', 'capacityType', 'zone', 'instanceType', 'cpuRequest', 'cpuLimit',
  'memoryRequest', 'memoryLimit', 'createdAt',
]);

/** kk's names that are not plain snake_case of ours */
const KK_ALIASES: Record<string, RowField> = {
  pod_state: 'status',
  node_lifecycle: 'capacityType',
  'metadata.namespace': 'namespace',
  'pod.metadata.namespace': 'namespace',
};

/** `pod_name` → `podName`; null when the path reads the pod or node objects. */
export function rowFieldOf(path: string): RowField | null {
  const alias = KK_ALIASES[path];
  if (alias) return alias;
  const camel = path.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return FIELDS.has(camel) ? (camel as RowField) : null;
}

/** The column id for a query path: the row field when it is one, else the path itself. */
export function columnIdOf(path: string): string {
  return rowFieldOf(path) ?? path;
}

export function isCustomColumn(id: string): boolean {
  return !FIELDS.has(id);
}
