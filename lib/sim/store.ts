// The frugal object store: each object kept once as its JSON text plus a small index
// (namespace, name, labels, selectable fields, resourceVersion). LIST pages and watch events are
// assembled from that text; object graphs exist only while an object is being written.
import type { KubeObject } from '@/lib/podnode/types';

export type ResourceName = 'pods' | 'nodes' | 'namespaces' | 'events' | 'poddisruptionbudgets';
export const RESOURCES: readonly ResourceName[] = ['pods', 'nodes', 'namespaces', 'events', 'poddisruptionbudgets'];

export type Entry = {
  key: string;
  namespace: string;
  name: string;
  rv: number;
  labels: Record<string, string>;
  /** selectable fields: metadata.name, metadata.namespace, and per kind (pods: spec.nodeName, status.phase; events: involvedObject.*, reason, …) */
  fields: Record<string, string>;
  /** pods only: Ready and not being deleted, what the disruption controller counts as healthy
   *  (kept here so budgets can be recounted without parsing pod JSON) */
  healthy?: boolean;
  json: string;
};

function podHealthy(obj: KubeObject): boolean {
  if (obj.metadata.deletionTimestamp) return false;
  const conditions = (obj.status?.conditions as Array<{ type?: string; status?: string }> | undefined) ?? [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

export function toEntry(obj: KubeObject, rv: number): Entry {
  obj.metadata.resourceVersion = String(rv);
  const namespace = obj.metadata.namespace ?? '';
  const name = obj.metadata.name;
  const fields: Record<string, string> = { 'metadata.name': name, 'metadata.namespace': namespace };
  let healthy: boolean | undefined;
  if (obj.kind === 'Pod') {
    healthy = podHealthy(obj);
    fields['spec.nodeName'] = typeof obj.spec?.nodeName === 'string' ? obj.spec.nodeName : '';
    fields['status.phase'] = typeof obj.status?.phase === 'string' ? obj.status.phase : '';
  }
  if (obj.kind === 'Event') {
    const involved = (obj.involvedObject ?? {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(involved)) if (typeof v === 'string') fields[`involvedObject.${k}`] = v;
    for (const k of ['reason', 'reportingComponent', 'type']) if (typeof obj[k] === 'string') fields[k] = obj[k] as string;
    // the server's `source` field is the source component
    const component = (obj.source as { component?: unknown } | undefined)?.component;
    if (typeof component === 'string') fields.source = component;
  }
  const key = namespace ? `${namespace}/${name}` : name;
  const labels = { ...(obj.metadata.labels ?? {}) };
  return healthy === undefined ? { key, namespace, name, rv, labels, fields, json: JSON.stringify(obj) }
    : { key, namespace, name, rv, labels, fields, healthy, json: JSON.stringify(obj) };
}

/** The same object at a new resourceVersion without re-serializing (delete events carry the delete rv). */
export function withResourceVersion(entry: Entry, rv: number): Entry {
  return { ...entry, rv, json: entry.json.replace(`"resourceVersion":"${entry.rv}"`, `"resourceVersion":"${rv}"`) };
}

/** One resource's objects in key order (etcd's order, which paging follows). */
export class ResourceTable {
  readonly byKey = new Map<string, Entry>();
  readonly keys: string[] = [];

  constructor(readonly resource: ResourceName, readonly namespaced: boolean) {}

  get size(): number { return this.byKey.size; }

  /** index of the first key ≥ key */
  lowerBound(key: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.keys[mid] as string) < key) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  put(entry: Entry): Entry | undefined {
    const prev = this.byKey.get(entry.key);
    if (!prev) this.keys.splice(this.lowerBound(entry.key), 0, entry.key);
    this.byKey.set(entry.key, entry);
    return prev;
  }

  /** Bulk load at startup: append then sort once, instead of 150k sorted inserts. */
  load(entries: Iterable<Entry>): void {
    for (const e of entries) { if (!this.byKey.has(e.key)) this.keys.push(e.key); this.byKey.set(e.key, e); }
    this.keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  remove(key: string): Entry | undefined {
    const prev = this.byKey.get(key);
    if (!prev) return undefined;
    this.byKey.delete(key);
    const i = this.lowerBound(key);
    if (this.keys[i] === key) this.keys.splice(i, 1);
    return prev;
  }
}
