// The meta.k8s.io/v1 Table form that `kubectl get` asks for (Accept: …;as=Table;g=meta.k8s.io;v=v1).
import type { KubeObject } from '@/lib/podnode/types';
import type { Entry, ResourceName } from './store';
import { COLUMNS, cellsFor } from './table-columns';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function wantsTable(accept: string | undefined): boolean {
  return !!accept && accept.split(',').some((part) => /;\s*as=Table/.test(part) && /g=meta\.k8s\.io/.test(part));
}

export function parseIncludeObject(value: string | null): IncludeObject {
  if (value === null || value === '' || value === 'Metadata') return 'Metadata';
  if (value === 'None' || value === 'Object') return value;
  throw new Error(`includeObject must be None, Metadata or Object, got "${value}"`);
}

function tableRow(resource: ResourceName, entry: Entry, include: IncludeObject, now: number): Record<string, unknown> {
  const obj = JSON.parse(entry.json) as KubeObject;
  const row: Record<string, unknown> = { cells: cellsFor(resource, obj, now) };
  // kube-apiserver's pod printer marks finished pods so `kubectl get` can tell them apart
  const phase = (obj.status as { phase?: string } | undefined)?.phase;
  if (resource === 'pods' && (phase === 'Succeeded' || phase === 'Failed')) {
    row.conditions = [{ type: 'Completed', status: 'True', reason: phase, message: phase === 'Succeeded' ? 'The pod has completed successfully.' : 'The pod failed.' }];
  }
  if (include === 'Object') row.object = obj;
  else if (include === 'Metadata') {
    // PartialObjectMetadata drops managedFields, as the real TableConvertor output does
    const { managedFields: _dropped, ...metadata } = obj.metadata;
    void _dropped;
    row.object = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata };
  }
  return row;
}

export function tableJson(resource: ResourceName, entries: Entry[], include: IncludeObject,
  meta: { resourceVersion: string; continue?: string; remainingItemCount?: number }, withColumns = true): string {
  const now = Date.now();
  return JSON.stringify({
    kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: meta,
    columnDefinitions: withColumns ? COLUMNS[resource] : [],
    rows: entries.map((e) => tableRow(resource, e, include, now)),
  });
}
